import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sha256Digest } from '../../src/cache/store/digest.js';
import { OCI_MANIFEST } from '../../src/cache/manifest.js';
import type { CacheStore } from '../../src/cache/store/store.js';
import type { BlobFetcher } from '../../src/cache/store/blob-store.js';
import type { Descriptor } from '../../src/cache/types.js';

/** A temp folder and its removal. */
export async function tempDir(prefix = 'hubcap-cache-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Removes a temp folder. */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** A blob with its descriptor. */
export interface TestBlob {
  bytes: Buffer;
  descriptor: Descriptor;
}

/** A blob of random bytes (or given bytes). */
export function blob(
  sizeOrBytes: number | Buffer,
  mediaType = 'application/octet-stream',
): TestBlob {
  const bytes = typeof sizeOrBytes === 'number' ? randomBytes(sizeOrBytes) : sizeOrBytes;
  return { bytes, descriptor: { mediaType, digest: sha256Digest(bytes), size: bytes.length } };
}

/** An OCI manifest over a config and layers; returns every blob, manifest first. */
export function fakeImage(layers: TestBlob[]): { manifest: TestBlob; all: TestBlob[] } {
  const config = blob(
    Buffer.from(
      JSON.stringify({ architecture: 'amd64', os: 'linux', n: randomBytes(4).toString('hex') }),
    ),
    'application/vnd.oci.image.config.v1+json',
  );
  const manifestJson = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: config.descriptor,
    layers: layers.map((l) => l.descriptor),
  });
  const manifest = blob(Buffer.from(manifestJson), OCI_MANIFEST);
  return { manifest, all: [manifest, config, ...layers] };
}

/** Puts an image's blobs in the store and records it under `ref`. */
export async function storeImage(
  store: CacheStore,
  ref: string,
  layers: TestBlob[],
  lastUsed: string,
): Promise<{ manifest: TestBlob; all: TestBlob[] }> {
  const image = fakeImage(layers);
  for (const b of image.all) await store.blobs.put(b.descriptor.digest, b.bytes);
  await store.record({
    ref,
    platform: 'linux/amd64',
    digest: image.manifest.descriptor.digest,
    manifest: image.manifest.descriptor.digest,
    lastUsed,
  });
  return image;
}

/** A fetcher serving `bytes` (honouring the offset), counting calls and offsets. */
export function bytesFetcher(
  bytes: Buffer,
  opts: { failAfter?: number; ignoreRange?: boolean; chunk?: number } = {},
): BlobFetcher & { offsets: number[] } {
  const offsets: number[] = [];
  const fetcher = async (offset: number) => {
    offsets.push(offset);
    const start = opts.ignoreRange ? 0 : offset;
    const chunk = opts.chunk ?? 1000;
    const failAfter = opts.failAfter;
    async function* body(): AsyncGenerator<Uint8Array> {
      for (let i = start; i < bytes.length; i += chunk) {
        const end = Math.min(i + chunk, bytes.length);
        if (failAfter !== undefined && end > failAfter) {
          if (failAfter > i) yield bytes.subarray(i, failAfter);
          throw new Error('connection reset (test)');
        }
        yield bytes.subarray(i, end);
        await Promise.resolve();
      }
    }
    return { body: body(), offset: start };
  };
  return Object.assign(fetcher, { offsets });
}

/** Puts a built test image (from ../support/test-image.js) into the store under `ref`. */
export async function storeBuiltImage(
  store: CacheStore,
  ref: string,
  image: {
    manifest: { digest: string; bytes: Buffer };
    config: { digest: string; bytes: Buffer };
    layers: { digest: string; bytes: Buffer }[];
  },
  options: { source?: string; lastUsed?: string; platform?: string } = {},
): Promise<void> {
  for (const b of [image.manifest, image.config, ...image.layers]) {
    await store.blobs.put(b.digest, b.bytes);
  }
  await store.record({
    ref,
    platform: options.platform ?? 'linux/amd64',
    digest: image.manifest.digest,
    manifest: image.manifest.digest,
    lastUsed: options.lastUsed ?? '2026-01-01T00:00:00.000Z',
    ...(options.source !== undefined ? { source: options.source } : {}),
  });
}
