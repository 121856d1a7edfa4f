import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/rewrite/apply.js';
import { planPins } from '../../src/rewrite/plan.js';
import {
  bugCase,
  D0,
  DF,
  expectStable,
  parts,
  refs,
  rewrites,
  runCase,
  runOnFile,
  runPinJob,
  skips,
  type FileRun,
} from './harness.js';

/** Pins the first run's occurrences (scanned from the input) with `digests`, by normalized. */
function pinned(run: FileRun, digests: Record<string, string>): string {
  const file = run.first.scan.files[0];
  if (file === undefined) throw new Error('nothing was scanned');
  const edits = planPins(
    run.first.scan.occurrences,
    new Map(Object.entries(digests)),
    new Map([[file.path, run.before]]),
  );
  return applyEdits(run.before, edits);
}

describe('case-04: a registry host with a port', () => {
  it('keeps the port in the registry, never a tag, and skips both as not Docker Hub', async () => {
    const c = await bugCase('case-04');
    const run = await runCase(c);
    expect(refs(run.first)).toEqual([
      [10, 'kubernetes', 'registry.example.com:443/team/app'],
      [12, 'kubernetes', 'localhost:5000/tools/proxy:1.2'],
    ]);
    const [app, proxy] = run.first.scan.occurrences;
    expect(parts(app)).toEqual({
      registry: 'registry.example.com:443',
      repository: 'team/app',
      tag: undefined,
      digest: undefined,
      normalized: 'registry.example.com:443/team/app',
      isDockerHub: false,
      pinned: false,
    });
    expect(parts(proxy)).toEqual({
      registry: 'localhost:5000',
      repository: 'tools/proxy',
      tag: '1.2',
      digest: undefined,
      normalized: 'localhost:5000/tools/proxy:1.2',
      isDockerHub: false,
      pinned: false,
    });
    expect(skips(run.first)).toEqual([
      [10, 'registry.example.com:443/team/app', 'not Docker Hub'],
      [12, 'localhost:5000/tools/proxy:1.2', 'not Docker Hub'],
    ]);
    expect(run.first.edits).toEqual([]);
    expect(run.after).toBe(c.input);
    expectStable(run);
  });

  it('puts a digest pin after the whole path, port included', async () => {
    const c = await bugCase('case-04');
    const run = await runCase(c);
    const after = pinned(run, {
      'registry.example.com:443/team/app': D0,
      'localhost:5000/tools/proxy:1.2': DF,
    });
    const lines = after.split('\n');
    expect(lines[9]).toBe(`          image: registry.example.com:443/team/app@${D0}`);
    expect(lines[11]).toBe(`          image: localhost:5000/tools/proxy:1.2@${DF}`);
    expect(after).toBe(
      c.input.replace('team/app\n', `team/app@${D0}\n`).replace('proxy:1.2\n', `proxy:1.2@${DF}\n`),
    );
  });

  it('is pinned after the whole path by the main job in pin mode', async () => {
    const c = await bugCase('case-04');
    const run = await runPinJob(c.file_name, c.input, {
      'registry.example.com:443/team/app': D0,
    });
    // The first run asks for both; the second only for the one still unpinned.
    expect(run.asked).toEqual([
      'registry.example.com:443/team/app',
      'localhost:5000/tools/proxy:1.2',
      'localhost:5000/tools/proxy:1.2',
    ]);
    expect(run.after).toBe(c.input.replace('team/app\n', `team/app@${D0}\n`));
    expect(run.first.unpinned.map((f) => f.occurrence.line)).toEqual([12]);
    expect(run.afterSecond).toBe(run.after);
  });

  it('reads a host:port registry the same way in every file kind', async () => {
    const files: Array<[string, string]> = [
      ['Dockerfile', 'FROM host.example.com:5000/x/y AS a\n'],
      ['Dockerfile', 'FROM scratch\nCOPY --from=host.example.com:5000/z:1 /a /a\n'],
      ['compose.yaml', 'services:\n  a:\n    image: localhost:5000/x\n'],
      [
        '.github/workflows/ci.yml',
        'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n' +
          '      - uses: docker://h.example.com:443/x:2\n',
      ],
      ['.gitlab-ci.yml', 'image: h.example.com:8443/g/x:3\n'],
      ['.devcontainer/devcontainer.json', '{"image": "localhost:5000/dev:1"}\n'],
      ['values.yaml', 'image:\n  registry: h.example.com:5000\n  repository: r\n'],
      [
        'pod.yaml',
        'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: "[::1]:5000/x:1"\n',
      ],
    ];
    const seen: Array<[string, string, string | undefined]> = [];
    for (const [name, text] of files) {
      const run = await runOnFile(name, text);
      expect([name, run.after]).toEqual([name, text]);
      expectStable(run);
      for (const o of run.first.scan.occurrences) {
        seen.push([o.ref.registry, o.ref.repository, o.ref.tag]);
      }
    }
    expect(seen).toEqual([
      ['host.example.com:5000', 'x/y', undefined],
      ['host.example.com:5000', 'z', '1'],
      ['localhost:5000', 'x', undefined],
      ['h.example.com:443', 'x', '2'],
      ['h.example.com:8443', 'g/x', '3'],
      ['localhost:5000', 'dev', '1'],
      ['h.example.com:5000', 'r', undefined],
      ['[::1]:5000', 'x', '1'],
    ]);
  });
});

