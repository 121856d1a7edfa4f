import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { RegistryClient } from '../../src/registry/client.js';
import { discardBody, undiciTransport, type HttpTransport } from '../../src/registry/transport.js';
import { pullImages, resolveImages, type PullImage } from '../../src/cache/pull.js';
import { CacheStore } from '../../src/cache/store/store.js';
import {
  registryUnavailable,
  startRegistry,
  freePort,
  type RegistryService,
} from '../support/registry-service.js';
import { startDockerHubDouble, type DockerHubDouble } from '../support/dockerhub-double.js';
import {
  buildImage,
  busyboxLayer,
  pushImage,
  pushIndex,
  twoPlatformIndex,
  type TestImage,
  type TestIndex,
} from '../support/test-image.js';
import { removeDir, tempDir } from './helpers.js';

const why = registryUnavailable();
if (why !== undefined) console.warn(`skipping pull tests: ${why}`);

const AMD64 = { os: 'linux', architecture: 'amd64' };

/** A request the client sent, as seen by the wrapped transport. */
interface Sent {
  method: string;
  url: string;
  range: string | undefined;
}

/** Cuts the body of the first GET whose URL contains `match` after `after` bytes. */
interface Cut {
  match: string;
  after: number;
  done: boolean;
}

function countingTransport(sent: Sent[], cut?: Cut): HttpTransport {
  return async (req) => {
    sent.push({ method: req.method, url: req.url, range: req.headers['range'] });
    const res = await undiciTransport(req);
    if (cut && !cut.done && req.url.includes(cut.match) && res.status === 200) {
      cut.done = true;
      const source = res.body;
      let passed = 0;
      const body = new Readable({
        read() {
          source.resume();
        },
      });
      source.on('data', (chunk: Buffer) => {
        const part = chunk.subarray(0, Math.max(0, cut.after - passed));
        passed += part.length;
        if (part.length > 0 && !body.push(part)) source.pause();
        if (passed >= cut.after) {
          // the bytes before the cut reach the reader first, then the connection dies
          discardBody(source);
          setTimeout(() => body.destroy(new Error('connection cut by the test')), 100);
        }
      });
      source.on('end', () => body.push(null));
      source.pause();
      return { ...res, body };
    }
    return res;
  };
}

