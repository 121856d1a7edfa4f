import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/registry/client.js';
import type { DockerHubDouble } from '../support/dockerhub-double.js';
import { startDockerHubDouble } from '../support/dockerhub-double.js';
import type { RegistryService } from '../support/registry-service.js';
import { registryUnavailable, startRegistry } from '../support/registry-service.js';
import type { TestIndex } from '../support/test-image.js';
import {
  buildImage,
  busyboxLayer,
  pushIndex,
  sha256,
  twoPlatformIndex,
} from '../support/test-image.js';

const run = promisify(execFile);
const skip = registryUnavailable();
if (skip !== undefined) console.warn(skip);
const SKOPEO = '/usr/bin/skopeo';

async function tarEntries(
  tar: Buffer,
): Promise<Map<string, { type: string; body: Buffer; link?: string }>> {
  const out = new Map<string, { type: string; body: Buffer; link?: string }>();
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        out.set(header.name, {
          type: header.type ?? 'file',
          body: Buffer.concat(chunks),
          ...(header.linkname ? { link: header.linkname } : {}),
        });
        next();
      });
      stream.resume();
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  ex.end(tar);
  await done;
  return out;
}

describe('test images built from real files', () => {
  it('holds the real busybox binary, a symlink and text, with correct digests', async () => {
    const image = await buildImage({ layers: [busyboxLayer()] });
    const layer = image.layers[0]!;
    expect(layer.digest).toBe(sha256(layer.bytes));
    expect(layer.diffId).toBe(sha256(gunzipSync(layer.bytes)));
    const entries = await tarEntries(layer.tar);
    expect([...entries.keys()]).toEqual([
      'bin/',
      'etc/',
      'bin/busybox',
      'bin/sh',
      'bin/ls',
      'bin/cat',
      'etc/hubcap-release',
    ]);
    expect(entries.get('bin/busybox')?.body.equals(await readFile('/bin/busybox'))).toBe(true);
    expect(entries.get('bin/sh')).toEqual({
      type: 'symlink',
      body: Buffer.alloc(0),
      link: 'busybox',
    });
    const config = JSON.parse(image.config.bytes.toString()) as {
      rootfs: { diff_ids: string[] };
      os: string;
    };
    expect(config.rootfs.diff_ids).toEqual([layer.diffId]);
    expect(config.os).toBe('linux');
    const again = await buildImage({ layers: [busyboxLayer()] });
    expect(again.manifest.digest).toBe(image.manifest.digest);
  });
});

