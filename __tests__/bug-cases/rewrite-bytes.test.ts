import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/rewrite/apply.js';
import { parseMirror } from '../../src/rewrite/mirror.js';
import { planPins, planRewrite } from '../../src/rewrite/plan.js';
import {
  bugCase,
  D0,
  DF,
  expectStable,
  MIRROR,
  refs,
  rewrites,
  runCase,
  runOnFile,
  runPinJob,
  skips,
  type FileRun,
} from './harness.js';

/** The scanned input's occurrences and text, as the main job read them. */
function scanned(run: FileRun) {
  const file = run.first.scan.files[0];
  if (file === undefined) throw new Error('nothing was scanned');
  return { occurrences: file.occurrences, texts: new Map([[file.path, file.text]]) };
}

/** Pins the input with `digests` (by normalized reference), optionally also rewriting. */
function pin(run: FileRun, digests: Record<string, string>, rewrite: boolean): string {
  const { occurrences, texts } = scanned(run);
  const pins = planPins(occurrences, new Map(Object.entries(digests)), texts);
  const mirrored = rewrite
    ? planRewrite(occurrences, { mirrors: [parseMirror(MIRROR)], rules: [], exclude: [], texts })
        .edits
    : [];
  return applyEdits(run.before, [...pins, ...mirrored]);
}

describe('case-07: FROM --platform', () => {
  it('never takes the flag for the image', async () => {
    const run = await runCase(await bugCase('case-07'));
    expect(refs(run.first)).toEqual([
      [1, 'from', 'toolchain:1.23.8-bookworm'],
      [3, 'from', 'acme/runtime:latest'],
    ]);
    expect(run.first.scan.occurrences.map((o) => [o.column, o.raw])).toEqual([
      [29, 'toolchain:1.23.8-bookworm'],
      [32, 'acme/runtime:latest'],
    ]);
    expect(run.after).toBe(
      'FROM --platform=linux/amd64 ' +
        'mirror.example.com/library/toolchain:1.23.8-bookworm AS build\n' +
        'RUN make\n' +
        'FROM --platform=$BUILDPLATFORM mirror.example.com/acme/runtime:latest\n',
    );
    expectStable(run);
  });

  it('keeps flags, quotes, keyword case and CRLF around the rewritten name', async () => {
    const run = await runOnFile(
      'Dockerfile',
      'from   --platform=$TARGETPLATFORM   "acme/a:1"   as   one\r\n' +
        'FROM --platform=linux/arm64/v8 b:2\r\n' +
        'COPY --from=acme/c:3 --chmod=644 /x /x\r\n',
    );
    expect(refs(run.first)).toEqual([
      [1, 'from', 'acme/a:1'],
      [2, 'from', 'b:2'],
      [3, 'copy-from', 'acme/c:3'],
    ]);
    expect(run.after).toBe(
      'from   --platform=$TARGETPLATFORM   "mirror.example.com/acme/a:1"   as   one\r\n' +
        'FROM --platform=linux/arm64/v8 mirror.example.com/library/b:2\r\n' +
        'COPY --from=mirror.example.com/acme/c:3 --chmod=644 /x /x\r\n',
    );
    expectStable(run);
  });
});

