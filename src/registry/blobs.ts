import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { parseDigest } from './digest.js';
import type { RegistryErrorContext } from './errors.js';
import { RegistryError } from './errors.js';
import { streamError } from './http.js';

/** Where to pick up a partial download: bytes already held and their running hash. */
export interface BlobResume {
  /** Number of bytes of the blob already held. */
  offset: number;
  /** A hash (of the digest's algorithm) fed exactly those bytes; it is copied, not changed. */
  hash: Hash;
}

/** Options of a blob download. */
export interface BlobOptions {
  /** Ask for the rest of the blob with `Range: bytes=<offset>-`. */
  resume?: BlobResume | undefined;
  /** The blob's size from its descriptor; the stream fails if the byte count differs. */
  expectedSize?: number | undefined;
}

/** A blob body being downloaded. */
export interface BlobDownload {
  /**
   * The bytes from `start` on. Verified while streaming: it errors with a `RegistryError`
   * (`digest-mismatch`) instead of ending when the content does not hash to the digest.
   */
  stream: Readable;
  /** Offset of the first streamed byte: the resume offset, or 0 when the registry sent all. */
  start: number;
  /** The blob's full size when known. */
  size: number | undefined;
  digest: string;
}

/** A parsed `Content-Range: bytes a-b/total`. */
export interface ContentRange {
  start: number;
  end: number;
  total: number | undefined;
}

/** Parses `Content-Range: bytes <start>-<end>/<total|*>`; `undefined` for anything else. */
export function parseContentRange(value: string | null): ContentRange | undefined {
  if (value === null) return undefined;
  const m = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(value.trim());
  if (!m) return undefined;
  return {
    start: Number(m[1]),
    end: Number(m[2]),
    total: m[3] === '*' ? undefined : Number(m[3]),
  };
}

/**
 * Wraps a body stream so it hashes every byte and fails at the end on a digest or size
 * mismatch. `hash` carries the bytes before `start` when resuming.
 */
export function verifyingStream(
  source: Readable,
  digest: string,
  options: { start: number; hash?: Hash | undefined; size?: number | undefined },
  context: RegistryErrorContext,
): Readable {
  const { algorithm, hex } = parseDigest(digest);
  const hash = options.hash ?? createHash(algorithm);
  let count = options.start;
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      count += chunk.length;
      if (options.size !== undefined && count > options.size) {
        done(
          new RegistryError(context, {
            kind: 'digest-mismatch',
            detail: `blob ${digest} is longer than its ${options.size} bytes`,
          }),
        );
        return;
      }
      done(null, chunk);
    },
    flush(done) {
      if (options.size !== undefined && count !== options.size) {
        done(
          new RegistryError(context, {
            kind: 'digest-mismatch',
            detail: `blob ${digest} ended after ${count} of ${options.size} bytes`,
          }),
        );
        return;
      }
      const actual = hash.digest('hex');
      if (actual !== hex) {
        done(
          new RegistryError(context, {
            kind: 'digest-mismatch',
            detail: `blob content hashes to ${algorithm}:${actual}, expected ${digest}`,
          }),
        );
        return;
      }
      done();
    },
  });
  source.on('error', (err) => check.destroy(streamError(err, context)));
  check.on('close', () => {
    if (!source.destroyed) source.destroy();
  });
  source.pipe(check);
  return check;
}