describe.skipIf(skip !== undefined)('the real registry, plain and as a pull-through mirror', () => {
  let upstream: RegistryService;
  let mirror: RegistryService;
  let index: TestIndex;

  beforeAll(async () => {
    upstream = await startRegistry();
    mirror = await startRegistry({ proxyOf: upstream.url });
    index = await twoPlatformIndex('oci');
    await pushIndex(upstream.url, 'library/busybox', '1.36', index);
  });

  afterAll(async () => {
    await mirror?.stop();
    await upstream?.stop();
  });

  it('serves what was pushed, as skopeo sees it', async (ctx) => {
    if (!existsSync(SKOPEO)) ctx.skip();
    const ref = `docker://${upstream.host}/library/busybox:1.36`;
    const raw = await run(SKOPEO, ['inspect', '--raw', '--tls-verify=false', ref]);
    // skopeo prints the manifest bytes followed by one newline.
    expect(raw.stdout).toBe(index.manifest.bytes.toString('utf8'));
    const arm = await run(SKOPEO, [
      'inspect',
      '--tls-verify=false',
      '--override-os',
      'linux',
      '--override-arch',
      'arm64',
      ref,
    ]);
    const info = JSON.parse(arm.stdout) as {
      Digest: string;
      Architecture: string;
      Layers: string[];
    };
    // skopeo reports the digest of the reference (the index) and the arm64 image's content.
    expect(info.Digest).toBe(index.manifest.digest);
    expect(info.Architecture).toBe('arm64');
    expect(info.Layers).toEqual(index.images[1]?.layers.map((l) => l.digest));
  });

  it('mirrors the upstream image through proxy mode and keeps the blob', async () => {
    const client = new RegistryClient(mirror.host);
    const resolved = await client.getImageManifest('library/busybox', '1.36', {
      os: 'linux',
      architecture: 'amd64',
    });
    expect(resolved.index?.digest).toBe(index.manifest.digest);
    expect(resolved.image.digest).toBe(index.images[0]?.manifest.digest);
    const layer = index.images[0]!.layers[1]!;
    const dl = await client.getBlob('library/busybox', layer.digest);
    const chunks: Buffer[] = [];
    for await (const c of dl.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(layer.bytes)).toBe(true);
    const hex = layer.digest.slice('sha256:'.length);
    const stored = path.join(
      mirror.dir,
      'storage/docker/registry/v2/blobs/sha256',
      hex.slice(0, 2),
      hex,
      'data',
    );
    for (let i = 0; i < 100 && !existsSync(stored); i++) await sleep(50);
    expect((await readFile(stored)).equals(layer.bytes)).toBe(true);
  });

  it('reports a repository the upstream does not have as not found', async () => {
    const client = new RegistryClient(mirror.host, { retries: 0 });
    await expect(client.headManifest('library/nothing', 'x')).rejects.toMatchObject({
      kind: 'not-found',
      status: 404,
    });
  });

  describe('the Docker Hub double in front of it', () => {
    let hub: DockerHubDouble;
    beforeAll(async () => {
      hub = await startDockerHubDouble({ upstream: upstream.url, retryAfterSeconds: 7 });
    });
    afterAll(async () => {
      await hub?.close();
    });

    it('issues tokens, challenges, and counts down only on manifest GETs', async () => {
      const challenge = await fetch(`${hub.url}/v2/library/busybox/manifests/1.36`, {
        method: 'HEAD',
      });
      expect(challenge.status).toBe(401);
      expect(challenge.headers.get('www-authenticate')).toBe(
        `Bearer realm="${hub.authUrl}",service="registry.docker.io",scope="repository:library/busybox:pull"`,
      );
      const tokenRes = await fetch(
        `${hub.authUrl}?service=registry.docker.io&scope=repository:library/busybox:pull`,
      );
      const body = (await tokenRes.json()) as {
        token: string;
        access_token: string;
        expires_in: number;
        issued_at: string;
      };
      expect(body.token).toBe(body.access_token);
      expect(body.expires_in).toBe(300);
      expect(hub.tokensIssued()).toBe(1);
      const auth = {
        authorization: `Bearer ${body.token}`,
        accept: 'application/vnd.oci.image.index.v1+json',
      };
      const head = await fetch(`${hub.url}/v2/library/busybox/manifests/1.36`, {
        method: 'HEAD',
        headers: auth,
      });
      expect([head.status, head.headers.get('ratelimit-remaining')]).toEqual([200, '100;w=21600']);
      const blob = await fetch(
        `${hub.url}/v2/library/busybox/blobs/${index.images[0]!.config.digest}`,
        { headers: auth },
      );
      expect(Buffer.from(await blob.arrayBuffer()).equals(index.images[0]!.config.bytes)).toBe(
        true,
      );
      expect(hub.remaining()).toBe(100);
      const get = await fetch(`${hub.url}/v2/library/busybox/manifests/1.36`, { headers: auth });
      expect(get.status).toBe(200);
      expect(get.headers.get('ratelimit-remaining')).toBe('100;w=21600');
      await get.arrayBuffer();
      expect(hub.remaining()).toBe(99);
      hub.setRemaining(0);
      const limited = await fetch(`${hub.url}/v2/library/busybox/manifests/1.36`, {
        headers: auth,
      });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(await limited.json()).toEqual({
        errors: [
          {
            code: 'TOOMANYREQUESTS',
            message:
              'You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit',
          },
        ],
      });
      expect(hub.log.map((r) => [r.server, r.method, r.authorization, r.status])).toEqual([
        ['registry', 'HEAD', 'none', 401],
        ['token', 'GET', 'none', 200],
        ['registry', 'HEAD', 'bearer', 200],
        ['registry', 'GET', 'bearer', 200],
        ['registry', 'GET', 'bearer', 200],
        ['registry', 'GET', 'bearer', 429],
      ]);
    });
  });
});
