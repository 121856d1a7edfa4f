import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Descriptor } from '../types.js';
import type { CacheStore, ImageContent } from '../store/store.js';
import { planImage, type ImagePlan, type PlannedBlob, type PlanOptions } from './archive-plan.js';
import { digestHex } from '../store/digest.js';
import { BlobDigestError } from '../store/blob-store.js';
import { OCI_LAYOUT_CONTENT, layoutDescriptor, ociIndexJson } from '../store/layout.js';
import { splitTag } from './names.js';
import { archiveSink, type ArchiveOutput, type ArchiveSink } from './archive-sink.js';
import { TAR_END, tarHeader, tarPadding } from './tar-header.js';

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
 * at those blobs, `RepoTags`, and `repositories`) to `out`, streaming each blob from the
 * store (see {@link PlanOptions} for decompressed layers). A stream is ended; a file handle
 * (the pipe `docker load` reads) is written directly and left open. Blobs that are
 * verified are hashed on the way: one that does not match its digest is deleted from the
 * store and the writer fails with {@link BlobDigestError} before that blob's last bytes, so
 * a reader such as `docker load` sees a tar cut inside that entry and loads nothing.
 */
export async function writeArchive(
  store: CacheStore,
  images: ArchiveImage[],
  out: ArchiveOutput,
  options: ArchiveOptions = {},
): Promise<ArchiveStats> {
  const plans: ImagePlan[] = [];
  for (const i of images) plans.push(await planImage(store, i.content, i.tags, options));
  const sink = archiveSink(out);
  const stats: ArchiveStats = { blobBytes: 0, blobs: 0 };
  try {
    const indexEntries: Descriptor[] = plans.map((p) => layoutDescriptor(p.manifest, p.ref));
    await addBytes(sink, 'oci-layout', Buffer.from(OCI_LAYOUT_CONTENT));
    await addBytes(sink, 'index.json', Buffer.from(ociIndexJson(indexEntries)));
    await addBytes(sink, 'manifest.json', Buffer.from(dockerManifestJson(plans)));
    await addBytes(sink, 'repositories', Buffer.from(repositoriesJson(plans)));
    await sink.write(tarHeader({ name: 'blobs', type: 'directory', size: 0 }));
    await sink.write(tarHeader({ name: 'blobs/sha256', type: 'directory', size: 0 }));
    const buffers = new ChunkBuffers();
    const seen = new Set<string>();
    for (const plan of plans) {
      for (const blob of plan.blobs) {
        if (seen.has(blob.digest)) continue;
        seen.add(blob.digest);
        stats.blobBytes += await addBlob(sink, store, blob, buffers);
        stats.blobs++;
      }
    }
    await sink.write(TAR_END);
    await sink.end();
  } catch (err) {
    sink.abort(err as Error);
    throw err;
  }
  return stats;
}

/** Two reusable buffers: one is read into while the other is being written. */
class ChunkBuffers {
  private readonly pair = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  private turn = 0;

  next(): Buffer {
    this.turn ^= 1;
    return this.pair[this.turn] as Buffer;
  }
}

/** Bytes read and written at a time. */
const CHUNK = 1 << 20;

async function addBytes(sink: ArchiveSink, name: string, bytes: Buffer): Promise<void> {
  await sink.write(tarHeader({ name, type: 'file', size: bytes.length }));
  await sink.write(bytes);
  await sink.write(tarPadding(bytes.length));
}

async function addBlob(
  sink: ArchiveSink,
  store: CacheStore,
  blob: PlannedBlob,
  buffers: ChunkBuffers,
): Promise<number> {
  const name = blobName(blob.digest);
  const source = blob.source;
  if (source.kind === 'bytes') {
    await addBytes(sink, name, source.bytes);
    return source.bytes.length;
  }
  if (source.kind === 'gunzip') {
    const file = store.blobs.blobPath(source.stored);
    const sizeError = (): Error => new UncompressedSizeError(source.stored, file);
    await sink.write(tarHeader({ name, type: 'file', size: blob.size }));
    let seen = 0;
    const inflate = createGunzip({ chunkSize: CHUNK });
    const reading = pipeline(createReadStream(file, { highWaterMark: CHUNK }), inflate);
    reading.catch(() => undefined); // a read error also ends the loop below
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > blob.size) throw sizeError();
      await sink.write(chunk);
    }
    await reading;
    if (seen !== blob.size) throw sizeError();
    await sink.write(tarPadding(blob.size));
    return blob.size;
  }
  const file = store.blobs.blobPath(blob.digest);
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    await sink.write(tarHeader({ name, type: 'file', size }));
    const hash = source.verify ? createHash('sha256') : undefined;
    let offset = 0;
    let writing: Promise<void> = Promise.resolve();
    while (offset < size) {
      const buffer = buffers.next();
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, size - offset), offset);
      await writing;
      if (bytesRead === 0) throw new Error(`${file}: ended at ${offset} of ${size} bytes`);
      const chunk = buffer.subarray(0, bytesRead);
      offset += bytesRead;
      hash?.update(chunk);
      if (hash !== undefined && offset === size) {
        // the last bytes go out only once the whole blob matches its digest
        const actual = `sha256:${hash.digest('hex')}`;
        if (actual !== blob.digest) {
          await store.blobs.remove(blob.digest);
          throw new BlobDigestError(blob.digest, actual, size, file);
        }
      }
      writing = sink.write(chunk);
    }
    await writing;
    await sink.write(tarPadding(size));
    return size;
  } finally {
    await handle.close();
  }
}