describe('case-08: several references in one file', () => {
  const digests = { 'docker.io/acme/base:1.0': D0, 'docker.io/library/runtime:2.0': DF };

  it('lands every pin, the first one not shifting the second', async () => {
    const run = await runCase(await bugCase('case-08'));
    expect(refs(run.first)).toEqual([
      [1, 'from', 'acme/base:1.0'],
      [3, 'from', 'runtime:2.0'],
    ]);
    expect(pin(run, digests, false)).toBe(
      `FROM acme/base:1.0@${D0} AS build\nRUN make\nFROM runtime:2.0@${DF}\n`,
    );
  });

  it('lands every edit when rewriting and pinning together', async () => {
    const run = await runCase(await bugCase('case-08'));
    expect(pin(run, digests, true)).toBe(
      `FROM mirror.example.com/acme/base:1.0@${D0} AS build\n` +
        'RUN make\n' +
        `FROM mirror.example.com/library/runtime:2.0@${DF}\n`,
    );
  });

  it('lands every pin of the main job in pin mode, with and without the rewrite', async () => {
    const c = await bugCase('case-08');
    const pinOnly = await runPinJob(c.file_name, c.input, digests);
    expect(pinOnly.first.pins.map((p) => [p.line, p.ref, p.digest])).toEqual([
      [1, 'acme/base:1.0', D0],
      [3, 'runtime:2.0', DF],
    ]);
    expect(pinOnly.after).toBe(
      `FROM acme/base:1.0@${D0} AS build\nRUN make\nFROM runtime:2.0@${DF}\n`,
    );
    expect(pinOnly.first.unpinned).toEqual([]);
    expect(pinOnly.first.problems).toEqual([]);
    expect([pinOnly.second.changes, pinOnly.second.pins]).toEqual([[], []]);
    expect(pinOnly.afterSecond).toBe(pinOnly.after);

    const both = await runPinJob(c.file_name, c.input, digests, MIRROR);
    expect(both.after).toBe(
      `FROM mirror.example.com/acme/base:1.0@${D0} AS build\n` +
        'RUN make\n' +
        `FROM mirror.example.com/library/runtime:2.0@${DF}\n`,
    );
    expect(both.first.problems).toEqual([]);
    expect([both.second.changes, both.second.pins]).toEqual([[], []]);
    expect(both.afterSecond).toBe(both.after);
  });

  it('lands every rewrite of the main job, and the pinned output pins nothing again', async () => {
    const run = await runCase(await bugCase('case-08'));
    expect(rewrites(run.first)).toEqual([
      [1, 'acme/base:1.0', 'mirror.example.com/acme/base:1.0'],
      [3, 'runtime:2.0', 'mirror.example.com/library/runtime:2.0'],
    ]);
    expect(run.after).toBe(
      'FROM mirror.example.com/acme/base:1.0 AS build\nRUN make\n' +
        'FROM mirror.example.com/library/runtime:2.0\n',
    );
    expectStable(run);
    const again = await runOnFile('Dockerfile', pin(run, digests, true));
    expect(again.first.unpinned).toEqual([]);
    expect(again.first.edits).toEqual([]);
    expect(skips(again.first).map(([, , reason]) => reason)).toEqual([
      'already on the mirror',
      'already on the mirror',
    ]);
  });

  it('lands edits of different lengths on one line and across an ARG default', async () => {
    const run = await runOnFile(
      'compose.yaml',
      'services: {a: {image: x:1}, b: {image: "acme/yy:2"}, c: {image: zzz}}\n',
    );
    expect(run.after).toBe(
      'services: {a: {image: mirror.example.com/library/x:1}, ' +
        'b: {image: "mirror.example.com/acme/yy:2"}, c: {image: mirror.example.com/library/zzz}}\n',
    );
    expectStable(run);
    const pinnedCompose = pin(
      run,
      {
        'docker.io/library/x:1': D0,
        'docker.io/acme/yy:2': DF,
        'docker.io/library/zzz': D0,
      },
      true,
    );
    expect(pinnedCompose).toBe(
      `services: {a: {image: mirror.example.com/library/x:1@${D0}}, ` +
        `b: {image: "mirror.example.com/acme/yy:2@${DF}"}, ` +
        `c: {image: mirror.example.com/library/zzz@${D0}}}\n`,
    );

    const argRun = await runOnFile('Dockerfile', 'ARG BASE=acme/base:1\nFROM ${BASE}\nFROM c:2\n');
    expect(pin(argRun, { 'docker.io/acme/base:1': D0, 'docker.io/library/c:2': DF }, true)).toBe(
      `ARG BASE=mirror.example.com/acme/base:1@${D0}\n` +
        'FROM ${BASE}\n' +
        `FROM mirror.example.com/library/c:2@${DF}\n`,
    );
  });
});

describe('case-09: a reference already on the mirror', () => {
  it('is left alone and never prefixed twice; a second run changes 0 bytes', async () => {
    const c = await bugCase('case-09');
    const run = await runCase(c);
    expect(refs(run.first)).toEqual([
      [8, 'kubernetes', 'mirror.example.com/library/web:1.25'],
      [10, 'kubernetes', 'proxy:1.9'],
    ]);
    expect(skips(run.first)).toEqual([
      [8, 'mirror.example.com/library/web:1.25', 'already on the mirror'],
    ]);
    expect(run.after).toBe(
      c.input.replace('image: proxy:1.9', 'image: mirror.example.com/library/proxy:1.9'),
    );
    expect(run.after.split('\n')[9]).toBe('      image: mirror.example.com/library/proxy:1.9');
    expect(skips(run.second)).toEqual([
      [8, 'mirror.example.com/library/web:1.25', 'already on the mirror'],
      [10, 'mirror.example.com/library/proxy:1.9', 'already on the mirror'],
    ]);
    expect(run.after).not.toMatch(/mirror\.example\.com\/(library\/)?mirror\.example\.com/);
    expectStable(run);
  });

  it('holds for mirror presets and prefixes with a path', async () => {
    const text = 'services:\n  a:\n    image: nginx:1\n  b:\n    image: acme/app\n';
    const expected: Array<[string, string, string]> = [
      ['mirror.gcr.io', 'mirror.gcr.io/library/nginx:1', 'mirror.gcr.io/acme/app'],
      [
        'harbor:harbor.example.com/hub',
        'harbor.example.com/hub/library/nginx:1',
        'harbor.example.com/hub/acme/app',
      ],
      [
        'mirror.example.com:5000/dockerhub',
        'mirror.example.com:5000/dockerhub/library/nginx:1',
        'mirror.example.com:5000/dockerhub/acme/app',
      ],
    ];
    for (const [mirror, nginx, app] of expected) {
      const run = await runOnFile('compose.yaml', text, mirror);
      expect([mirror, run.after]).toEqual([
        mirror,
        `services:\n  a:\n    image: ${nginx}\n  b:\n    image: ${app}\n`,
      ]);
      expectStable(run);
      expect(skips(run.second).map(([, , reason]) => reason)).toEqual([
        'already on the mirror',
        'already on the mirror',
      ]);
    }
  });
});
