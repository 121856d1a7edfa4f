import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import { createWriteStream, existsSync } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import tar from 'tar-stream';
import { CacheStore } from '../../../src/cache/store/store.js';
import {
  UncompressedSizeError,
  writeArchive,
  type ArchiveImage,
} from '../../../src/cache/load/archive.js';
import { dockerTag, dockerTags, splitTag } from '../../../src/cache/load/names.js';
import { BlobDigestError } from '../../../src/cache/store/blob-store.js';
import { buildImage, busyboxLayer, type TestImage } from '../../support/test-image.js';
import { removeDir, storeBuiltImage, tempDir } from '../helpers.js';

const run = promisify(execFile);

let dir: string;
let store: CacheStore;
let image: TestImage;
const REF = 'docker.io/library/busybox:hubcap-test';
const MIRROR = 'mirror.example:5000/library/busybox:hubcap-test';

beforeEach(async () => {
  dir = await tempDir();
  store = await CacheStore.open(path.join(dir, 'store'));
  image = await buildImage({
    layers: [busyboxLayer(), { files: [{ path: 'etc/extra', content: 'x\n' }] }],
  });
  await storeBuiltImage(store, REF, image, { source: MIRROR });
});
afterEach(async () => removeDir(dir));

async function archiveImages(): Promise<ArchiveImage[]> {
  const content = await store.content(store.find(REF, 'linux/amd64')!);
  return [{ content: content!, tags: dockerTags([REF, MIRROR]) }];
}

async function untar(bytes: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const ex = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (h, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        out.set(
          h.type === 'directory' ? `${h.name.replace(/\/$/, '')}/` : h.name,
          Buffer.concat(chunks),
        );
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  ex.end(bytes);
  await done;
  return out;
}

function collect(): { sink: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  return { sink, bytes: () => Buffer.concat(chunks) };
}

describe('docker tags', () => {
  it('gives familiar name:tag forms, latest for no tag, none for digest-only', () => {
    expect(dockerTag('docker.io/library/node:20')).toBe('node:20');
    expect(dockerTag('docker.io/acme/app')).toBe('acme/app:latest');
    expect(dockerTag('127.0.0.1:5000/library/node:20')).toBe('127.0.0.1:5000/library/node:20');
    expect(dockerTag(`docker.io/library/node@sha256:${'a'.repeat(64)}`)).toBeUndefined();
    expect(dockerTag(`docker.io/library/node:20@sha256:${'a'.repeat(64)}`)).toBe('node:20');
    expect(dockerTags(['docker.io/library/a:1', undefined, 'a:1', 'b'])).toEqual([
      'a:1',
      'b:latest',
    ]);
    expect(splitTag('localhost:5000/a')).toEqual({ name: 'localhost:5000/a', tag: 'latest' });
    expect(splitTag('localhost:5000/a:v1')).toEqual({ name: 'localhost:5000/a', tag: 'v1' });
  });
});

describe('writeArchive', () => {
  it('writes one tar that is an OCI layout and a docker-archive', async () => {
    const { sink, bytes } = collect();
    const stats = await writeArchive(store, await archiveImages(), sink);
    const files = await untar(bytes());
    const hex = (d: string) => d.slice('sha256:'.length);
    const blobNames = [image.manifest, image.config, ...image.layers].map(
      (b) => `blobs/sha256/${hex(b.digest)}`,
    );
    expect([...files.keys()]).toEqual([
      'oci-layout',
      'index.json',
      'manifest.json',
      'repositories',
      'blobs/',
      'blobs/sha256/',
      ...blobNames,
    ]);
    expect(stats).toEqual({
      blobs: 4,
      blobBytes:
        image.manifest.size + image.config.size + image.layers[0]!.size + image.layers[1]!.size,
    });
    expect(JSON.parse(files.get('manifest.json')!.toString())).toEqual([
      {
        Config: `blobs/sha256/${hex(image.config.digest)}`,
        RepoTags: ['busybox:hubcap-test', MIRROR],
        Layers: image.layers.map((l) => `blobs/sha256/${hex(l.digest)}`),
      },
    ]);
    expect(JSON.parse(files.get('repositories')!.toString())).toEqual({
      busybox: { 'hubcap-test': hex(image.config.digest) },
      'mirror.example:5000/library/busybox': { 'hubcap-test': hex(image.config.digest) },
    });
    expect(JSON.parse(files.get('index.json')!.toString())).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: image.manifest.digest,
          size: image.manifest.size,
          annotations: {
            'io.containerd.image.name': REF,
            'org.opencontainers.image.ref.name': 'hubcap-test',
          },
        },
      ],
    });
    for (const b of [image.manifest, image.config, ...image.layers]) {
      expect(files.get(`blobs/sha256/${hex(b.digest)}`)!.equals(b.bytes)).toBe(true);
    }
  });

  it('writes the same bytes to an open file as to a stream, and leaves the file open', async () => {
    const { sink, bytes } = collect();
    await writeArchive(store, await archiveImages(), sink);
    const file = path.join(dir, 'direct.tar');
    const handle = await open(file, 'w');
    await writeArchive(store, await archiveImages(), handle);
    await handle.write('still open');
    await handle.close();
    const written = await readFile(file);
    expect(written.subarray(0, -'still open'.length).equals(bytes())).toBe(true);
    expect(bytes().length % 512).toBe(0);
  });

  it('stops mid-entry on a corrupt blob, deletes it and throws', async () => {
    const layer = image.layers[0]!;
    const bad = Buffer.from(layer.bytes);
    bad[bad.length - 10] = (bad[bad.length - 10] ?? 0) ^ 0xff;
    await writeFile(store.blobs.blobPath(layer.digest), bad);
    const { sink, bytes } = collect();
    const failed = writeArchive(store, await archiveImages(), sink);
    await expect(failed).rejects.toBeInstanceOf(BlobDigestError);
    await expect(failed).rejects.toThrow(`blob ${layer.digest} hashed to`);
    expect(await store.blobs.has(layer.digest)).toBe(false);
    // The reader got a tar cut inside the corrupt entry, never a complete one.
    await expect(untar(bytes())).rejects.toThrow();
  });
});

