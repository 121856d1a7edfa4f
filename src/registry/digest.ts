import { createHash } from 'node:crypto';

/** A digest split into algorithm and hex. */
export interface ParsedDigest {
  algorithm: 'sha256' | 'sha512';
  hex: string;
}

const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** True when `ref` is a sha256 or sha512 digest (`sha256:` and 64 lower-case hex digits). */
export function isDigest(ref: string): boolean {
  return DIGEST.test(ref);
}

/** Splits a digest; throws naming the quoted value when it is not a sha256/sha512 digest. */
export function parseDigest(digest: string): ParsedDigest {
  if (!DIGEST.test(digest)) {
    throw new Error(`unsupported or malformed digest ${JSON.stringify(digest)}`);
  }
  const colon = digest.indexOf(':');
  return {
    algorithm: digest.slice(0, colon) as ParsedDigest['algorithm'],
    hex: digest.slice(colon + 1),
  };
}

/** The digest of some bytes, `sha256:<hex>` by default. */
export function computeDigest(
  bytes: Uint8Array,
  algorithm: ParsedDigest['algorithm'] = 'sha256',
): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}
