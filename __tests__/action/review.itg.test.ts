import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareRunner, runBundled } from '../support/action-runner.js';
import { ROOT } from '../support/corpus.js';
import { startDockerHubDouble, type DockerHubDouble } from '../support/dockerhub-double.js';
import { GitHubDouble } from '../support/github-double.js';
import {
  registryUnavailable,
  startRegistry,
  type RegistryService,
} from '../support/registry-service.js';
import { buildImage, busyboxLayer, pushImage } from '../support/test-image.js';

const skip = registryUnavailable();
if (skip !== undefined) console.warn(skip);

const EVENTS = path.join(ROOT, '__tests__/fixtures/events');
const DOCKERFILE = 'FROM busybox:1.36 AS tools\nFROM busybox:latest\nCOPY --from=tools /bin /bin\n';

describe.skipIf(skip !== undefined)('bundled main step on a pull request', () => {
  let registry: RegistryService;
  let hub: DockerHubDouble;
  let github: GitHubDouble;
  let digest: string;

  beforeAll(async () => {
    registry = await startRegistry();
    const image = await buildImage({ layers: [busyboxLayer()] });
    digest = await pushImage(registry.url, 'library/busybox', '1.36', image);
    hub = await startDockerHubDouble({ upstream: registry.url });
    github = await GitHubDouble.start({
      tokens: { 'write-token': { access: 'write' }, 'fork-token': { access: 'read' } },
    });
    github.addIssue('acme/app', 7);
  });

  afterAll(async () => {
    await github?.close();
    await hub?.close();
    await registry?.stop();
  });

  async function runOn(event: string, inputs: Record<string, string>, token = 'write-token') {
    const runner = await prepareRunner();
    await mkdir(runner.workspace, { recursive: true });
    await writeFile(path.join(runner.workspace, 'Dockerfile'), DOCKERFILE);
    const run = await runBundled(
      'dist/main.js',
      runner,
      { quota: 'false', 'github-token': token, ...inputs },
      {
        HUBCAP_DOCKERHUB_REGISTRY: hub.url,
        HUBCAP_DOCKERHUB_AUTH: hub.authUrl,
        GITHUB_API_URL: github.url,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'acme/app',
        GITHUB_EVENT_NAME: event.split('.')[0] as string,
        GITHUB_EVENT_PATH: path.join(EVENTS, `${event}.json`),
        GITHUB_WORKFLOW: 'CI',
        GITHUB_JOB: 'build',
      },
    );
    const dockerfile = await readFile(path.join(runner.workspace, 'Dockerfile'), 'utf8');
    return { ...run, dockerfile };
  }

  it('posts one sticky comment with the digest to pin, then updates it in place', async () => {
    const first = await runOn('pull_request.same-repo', { pin: 'report' });
    expect(first.exitCode).toBe(0);
    const [comment, ...others] = github.comments('acme/app', 7);
    expect(others).toEqual([]);
    expect(comment?.body).toContain(`\`busybox:1.36@${digest}\``);
    expect(comment?.body).toContain(
      '[`Dockerfile:1`](https://github.com/acme/app/blob/3c9f2b7e41d0a8c6e5f4b3a29187d6c5b4a39281/Dockerfile#L1)',
    );
    expect(first.outputs['comment-url']).toBe(comment?.html_url);
    expect(JSON.parse(first.outputs['pins'] ?? '')).toEqual([
      { file: 'Dockerfile', line: 1, ref: 'busybox:1.36', digest },
    ]);
    expect(first.dockerfile).toBe(DOCKERFILE);
    expect(first.stdout).toContain(
      `::warning title=Unpinned image,file=Dockerfile,line=1,col=6::busybox:1.36: tag without ` +
        `digest; pin it as busybox:1.36@${digest}.`,
    );

    const second = await runOn('pull_request.same-repo', { pin: 'write' });
    expect(github.comments('acme/app', 7)).toHaveLength(1);
    expect(second.dockerfile).toBe(DOCKERFILE.replace('busybox:1.36', `busybox:1.36@${digest}`));
    expect(second.summary).toContain('### Pinned to digests (1)');
    expect(second.summary).toContain('### Not resolved (left as written) (1)');
    expect(second.summary).toContain('| `Dockerfile:2` | `busybox:latest` |');
    const gets = hub.log.filter((r) => r.method === 'GET' && r.path.includes('/manifests/'));
    expect(gets).toEqual([]);
  });

  it('skips the comment on a fork with one warning and puts the table in the summary', async () => {
    const before = github.requests.length;
    const run = await runOn('pull_request.fork', {}, 'fork-token');
    expect(run.exitCode).toBe(0);
    expect(github.requests.length).toBe(before);
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning title=Review'));
    expect(warnings).toHaveLength(1);
    expect(run.summary).toContain('### Pull request review');
  });

  it('fails on registries outside the allow list, naming file and line', async () => {
    const run = await runOn('push', {
      'fail-on': 'registry',
      'allowed-registries': 'ghcr.io',
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      '::error::fail-on registry: image references on registries other than ghcr.io (2):%0A' +
        '  Dockerfile:1 busybox:1.36 (docker.io)%0A  Dockerfile:2 busybox:latest (docker.io)',
    );
  });
});