const skopeo = existsSync('/usr/bin/skopeo');

describe.skipIf(!skopeo)('skopeo reads the archive (skipped: /usr/bin/skopeo missing)', () => {
  it('as docker-archive: and as oci-archive:', async () => {
    const file = path.join(dir, 'image.tar');
    const handle = await open(file, 'w');
    await writeArchive(store, await archiveImages(), handle);
    await handle.close();
    const oci = JSON.parse((await run('skopeo', ['inspect', `oci-archive:${file}`])).stdout);
    expect(oci.Digest).toBe(image.manifest.digest);
    expect(oci.Layers).toEqual(image.layers.map((l) => l.digest));
    expect(oci.Architecture).toBe('amd64');
    const raw = JSON.parse(
      (await run('skopeo', ['inspect', '--raw', '--config', `docker-archive:${file}`])).stdout,
    );
    expect(raw.rootfs.diff_ids).toEqual(image.layers.map((l) => l.diffId));
    const da = JSON.parse((await run('skopeo', ['inspect', `docker-archive:${file}`])).stdout);
    expect(da.RepoTags).toEqual([]);
    expect(da.Architecture).toBe('amd64');
    expect(da.Layers).toHaveLength(2);
    const tagged = JSON.parse(
      (await run('skopeo', ['inspect', `docker-archive:${file}:${MIRROR}`])).stdout,
    );
    expect(tagged.Architecture).toBe('amd64');
  });
});

