import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/registry/client.js';
import { findDockerConfigCredentials } from '../../src/registry/credentials.js';
import { RegistryError } from '../../src/registry/errors.js';
import type { DockerHubDouble } from '../support/dockerhub-double.js';
import { startDockerHubDouble } from '../support/dockerhub-double.js';
import type { RegistryService } from '../support/registry-service.js';
import { registryUnavailable, startRegistry } from '../support/registry-service.js';
import type { TestImage, TestIndex } from '../support/test-image.js';
import {
  buildImage,
  busyboxLayer,
  pushImage,
  pushIndex,
  twoPlatformIndex,
} from '../support/test-image.js';

const skip = registryUnavailable();
if (skip !== undefined) console.warn(skip);

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function rejection(p: Promise<unknown>): Promise<RegistryError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof RegistryError) return err;
    throw err;
  }
  throw new Error('expected a RegistryError');
}

describe.skipIf(skip !== undefined)(
  'RegistryClient against a real registry behind the Docker Hub double',
  () => {
    let registry: RegistryService;
    let hub: DockerHubDouble;
    let index: TestIndex;
    let dockerIndex: TestIndex;
    let app: TestImage;
    const fast = { retryBaseMs: 5, timeoutMs: 5000 };
    const hubClient = (
      extra: ConstructorParameters<typeof RegistryClient>[1] = {},
    ): RegistryClient =>
      new RegistryClient('docker.io', { dockerHub: hub.endpoints, ...fast, ...extra });

    beforeAll(async () => {
      registry = await startRegistry();
      index = await twoPlatformIndex('oci');
      dockerIndex = await twoPlatformIndex('docker');
      app = await buildImage({
        format: 'docker',
        layers: [busyboxLayer(), { files: [{ path: 'app/hello.txt', content: 'hello\n' }] }],
      });
      await pushIndex(registry.url, 'library/busybox', '1', index);
      await pushIndex(registry.url, 'library/busybox', 'docker', dockerIndex);
      await pushImage(registry.url, 'acme/app', '1.0', app);
      hub = await startDockerHubDouble({
        upstream: registry.url,
        users: { alice: 'dckr_pat_alice-secret' },
      });
    });

    afterAll(async () => {
      await hub?.close();
      await registry?.stop();
    });

    beforeEach(() => {
      hub.log.length = 0;
      Object.assign(hub.settings, {
        redirectBlobs: false,
        corruptBlobs: false,
        corruptManifests: false,
        retryAfterSeconds: undefined,
        tokenTtlSeconds: 300,
        auth: 'bearer',
      });
      hub.setRemaining(100);
      hub.failNext(0);
      hub.abuseNext(0);
    });

    it('HEADs a manifest through the Bearer challenge and spends no pull', async () => {
      const client = hubClient();
      expect(client.baseUrl).toBe(hub.url);
      const head = await client.headManifest('library/busybox', '1');
      expect(head.digest).toBe(index.manifest.digest);
      expect(head.mediaType).toBe('application/vnd.oci.image.index.v1+json');
      expect(head.size).toBe(index.manifest.size);
      expect(head.headers.get('ratelimit-remaining')).toBe('100;w=21600');
      expect(hub.log.map((r) => [r.server, r.method, r.authorization, r.status])).toEqual([
        ['registry', 'HEAD', 'none', 401],
        ['token', 'GET', 'none', 200],
        ['registry', 'HEAD', 'bearer', 200],
      ]);
      expect(hub.log[1]?.query).toEqual({
        service: 'registry.docker.io',
        scope: 'repository:library/busybox:pull',
      });
      expect(hub.remaining()).toBe(100);
    });

    it('reuses one token per scope and fetches another for a new repository', async () => {
      const client = hubClient();
      await client.headManifest('library/busybox', '1');
      await client.headManifest('library/busybox', 'docker');
      await client.headManifest('library/busybox', index.manifest.digest);
      expect(client.tokenFetches).toBe(1);
      await client.headManifest('acme/app', '1.0');
      expect(client.tokenFetches).toBe(2);
      // Once the challenge is known, the token goes along with the first request.
      expect(hub.log.filter((r) => r.status === 401)).toHaveLength(1);
    });

    it('pings /v2/ with an unscoped token', async () => {
      const client = hubClient();
      expect(await client.ping()).toEqual({
        status: 200,
        authScheme: 'bearer',
        apiVersion: 'registry/2.0',
      });
      expect(hub.log.map((r) => [r.server, r.path, r.status])).toEqual([
        ['registry', '/v2/', 401],
        ['token', '/token', 200],
        ['registry', '/v2/', 200],
      ]);
      expect(hub.log[1]?.query).toEqual({ service: 'registry.docker.io' });
    });

    it('shares one token fetch between concurrent requests', async () => {
      const client = hubClient();
      const heads = await Promise.all(
        Array.from({ length: 6 }, () => client.headManifest('library/busybox', '1')),
      );
      expect(new Set(heads.map((h) => h.digest))).toEqual(new Set([index.manifest.digest]));
      expect(client.tokenFetches).toBe(1);
      expect(hub.log.filter((r) => r.server === 'token')).toHaveLength(1);
    });

    it('renews a token the registry stopped accepting', async () => {
      const client = hubClient();
      await client.headManifest('library/busybox', '1');
      hub.expireTokens();
      hub.log.length = 0;
      const head = await client.headManifest('library/busybox', '1');
      expect(head.digest).toBe(index.manifest.digest);
      expect(hub.log.map((r) => [r.server, r.authorization, r.status])).toEqual([
        ['registry', 'bearer', 401],
        ['token', 'none', 200],
        ['registry', 'bearer', 200],
      ]);
      expect(client.tokenFetches).toBe(2);
    });

    it('renews a token before it expires by its own clock', async () => {
      let now = 1_000_000;
      hub.settings.tokenTtlSeconds = 60;
      const client = hubClient({ now: () => now });
      await client.headManifest('library/busybox', '1');
      now += 30_000;
      await client.headManifest('library/busybox', '1');
      expect(client.tokenFetches).toBe(1);
      now += 25_000; // 55 s: inside the safety margin of a 60 s token
      hub.log.length = 0;
      await client.headManifest('library/busybox', '1');
      expect(client.tokenFetches).toBe(2);
      expect(hub.log.map((r) => [r.server, r.status])).toEqual([
        ['token', 200],
        ['registry', 200],
      ]);
    });

    it('GETs a manifest, checks its digest and spends one pull', async () => {
      const client = hubClient();
      const m = await client.getManifest('library/busybox', '1');
      expect(m.kind).toBe('index');
      expect(m.digest).toBe(index.manifest.digest);
      expect(m.bytes.equals(index.manifest.bytes)).toBe(true);
      expect(hub.remaining()).toBe(99);
      const byDigest = await client.getManifest('acme/app', app.manifest.digest);
      expect(byDigest.kind).toBe('image');
      expect(byDigest.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
      expect(hub.remaining()).toBe(98);
    });

    it('picks the platform from an OCI index and a Docker manifest list', async () => {
      const client = hubClient();
      const amd = await client.getImageManifest('library/busybox', '1', {
        os: 'linux',
        architecture: 'amd64',
      });
      expect(amd.index?.digest).toBe(index.manifest.digest);
      expect(amd.image.digest).toBe(index.images[0]?.manifest.digest);
      const arm = await client.getImageManifest('library/busybox', 'docker', {
        os: 'linux',
        architecture: 'arm64',
      });
      expect(arm.image.digest).toBe(dockerIndex.images[1]?.manifest.digest);
      expect(arm.image.manifest.layers.map((l) => l.digest)).toEqual(
        dockerIndex.images[1]?.layers.map((l) => l.digest),
      );
      const err = await rejection(
        client.getImageManifest('library/busybox', '1', { os: 'linux', architecture: 's390x' }),
      );
      expect(err.kind).toBe('not-found');
      expect(err.message).toBe(
        'registry docker.io, repository library/busybox, reference "1": ' +
          'no manifest for platform linux/s390x (index has: linux/amd64, linux/arm64/v8)',
      );
    });

    it('streams a blob and verifies it, following a CDN redirect without Authorization', async () => {
      hub.settings.redirectBlobs = true;
      const layer = app.layers[0]!;
      const client = hubClient();
      const dl = await client.getBlob('acme/app', layer.digest, { expectedSize: layer.size });
      expect(dl.start).toBe(0);
      const bytes = await collect(dl.stream);
      expect(bytes.equals(layer.bytes)).toBe(true);
      const blobRequests = hub.log.filter((r) => r.path.includes('/blobs/'));
      expect(blobRequests.map((r) => [r.server, r.authorization, r.status])).toEqual([
        ['registry', 'none', 401],
        ['registry', 'bearer', 307],
        ['cdn', 'none', 200],
      ]);
    });

    it('resumes a blob with Range and still verifies the whole content', async () => {
      const layer = app.layers[0]!;
      const half = Math.floor(layer.size / 2);
      const hash = createHash('sha256').update(layer.bytes.subarray(0, half));
      const client = hubClient();
      const dl = await client.getBlob('acme/app', layer.digest, { resume: { offset: half, hash } });
      expect(dl.start).toBe(half);
      expect(dl.size).toBe(layer.size);
      const rest = await collect(dl.stream);
      expect(rest.equals(layer.bytes.subarray(half))).toBe(true);

      const wrong = createHash('sha256').update(Buffer.alloc(half));
      const bad = await client.getBlob('acme/app', layer.digest, {
        resume: { offset: half, hash: wrong },
      });
      const err = await rejection(collect(bad.stream));
      expect(err.kind).toBe('digest-mismatch');
    });

    it('rejects a corrupted blob with a clear error', async () => {
      hub.settings.corruptBlobs = true;
      const layer = app.layers[1]!;
      const client = hubClient();
      const dl = await client.getBlob('acme/app', layer.digest);
      const err = await rejection(collect(dl.stream));
      expect(err.kind).toBe('digest-mismatch');
      expect(err.message).toMatch(
        new RegExp(
          `^registry docker\\.io, repository acme/app, reference "${layer.digest}": ` +
            `blob content hashes to sha256:[a-f0-9]{64}, expected ${layer.digest}$`,
        ),
      );
    });

    it('rejects a corrupted manifest by tag and by digest', async () => {
      hub.settings.corruptManifests = true;
      const client = hubClient();
      const byTag = await rejection(client.getManifest('acme/app', '1.0'));
      expect(byTag.kind).toBe('digest-mismatch');
      expect(byTag.message).toContain(`but Docker-Content-Digest says ${app.manifest.digest}`);
      const byDigest = await rejection(client.getManifest('acme/app', app.manifest.digest));
      expect(byDigest.message).toContain(`but the requested digest says ${app.manifest.digest}`);
    });

    it('retries 5xx answers and then succeeds', async () => {
      hub.failNext(2, 503);
      const client = hubClient();
      const head = await client.headManifest('acme/app', '1.0');
      expect(head.digest).toBe(app.manifest.digest);
      expect(hub.log.map((r) => [r.server, r.method, r.status])).toEqual([
        ['registry', 'HEAD', 503],
        ['registry', 'HEAD', 503],
        ['registry', 'HEAD', 401],
        ['token', 'GET', 200],
        ['registry', 'HEAD', 200],
      ]);
    });

    it('gives up after the retries with status and code in the message', async () => {
      hub.failNext(5, 502);
      const client = hubClient({ retries: 1 });
      const err = await rejection(client.getManifest('acme/app', '1.0'));
      expect(err.kind).toBe('server');
      expect(err.status).toBe(502);
      expect(err.code).toBe('UNAVAILABLE');
      expect(err.message).toBe(
        'registry docker.io, repository acme/app, reference "1.0": HTTP 502 UNAVAILABLE: service unavailable',
      );
      expect(hub.log.map((r) => r.status)).toEqual([502, 502]);
    });

    it('waits for Retry-After on the bare abuse-limit 429, then succeeds', async () => {
      const client = hubClient();
      await client.headManifest('acme/app', '1.0');
      hub.log.length = 0;
      hub.abuseNext(1, 1);
      const started = Date.now();
      await client.headManifest('acme/app', '1.0');
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(hub.log.map((r) => r.status)).toEqual([429, 200]);
    });

    it('backs off on bare 429s without Retry-After and reports the abuse limit at the end', async () => {
      hub.abuseNext(10);
      const client = hubClient({ retries: 2 });
      const err = await rejection(client.headManifest('acme/app', '1.0'));
      expect(err.kind).toBe('abuse-limit');
      expect(err.status).toBe(429);
      expect(hub.log).toHaveLength(3);
    });

    it('never retries the pull limit and reports TOOMANYREQUESTS', async () => {
      const client = hubClient();
      await client.headManifest('acme/app', '1.0');
      hub.setRemaining(0);
      hub.settings.retryAfterSeconds = 3600;
      hub.log.length = 0;
      const err = await rejection(client.getManifest('acme/app', '1.0'));
      expect(err.kind).toBe('pull-limit');
      expect(err.status).toBe(429);
      expect(err.code).toBe('TOOMANYREQUESTS');
      expect(err.retryAfterSeconds).toBe(3600);
      expect(err.message).toBe(
        'registry docker.io, repository acme/app, reference "1.0": HTTP 429 TOOMANYREQUESTS: ' +
          'You have reached your unauthenticated pull rate limit. ' +
          'https://www.docker.com/increase-rate-limit (retry after 3600 s)',
      );
      expect(hub.log.map((r) => [r.method, r.status])).toEqual([['GET', 429]]);
      // Without Retry-After it is not retried either.
      hub.settings.retryAfterSeconds = undefined;
      hub.log.length = 0;
      await rejection(client.getManifest('acme/app', '1.0'));
      expect(hub.log).toHaveLength(1);
      // A HEAD still answers (it costs no pull).
      const head = await client.headManifest('acme/app', '1.0');
      expect(head.headers.get('ratelimit-remaining')).toBe('0;w=21600');
    });

    it('retries the pull limit only when Retry-After says when, within the limit', async () => {
      const client = hubClient({ retries: 1 });
      await client.headManifest('acme/app', '1.0');
      hub.setRemaining(0);
      hub.settings.retryAfterSeconds = 1;
      hub.log.length = 0;
      const started = Date.now();
      const err = await rejection(client.getManifest('acme/app', '1.0'));
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(err.kind).toBe('pull-limit');
      expect(err.retryAfterSeconds).toBe(1);
      expect(hub.log.map((r) => [r.method, r.status])).toEqual([
        ['GET', 429],
        ['GET', 429],
      ]);
    });

    it('sends credentials only to the token endpoint of their registry', async () => {
      const client = hubClient({
        credentials: { username: 'alice', password: 'dckr_pat_alice-secret' },
      });
      await client.getManifest('acme/app', '1.0');
      const tokenReqs = hub.log.filter((r) => r.server === 'token');
      expect(tokenReqs.map((r) => [r.authorization, r.basicUser, r.query['account']])).toEqual([
        ['basic', 'alice', 'alice'],
      ]);
      expect(hub.log.filter((r) => r.server === 'registry' && r.authorization === 'basic')).toEqual(
        [],
      );
      expect(hub.remaining('alice')).toBe(199);
      expect(hub.remaining()).toBe(100);
    });

    it('never sends one registry credentials to another registry', async () => {
      const other = await startDockerHubDouble({
        upstream: registry.url,
        users: { bob: 'bobs-pat' },
      });
      try {
        const config = {
          auths: {
            [hub.host]: { auth: Buffer.from('alice:dckr_pat_alice-secret').toString('base64') },
          },
        };
        const forHub = findDockerConfigCredentials(config, hub.host);
        const forOther = findDockerConfigCredentials(config, other.host);
        expect(forHub).toEqual({ username: 'alice', password: 'dckr_pat_alice-secret' });
        expect(forOther).toBeUndefined();
        const a = new RegistryClient(hub.host, { credentials: forHub, ...fast });
        const b = new RegistryClient(other.host, { credentials: forOther, ...fast });
        expect(a.baseUrl).toBe(hub.url);
        await a.headManifest('acme/app', '1.0');
        await b.headManifest('acme/app', '1.0');
        expect(hub.log.filter((r) => r.server === 'token').map((r) => r.basicUser)).toEqual([
          'alice',
        ]);
        expect(other.log.map((r) => r.authorization)).toEqual(['none', 'none', 'bearer']);
        expect(other.log.some((r) => r.basicUser !== undefined)).toBe(false);
      } finally {
        await other.close();
      }
    });

    it('reports refused credentials without leaking the password', async () => {
      const client = hubClient({
        credentials: { username: 'alice', password: 'wrong-secret-value' },
      });
      const err = await rejection(client.headManifest('acme/app', '1.0'));
      expect(err.kind).toBe('auth');
      expect(err.status).toBe(401);
      expect(err.message).toBe(
        'registry docker.io, repository acme/app, reference "1.0": HTTP 401: ' +
          `token request to ${hub.authUrl} failed (token endpoint ${hub.authUrl})`,
      );
      expect(err.message).not.toContain('wrong-secret-value');
    });

    it('names status and code of a missing manifest, and never a token', async () => {
      const client = hubClient();
      await client.headManifest('acme/app', '1.0');
      const err = await rejection(client.getManifest('acme/app', 'nope'));
      expect(err.kind).toBe('not-found');
      expect(err.message).toBe(
        'registry docker.io, repository acme/app, reference "nope": HTTP 404 MANIFEST_UNKNOWN: manifest unknown',
      );
      const head = await rejection(client.headManifest('acme/app', 'nope'));
      expect(head.message).toBe(
        'registry docker.io, repository acme/app, reference "nope": HTTP 404: not found',
      );
      const tokenLike = /hubdouble\.[A-Za-z0-9_-]+\.[a-f0-9]+/;
      expect(err.message).not.toMatch(tokenLike);
      expect(JSON.stringify(err)).not.toMatch(tokenLike);
    });

    it('uses Basic auth when the registry asks for it', async () => {
      hub.settings.auth = 'basic';
      const client = new RegistryClient(hub.host, {
        credentials: { username: 'alice', password: 'dckr_pat_alice-secret' },
        ...fast,
      });
      const ping = await client.ping();
      expect(ping).toEqual({ status: 200, authScheme: 'basic', apiVersion: 'registry/2.0' });
      await client.headManifest('acme/app', '1.0');
      expect(hub.log.map((r) => [r.authorization, r.basicUser, r.status])).toEqual([
        ['none', undefined, 401],
        ['basic', 'alice', 200],
        ['basic', 'alice', 200],
      ]);
      const anonymous = new RegistryClient(hub.host, fast);
      const err = await rejection(anonymous.headManifest('acme/app', '1.0'));
      expect(err.kind).toBe('auth');
    });

    it('talks straight to the real registry without auth', async () => {
      const client = new RegistryClient(registry.host, fast);
      expect(client.baseUrl).toBe(registry.url);
      const ping = await client.ping();
      expect(ping.status).toBe(200);
      const m = await client.getImageManifest('library/busybox', 'docker', {
        os: 'linux',
        architecture: 'amd64',
      });
      expect(m.image.digest).toBe(dockerIndex.images[0]?.manifest.digest);
      const config = await client.getBlob('library/busybox', m.image.manifest.config.digest);
      const json = JSON.parse((await collect(config.stream)).toString('utf8')) as {
        architecture: string;
      };
      expect(json.architecture).toBe('amd64');
    });
  },
);
