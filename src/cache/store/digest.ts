import { createHash } from 'node:crypto';

const SHA256 = /^sha256:[a-f0-9]{64}$/;

/** True for a `sha256:` digest with 64 lowercase hex characters. */
export function isSha256Digest(value: string): boolean {
  return SHA256.test(value);
}

/**
 * The hex part of a `sha256:` digest. Anything else throws, quoting the value, so a
 * malformed digest can never name a path outside the blob folder.
 */
export function digestHex(digest: string): string {
  if (!SHA256.test(digest)) {
    throw new Error(`not a sha256 digest: ${JSON.stringify(digest)}`);
  }
  return digest.slice('sha256:'.length);
}

/** The `sha256:` digest of some bytes. */
export function sha256Digest(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
