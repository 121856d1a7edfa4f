import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BlobDigestError, BlobStore } from '../../../src/cache/store/blob-store.js';
import { digestHex, sha256Digest } from '../../../src/cache/store/digest.js';
import { blob, bytesFetcher, removeDir, tempDir } from '../helpers.js';

let dir: string;
let store: BlobStore;

beforeEach(async () => {
  dir = await tempDir();
  store = new BlobStore(dir);
  await store.init();
});
afterEach(async () => removeDir(dir));

describe('digestHex', () => {
  it('returns the hex of a sha256 digest', () => {
    expect(digestHex(`sha256:${'ab'.repeat(32)}`)).toBe('ab'.repeat(32));
  });
  it('refuses anything that could escape the blob folder, quoting it', () => {
    expect(() => digestHex('sha256:../../etc/passwd')).toThrow(
      'not a sha256 digest: "sha256:../../etc/passwd"',
    );
    expect(() => digestHex(`sha256:${'AB'.repeat(32)}`)).toThrow('not a sha256 digest');
    expect(() => digestHex(`sha512:${'ab'.repeat(64)}`)).toThrow('not a sha256 digest');
  });
});

describe('BlobStore.ensure', () => {
  it('downloads, verifies and renames a blob into blobs/sha256', async () => {
    const b = blob(10_000);
    const fetch = bytesFetcher(b.bytes);
    const r = await store.ensure(b.descriptor.digest, b.bytes.length, fetch);
    expect(r).toEqual({
      digest: b.descriptor.digest,
      size: 10_000,
      existed: false,
      fetched: 10_000,
      resumedFrom: 0,
    });
    const file = path.join(dir, 'blobs', 'sha256', digestHex(b.descriptor.digest));
    expect((await readFile(file)).equals(b.bytes)).toBe(true);
    expect(await readdir(path.join(dir, 'ingest'))).toEqual([]);
    const again = await store.ensure(b.descriptor.digest, b.bytes.length, fetch);
    expect(again.existed).toBe(true);
    expect(again.fetched).toBe(0);
    expect(fetch.offsets).toEqual([0]);
  });

  it('coalesces concurrent downloads of one blob into one fetch', async () => {
    const b = blob(50_000);
    const fetch = bytesFetcher(b.bytes);
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => store.ensure(b.descriptor.digest, b.bytes.length, fetch)),
    );
    expect(fetch.offsets).toEqual([0]);
    expect(results.map((r) => r.fetched)).toEqual([50_000, 0, 0, 0]);
    expect(results.every((r) => r.size === 50_000)).toBe(true);
  });

  it('rejects content that does not match the digest and keeps nothing', async () => {
    const b = blob(5_000);
    const other = blob(5_000);
    await expect(
      store.ensure(b.descriptor.digest, 5_000, bytesFetcher(other.bytes)),
    ).rejects.toBeInstanceOf(BlobDigestError);
    expect(await store.has(b.descriptor.digest)).toBe(false);
    expect(await readdir(path.join(dir, 'ingest'))).toEqual([]);
  });

  it('rejects a body longer than the descriptor and drops the partial file', async () => {
    const b = blob(4_000);
    const longer = Buffer.concat([b.bytes, Buffer.from('extra')]);
    await expect(store.ensure(b.descriptor.digest, 4_000, bytesFetcher(longer))).rejects.toThrow(
      'blob body is longer than its descriptor says',
    );
    expect(await readdir(path.join(dir, 'ingest'))).toEqual([]);
  });

  it('resumes an interrupted download from where it stopped (Range)', async () => {
    const b = blob(30_000);
    await expect(
      store.ensure(b.descriptor.digest, 30_000, bytesFetcher(b.bytes, { failAfter: 12_345 })),
    ).rejects.toThrow('connection reset (test)');
    const partial = path.join(dir, 'ingest', digestHex(b.descriptor.digest));
    expect((await stat(partial)).size).toBe(12_345);
    const fetch = bytesFetcher(b.bytes);
    const r = await store.ensure(b.descriptor.digest, 30_000, fetch);
    expect(fetch.offsets).toEqual([12_345]);
    expect(r).toMatchObject({ existed: false, fetched: 30_000 - 12_345, resumedFrom: 12_345 });
    expect((await store.read(b.descriptor.digest)).equals(b.bytes)).toBe(true);
  });

  it('starts over when the server ignores Range', async () => {
    const b = blob(20_000);
    await expect(
      store.ensure(b.descriptor.digest, 20_000, bytesFetcher(b.bytes, { failAfter: 7_000 })),
    ).rejects.toThrow();
    const fetch = bytesFetcher(b.bytes, { ignoreRange: true });
    const r = await store.ensure(b.descriptor.digest, 20_000, fetch);
    expect(fetch.offsets).toEqual([7_000]);
    expect(r).toMatchObject({ fetched: 20_000, resumedFrom: 0 });
    expect(await store.verify(b.descriptor.digest)).toBe(true);
  });

  it('works without a known size', async () => {
    const b = blob(3_000);
    const r = await store.ensure(b.descriptor.digest, undefined, bytesFetcher(b.bytes));
    expect(r.size).toBe(3_000);
  });
});

