import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { RegistryClient } from '../../src/registry/client.js';
import { pullAndLoad } from '../../src/cache/run.js';
import { CacheStore } from '../../src/cache/store/store.js';
import { runDocker, type DockerCli } from '../../src/cache/load/docker-cli.js';
import {
  registryUnavailable,
  startRegistry,
  type RegistryService,
} from '../support/registry-service.js';
import {
  dockerdUnavailable,
  startDockerd,
  type DockerdService,
} from '../support/dockerd-service.js';
import { buildImage, busyboxLayer, pushImage, type TestImage } from '../support/test-image.js';
import { removeDir, tempDir } from './helpers.js';

const why = dockerdUnavailable() ?? registryUnavailable();
if (why !== undefined) console.warn(`skipping pull-and-load tests: ${why}`);

describe.skipIf(why !== undefined)('pull from a mirror registry, load into dockerd, run', () => {
  let mirror: RegistryService;
  let daemon: DockerdService;
  let cli: DockerCli;
  let dir: string;
  let image: TestImage;
  const clients = new Map<string, RegistryClient>();
  const client = (host: string): RegistryClient => {
    let c = clients.get(host);
    if (c === undefined) {
      c = new RegistryClient(host, { retries: 0 });
      clients.set(host, c);
    }
    return c;
  };
  const request = () => ({
    ref: 'docker.io/library/hubcap-e2e:1',
    sources: [`${mirror.host}/library/hubcap-e2e:1`],
  });

  beforeAll(async () => {
    mirror = await startRegistry();
    daemon = await startDockerd({ offline: true });
    cli = { env: daemon.env };
    dir = await tempDir();
    image = await buildImage({
      layers: [busyboxLayer(), { files: [{ path: 'etc/e2e', content: 'e2e\n' }] }],
      runtime: { Cmd: ['/bin/busybox', 'cat', '/etc/e2e'] },
    });
    await pushImage(mirror.url, 'library/hubcap-e2e', '1', image);
  });
  afterAll(async () => {
    await daemon?.stop();
    await mirror?.stop();
    if (dir) await removeDir(dir);
  });

  it('cold run pulls and loads; the image runs under both names', async () => {
    const store = await CacheStore.open(dir);
    const r = await pullAndLoad(store, [request()], {
      client,
      platform: { os: 'linux', architecture: 'amd64' },
      docker: cli,
    });
    expect(r.hit).toBe('false');
    expect(r.pull.images[0]?.status).toBe('miss');
    expect(r.load?.outcomes[0]).toMatchObject({
      status: 'loaded',
      tags: ['hubcap-e2e:1', `${mirror.host}/library/hubcap-e2e:1`],
    });
    expect(r.warnings).toEqual([]);
    for (const name of ['hubcap-e2e:1', `${mirror.host}/library/hubcap-e2e:1`]) {
      const run = await runDocker(cli, ['run', '--rm', '--network', 'none', name]);
      expect(run.stdout).toBe('e2e\n');
    }
  });

  it('warm run: a hit, and the daemon already has it', async () => {
    const store = await CacheStore.open(dir);
    const r = await pullAndLoad(store, [request()], {
      client,
      platform: { os: 'linux', architecture: 'amd64' },
      docker: cli,
    });
    expect(r.hit).toBe('true');
    expect(r.bytesPulled).toBe(0);
    expect(r.load?.outcomes[0]?.status).toBe('present');
  });

  it('a corrupt layer found while loading is pulled again and loaded', async () => {
    const store = await CacheStore.open(dir);
    expect(
      (await runDocker(cli, ['rmi', 'hubcap-e2e:1', `${mirror.host}/library/hubcap-e2e:1`]))
        .exitCode,
    ).toBe(0);
    const layer = image.layers[0]!;
    const bad = Buffer.from(layer.bytes);
    bad[5000] = (bad[5000] ?? 0) ^ 0xff;
    await writeFile(store.blobs.blobPath(layer.digest), bad);
    const r = await pullAndLoad(store, [request()], {
      client,
      platform: { os: 'linux', architecture: 'amd64' },
      docker: cli,
    });
    expect(r.warnings[0]?.message).toBe(
      `corrupt blobs in the layer cache (${layer.digest}); pulled again`,
    );
    expect(r.load?.outcomes[0]?.status).toBe('loaded');
    expect(r.bytesPulled).toBe(layer.size);
    expect(r.hit).toBe('partial');
    const run = await runDocker(cli, ['run', '--rm', '--network', 'none', 'hubcap-e2e:1']);
    expect(run.stdout).toBe('e2e\n');
  });
});
