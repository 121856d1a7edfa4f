import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/registry/index.js';
import { prepareRunner, runBundled, type ActionRun } from '../support/action-runner.js';
import { startDockerHubDouble, type DockerHubDouble } from '../support/dockerhub-double.js';
import {
  registryUnavailable,
  startRegistry,
  type RegistryService,
} from '../support/registry-service.js';
import { buildImage, busyboxLayer, pushImage } from '../support/test-image.js';

const skip = registryUnavailable();
if (skip !== undefined) console.warn(skip);

const DOCKERFILE = 'FROM busybox:1.36 AS tools\nFROM alpine:3.20\nCOPY --from=tools /bin /bin\n';

describe.skipIf(skip !== undefined)('bundled main and post with quota and mirror checks', () => {
  let upstream: RegistryService;
  let mirror: RegistryService;
  let hub: DockerHubDouble;
  let runner: { dir: string; workspace: string };
  let main: ActionRun;
  let post: ActionRun;

  const manifestGets = (): number =>
    hub.log.filter((r) => r.method === 'GET' && r.path.includes('/manifests/')).length;

  beforeAll(async () => {
    upstream = await startRegistry();
    const image = await buildImage({ layers: [busyboxLayer()] });
    await pushImage(upstream.url, 'library/busybox', '1.36', image);
    await pushImage(upstream.url, 'ratelimitpreview/test', 'latest', image);
    mirror = await startRegistry({ proxyOf: upstream.url });
    hub = await startDockerHubDouble({ upstream: upstream.url });
    hub.setRemaining(100);
    runner = await prepareRunner();
    await mkdir(runner.workspace, { recursive: true });
    await writeFile(path.join(runner.workspace, 'Dockerfile'), DOCKERFILE);
    const env = { HUBCAP_DOCKERHUB_REGISTRY: hub.url, HUBCAP_DOCKERHUB_AUTH: hub.authUrl };
    const inputs = {
      mirror: mirror.host,
      'verify-mirror': 'true',
      'quota-warn-below': '150',
    };
    main = await runBundled('dist/main.js', runner, inputs, env);
    expect(manifestGets()).toBe(0);
    // The job pulls three images straight from "Docker Hub" between main and post.
    const client = new RegistryClient(hub.host, { dockerHub: hub.endpoints });
    for (let i = 0; i < 3; i++) await client.getManifest('library/busybox', '1.36');
    const state = Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v]));
    post = await runBundled('dist/post.js', runner, inputs, { ...env, ...state });
  });

  afterAll(async () => {
    await hub?.close();
    await mirror?.stop();
    await upstream?.stop();
  });

  it('points only the images the mirror has at it, and says why the other stays', async () => {
    expect(await readFile(path.join(runner.workspace, 'Dockerfile'), 'utf8')).toBe(
      `FROM ${mirror.host}/library/busybox:1.36 AS tools\nFROM alpine:3.20\n` +
        'COPY --from=tools /bin /bin\n',
    );
    expect(main.summary).toContain(
      `| \`Dockerfile:2\` | \`alpine:3.20\` | mirror does not have ` +
        `${mirror.host}/library/alpine:3.20 (HTTP 404) |`,
    );
  });

  it('reports the quota before the job in outputs, summary and a low-quota warning', () => {
    expect(main.exitCode).toBe(0);
    expect(main.outputs).toMatchObject({
      'quota-limit': '100',
      'quota-remaining': '100',
      'quota-window-seconds': '21600',
      'quota-source': '192.0.2.1',
    });
    expect(main.summary).toContain(
      [
        '### Docker Hub pull quota',
        '',
        '| | Now |',
        '| --- | --- |',
        '| Limit | 100 |',
        '| Remaining | 100 |',
        '| Window | 6 h |',
        '| Counted against | `192.0.2.1` |',
      ].join('\n'),
    );
    expect(main.stdout).toContain(
      '::warning title=Docker Hub quota low::Docker Hub quota is low: 100 pulls left, ' +
        'below quota-warn-below (150).',
    );
  });

  it('reports the pulls used during the job in the post step, having spent none itself', () => {
    expect(post.exitCode).toBe(0);
    expect(post.outputs['pulls-used']).toBe('3');
    expect(post.outputs['quota-remaining']).toBe('97');
    expect(post.summary).toContain('| Remaining | 100 | 97 |');
    expect(post.summary).toContain('Pulls used during the job: **3**.');
    expect(post.summary).toContain('on a shared runner IP it also counts other jobs');
    // Only the job's own three pulls reached Docker Hub as manifest GETs.
    const pulls = hub.log.filter(
      (r) => r.method === 'GET' && r.path.includes('/manifests/') && r.status === 200,
    );
    expect(pulls).toHaveLength(3);
  });

  it('fails the step below quota-fail-below, and not when Docker Hub is unreachable', async () => {
    const env = { HUBCAP_DOCKERHUB_REGISTRY: hub.url, HUBCAP_DOCKERHUB_AUTH: hub.authUrl };
    const low = await runBundled('dist/main.js', runner, { 'quota-fail-below': '200' }, env);
    expect(low.exitCode).toBe(1);
    expect(low.stdout).toContain(
      '::error::Docker Hub quota is low: 97 pulls left, below quota-fail-below (200).',
    );
    const down = await runBundled(
      'dist/main.js',
      runner,
      { 'quota-fail-below': '200' },
      {
        HUBCAP_DOCKERHUB_REGISTRY: 'http://127.0.0.1:9',
        HUBCAP_DOCKERHUB_AUTH: 'http://127.0.0.1:9/token',
      },
    );
    expect(down.exitCode).toBe(0);
    expect(down.summary).toContain('Docker Hub could not be reached');
    expect(down.outputs['quota-remaining']).toBe('');
  });
});
