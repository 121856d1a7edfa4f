import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CacheStore } from '../../../src/cache/store/store.js';
import { pruneStore } from '../../../src/cache/store/prune.js';
import { readImageIndex } from '../../../src/cache/store/image-index.js';
import { tagOf } from '../../../src/cache/store/layout.js';
import { blob, removeDir, storeImage, tempDir } from '../helpers.js';

let dir: string;

beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => removeDir(dir));

describe('CacheStore layout', () => {
  it('is an OCI image layout whose index.json lists the images with names', async () => {
    const store = await CacheStore.open(dir);
    expect(await readFile(path.join(dir, 'oci-layout'), 'utf8')).toBe(
      '{"imageLayoutVersion":"1.0.0"}',
    );
    const img = await storeImage(
      store,
      'docker.io/library/busybox:1.36',
      [blob(100)],
      '2026-01-01T00:00:00.000Z',
    );
    const index = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8'));
    expect(index).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: img.manifest.descriptor.digest,
          size: img.manifest.bytes.length,
          platform: { os: 'linux', architecture: 'amd64' },
          annotations: {
            'io.containerd.image.name': 'docker.io/library/busybox:1.36',
            'org.opencontainers.image.ref.name': '1.36',
          },
        },
      ],
    });
    const again = await CacheStore.open(dir);
    expect(again.find('docker.io/library/busybox:1.36', 'linux/amd64')).toEqual({
      ref: 'docker.io/library/busybox:1.36',
      platform: 'linux/amd64',
      digest: img.manifest.descriptor.digest,
      manifest: img.manifest.descriptor.digest,
      lastUsed: '2026-01-01T00:00:00.000Z',
    });
    expect(again.warnings).toEqual([]);
  });

  it('lists the blobs of an image: manifest, config, layers', async () => {
    const store = await CacheStore.open(dir);
    const l1 = blob(10);
    const l2 = blob(20);
    const img = await storeImage(store, 'docker.io/library/a:1', [l1, l2], '2026-01-01T00:00:00Z');
    const content = await store.content(store.list()[0]!);
    expect(content?.blobs.map((b) => b.digest)).toEqual(img.all.map((b) => b.descriptor.digest));
    expect(content?.manifest.layers.map((l) => l.size)).toEqual([10, 20]);
  });

  it('treats a damaged image index as empty, with a warning naming the file', async () => {
    await writeFile(path.join(dir, 'hubcap-images.json'), '{"version":1,"images":[');
    const store = await CacheStore.open(dir);
    expect(store.list()).toEqual([]);
    expect(store.warnings).toHaveLength(1);
    expect(store.warnings[0]?.message).toMatch(
      new RegExp(`^${path.join(dir, 'hubcap-images.json')}: not JSON \\(`),
    );
  });

  it('skips malformed entries and keeps the good ones', async () => {
    const file = path.join(dir, 'hubcap-images.json');
    const good = {
      ref: 'docker.io/library/a:1',
      platform: 'linux/amd64',
      digest: `sha256:${'a'.repeat(64)}`,
      manifest: `sha256:${'a'.repeat(64)}`,
      lastUsed: '2026-01-01T00:00:00Z',
    };
    await writeFile(file, JSON.stringify({ version: 1, images: [good, { ...good, digest: 'x' }] }));
    expect(await readImageIndex(file)).toEqual({
      images: [good],
      problems: [`${file}: images[1] is malformed; ignored`],
    });
  });

  it('touch() updates the last use; list() is newest first', async () => {
    const store = await CacheStore.open(dir);
    await storeImage(store, 'docker.io/library/a:1', [blob(5)], '2026-01-01T00:00:00.000Z');
    await storeImage(store, 'docker.io/library/b:1', [blob(5)], '2026-01-02T00:00:00.000Z');
    expect(store.list().map((i) => i.ref)).toEqual([
      'docker.io/library/b:1',
      'docker.io/library/a:1',
    ]);
    await store.touch(
      [{ ref: 'docker.io/library/a:1', platform: 'linux/amd64' }],
      new Date('2026-01-03T00:00:00Z'),
    );
    const reread = await CacheStore.open(dir);
    expect(reread.list().map((i) => [i.ref, i.lastUsed])).toEqual([
      ['docker.io/library/a:1', '2026-01-03T00:00:00.000Z'],
      ['docker.io/library/b:1', '2026-01-02T00:00:00.000Z'],
    ]);
  });
});

describe('tagOf', () => {
  it('finds the tag after the last slash, ignoring a registry port and a digest', () => {
    expect(tagOf('docker.io/library/node:20')).toBe('20');
    expect(tagOf('localhost:5000/app')).toBeUndefined();
    expect(tagOf(`localhost:5000/app:v1@sha256:${'a'.repeat(64)}`)).toBe('v1');
    expect(tagOf(`docker.io/library/node@sha256:${'a'.repeat(64)}`)).toBeUndefined();
  });
});

