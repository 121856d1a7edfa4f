import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CacheStore } from '../../../src/cache/store/store.js';
import { loadImages, type LoadOptions } from '../../../src/cache/load/load-images.js';
import { dockerAvailable, runDocker, type DockerCli } from '../../../src/cache/load/docker-cli.js';
import { buildImage, busyboxLayer, sha256, type TestImage } from '../../support/test-image.js';
import {
  dockerdUnavailable,
  startDockerd,
  type DockerdService,
} from '../../support/dockerd-service.js';
import { removeDir, storeBuiltImage, tempDir } from '../helpers.js';

const why = dockerdUnavailable();
if (why !== undefined) console.warn(`skipping docker load tests: ${why}`);

const REF = 'docker.io/library/busybox:hubcap-load-test';
const MIRROR = 'mirror.example:5000/library/busybox:hubcap-load-test';
const OTHER = 'docker.io/acme/tool:2';

/** An OCI image manifest over a config and layers given as bytes. */
function ociManifest(
  configType: string,
  config: Buffer,
  layers: { mediaType: string; bytes: Buffer }[],
): Buffer {
  const descriptor = (mediaType: string, bytes: Buffer) => ({
    mediaType,
    digest: sha256(bytes),
    size: bytes.length,
  });
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: descriptor(configType, config),
      layers: layers.map((l) => descriptor(l.mediaType, l.bytes)),
    }),
  );
}

