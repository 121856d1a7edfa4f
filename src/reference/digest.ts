import { REASONS } from './errors.js';
import type { Reason } from './errors.js';

/**
 * The hex length of a registered digest algorithm's encoding, or undefined when the
 * algorithm is not registered. Like the distribution/reference test tables (go-digest
 * without crypto/sha512 linked in), only sha256 is registered: `sha512:` digests are
 * refused as unsupported.
 */
export function digestHexLength(algorithm: string): number | undefined {
  return algorithm === 'sha256' ? 64 : undefined;
}

/** go-digest's general digest shape, used to tell a bad format from an unknown algorithm. */
const GENERAL_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** The encoded part of a registered algorithm's digest: lowercase hex only. */
const LOWER_HEX = /^[a-f0-9]+$/;

/**
 * Checks a digest string the way go-digest's `Digest.Validate` does and returns why it is
 * not valid (`invalid checksum digest format`, `unsupported digest algorithm`, `invalid
 * digest length`), or undefined when it is valid.
 */
export function digestProblem(digest: string): Reason | undefined {
  const colon = digest.indexOf(':');
  if (colon <= 0 || colon + 1 === digest.length) return REASONS.digestInvalidFormat;
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const hexLength = digestHexLength(algorithm);
  if (hexLength === undefined) {
    return GENERAL_DIGEST.test(digest) ? REASONS.digestUnsupported : REASONS.digestInvalidFormat;
  }
  if (encoded.length !== hexLength) return REASONS.digestInvalidLength;
  return LOWER_HEX.test(encoded) ? undefined : REASONS.digestInvalidFormat;
}
