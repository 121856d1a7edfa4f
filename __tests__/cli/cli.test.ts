import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], cwd: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    env: {},
  });
  return { code, stdout, stderr };
}

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hubcap-cli-'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return dir;
}

const DOCKERFILE = 'FROM node:20 AS build\nFROM nginx\nCOPY --from=build /a /b\n';

describe('hubcap scan', () => {
  it('prints every image as JSON with paths relative to the working directory', async () => {
    const dir = await project({ 'app/Dockerfile': DOCKERFILE });
    const out = await cli(['scan', '--json'], dir);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      images: [
        {
          file: 'app/Dockerfile',
          line: 1,
          column: 6,
          kind: 'from',
          raw: 'node:20',
          normalized: 'docker.io/library/node:20',
          registry: 'docker.io',
          repository: 'library/node',
          tag: '20',
          digest: null,
          pinned: false,
        },
        {
          file: 'app/Dockerfile',
          line: 2,
          column: 6,
          kind: 'from',
          raw: 'nginx',
          normalized: 'docker.io/library/nginx',
          registry: 'docker.io',
          repository: 'library/nginx',
          tag: null,
          digest: null,
          pinned: false,
        },
      ],
      problems: [],
    });
  });

  it('prints an aligned table', async () => {
    const dir = await project({ Dockerfile: DOCKERFILE });
    const out = await cli(['scan'], dir);
    expect(out.stdout).toBe(
      [
        'FILE          KIND  AS WRITTEN  IMAGE                      PINNED',
        'Dockerfile:1  from  node:20     docker.io/library/node:20  no',
        'Dockerfile:2  from  nginx       docker.io/library/nginx    no (no tag)',
        '',
        '2 image references in 1 file',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 when the fail-on policy fails, naming each violation', async () => {
    const dir = await project({ Dockerfile: DOCKERFILE });
    const out = await cli(['scan', '--fail-on', 'latest'], dir);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(
      'fail-on latest: image references with `latest` or no tag (1):\n  Dockerfile:2 nginx\n',
    );
    expect((await cli(['scan', '--fail-on', 'unpinned'], dir)).code).toBe(1);
  });

  it('reports a file that does not parse as a problem with file and line', async () => {
    const dir = await project({ 'docker-compose.yml': 'services:\n  a:\n    image: [x\n' });
    const out = await cli(['scan', '--json'], dir);
    expect(out.code).toBe(0);
    const problems = (JSON.parse(out.stdout) as { problems: Array<{ file: string; line: number }> })
      .problems;
    expect(problems.map((p) => [p.file, p.line])).toEqual([['docker-compose.yml', 4]]);
  });

  it('exits 2 on usage errors', async () => {
    const dir = await project({});
    expect((await cli(['scan', '--bogus'], dir)).code).toBe(2);
    expect((await cli(['scan', '--fail-on', 'sometimes'], dir)).stderr).toBe(
      'hubcap scan: fail-on must be one of none, unpinned, latest, registry, got "sometimes"\n',
    );
    expect((await cli(['scan', 'missing-dir'], dir)).stderr).toBe(
      'hubcap scan: Path not found: "missing-dir"\n',
    );
    expect((await cli(['frobnicate'], dir)).code).toBe(2);
  });

  it('prints help for each command', async () => {
    const dir = await project({});
    for (const command of ['scan', 'rewrite']) {
      const out = await cli([command, '--help'], dir);
      expect(out.code).toBe(0);
      expect(out.stdout).toMatch(new RegExp(`^Usage: hubcap ${command} \\[paths\\.\\.\\.\\]`));
    }
  });
});

describe('hubcap rewrite', () => {
  it('edits files in place and prints the edits as JSON', async () => {
    const dir = await project({ Dockerfile: DOCKERFILE });
    const out = await cli(['rewrite', '--mirror', 'mirror.example.com', '--json'], dir);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      edits: [
        { file: 'Dockerfile', line: 1, from: 'node:20', to: 'mirror.example.com/library/node:20' },
        { file: 'Dockerfile', line: 2, from: 'nginx', to: 'mirror.example.com/library/nginx' },
      ],
      skipped: [],
      problems: [],
    });
    expect(await readFile(path.join(dir, 'Dockerfile'), 'utf8')).toBe(
      'FROM mirror.example.com/library/node:20 AS build\n' +
        'FROM mirror.example.com/library/nginx\nCOPY --from=build /a /b\n',
    );
    const again = await cli(['rewrite', '--mirror', 'mirror.example.com', '--json'], dir);
    expect(JSON.parse(again.stdout).edits).toEqual([]);
  });

  it('prints a unified diff and leaves files alone with --dry-run', async () => {
    const dir = await project({ Dockerfile: DOCKERFILE });
    const out = await cli(['rewrite', '--mirror', 'mirror.gcr.io', '--dry-run'], dir);
    expect(out.stdout.split('\n').slice(0, 7)).toEqual([
      '--- a/Dockerfile',
      '+++ b/Dockerfile',
      '@@ -1,3 +1,3 @@',
      '-FROM node:20 AS build',
      '-FROM nginx',
      '+FROM mirror.gcr.io/library/node:20 AS build',
      '+FROM mirror.gcr.io/library/nginx',
    ]);
    expect(await readFile(path.join(dir, 'Dockerfile'), 'utf8')).toBe(DOCKERFILE);
  });

  it('rejects a bad mirror spec with exit 2 and names the value', async () => {
    const dir = await project({ Dockerfile: DOCKERFILE });
    const out = await cli(['rewrite', '--mirror', 'harbor:'], dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('"harbor:"');
    expect((await cli(['rewrite'], dir)).code).toBe(2);
  });
});

describe('which files are read', () => {
  it('reads a Dockerfile named any way when asked for, and reports what it cannot read', async () => {
    const dir = await project({
      'Dockerfile-prod': 'FROM node:20\n',
      'notes.txt': 'FROM nginx\n',
    });
    const out = await cli(['scan', 'Dockerfile-prod', 'notes.txt', '--json'], dir);
    const json = JSON.parse(out.stdout) as {
      images: Array<{ file: string; raw: string }>;
      problems: Array<{ file: string; line: number; message: string }>;
    };
    expect(json.images.map((i) => [i.file, i.raw])).toEqual([['Dockerfile-prod', 'node:20']]);
    expect(json.problems.map((p) => [p.file, p.line])).toEqual([['notes.txt', 1]]);
    expect(json.problems[0]?.message).toMatch(/^not a file kind hubcap reads/);
  });

  it('matches a glob without a slash at any depth, for --files and --exclude-files', async () => {
    const dir = await project({
      'k8s/app.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: nginx:1\n',
      'deploy/Dockerfile': 'FROM node:20\n',
    });
    const excluded = await cli(['scan', '--exclude-files', '*.yaml', '--json'], dir);
    const files = (text: string): string[] =>
      (JSON.parse(text) as { images: Array<{ file: string }> }).images.map((i) => i.file);
    expect(files(excluded.stdout)).toEqual(['deploy/Dockerfile']);
    const only = await cli(['scan', '--files', '*.yaml', '--json'], dir);
    expect(files(only.stdout)).toEqual(['k8s/app.yaml']);
  });
});