describe('damaged blobs', () => {
  it('has() with a size deletes a truncated blob so it is fetched again', async () => {
    const b = blob(8_000);
    await store.put(b.descriptor.digest, b.bytes);
    const file = store.blobPath(b.descriptor.digest);
    await writeFile(file, b.bytes.subarray(0, 5_000));
    expect(await store.has(b.descriptor.digest, 8_000)).toBe(false);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    const fetch = bytesFetcher(b.bytes);
    expect((await store.ensure(b.descriptor.digest, 8_000, fetch)).fetched).toBe(8_000);
  });

  it('verify() deletes a corrupt blob of the right size and keeps an intact one', async () => {
    const good = blob(6_000);
    const bad = blob(6_000);
    await store.put(good.descriptor.digest, good.bytes);
    await store.put(bad.descriptor.digest, bad.bytes);
    const flipped = Buffer.from(bad.bytes);
    flipped[100] = (flipped[100] ?? 0) ^ 0xff;
    await writeFile(store.blobPath(bad.descriptor.digest), flipped);
    expect(await store.verify(good.descriptor.digest)).toBe(true);
    expect(await store.verify(bad.descriptor.digest)).toBe(false);
    expect(await store.has(bad.descriptor.digest)).toBe(false);
    expect(await store.verify(bad.descriptor.digest)).toBe(false);
  });

  it('read() throws on a corrupt blob and deletes it', async () => {
    const b = blob(Buffer.from('{"a":1}'));
    await store.put(b.descriptor.digest, b.bytes);
    await writeFile(store.blobPath(b.descriptor.digest), '{"a":2}');
    await expect(store.read(b.descriptor.digest)).rejects.toThrow(
      `blob ${b.descriptor.digest} hashed to ${sha256Digest('{"a":2}')} (7 bytes); discarded`,
    );
    expect(await store.has(b.descriptor.digest)).toBe(false);
  });

  it('put() refuses bytes that do not match the digest', async () => {
    const b = blob(100);
    await expect(store.put(b.descriptor.digest, Buffer.from('nope'))).rejects.toBeInstanceOf(
      BlobDigestError,
    );
  });
});

describe('listing and cleanup', () => {
  it('lists blobs with sizes and clears partial downloads', async () => {
    const a = blob(10);
    const c = blob(20);
    await store.put(a.descriptor.digest, a.bytes);
    await store.put(c.descriptor.digest, c.bytes);
    await writeFile(path.join(dir, 'ingest', 'junk'), 'x'.repeat(33));
    expect(await store.list()).toEqual(
      new Map([
        [a.descriptor.digest, 10],
        [c.descriptor.digest, 20],
      ]),
    );
    expect(await store.clearIngest()).toBe(33);
    expect(await readdir(path.join(dir, 'ingest'))).toEqual([]);
  });
});

describe('short bodies', () => {
  it('keeps a body that ended early (no error) and resumes it', async () => {
    const b = blob(9_000);
    const short = async (offset: number) => ({
      body: (async function* () {
        yield b.bytes.subarray(offset, 4_000);
      })(),
      offset,
    });
    await expect(store.ensure(b.descriptor.digest, 9_000, short)).rejects.toThrow(
      'body ended after 4000 of 9000 bytes; kept to resume',
    );
    const fetch = bytesFetcher(b.bytes);
    const r = await store.ensure(b.descriptor.digest, 9_000, fetch);
    expect(fetch.offsets).toEqual([4_000]);
    expect(r.resumedFrom).toBe(4_000);
  });
});
