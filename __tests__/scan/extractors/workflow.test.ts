import { describe, expect, it } from 'vitest';
import { extractWorkflow } from '../../../src/scan/extractors/workflow.js';
import { bugCase } from './bug-case.js';
import { found } from './found.js';

const FILE = '.github/workflows/ci.yml';
const run = (text: string) => extractWorkflow(text, FILE);

describe('extractWorkflow', () => {
  it('case-13: uses: docker:// as the first key of a step, span after the scheme', async () => {
    const c = await bugCase('case-13');
    const result = extractWorkflow(c.input, c.file_name);
    expect(result.problems).toEqual([]);
    const expected = (line: number, column: number) => ({
      line,
      column,
      kind: 'workflow-uses',
      raw: 'acme/linter:42.32.0',
      image: 'acme/linter:42.32.0',
      normalized: 'docker.io/acme/linter:42.32.0',
      name: 'acme/linter',
    });
    expect(found(c.input, c.file_name, result)).toEqual([expected(8, 24), expected(9, 24)]);
  });

  it('reads job containers (string or map) and service images', () => {
    const text = [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    container: node:20-bookworm',
      '    services:',
      '      db:',
      "        image: 'postgres:16'",
      '        ports: ["5432:5432"]',
      '      cache:',
      '        image: redis',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: "docker://ghcr.io/acme/tool:1"',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    container:',
      '      image: ghcr.io/acme/ci:2',
      '      options: --cpus 1',
      '',
    ].join('\n');
    const result = run(text);
    expect(result.problems).toEqual([]);
    expect(found(text, FILE, result)).toEqual([
      {
        line: 5,
        column: 16,
        kind: 'workflow-container',
        raw: 'node:20-bookworm',
        image: 'node:20-bookworm',
        normalized: 'docker.io/library/node:20-bookworm',
        name: 'node',
      },
      {
        line: 8,
        column: 17,
        kind: 'workflow-service',
        raw: 'postgres:16',
        image: 'postgres:16',
        normalized: 'docker.io/library/postgres:16',
        name: 'postgres',
      },
      {
        line: 11,
        column: 16,
        kind: 'workflow-service',
        raw: 'redis',
        image: 'redis',
        normalized: 'docker.io/library/redis',
        name: 'redis',
      },
      {
        line: 14,
        column: 25,
        kind: 'workflow-uses',
        raw: 'ghcr.io/acme/tool:1',
        image: 'ghcr.io/acme/tool:1',
        normalized: 'ghcr.io/acme/tool:1',
        name: 'ghcr.io/acme/tool',
      },
      {
        line: 18,
        column: 14,
        kind: 'workflow-container',
        raw: 'ghcr.io/acme/ci:2',
        image: 'ghcr.io/acme/ci:2',
        normalized: 'ghcr.io/acme/ci:2',
        name: 'ghcr.io/acme/ci',
      },
    ]);
  });

  it('passes over values with expressions without a problem', () => {
    const text = [
      'jobs:',
      '  a:',
      '    container: ${{ matrix.image }}',
      '    services:',
      '      db:',
      '        image: postgres:${{ matrix.pg }}',
      '    steps:',
      '      - uses: docker://${{ env.TOOL }}',
      '  b:',
      '    container:',
      '      image: ${{ needs.setup.outputs.image }}',
      '',
    ].join('\n');
    expect(run(text)).toEqual({ occurrences: [], problems: [] });
  });

  it('reports an invalid docker:// reference at the reference', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: docker://Acme/Tool\n';
    expect(run(text).problems).toEqual([
      {
        file: FILE,
        line: 4,
        column: 24,
        message: 'invalid image reference "Acme/Tool": repository name must be lowercase',
      },
    ]);
  });

  it('keeps offsets right with a BOM and CRLF line ends', () => {
    const text = '\uFEFFjobs:\r\n  a:\r\n    steps:\r\n      - uses: docker://alpine:3\r\n';
    expect(found(text, FILE, run(text)).map((f) => [f.line, f.column, f.raw])).toEqual([
      [4, 24, 'alpine:3'],
    ]);
  });

  it('gives one problem and no occurrences for a YAML syntax error', () => {
    const text = 'jobs:\n  a:\n    container: alpine:3\n    steps: [\n';
    const result = run(text);
    expect(result.occurrences).toEqual([]);
    expect(result.problems.map((p) => [p.file, p.line])).toEqual([[FILE, 5]]);
  });
});
