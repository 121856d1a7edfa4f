import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/corpus.js';
import { prepareRunner, runBundled, type ActionRun } from '../support/action-runner.js';

const EXAMPLES = path.join(ROOT, 'examples');

/** The original example file with each [from, to] replaced once, in order. */
async function edited(file: string, pairs: Array<[string, string]>): Promise<string> {
  let text = await readFile(path.join(EXAMPLES, file), 'utf8');
  for (const [from, to] of pairs) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  return text;
}

const read = (run: ActionRun, file: string): Promise<string> =>
  readFile(path.join(run.workspace, file), 'utf8');

describe('bundled main step on a copy of examples/', () => {
  let run: ActionRun;
  beforeAll(async () => {
    const runner = await prepareRunner(EXAMPLES);
    run = await runBundled('dist/main.js', runner, {
      mirror: 'mirror.gcr.io',
      rewrite: 'true',
      'fail-on': 'latest',
      quota: 'false',
    });
  });

  it('rewrites every Docker Hub reference in place, byte for byte', async () => {
    const m = 'mirror.gcr.io/library/';
    expect(await read(run, 'Dockerfile')).toBe(
      await edited('Dockerfile', [
        ['# syntax=docker/dockerfile:1', '# syntax=mirror.gcr.io/docker/dockerfile:1'],
        ['FROM node:${NODE_VERSION}', `FROM ${m}node:\${NODE_VERSION}`],
        ['--from=busybox:1.36', `--from=${m}busybox:1.36`],
      ]),
    );
    expect(await read(run, 'docker-compose.yml')).toBe(
      await edited('docker-compose.yml', [
        ['image: postgres:16', `image: ${m}postgres:16`],
        ['image: "redis:7-alpine"', `image: "${m}redis:7-alpine"`],
      ]),
    );
    expect(await read(run, 'k8s/deployment.yaml')).toBe(
      await edited('k8s/deployment.yaml', [
        ['image: busybox:1.36', `image: ${m}busybox:1.36`],
        ['image: nginx:1.27-alpine', `image: ${m}nginx:1.27-alpine`],
        ['image: postgres:16', `image: ${m}postgres:16`],
      ]),
    );
    expect(await read(run, 'chart/values.yaml')).toBe(
      await edited('chart/values.yaml', [
        ['registry: docker.io', 'registry: mirror.gcr.io'],
        ['image: prom/statsd-exporter', 'image: mirror.gcr.io/prom/statsd-exporter'],
        ['repository: redis', `repository: ${m}redis`],
      ]),
    );
    expect(await read(run, '.github/workflows/ci.yml')).toBe(
      await edited('.github/workflows/ci.yml', [
        ['container: node:20', `container: ${m}node:20`],
        ['image: postgres:16', `image: ${m}postgres:16`],
        ['image: redis:latest', `image: ${m}redis:latest`],
        ['docker://hadolint', 'docker://mirror.gcr.io/hadolint'],
      ]),
    );
    expect(await read(run, '.devcontainer/devcontainer.json')).toBe(
      await edited('.devcontainer/devcontainer.json', []),
    );
  });

  it('sets the outputs as JSON', () => {
    expect(JSON.parse(run.outputs['rewritten-files'] ?? '')).toEqual([
      '.github/workflows/ci.yml',
      'Dockerfile',
      'chart/values.yaml',
      'docker-compose.yml',
      'k8s/deployment.yaml',
    ]);
    const images = JSON.parse(run.outputs['images'] ?? '') as Array<Record<string, unknown>>;
    expect(images).toHaveLength(19);
    expect(images.find((i) => i['file'] === 'Dockerfile' && i['line'] === 6)).toEqual({
      file: 'Dockerfile',
      line: 6,
      column: 6,
      kind: 'from',
      raw: 'node:${NODE_VERSION}-bookworm',
      normalized: 'docker.io/library/node:20-bookworm',
      registry: 'docker.io',
      repository: 'library/node',
      tag: '20-bookworm',
      digest: null,
      pinned: false,
    });
    const unpinned = JSON.parse(run.outputs['unpinned'] ?? '') as Array<Record<string, unknown>>;
    expect(unpinned).toHaveLength(18);
    expect(
      unpinned.filter((u) => u['reason'] !== 'tag').map((u) => [u['raw'], u['reason']]),
    ).toEqual([['redis:latest', 'latest']]);
  });

  it('writes a job summary with rewrites, skips with reasons, and unpinned references', () => {
    expect(run.summary).toContain('Scanned 6 files: 19 image references, 16 on Docker Hub.');
    expect(run.summary).toContain('### Rewritten to `mirror.gcr.io` (15)');
    expect(run.summary).toContain(
      '| `Dockerfile:6` | `node:20-bookworm` | `mirror.gcr.io/library/node:20-bookworm` |',
    );
    expect(run.summary).toContain('### Skipped (4)');
    expect(run.summary).toContain(
      '| `docker-compose.yml:4` | `frontend` | built locally by Compose (the service has ' +
        '`build:`), not pulled |',
    );
    expect(run.summary).toContain(
      '| `k8s/deployment.yaml:19` | `ghcr.io/acme/web:2.4.1` | not Docker Hub |',
    );
    expect(run.summary).toContain('### Unpinned (18)');
    expect(run.summary).toContain(
      '| `.github/workflows/ci.yml:13` | `redis:latest` | uses the floating `latest` tag |',
    );
  });

  it('annotates the first nine unpinned references and counts the rest in a tenth', () => {
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning'));
    expect(warnings).toHaveLength(10);
    expect(warnings[0]).toBe(
      '::warning title=Unpinned image,file=.devcontainer/devcontainer.json,line=4,col=13::' +
        'mcr.microsoft.com/devcontainers/javascript-node:20: tag without digest; ' +
        'pin it with a digest.',
    );
    expect(warnings[9]).toBe(
      '::warning title=Unpinned images::… and 9 more unpinned image references ' +
        '(see the job summary).',
    );
  });

  it('fails the step on the fail-on policy, naming each violation', () => {
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      '::error::fail-on latest: image references with `latest` or no tag (1):%0A' +
        '  .github/workflows/ci.yml:13 redis:latest',
    );
  });

  it('changes nothing on a second run', async () => {
    const runner = { dir: path.dirname(run.workspace), workspace: run.workspace };
    const second = await runBundled('dist/main.js', runner, {
      mirror: 'mirror.gcr.io',
      quota: 'false',
    });
    expect(second.exitCode).toBe(0);
    expect(JSON.parse(second.outputs['rewritten-files'] ?? '')).toEqual([]);
    expect(second.summary).toContain('Nothing to rewrite to `mirror.gcr.io`.');
  });
});