describe.skipIf(why !== undefined)('loadImages into a real dockerd', () => {
  let daemon: DockerdService;
  let cli: DockerCli;
  let dir: string;
  let store: CacheStore;
  let image: TestImage;
  let other: TestImage;

  beforeAll(async () => {
    daemon = await startDockerd({ offline: true });
    cli = { env: daemon.env };
    dir = await tempDir();
    store = await CacheStore.open(path.join(dir, 'store'));
    image = await buildImage({
      format: 'docker',
      layers: [busyboxLayer(), { files: [{ path: 'etc/second', content: 'two\n' }] }],
    });
    other = await buildImage({
      layers: [busyboxLayer(), { files: [{ path: 'etc/tool', content: 'tool\n' }] }],
      runtime: { Cmd: ['/bin/busybox', 'cat', '/etc/tool'] },
    });
    await storeBuiltImage(store, REF, image, { source: MIRROR });
    await storeBuiltImage(store, OTHER, other);
  });
  afterAll(async () => {
    await daemon?.stop();
    if (dir) await removeDir(dir);
  });

  it('sees the daemon', async () => {
    expect(await dockerAvailable(cli)).toBe(true);
    expect(
      await dockerAvailable({ env: { ...daemon.env, DOCKER_HOST: 'unix:///nonexistent.sock' } }),
    ).toBe(false);
  });

  it('streams two images into one docker load, tagged with original and mirror names', async () => {
    const r = await loadImages(store, store.list(), {
      docker: cli,
      now: new Date('2026-02-01T00:00:00Z'),
    });
    expect(r.warnings).toEqual([]);
    expect(r.corrupt).toEqual([]);
    const byRef = new Map(r.outcomes.map((o) => [o.ref, o]));
    expect(byRef.get(REF)).toMatchObject({
      status: 'loaded',
      imageId: image.config.digest,
      tags: ['busybox:hubcap-load-test', MIRROR],
    });
    expect(byRef.get(OTHER)).toMatchObject({
      status: 'loaded',
      imageId: other.config.digest,
      tags: ['acme/tool:2'],
    });
    const inspect = await runDocker(cli, [
      'image',
      'inspect',
      '--format',
      '{{.Id}}',
      'busybox:hubcap-load-test',
      MIRROR,
      'acme/tool:2',
    ]);
    expect(inspect.stdout.trim().split('\n')).toEqual([
      image.config.digest,
      image.config.digest,
      other.config.digest,
    ]);
    expect(store.find(REF, 'linux/amd64')?.lastUsed).toBe('2026-02-01T00:00:00.000Z');
  });

  it('runs the loaded image by its original name with no network', async () => {
    const r = await runDocker(cli, [
      'run',
      '--rm',
      '--network',
      'none',
      'busybox:hubcap-load-test',
      'busybox',
      'true',
    ]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const cat = await runDocker(cli, ['run', '--rm', '--network', 'none', 'acme/tool:2']);
    expect(cat.stdout).toBe('tool\n');
  });

  it('builds FROM the original Docker Hub name with the classic builder, no registry reachable', async () => {
    const ctx = path.join(dir, 'ctx');
    await removeDir(ctx);
    await import('node:fs/promises').then((fs) => fs.mkdir(ctx));
    await writeFile(
      path.join(ctx, 'Dockerfile'),
      'FROM docker.io/library/busybox:hubcap-load-test\nRUN busybox echo built > /etc/built\n',
    );
    const r = await runDocker({ env: { ...cli.env!, DOCKER_BUILDKIT: '0' } }, [
      'build',
      '-t',
      'hubcap-built:1',
      ctx,
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = await runDocker(cli, [
      'run',
      '--rm',
      '--network',
      'none',
      'hubcap-built:1',
      'busybox',
      'cat',
      '/etc/built',
    ]);
    expect(out.stdout).toBe('built\n');
    // the daemon really cannot reach a registry: a pull of something absent fails
    const pull = await runDocker(cli, ['pull', 'busybox:hubcap-not-there']);
    expect(pull.exitCode).not.toBe(0);
    expect(pull.stderr).toContain('proxyconnect tcp: dial tcp 127.0.0.1:9');
  });

  it('skips images the daemon has, and only re-tags a removed tag', async () => {
    const again = await loadImages(store, store.list(), { docker: cli });
    expect(again.outcomes.map((o) => [o.ref, o.status, o.bytes])).toEqual(
      expect.arrayContaining([
        [REF, 'present', 0],
        [OTHER, 'present', 0],
      ]),
    );
    expect((await runDocker(cli, ['rmi', MIRROR])).exitCode).toBe(0);
    const retag = await loadImages(store, [store.find(REF, 'linux/amd64')!], { docker: cli });
    expect(retag.outcomes[0]).toMatchObject({ status: 'tagged', bytes: 0 });
    expect(retag.outcomes[0]?.tags).toEqual(['busybox:hubcap-load-test', MIRROR]);
    const inspect = await runDocker(cli, ['image', 'inspect', '--format', '{{.Id}}', MIRROR]);
    expect(inspect.stdout.trim()).toBe(image.config.digest);
  });

  const corruptCase = async (
    name: string,
    damage: (img: TestImage) => { digest: string; bytes: Buffer },
    verify: 'docker' | 'stream',
  ) => {
    const fresh = await buildImage({
      layers: [busyboxLayer(), { files: [{ path: `etc/${name}`, content: `${name}\n` }] }],
    });
    const ref = `docker.io/library/${name}:1`;
    await storeBuiltImage(store, ref, fresh);
    const bad = damage(fresh);
    await writeFile(store.blobs.blobPath(bad.digest), bad.bytes);
    const r = await loadImages(store, [store.find(ref, 'linux/amd64')!], { docker: cli, verify });
    return { r, fresh, bad };
  };

  it('docker verification: a corrupt layer fails the load, is found and deleted', async () => {
    const { r, fresh, bad } = await corruptCase(
      'corrupt-layer',
      (img) => {
        const layer = img.layers[1]!;
        const bytes = Buffer.from(layer.bytes);
        bytes[20] = (bytes[20] ?? 0) ^ 0xff;
        return { digest: layer.digest, bytes };
      },
      'docker',
    );
    expect(r.corrupt).toEqual([bad.digest]);
    expect(r.outcomes[0]?.status).toBe('failed');
    expect(r.outcomes[0]?.error).toMatch(
      new RegExp(
        `^corrupt blob in the store \\(deleted; pull again\\): ${bad.digest}; docker load failed \\(exit 1\\): `,
      ),
    );
    expect(await store.blobs.has(bad.digest)).toBe(false);
    expect((await runDocker(cli, ['image', 'inspect', fresh.config.digest])).exitCode).not.toBe(0);
  });

  it('docker verification: a config altered into other valid JSON is caught by its hash', async () => {
    const { r, bad } = await corruptCase(
      'corrupt-config',
      (img) => {
        const text = img.config.bytes
          .toString('utf8')
          .replace('2024-01-01T00:00:00Z', '2024-01-01T00:00:09Z');
        return { digest: img.config.digest, bytes: Buffer.from(text) };
      },
      'docker',
    );
    expect(r.corrupt).toEqual([bad.digest]);
    expect(r.outcomes[0]?.error).toBe(
      `corrupt blob in the store (deleted; pull again): ${store.blobs.blobPath(bad.digest)}: ` +
        `blob ${bad.digest} hashed to ${sha256(bad.bytes)} (${bad.bytes.length} bytes); discarded`,
    );
  });

  it('stream verification: the tar stops inside the corrupt entry and nothing loads', async () => {
    const { r, fresh, bad } = await corruptCase(
      'corrupt-stream',
      (img) => {
        const layer = img.layers[1]!;
        const bytes = Buffer.from(layer.bytes);
        bytes[bytes.length - 12] = (bytes[bytes.length - 12] ?? 0) ^ 0xff;
        return { digest: layer.digest, bytes };
      },
      'stream',
    );
    expect(r.corrupt).toEqual([bad.digest]);
    expect(r.outcomes[0]?.error).toMatch(
      /^corrupt blob in the store \(deleted; pull again\): .*blob sha256:[0-9a-f]{64} hashed to sha256:/,
    );
    expect(await store.blobs.has(bad.digest)).toBe(false);
    expect((await runDocker(cli, ['image', 'inspect', fresh.config.digest])).exitCode).not.toBe(0);
  });

  it('a layer of two gzip members loads (the decompressed form falls back to stored)', async () => {
    const { gzipSync } = await import('node:zlib');
    const base = await buildImage({ layers: [busyboxLayer()] });
    const layer = base.layers[0]!;
    const half = 100; // the second member's trailer then tells almost, not quite, the size
    const twoMembers = Buffer.concat([
      gzipSync(layer.tar.subarray(0, half)),
      gzipSync(layer.tar.subarray(half)),
    ]);
    const digest = sha256(twoMembers);
    const config = Buffer.from(base.config.bytes);
    const manifest = ociManifest(base.config.mediaType, config, [
      { mediaType: layer.mediaType, bytes: twoMembers },
    ]);
    const ref = 'docker.io/library/two-members:1';
    await storeBuiltImage(store, ref, {
      manifest: { digest: sha256(manifest), bytes: manifest },
      config: { digest: base.config.digest, bytes: config },
      layers: [{ digest, bytes: twoMembers }],
    });
    const r = await loadImages(store, [store.find(ref, 'linux/amd64')!], { docker: cli });
    expect(r.outcomes[0]).toMatchObject({ status: 'loaded', imageId: base.config.digest });
    const run = await runDocker(cli, [
      'run',
      '--rm',
      '--network',
      'none',
      'two-members:1',
      'busybox',
      'cat',
      '/etc/hubcap-release',
    ]);
    expect(run.stdout).toBe('hubcap test image\n');
  });

  const reload = async (ref: string, options: Partial<LoadOptions>) => {
    const tags = ['acme/tool:2'];
    expect((await runDocker(cli, ['rmi', ...tags])).exitCode).toBe(0);
    const r = await loadImages(store, [store.find(ref, 'linux/amd64')!], {
      docker: cli,
      ...options,
    });
    const run = await runDocker(cli, ['run', '--rm', '--network', 'none', 'acme/tool:2']);
    return { r, run };
  };

  it('streams to the Engine API of a local socket, needing no docker binary for the load', async () => {
    // the CLI path would fail: this command does not exist, but the socket answers
    const { r, run } = await reload(OTHER, {
      docker: { command: path.join(dir, 'no-such-dir', 'docker'), env: cli.env },
    });
    expect(r.outcomes[0]).toMatchObject({ status: 'loaded', tags: ['acme/tool:2'] });
    expect(run.stdout).toBe('tool\n');
  });

  it('streams through `docker load` and a named pipe when asked to use the CLI', async () => {
    const { r, run } = await reload(OTHER, { via: 'cli' });
    expect(r.outcomes[0]).toMatchObject({ status: 'loaded', tags: ['acme/tool:2'] });
    expect(run.stdout).toBe('tool\n');
  });

  it('names the daemon error when the Engine API refuses the archive', async () => {
    const base = await buildImage({ layers: [busyboxLayer()] });
    // a layer that is not a tar, uncompressed: the daemon fails while registering it
    const bytes = Buffer.from('not a tar at all, just bytes\n'.repeat(50));
    const digest = sha256(bytes);
    const config = JSON.parse(base.config.bytes.toString('utf8')) as {
      rootfs: { diff_ids: string[] };
    };
    config.rootfs.diff_ids = [digest];
    const configBytes = Buffer.from(JSON.stringify(config));
    const manifest = ociManifest(base.config.mediaType, configBytes, [
      { mediaType: 'application/vnd.oci.image.layer.v1.tar', bytes },
    ]);
    const ref = 'docker.io/acme/not-a-tar:1';
    await storeBuiltImage(store, ref, {
      manifest: { digest: sha256(manifest), bytes: manifest },
      config: { digest: sha256(configBytes), bytes: configBytes },
      layers: [{ digest, bytes }],
    });
    const r = await loadImages(store, [store.find(ref, 'linux/amd64')!], { docker: cli });
    expect(r.outcomes[0]?.status).toBe('failed');
    expect(r.outcomes[0]?.error).toMatch(/^docker load failed \(exit 1\): \S/);
    expect(r.corrupt).toEqual([]);
  });

  it('gives failed outcomes, not a throw, when no daemon answers', async () => {
    const r = await loadImages(store, [store.find(OTHER, 'linux/amd64')!], {
      docker: { env: { ...daemon.env, DOCKER_HOST: `unix://${path.join(dir, 'none.sock')}` } },
    });
    expect(r.outcomes[0]?.status).toBe('failed');
    expect(r.outcomes[0]?.error).toMatch(/^docker load failed \(exit 1\): /);
  });
});
