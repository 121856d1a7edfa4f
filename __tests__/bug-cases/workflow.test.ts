import { describe, expect, it } from 'vitest';
import { bugCase, expectStable, refs, runCase, runOnFile, skips } from './harness.js';

describe('case-13: uses: docker://… as the first key of a step', () => {
  it('is found whether or not it follows the list marker, and keeps docker://', async () => {
    const run = await runCase(await bugCase('case-13'));
    expect(refs(run.first)).toEqual([
      [8, 'workflow-uses', 'acme/linter:42.32.0'],
      [9, 'workflow-uses', 'acme/linter:42.32.0'],
    ]);
    expect(run.after).toBe(
      [
        'name: ci',
        'on: push',
        'jobs:',
        '  lint:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - name: first',
        '        uses: docker://mirror.example.com/acme/linter:42.32.0',
        '      - uses: docker://mirror.example.com/acme/linter:42.32.0',
        '        name: second',
        '',
      ].join('\n'),
    );
    expectStable(run);
  });

  it('accepts quotes, flow steps, extra spaces; leaves actions and other hosts', async () => {
    const text = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    container: node:20',
      '    services:',
      '      db:',
      '        image: postgres:16',
      '    steps:',
      "      - uses: 'docker://acme/q:1'",
      '      - {uses: "docker://acme/r:2"}',
      '      -   uses:   docker://localhost:5000/s:3',
      '      - uses: actions/checkout@v4',
      '      -',
      '        uses: docker://t:4',
      '  b:',
      '    runs-on: ubuntu-latest',
      '    container:',
      '      image: acme/c:1',
      '',
    ].join('\n');
    const run = await runOnFile('.github/workflows/build.yaml', text);
    expect(refs(run.first)).toEqual([
      [5, 'workflow-container', 'node:20'],
      [8, 'workflow-service', 'postgres:16'],
      [10, 'workflow-uses', 'acme/q:1'],
      [11, 'workflow-uses', 'acme/r:2'],
      [12, 'workflow-uses', 'localhost:5000/s:3'],
      [15, 'workflow-uses', 't:4'],
      [19, 'workflow-container', 'acme/c:1'],
    ]);
    expect(skips(run.first)).toEqual([[12, 'localhost:5000/s:3', 'not Docker Hub']]);
    expect(run.after).toBe(
      text
        .replace('container: node:20', 'container: mirror.example.com/library/node:20')
        .replace('image: postgres:16', 'image: mirror.example.com/library/postgres:16')
        .replace('docker://acme/q:1', 'docker://mirror.example.com/acme/q:1')
        .replace('docker://acme/r:2', 'docker://mirror.example.com/acme/r:2')
        .replace('docker://t:4', 'docker://mirror.example.com/library/t:4')
        .replace('image: acme/c:1', 'image: mirror.example.com/acme/c:1'),
    );
    expectStable(run);
  });
});