describe('writeArchive with decompressed layers', () => {
  it('puts gzip layers in as tars under their diff IDs, with a manifest made for them', async () => {
    const { sink, bytes } = collect();
    await writeArchive(store, await archiveImages(), sink, {
      layers: 'uncompressed',
      verify: 'metadata',
    });
    const files = await untar(bytes());
    const hex = (d: string) => d.slice('sha256:'.length);
    const index = JSON.parse(files.get('index.json')!.toString());
    const made = index.manifests[0];
    const manifestBytes = files.get(`blobs/sha256/${hex(made.digest)}`)!;
    expect(made.size).toBe(manifestBytes.length);
    expect(JSON.parse(manifestBytes.toString())).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: image.config.digest,
        size: image.config.size,
      },
      layers: image.layers.map((l) => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar',
        digest: l.diffId,
        size: l.tar.length,
      })),
    });
    expect(JSON.parse(files.get('manifest.json')!.toString())[0].Layers).toEqual(
      image.layers.map((l) => `blobs/sha256/${hex(l.diffId)}`),
    );
    for (const l of image.layers) {
      expect(files.get(`blobs/sha256/${hex(l.diffId)}`)!.equals(l.tar)).toBe(true);
      expect(files.has(`blobs/sha256/${hex(l.digest)}`)).toBe(false);
    }
    expect(files.has(`blobs/sha256/${hex(image.manifest.digest)}`)).toBe(false);
  });

  it('keeps a layer gzip could not shrink in its stored form', async () => {
    const { randomBytes } = await import('node:crypto');
    const noisy = await buildImage({
      layers: [{ files: [{ path: 'noise.bin', content: randomBytes(300_000) }] }, busyboxLayer()],
    });
    const ref = 'docker.io/library/noisy:1';
    await storeBuiltImage(store, ref, noisy);
    const content = await store.content(store.find(ref, 'linux/amd64')!);
    const { sink, bytes } = collect();
    await writeArchive(store, [{ content: content!, tags: ['noisy:1'] }], sink, {
      layers: 'uncompressed',
    });
    const files = await untar(bytes());
    const hex = (d: string) => d.slice('sha256:'.length);
    const [stored, inflated] = noisy.layers as [TestImage['layers'][0], TestImage['layers'][0]];
    expect(JSON.parse(files.get('manifest.json')!.toString())[0].Layers).toEqual([
      `blobs/sha256/${hex(stored.digest)}`,
      `blobs/sha256/${hex(inflated.diffId)}`,
    ]);
    expect(files.get(`blobs/sha256/${hex(stored.digest)}`)!.equals(stored.bytes)).toBe(true);
  });

  it('fails with UncompressedSizeError when the gzip trailer does not give the size', async () => {
    const { gzipSync } = await import('node:zlib');
    const layer = image.layers[0]!;
    const half = 100; // the second member's trailer then tells almost, not quite, the size
    const twoMembers = Buffer.concat([
      gzipSync(layer.tar.subarray(0, half)),
      gzipSync(layer.tar.subarray(half)),
    ]);
    // same digest file name, other content: only the size check can notice
    await writeFile(store.blobs.blobPath(layer.digest), twoMembers);
    const { sink } = collect();
    await expect(
      writeArchive(store, await archiveImages(), sink, {
        layers: 'uncompressed',
        verify: 'metadata',
      }),
    ).rejects.toBeInstanceOf(UncompressedSizeError);
  });
});

describe.skipIf(!skopeo)('skopeo reads the decompressed archive', () => {
  it('as oci-archive: with the diff IDs as layers', async () => {
    const file = path.join(dir, 'u.tar');
    await writeArchive(store, await archiveImages(), createWriteStream(file), {
      layers: 'uncompressed',
    });
    const oci = JSON.parse((await run('skopeo', ['inspect', `oci-archive:${file}`])).stdout);
    expect(oci.Layers).toEqual(image.layers.map((l) => l.diffId));
    const da = JSON.parse((await run('skopeo', ['inspect', `docker-archive:${file}`])).stdout);
    expect(da.Layers).toEqual(image.layers.map((l) => l.diffId));
  });
});