describe('case-05: a first path component without . or :', () => {
  it('is a Docker Hub namespace; localhost and dotted hosts are registries', async () => {
    const run = await runCase(await bugCase('case-05'));
    const [shelf, local, other] = run.first.scan.occurrences.map(parts);
    expect([shelf?.registry, shelf?.repository, shelf?.tag, shelf?.isDockerHub]).toEqual([
      'docker.io',
      'shelf/acme/app',
      '1.0',
      true,
    ]);
    expect([local?.registry, local?.repository, local?.isDockerHub]).toEqual([
      'localhost',
      'acme/app',
      false,
    ]);
    expect([other?.registry, other?.repository, other?.isDockerHub]).toEqual([
      'registry.example.com',
      'acme/app',
      false,
    ]);
    expect(skips(run.first)).toEqual([
      [2, 'localhost/acme/app:1.0', 'not Docker Hub'],
      [3, 'registry.example.com/acme/app:1.0', 'not Docker Hub'],
    ]);
    expect(run.after).toBe(
      'FROM mirror.example.com/shelf/acme/app:1.0\n' +
        'FROM localhost/acme/app:1.0\n' +
        'FROM registry.example.com/acme/app:1.0\n',
    );
    expectStable(run);
  });

  it('reads a dotted, ported or uppercase first component as a host, else Hub', async () => {
    const run = await runOnFile(
      'Dockerfile',
      'FROM my_org/app:1\nFROM my-org.io/app:1\nFROM MyHost/app:1\nFROM host:80/app\n' +
        'FROM docker.io/org/app:1\nFROM index.docker.io/library/app:1\n',
    );
    expect(run.first.scan.occurrences.map((o) => [o.ref.registry, o.ref.repository])).toEqual([
      ['docker.io', 'my_org/app'],
      ['my-org.io', 'app'],
      ['MyHost', 'app'],
      ['host:80', 'app'],
      ['docker.io', 'org/app'],
      ['docker.io', 'library/app'],
    ]);
    expect(run.after).toBe(
      'FROM mirror.example.com/my_org/app:1\nFROM my-org.io/app:1\nFROM MyHost/app:1\n' +
        'FROM host:80/app\nFROM mirror.example.com/org/app:1\n' +
        'FROM mirror.example.com/library/app:1\n',
    );
    expectStable(run);
  });
});

describe('case-06: tag and digest together, and digest only', () => {
  it('parses both, keeps the digests through the rewrite, and has nothing to pin', async () => {
    const run = await runCase(await bugCase('case-06'));
    const [lang, tool] = run.first.scan.occurrences.map(parts);
    expect(lang).toEqual({
      registry: 'docker.io',
      repository: 'library/lang',
      tag: '2.5',
      digest: D0,
      normalized: `docker.io/library/lang:2.5@${D0}`,
      isDockerHub: true,
      pinned: true,
    });
    expect(tool).toEqual({
      registry: 'docker.io',
      repository: 'acme/tool',
      tag: undefined,
      digest: DF,
      normalized: `docker.io/acme/tool@${DF}`,
      isDockerHub: true,
      pinned: true,
    });
    expect(run.after).toBe(
      `FROM mirror.example.com/library/lang:2.5@${D0}\n` +
        `FROM mirror.example.com/acme/tool@${DF}\n`,
    );
    expect(run.first.unpinned).toEqual([]);
    expect(pinned(run, { [lang?.normalized ?? '']: DF, [tool?.normalized ?? '']: D0 })).toBe(
      run.before,
    );
    expect(rewrites(run.first).map(([line]) => line)).toEqual([1, 2]);
    expectStable(run);
    const pinRun = await runPinJob('Dockerfile', run.before, {});
    expect([pinRun.asked, pinRun.first.changes, pinRun.after]).toEqual([[], [], run.before]);
  });
});