describe('pruneStore', () => {
  it('keeps the newest images under the budget, counting shared blobs once', async () => {
    const store = await CacheStore.open(dir);
    const base = blob(1000);
    const a = await storeImage(
      store,
      'docker.io/library/a:1',
      [base, blob(300)],
      '2026-01-04T00:00:00Z',
    );
    const b = await storeImage(
      store,
      'docker.io/library/b:1',
      [base, blob(300)],
      '2026-01-03T00:00:00Z',
    );
    const c = await storeImage(store, 'docker.io/library/c:1', [blob(500)], '2026-01-02T00:00:00Z');
    const d = await storeImage(store, 'docker.io/library/d:1', [blob(10)], '2026-01-01T00:00:00Z');
    const size = (img: typeof a, skip = 0) =>
      img.all.slice(0, img.all.length - skip).reduce((n, x) => n + x.bytes.length, 0);
    // a and b share `base`; the budget fits a + b but not c as well.
    const budget = size(a) + size(b) - base.bytes.length + 100;
    const r = await pruneStore(store, budget);
    expect(r.kept.map((i) => i.ref)).toEqual(['docker.io/library/a:1', 'docker.io/library/b:1']);
    expect(r.removed.map((i) => i.ref)).toEqual(['docker.io/library/c:1', 'docker.io/library/d:1']);
    expect(r.keptBytes).toBe(budget - 100);
    expect(r.removedBlobs).toBe(c.all.length + d.all.length);
    expect(r.freedBytes).toBe(size(c) + size(d));
    const blobs = await store.blobs.list();
    expect([...blobs.keys()].sort()).toEqual(
      [...new Set([...a.all, ...b.all].map((x) => x.descriptor.digest))].sort(),
    );
    const reread = await CacheStore.open(dir);
    expect(reread.list().map((i) => i.ref)).toEqual([
      'docker.io/library/a:1',
      'docker.io/library/b:1',
    ]);
    const index = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8'));
    expect(index.manifests.map((m: { digest: string }) => m.digest)).toEqual([
      a.manifest.descriptor.digest,
      b.manifest.descriptor.digest,
    ]);
  });

  it('drops images whose blobs are gone, and orphan blobs', async () => {
    const store = await CacheStore.open(dir);
    const layer = blob(50);
    await storeImage(store, 'docker.io/library/a:1', [layer], '2026-01-04T00:00:00Z');
    const orphan = blob(70);
    await store.blobs.put(orphan.descriptor.digest, orphan.bytes);
    await store.blobs.remove(layer.descriptor.digest);
    const r = await pruneStore(store, 1e9);
    expect(r.kept).toEqual([]);
    expect(r.removed.map((i) => i.ref)).toEqual(['docker.io/library/a:1']);
    expect((await store.blobs.list()).size).toBe(0);
  });

  it('removes everything when even the newest image is over the budget', async () => {
    const store = await CacheStore.open(dir);
    await storeImage(store, 'docker.io/library/a:1', [blob(5000)], '2026-01-04T00:00:00Z');
    const r = await pruneStore(store, 1000);
    expect(r.kept).toEqual([]);
    expect(r.keptBytes).toBe(0);
    expect((await store.blobs.list()).size).toBe(0);
  });
});

describe('storeInventory', () => {
  it('lists images with their sizes and the store total (shared blobs once)', async () => {
    const { storeInventory } = await import('../../../src/cache/inventory.js');
    const store = await CacheStore.open(dir);
    const base = blob(1000);
    const a = await storeImage(store, 'docker.io/library/a:1', [base], '2026-01-02T00:00:00.000Z');
    const b = await storeImage(
      store,
      'docker.io/library/b:1',
      [base, blob(10)],
      '2026-01-01T00:00:00.000Z',
    );
    const total = (x: typeof a) => x.all.reduce((n, y) => n + y.bytes.length, 0);
    const inv = await storeInventory(store);
    expect(inv.images.map((i) => [i.ref, i.bytes, i.missingBlobs])).toEqual([
      ['docker.io/library/a:1', total(a), 0],
      ['docker.io/library/b:1', total(b), 0],
    ]);
    expect(inv.totalBytes).toBe(total(a) + total(b) - 1000);
    expect(inv.blobs).toBe(a.all.length + b.all.length - 1);
    await store.blobs.remove(base.descriptor.digest);
    const after = await storeInventory(store);
    expect(after.images.map((i) => i.missingBlobs)).toEqual([1, 1]);
  });
});
