import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable, type Writable } from 'node:stream';
import tar from 'tar-stream';
import type { Descriptor } from '../types.js';
import type { CacheStore, ImageContent } from '../store/store.js';
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

/** The docker-archive `manifest.json` of some images. */
export function dockerManifestJson(images: ArchiveImage[]): string {
  return JSON.stringify(
    images.map((i) => ({
      Config: blobName(i.content.manifest.config.digest),
      RepoTags: i.tags,
      Layers: i.content.manifest.layers.map((l) => blobName(l.digest)),
    })),
  );
}

/** The legacy `repositories` file: `{name: {tag: image id hex}}`. */
export function repositoriesJson(images: ArchiveImage[]): string {
  const repos: Record<string, Record<string, string>> = {};
  for (const i of images) {
    const id = digestHex(i.content.manifest.config.digest);
    for (const t of i.tags) {
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

/**
 * Writes one tar that is both an OCI image layout (`oci-layout`, `index.json`,
 * `blobs/sha256/…`) and a docker-archive (`manifest.json` with `Config`/`Layers` pointing
 * at those blobs, `RepoTags`, and `repositories`) into `out`, streaming each blob from the
 * store. With `verify` (the default) every blob is hashed on the way: one that does not
 * match its digest is deleted from the store and the stream fails with
 * {@link BlobDigestError} (a reader such as `docker load` then sees a tar cut inside that
 * entry and loads nothing). Without it the bytes go through untouched, for readers that
 * check content themselves.
 */
export async function writeArchive(
  store: CacheStore,
  images: ArchiveImage[],
  out: Writable,
  options: { verify?: boolean | undefined } = {},
): Promise<ArchiveStats> {
  const verify = options.verify !== false;
  const pack = tar.pack();
  const piping = pipeline(pack as unknown as Readable, out);
  piping.catch(() => undefined); // awaited below; this only keeps an early failure handled
  const stats: ArchiveStats = { blobBytes: 0, blobs: 0 };
  const mtime = new Date(0);
  try {
    await addBuffer(pack, 'oci-layout', OCI_LAYOUT_CONTENT, mtime);
    const indexEntries: Descriptor[] = images.map((i) =>
      layoutDescriptor(i.content.manifestDescriptor, i.content.image.ref),
    );
    await addBuffer(pack, 'index.json', ociIndexJson(indexEntries), mtime);
    await addBuffer(pack, 'manifest.json', dockerManifestJson(images), mtime);
    await addBuffer(pack, 'repositories', repositoriesJson(images), mtime);
    await addDirectory(pack, 'blobs', mtime);
    await addDirectory(pack, 'blobs/sha256', mtime);
    const seen = new Set<string>();
    for (const image of images) {
      const c = image.content;
      for (const d of [c.manifestDescriptor, c.manifest.config, ...c.manifest.layers]) {
        if (seen.has(d.digest)) continue;
        seen.add(d.digest);
        stats.blobBytes += await addBlob(pack, store, d.digest, mtime, verify);
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

function addBuffer(pack: tar.Pack, name: string, text: string, mtime: Date): Promise<void> {
  return new Promise((resolve, reject) => {
    pack.entry({ name, mtime, mode: 0o644 }, Buffer.from(text), (err) =>
      err ? reject(err) : resolve(),
    );
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
  digest: string,
  mtime: Date,
  verify: boolean,
): Promise<number> {
  const file = store.blobs.blobPath(digest);
  const size = (await stat(file)).size;
  const entry = pack.entry({ name: blobName(digest), size, mtime, mode: 0o644 });
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  if (!verify) {
    await pipeline(source, entry as unknown as Writable);
    return size;
  }
  const check = { actual: '' };
  try {
    await pipeline(source, holdBackUntilVerified(digest, check), entry as unknown as Writable);
  } catch (err) {
    if (check.actual !== '' && check.actual !== digest) {
      await store.blobs.remove(digest);
      throw new BlobDigestError(digest, check.actual, size, file);
    }
    throw err;
  }
  return size;
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
