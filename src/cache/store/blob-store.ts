import { createHash, randomUUID, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { digestHex, sha256Digest } from './digest.js';

/** What a blob fetch hands back: a body and the byte offset it starts at. */
export interface BlobBody {
  body: AsyncIterable<Uint8Array>;
  /** Offset of the first byte of `body`: the asked offset, or 0 when Range was ignored. */
  offset: number;
  /**
   * The body checks size and digest itself (from the `partialHash` it was given) and fails
   * with an error whose `kind` is `digest-mismatch` instead of ending when they are wrong,
   * as the registry client's blob streams do. The store then does not hash it again.
   */
  verified?: boolean | undefined;
}

/**
 * Fetches a blob from `offset` on (a `Range` request when offset > 0). `partialHash` has
 * digested exactly the bytes before `offset` (a copy: the fetcher may keep or extend it).
 */
export type BlobFetcher = (offset: number, partialHash: Hash) => Promise<BlobBody>;

/** How {@link BlobStore.ensure} got a blob. */
export interface EnsureResult {
  digest: string;
  size: number;
  /** True when the blob was already in the store: nothing was fetched. */
  existed: boolean;
  /** Bytes that came over the wire for this blob in this call. */
  fetched: number;
  /** Bytes of an earlier partial download that were kept (Range resume). */
  resumedFrom: number;
}

/** A blob whose content did not hash to its digest (or had the wrong size). */
export class BlobDigestError extends Error {
  constructor(
    readonly digest: string,
    readonly actual: string,
    readonly size: number,
    where: string,
  ) {
    super(`${where}: blob ${digest} hashed to ${actual} (${size} bytes); discarded`);
    this.name = 'BlobDigestError';
  }
}

/**
 * Content-addressed blobs under `<root>/blobs/sha256/<hex>`, as in an OCI image layout.
 * Downloads go to `<root>/ingest/<hex>` and are renamed into place only once the digest
 * checks out; a partial download stays there so the next attempt resumes it. Concurrent
 * `ensure` calls for one digest share one download. One process at a time per store.
 */
export class BlobStore {
  private readonly inflight = new Map<string, Promise<EnsureResult>>();

  constructor(readonly root: string) {}

  /** Folder of the final blobs. */
  get blobDir(): string {
    return path.join(this.root, 'blobs', 'sha256');
  }

  /** Folder of partial downloads. */
  get ingestDir(): string {
    return path.join(this.root, 'ingest');
  }

  /** Where a blob lives (whether or not it is there). */
  blobPath(digest: string): string {
    return path.join(this.blobDir, digestHex(digest));
  }

  /** Creates the folders. */
  async init(): Promise<void> {
    await mkdir(this.blobDir, { recursive: true });
    await mkdir(this.ingestDir, { recursive: true });
  }

  /** Size of a stored blob, or undefined when it is absent. */
  async size(digest: string): Promise<number | undefined> {
    try {
      const s = await stat(this.blobPath(digest));
      return s.isFile() ? s.size : undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /**
   * True when the blob is stored, with `size` bytes when a size is given. A blob of the
   * wrong size is truncated or corrupt: it is deleted, so it gets fetched again.
   */
  async has(digest: string, size?: number): Promise<boolean> {
    const have = await this.size(digest);
    if (have === undefined) return false;
    if (size !== undefined && have !== size) {
      await rm(this.blobPath(digest), { force: true });
      return false;
    }
    return true;
  }

  /** Reads a whole blob and checks its digest; a mismatch deletes it and throws. */
  async read(digest: string): Promise<Buffer> {
    const file = this.blobPath(digest);
    const bytes = await readFile(file);
    const actual = sha256Digest(bytes);
    if (actual !== digest) {
      await rm(file, { force: true });
      throw new BlobDigestError(digest, actual, bytes.length, file);
    }
    return bytes;
  }

  /** Stores bytes whose digest must be `digest` (checked first); returns true if new. */
  async put(digest: string, bytes: Uint8Array): Promise<boolean> {
    const actual = sha256Digest(bytes);
    const final = this.blobPath(digest);
    if (actual !== digest) throw new BlobDigestError(digest, actual, bytes.length, final);
    if ((await this.size(digest)) === bytes.length) return false;
    const tmp = path.join(this.ingestDir, `${digestHex(digest)}.put-${randomUUID()}`);
    await writeFile(tmp, bytes);
    await rename(tmp, final);
    return true;
  }

  /**
   * Makes sure a blob is stored: returns at once when it is (with the right size),
   * otherwise fetches it, resuming a partial download from an earlier attempt, and renames
   * it into place once size and digest check out. A digest mismatch deletes the partial
   * file and throws {@link BlobDigestError}; any other failure keeps it for a resume.
   */
  ensure(digest: string, size: number | undefined, fetch: BlobFetcher): Promise<EnsureResult> {
    const running = this.inflight.get(digest);
    if (running !== undefined) {
      return running.then((r) => ({ ...r, existed: true, fetched: 0, resumedFrom: 0 }));
    }
    const job = this.download(digest, size, fetch).finally(() => this.inflight.delete(digest));
    this.inflight.set(digest, job);
    return job;
  }

  private async download(
    digest: string,
    size: number | undefined,
    fetch: BlobFetcher,
  ): Promise<EnsureResult> {
    const final = this.blobPath(digest);
    if (await this.has(digest, size)) {
      const have = (await this.size(digest)) ?? 0;
      return { digest, size: have, existed: true, fetched: 0, resumedFrom: 0 };
    }
    const partial = path.join(this.ingestDir, digestHex(digest));
    let offset = (await fileSize(partial)) ?? 0;
    if (size !== undefined && offset >= size) {
      await rm(partial, { force: true });
      offset = 0;
    }
    let hash = createHash('sha256');
    if (offset > 0) await hashFile(partial, hash);
    const got = await fetch(offset, hash.copy());
    if (got.offset !== offset) {
      if (got.offset !== 0) {
        throw new Error(`${final}: asked for bytes from ${offset}, got a body from ${got.offset}`);
      }
      offset = 0;
      hash = createHash('sha256');
      await truncateOrCreate(partial);
    }
    const limit = size === undefined ? undefined : size - offset;
    const checking = got.verified === true ? undefined : hash;
    const written = await writeBody(got.body, partial, offset > 0, checking, limit, final);
    if (written.tooLong) {
      await rm(partial, { force: true });
      throw new Error(`${final}: blob body is longer than its descriptor says`);
    }
    // A body that failed midway: what arrived is in the partial file, kept to resume, unless
    // the source itself found the content wrong (a verifying registry stream).
    if (written.sourceError !== undefined) {
      if ((written.sourceError as { kind?: unknown }).kind === 'digest-mismatch') {
        await rm(partial, { force: true });
      }
      throw written.sourceError;
    }
    const total = offset + written.bytes;
    if (size !== undefined && total < size) {
      throw new Error(`${final}: body ended after ${total} of ${size} bytes; kept to resume`);
    }
    if (checking !== undefined) {
      const actual = `sha256:${checking.digest('hex')}`;
      if (actual !== digest || (size !== undefined && total !== size)) {
        await rm(partial, { force: true });
        throw new BlobDigestError(digest, actual, total, final);
      }
    }
    await rename(partial, final);
    return { digest, size: total, existed: false, fetched: written.bytes, resumedFrom: offset };
  }

  /**
   * Hashes a stored blob. A blob that does not match its digest is deleted and false is
   * returned; true means it is intact. An absent blob gives false.
   */
  async verify(digest: string): Promise<boolean> {
    const file = this.blobPath(digest);
    const hash = createHash('sha256');
    try {
      await hashFile(file, hash);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    if (`sha256:${hash.digest('hex')}` === digest) return true;
    await rm(file, { force: true });
    return false;
  }

  /** Every stored blob with its size. */
  async list(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    let names: string[];
    try {
      names = await readdir(this.blobDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
      throw err;
    }
    for (const name of names) {
      if (!/^[a-f0-9]{64}$/.test(name)) continue;
      const s = await fileSize(path.join(this.blobDir, name));
      if (s !== undefined) out.set(`sha256:${name}`, s);
    }
    return out;
  }

  /** Deletes a blob (no error when it is absent). */
  async remove(digest: string): Promise<void> {
    await rm(this.blobPath(digest), { force: true });
  }

  /** Deletes every partial download; returns the bytes freed. */
  async clearIngest(): Promise<number> {
    let freed = 0;
    let names: string[] = [];
    try {
      names = await readdir(this.ingestDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    for (const name of names) {
      const file = path.join(this.ingestDir, name);
      freed += (await fileSize(file)) ?? 0;
      await rm(file, { force: true, recursive: true });
    }
    return freed;
  }
}

async function fileSize(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function truncateOrCreate(file: string): Promise<void> {
  try {
    await truncate(file, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

async function hashFile(file: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
  }
}

/** What {@link writeBody} wrote. */
interface Written {
  bytes: number;
  /** The body went past `limit`: writing stopped. */
  tooLong: boolean;
  /** The body failed midway; everything before the failure is in the file. */
  sourceError: unknown;
}

/**
 * Streams a body into a file (appending or not), hashing it when `hash` is given. A body
 * that fails midway ends the file cleanly with what arrived, so a later attempt can resume.
 */
function writeBody(
  body: AsyncIterable<Uint8Array>,
  file: string,
  append: boolean,
  hash: Hash | undefined,
  limit: number | undefined,
  where: string,
): Promise<Written> {
  const src = body instanceof Readable ? body : Readable.from(body, { objectMode: false });
  return new Promise((resolve, reject) => {
    const state: Written = { bytes: 0, tooLong: false, sourceError: undefined };
    const out = createWriteStream(file, { flags: append ? 'a' : 'w', highWaterMark: 1 << 20 });
    let ended = false;
    let failed = false;
    const end = (): void => {
      if (!ended) {
        ended = true;
        out.end();
      }
    };
    src.on('data', (chunk: Uint8Array) => {
      if (ended) return;
      state.bytes += chunk.length;
      if (limit !== undefined && state.bytes > limit) {
        state.bytes -= chunk.length;
        state.tooLong = true;
        src.destroy();
        end();
        return;
      }
      hash?.update(chunk);
      if (!out.write(chunk)) src.pause();
    });
    out.on('drain', () => src.resume());
    src.on('end', end);
    src.on('error', (err) => {
      state.sourceError = err ?? new Error(`${where}: blob body failed`);
      end();
    });
    out.on('error', (err) => {
      failed = true;
      src.destroy();
      reject(err);
    });
    out.on('close', () => {
      if (!failed) resolve(state);
    });
  });
}
