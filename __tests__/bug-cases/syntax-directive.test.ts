import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/rewrite/apply.js';
import { parseMirror } from '../../src/rewrite/mirror.js';
import { planPins, planRewrite } from '../../src/rewrite/plan.js';
import { mainSummary } from '../../src/report/summary.js';
import {
  D0,
  DF,
  expectStable,
  MIRROR,
  refs,
  rewrites,
  runOnFile,
  runPinJob,
  skips,
} from './harness.js';

const DOCKERFILE = '# syntax=docker/dockerfile:1\nFROM node:20\n';

describe('the # syntax= frontend image (issue 6, item 2)', () => {
  it('is an occurrence of its own kind, rewritten to the mirror like any Hub image', async () => {
    const run = await runOnFile('Dockerfile', DOCKERFILE);
    expect(refs(run.first)).toEqual([
      [1, 'syntax', 'docker/dockerfile:1'],
      [2, 'from', 'node:20'],
    ]);
    const [syntax] = run.first.scan.occurrences;
    expect([syntax?.column, syntax?.raw, syntax?.ref.normalized]).toEqual([
      10,
      'docker/dockerfile:1',
      'docker.io/docker/dockerfile:1',
    ]);
    expect(rewrites(run.first)).toEqual([
      [1, 'docker/dockerfile:1', 'mirror.example.com/docker/dockerfile:1'],
      [2, 'node:20', 'mirror.example.com/library/node:20'],
    ]);
    expect(run.after).toBe(
      '# syntax=mirror.example.com/docker/dockerfile:1\nFROM mirror.example.com/library/node:20\n',
    );
    expect(skips(run.second)).toEqual([
      [1, 'mirror.example.com/docker/dockerfile:1', 'already on the mirror'],
      [2, 'mirror.example.com/library/node:20', 'already on the mirror'],
    ]);
    expectStable(run);
  });

  it('is pinned in pin mode, alone or together with the rewrite', async () => {
    const run = await runOnFile('Dockerfile', DOCKERFILE);
    const file = run.first.scan.files[0];
    const texts = new Map([['Dockerfile', file?.text ?? '']]);
    const occurrences = run.first.scan.occurrences;
    const digests = new Map([
      ['docker.io/docker/dockerfile:1', D0],
      ['docker.io/library/node:20', DF],
    ]);
    const pins = planPins(occurrences, digests, texts);
    expect(pins.map((e) => [e.line, e.occurrence.kind, e.to])).toEqual([
      [1, 'syntax', `@${D0}`],
      [2, 'from', `@${DF}`],
    ]);
    expect(applyEdits(DOCKERFILE, pins)).toBe(
      `# syntax=docker/dockerfile:1@${D0}\nFROM node:20@${DF}\n`,
    );
    const mirrored = planRewrite(occurrences, {
      mirrors: [parseMirror(MIRROR)],
      rules: [],
      exclude: [],
      texts,
    });
    expect(applyEdits(DOCKERFILE, [...pins, ...mirrored.edits])).toBe(
      `# syntax=mirror.example.com/docker/dockerfile:1@${D0}\n` +
        `FROM mirror.example.com/library/node:20@${DF}\n`,
    );
    const job = await runPinJob('Dockerfile', DOCKERFILE, Object.fromEntries(digests), MIRROR);
    expect(job.first.pins.map((p) => [p.line, p.ref])).toEqual([
      [1, 'docker/dockerfile:1'],
      [2, 'node:20'],
    ]);
    expect(job.after).toBe(
      `# syntax=mirror.example.com/docker/dockerfile:1@${D0}\n` +
        `FROM mirror.example.com/library/node:20@${DF}\n`,
    );
    const pinnedRun = await runOnFile('Dockerfile', applyEdits(DOCKERFILE, pins));
    expect(pinnedRun.first.unpinned).toEqual([]);
    expect(planPins(pinnedRun.first.scan.occurrences, digests, texts)).toEqual([]);
  });

  it('is listed in the job summary, rewritten and unpinned', async () => {
    const run = await runOnFile('Dockerfile', DOCKERFILE);
    expect(mainSummary(run.first, [MIRROR], true)).toBe(
      [
        '## hubcap: image references',
        '',
        'Scanned 1 file: 2 image references, 2 on Docker Hub.',
        '',
        '### Rewritten to `mirror.example.com` (2)',
        '',
        '| Where | From | To |',
        '| --- | --- | --- |',
        '| `Dockerfile:1` | `docker/dockerfile:1` | `mirror.example.com/docker/dockerfile:1` |',
        '| `Dockerfile:2` | `node:20` | `mirror.example.com/library/node:20` |',
        '',
        '### Unpinned (2)',
        '',
        '| Where | Reference | Why |',
        '| --- | --- | --- |',
        '| `Dockerfile:1` | `docker/dockerfile:1` | tag without digest |',
        '| `Dockerfile:2` | `node:20` | tag without digest |',
        '',
      ].join('\n'),
    );
  });

  it('is read where BuildKit reads it: after a BOM or a shebang, spaced, with CRLF', async () => {
    const text =
      '\ufeff#!/usr/bin/env buildctl\r\n# SYNTAX = docker/dockerfile:1.7-labs  extra=1\r\n' +
      '# escape=\\\r\nFROM scratch\r\n';
    const run = await runOnFile('app.Dockerfile', text);
    expect(refs(run.first)).toEqual([[2, 'syntax', 'docker/dockerfile:1.7-labs']]);
    expect(run.after).toBe(
      text.replace('= docker/dockerfile', '= mirror.example.com/docker/dockerfile'),
    );
    expectStable(run);
  });

  it('is not a directive after an empty line, a comment or an instruction', async () => {
    for (const text of [
      '\n# syntax=docker/dockerfile:1\nFROM scratch\n',
      '# hello\n# syntax=docker/dockerfile:1\nFROM scratch\n',
      'FROM scratch\n# syntax=docker/dockerfile:1\n',
    ]) {
      const run = await runOnFile('Dockerfile', text);
      expect([text, refs(run.first), run.after]).toEqual([text, [], text]);
    }
  });

  it('is skipped on another registry; pinned, it keeps its digest', async () => {
    const text = `# syntax=docker/dockerfile:1@${D0}\nFROM scratch\n`;
    const run = await runOnFile('Dockerfile', text);
    expect(run.first.unpinned).toEqual([]);
    expect(run.after).toBe(`# syntax=mirror.example.com/docker/dockerfile:1@${D0}\nFROM scratch\n`);
    expectStable(run);
    const other = await runOnFile('Dockerfile', '# syntax=ghcr.io/acme/frontend:2\nFROM scratch\n');
    expect(skips(other.first)).toEqual([[1, 'ghcr.io/acme/frontend:2', 'not Docker Hub']]);
    expect(other.after).toBe('# syntax=ghcr.io/acme/frontend:2\nFROM scratch\n');
  });
});
