import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Transform, type Readable, type Writable } from 'node:stream';
import tar from 'tar-stream';
import type { Descriptor } from '../types.js';
import type { CacheStore, ImageContent } from '../store/store.js';
import { planImage, type ImagePlan, type PlannedBlob, type PlanOptions } from './archive-plan.js';
import { digestHex } from '../store/digest.js';
import { BlobDigestError } from '../store/blob-store.js';
import { OCI_LAYOUT_CONTENT, layoutDescriptor, ociIndexJson } from '../store/layout.js';
import { splitTag } from './names.js';

/** One image to put in an archive, with the `name:tag`s Docker should give it. */
export interface ArchiveImage {
  content: ImageContent;
  /** Familiar `name:tag` forms (`node:20`, `mirror.gcr.io/library/node:20`). */
  tags: string[];
}

/** What went into an archive. */
export interface ArchiveStats {
  /** Bytes of blobs written (each blob once). */
  blobBytes: number;
  blobs: number;
}

/** Options of {@link writeArchive}. */
export type ArchiveOptions = PlanOptions;

/** The docker-archive `manifest.json` of some images. */
export function dockerManifestJson(plans: ImagePlan[]): string {
  return JSON.stringify(
    plans.map((p) => ({
      Config: blobName(p.config),
      RepoTags: p.tags,
      Layers: p.layers.map(blobName),
    })),
  );
}

/** The legacy `repositories` file: `{name: {tag: image id hex}}`. */
export function repositoriesJson(plans: ImagePlan[]): string {
  const repos: Record<string, Record<string, string>> = {};
  for (const p of plans) {
    const id = digestHex(p.config);
    for (const t of p.tags) {
      const { name, tag } = splitTag(t);
      (repos[name] ??= {})[tag] = id;
    }
  }
  return JSON.stringify(repos);
}

/** Path of a blob inside the archive. */
function blobName(digest: string): string {
  return `blobs/sha256/${digestHex(digest)}`;
}

/** A gzip layer whose decompressed size differs from what its gzip trailer said. */
export class UncompressedSizeError extends Error {
  constructor(
    readonly digest: string,
    where: string,
  ) {
    super(`${where}: decompressed size differs from the gzip trailer's`);
    this.name = 'UncompressedSizeError';
  }
}

/**
 * Writes one tar that is both an OCI image layout (`oci-layout`, `index.json`,
 * `blobs/sha256/…`) and a docker-archive (`manifest.json` with `Config`/`Layers` pointing
 * at those blobs, `RepoTags`, and `repositories`) into `out`, streaming each blob from the
 * store (see {@link PlanOptions} for decompressed layers). Blobs that are verified are
 * hashed on the way: one that does not match its digest is deleted from the store and the
 * stream fails with {@link BlobDigestError}; its last bytes are held back, so a reader such
 * as `docker load` sees a tar cut inside that entry and loads nothing.
 */
export async function writeArchive(
  store: CacheStore,
  images: ArchiveImage[],
  out: Writable,
  options: ArchiveOptions = {},
): Promise<ArchiveStats> {
  const plans: ImagePlan[] = [];
  for (const i of images) plans.push(await planImage(store, i.content, i.tags, options));
  const pack = tar.pack();
  const piping = pipeline(pack as unknown as Readable, out);
  piping.catch(() => undefined); // awaited below; this only keeps an early failure handled
  const stats: ArchiveStats = { blobBytes: 0, blobs: 0 };
  const mtime = new Date(0);
  try {
    await addBuffer(pack, 'oci-layout', Buffer.from(OCI_LAYOUT_CONTENT), mtime);
    const indexEntries: Descriptor[] = plans.map((p) => layoutDescriptor(p.manifest, p.ref));
    await addBuffer(pack, 'index.json', Buffer.from(ociIndexJson(indexEntries)), mtime);
    await addBuffer(pack, 'manifest.json', Buffer.from(dockerManifestJson(plans)), mtime);
    await addBuffer(pack, 'repositories', Buffer.from(repositoriesJson(plans)), mtime);
    await addDirectory(pack, 'blobs', mtime);
    await addDirectory(pack, 'blobs/sha256', mtime);
    const seen = new Set<string>();
    for (const plan of plans) {
      for (const blob of plan.blobs) {
        if (seen.has(blob.digest)) continue;
        seen.add(blob.digest);
        stats.blobBytes += await addBlob(pack, store, blob, mtime);
        stats.blobs++;
      }
    }
    pack.finalize();
  } catch (err) {
    pack.destroy(err as Error);
    await piping.catch(() => undefined);
    throw err;
  }
  await piping;
  return stats;
}

function addBuffer(pack: tar.Pack, name: string, bytes: Buffer, mtime: Date): Promise<void> {
  return new Promise((resolve, reject) => {
    pack.entry({ name, mtime, mode: 0o644 }, bytes, (err) => (err ? reject(err) : resolve()));
  });
}

function addDirectory(pack: tar.Pack, name: string, mtime: Date): Promise<void> {
  return new Promise((resolve, reject) => {
    pack.entry({ name, type: 'directory', mtime, mode: 0o755 }, (err) =>
      err ? reject(err) : resolve(),
    );
  });
}

async function addBlob(
  pack: tar.Pack,
  store: CacheStore,
  blob: PlannedBlob,
  mtime: Date,
): Promise<number> {
  const name = blobName(blob.digest);
  const source = blob.source;
  if (source.kind === 'bytes') {
    await addBuffer(pack, name, source.bytes, mtime);
    return source.bytes.length;
  }
  if (source.kind === 'gunzip') {
    const file = store.blobs.blobPath(source.stored);
    const entry = pack.entry({ name, size: blob.size, mtime, mode: 0o644 });
    const count = exactSize(blob.size, () => new UncompressedSizeError(source.stored, file));
    await pipeline(
      createReadStream(file, { highWaterMark: 1 << 20 }),
      createGunzip({ chunkSize: 1 << 20 }),
      count,
      entry as unknown as Writable,
    );
    return blob.size;
  }
  const file = store.blobs.blobPath(blob.digest);
  const size = (await stat(file)).size;
  const entry = pack.entry({ name, size, mtime, mode: 0o644 });
  const reader = createReadStream(file, { highWaterMark: 1 << 20 });
  if (!source.verify) {
    await pipeline(reader, entry as unknown as Writable);
    return size;
  }
  const check = { actual: '' };
  try {
    await pipeline(reader, holdBackUntilVerified(blob.digest, check), entry as unknown as Writable);
  } catch (err) {
    if (check.actual !== '' && check.actual !== blob.digest) {
      await store.blobs.remove(blob.digest);
      throw new BlobDigestError(blob.digest, check.actual, size, file);
    }
    throw err;
  }
  return size;
}

/** Passes bytes through, failing when there are more or fewer than `size`. */
function exactSize(size: number, error: () => Error): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > size) done(error());
      else done(null, chunk);
    },
    flush(done) {
      done(seen === size ? null : error());
    },
  });
}

/**
 * Passes a blob through while hashing it, holding back its last chunk until the digest is
 * known: a corrupt blob never reaches the reader whole, so the tar it is in stays
 * truncated mid-entry and no loader takes it for a complete archive.
 */
function holdBackUntilVerified(digest: string, check: { actual: string }): Transform {
  const hash = createHash('sha256');
  let pending: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      const previous = pending;
      pending = chunk;
      done(null, previous);
    },
    flush(done) {
      check.actual = `sha256:${hash.digest('hex')}`;
      if (check.actual !== digest) {
        done(new Error(`blob ${digest} hashed to ${check.actual}`));
        return;
      }
      done(null, pending);
    },
  });
}