describe.skipIf(why !== undefined)('pullImages against real registries', () => {
  let origin: RegistryService;
  let hub: DockerHubDouble;
  let mirror: RegistryService;
  let dir: string;
  let index: TestIndex;
  let tool: TestImage;
  let sibling: TestImage;
  let sent: Sent[];
  let cut: Cut | undefined;

  let clients = new Map<string, RegistryClient>();
  /** One client per host and test, as the action keeps them (tokens are reused). */
  const client = (registry: string): RegistryClient => {
    let c = clients.get(registry);
    if (c === undefined) {
      const f: HttpTransport = (req) => countingTransport(sent, cut)(req);
      c =
        registry === 'docker.io'
          ? new RegistryClient('docker.io', { dockerHub: hub.endpoints, transport: f, retries: 0 })
          : new RegistryClient(registry, { transport: f, retries: 0 });
      clients.set(registry, c);
    }
    return c;
  };
  const busybox = (): PullImage => ({
    ref: 'docker.io/library/busybox:1',
    sources: [`${mirror.host}/library/busybox:1`, 'docker.io/library/busybox:1'],
  });
  const toolImage = (): PullImage => ({
    ref: 'docker.io/library/tool:2',
    sources: [`${mirror.host}/library/tool:2`, 'docker.io/library/tool:2'],
  });
  const amd = (): TestImage => index.images[0]!;
  const sizeOf = (img: TestImage): number =>
    img.manifest.size + img.config.size + img.layers.reduce((n, l) => n + l.size, 0);

  beforeAll(async () => {
    origin = await startRegistry();
    hub = await startDockerHubDouble({ upstream: origin.url });
    mirror = await startRegistry();
    index = await twoPlatformIndex('docker');
    await pushIndex(origin.url, 'library/busybox', '1', index);
    await pushIndex(mirror.url, 'library/busybox', '1', index);
    // tool's base layer differs from busybox's (no layer shared with the index images);
    // sibling shares tool's base layer; tool's second layer is incompressible, 200 kB.
    const toolBase = { files: [...busyboxLayer().files, { path: 'etc/base', content: 'tool\n' }] };
    tool = await buildImage({
      layers: [toolBase, { files: [{ path: 'etc/tool', content: randomBytes(200_000) }] }],
    });
    await pushImage(origin.url, 'library/tool', '2', tool);
    sibling = await buildImage({
      layers: [toolBase, { files: [{ path: 'etc/sibling', content: 'sib\n' }] }],
    });
    await pushImage(origin.url, 'library/sibling', '1', sibling);
  });
  afterAll(async () => {
    if (dir) await removeDir(dir);
    await hub?.close();
    await origin?.stop();
    await mirror?.stop();
  });
  beforeEach(async () => {
    sent = [];
    cut = undefined;
    clients = new Map();
    if (dir) await removeDir(dir);
    dir = await tempDir();
  });

  const manifestGets = (): Sent[] =>
    sent.filter((s) => s.method === 'GET' && s.url.includes('/manifests/'));
  const blobGets = (): Sent[] => sent.filter((s) => s.url.includes('/blobs/'));

  it('cold: resolves on the mirror, falls back to the original, stores every blob', async () => {
    const store = await CacheStore.open(dir);
    const r = await pullImages(store, [busybox(), toolImage()], {
      client,
      platform: AMD64,
      now: new Date('2026-03-01T00:00:00Z'),
    });
    const [bb, tl] = r.images;
    expect(bb).toMatchObject({
      status: 'miss',
      digest: index.manifest.digest,
      manifest: amd().manifest.digest,
      resolvedBy: `${mirror.host}/library/busybox:1`,
      bytesRestored: 0,
      bytesPulled: index.manifest.size + sizeOf(amd()),
      pulledFrom: [
        { source: `${mirror.host}/library/busybox:1`, bytes: index.manifest.size + sizeOf(amd()) },
      ],
      manifestGets: 2,
      warnings: [],
    });
    expect(tl).toMatchObject({
      status: 'miss',
      digest: tool.manifest.digest,
      manifest: tool.manifest.digest,
      resolvedBy: 'docker.io/library/tool:2',
      bytesPulled: sizeOf(tool),
      pulledFrom: [{ source: 'docker.io/library/tool:2', bytes: sizeOf(tool) }],
    });
    // busybox: index, manifest, config, 2 layers; tool: manifest, config, 2 layers
    expect(r.newBlobs).toBe(5 + 4);
    // the arm64 image was never fetched
    expect(sent.some((s) => s.url.includes(index.images[1]!.manifest.digest))).toBe(false);
    expect(store.find('docker.io/library/busybox:1', 'linux/amd64')).toEqual({
      ref: 'docker.io/library/busybox:1',
      platform: 'linux/amd64',
      digest: index.manifest.digest,
      manifest: amd().manifest.digest,
      source: `${mirror.host}/library/busybox:1`,
      lastUsed: '2026-03-01T00:00:00.000Z',
    });
    for (const b of [amd().config, ...amd().layers, tool.config, ...tool.layers]) {
      expect(await store.blobs.verify(b.digest)).toBe(true);
    }
  });

  it('warm: one HEAD per source tried, no manifest GET, no blob', async () => {
    const store = await CacheStore.open(dir);
    await pullImages(store, [busybox(), toolImage()], { client, platform: AMD64 });
    sent = [];
    const hubBefore = hub.log.length;
    const r = await pullImages(store, [busybox(), toolImage()], { client, platform: AMD64 });
    expect(r.images.map((i) => [i.status, i.bytesPulled, i.manifestGets])).toEqual([
      ['hit', 0, 0],
      ['hit', 0, 0],
    ]);
    expect(r.images[0]!.bytesRestored).toBe(index.manifest.size + sizeOf(amd()));
    expect(r.newBlobs).toBe(0);
    expect(manifestGets()).toEqual([]);
    expect(blobGets()).toEqual([]);
    const heads = sent
      .filter((s) => s.method === 'HEAD')
      .map((s) => s.url)
      .sort();
    // busybox: the mirror answers; tool: the mirror lacks it, then Docker Hub (token reused)
    expect(heads).toEqual(
      [
        `${mirror.url}/v2/library/busybox/manifests/1`,
        `${mirror.url}/v2/library/tool/manifests/2`,
        `${hub.url}/v2/library/tool/manifests/2`,
      ].sort(),
    );
    expect(sent.filter((s) => s.method !== 'HEAD')).toEqual([]);
    expect(
      hub.log.slice(hubBefore).filter((l) => l.method === 'GET' && l.server === 'registry'),
    ).toEqual([]);
  });

  it('resolveImages before the restore, then pullImages: still one HEAD per image', async () => {
    const store = await CacheStore.open(dir);
    await pullImages(store, [busybox()], { client, platform: AMD64 });
    sent = [];
    const dead = `127.0.0.1:${await freePort()}`;
    const resolved = await resolveImages(
      [busybox(), { ref: 'docker.io/library/gone:1', sources: [`${dead}/library/gone:1`] }],
      { client },
    );
    expect(resolved.digests).toEqual([index.manifest.digest]);
    expect(resolved.images[0]).toMatchObject({
      digest: index.manifest.digest,
      resolvedBy: `${mirror.host}/library/busybox:1`,
    });
    expect(resolved.problems.map((p) => p.ref)).toEqual(['docker.io/library/gone:1']);
    expect(resolved.problems[0]!.message).toMatch(
      /^docker\.io\/library\/gone:1: could not resolve the tag: registry 127\.0\.0\.1:\d+/,
    );
    const r = await pullImages(store, [resolved.images[0]!], { client, platform: AMD64 });
    expect(r.images[0]).toMatchObject({
      status: 'hit',
      resolvedBy: `${mirror.host}/library/busybox:1`,
    });
    expect(sent.filter((x) => x.url.startsWith(mirror.url)).map((x) => x.method)).toEqual(['HEAD']);
  });

  it('pulls two names of one image once: the second is a hit', async () => {
    const store = await CacheStore.open(dir);
    const mirrored = { ref: `${mirror.host}/library/busybox:1` };
    const r = await pullImages(store, [busybox(), mirrored], { client, platform: AMD64 });
    // whichever name resolves first pulls; the other waits and finds it all stored
    const all = index.manifest.size + sizeOf(amd());
    const rows = r.images.map((i) => [i.status, i.bytesPulled, i.manifestGets, i.bytesRestored]);
    expect(rows.sort()).toEqual([
      ['hit', 0, 0, all],
      ['miss', all, 2, 0],
    ]);
    // index, manifest, config, 2 layers, each stored and counted once
    expect(r.newBlobs).toBe(5);
    const gets = sent.filter((x) => x.method === 'GET' && x.url.includes('/manifests/'));
    expect(gets).toHaveLength(2);
  });

  it('counts shared layers as restored: a partial hit', async () => {
    const store = await CacheStore.open(dir);
    await pullImages(store, [toolImage()], { client, platform: AMD64 });
    const r = await pullImages(store, [{ ref: 'docker.io/library/sibling:1' }], {
      client,
      platform: AMD64,
    });
    expect(r.images[0]).toMatchObject({
      status: 'partial',
      bytesRestored: sibling.layers[0]!.size,
      bytesPulled: sibling.manifest.size + sibling.config.size + sibling.layers[1]!.size,
    });
  });

  it('registries down: uses the last digest the store knows, with a warning', async () => {
    const store = await CacheStore.open(dir);
    await pullImages(store, [busybox()], { client, platform: AMD64 });
    const dead = `127.0.0.1:${await freePort()}`;
    const r = await pullImages(
      store,
      [{ ref: 'docker.io/library/busybox:1', sources: [`${dead}/library/busybox:1`] }],
      { client, platform: AMD64 },
    );
    expect(r.images[0]).toMatchObject({
      status: 'hit',
      resolvedBy: 'store',
      digest: index.manifest.digest,
    });
    expect(r.images[0]!.warnings).toHaveLength(1);
    expect(r.images[0]!.warnings[0]!.message).toMatch(
      new RegExp(
        `^docker\\.io/library/busybox:1: could not resolve the tag \\(registry ${dead.replace(/\./g, '\\.')}.*\\); ` +
          `using the last digest the cache knows, ${index.manifest.digest}$`,
      ),
    );
  });

  it('an unknown tag with nothing stored fails that image only', async () => {
    const store = await CacheStore.open(dir);
    const r = await pullImages(store, [{ ref: 'docker.io/library/nothing:9' }, toolImage()], {
      client,
      platform: AMD64,
    });
    expect(r.images[0]!.status).toBe('failed');
    expect(r.images[0]!.error).toMatch(
      /^docker\.io\/library\/nothing:9: could not resolve the tag: registry docker\.io, repository library\/nothing, reference "9": HTTP 404/,
    );
    expect(r.images[1]!.status).toBe('miss');
  });

  it('a platform the index lacks fails with the platforms it has', async () => {
    const store = await CacheStore.open(dir);
    const r = await pullImages(store, [busybox()], {
      client,
      platform: { os: 'linux', architecture: 's390x' },
    });
    expect(r.images[0]!.status).toBe('failed');
    expect(r.images[0]!.error).toContain(
      'no manifest for platform linux/s390x (index has: linux/amd64, linux/arm64',
    );
  });

  it('a pinned reference sends no HEAD when stored', async () => {
    const store = await CacheStore.open(dir);
    const pinned: PullImage = { ref: `docker.io/library/tool@${tool.manifest.digest}` };
    expect((await pullImages(store, [pinned], { client, platform: AMD64 })).images[0]!.status).toBe(
      'miss',
    );
    sent = [];
    const r = await pullImages(store, [pinned], { client, platform: AMD64 });
    expect(r.images[0]).toMatchObject({ status: 'hit', resolvedBy: 'reference' });
    expect(sent).toEqual([]);
  });

  it('re-pulls a corrupt blob (verify full) and a truncated one (size check)', async () => {
    const store = await CacheStore.open(dir);
    await pullImages(store, [toolImage()], { client, platform: AMD64 });
    const big = tool.layers[1]!;
    const small = tool.layers[0]!;
    // a truncated blob: the default size check finds it
    await writeFile(store.blobs.blobPath(small.digest), small.bytes.subarray(0, 100));
    sent = [];
    const r1 = await pullImages(store, [toolImage()], { client, platform: AMD64 });
    expect(r1.images[0]).toMatchObject({
      status: 'partial',
      bytesPulled: small.size,
      bytesRestored: tool.manifest.size + tool.config.size + big.size,
      manifestGets: 0,
      warnings: [],
    });
    expect(await store.blobs.verify(small.digest)).toBe(true);
    // same size, one byte flipped: only hashing finds it
    const flipped = Buffer.from(big.bytes);
    flipped[1000] = (flipped[1000] ?? 0) ^ 0xff;
    await writeFile(store.blobs.blobPath(big.digest), flipped);
    const unnoticed = await pullImages(store, [toolImage()], { client, platform: AMD64 });
    expect(unnoticed.images[0]!.status).toBe('hit');
    sent = [];
    const r2 = await pullImages(store, [toolImage()], { client, platform: AMD64, verify: 'full' });
    expect(r2.images[0]).toMatchObject({
      status: 'partial',
      bytesPulled: big.size,
      bytesRestored: tool.manifest.size + tool.config.size + small.size,
      manifestGets: 0,
    });
    expect(r2.images[0]!.warnings).toEqual([
      {
        message: `docker.io/library/tool:2: stored blob ${big.digest} was corrupt; deleted and pulled again`,
      },
    ]);
    expect(await store.blobs.verify(big.digest)).toBe(true);
    expect(
      blobGets()
        .filter((s) => s.method === 'GET')
        .map((s) => s.url.slice(-71)),
    ).toEqual([big.digest]);
  });

  it('resumes an interrupted blob download with Range', async () => {
    const store = await CacheStore.open(dir);
    const big = tool.layers[1]!;
    expect(big.size).toBeGreaterThan(200_000);
    cut = { match: big.digest, after: 5000, done: false };
    const r = await pullImages(store, [{ ref: 'docker.io/library/tool:2' }], {
      client,
      platform: AMD64,
    });
    expect(r.images[0]).toMatchObject({ status: 'miss', resumed: 1 });
    const gets = blobGets().filter((s) => s.url.includes(big.digest) && s.method === 'GET');
    expect(gets.map((g) => g.range)).toEqual([undefined, 'bytes=5000-']);
    expect(await store.blobs.verify(big.digest)).toBe(true);
    expect(r.images[0]!.bytesPulled).toBe(sizeOf(tool) - 5000);
  });

  it('stores partials under the store root, away from the blobs', async () => {
    const store = await CacheStore.open(dir);
    expect(store.blobs.ingestDir).toBe(path.join(dir, 'ingest'));
  });
});
