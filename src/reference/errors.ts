import { InvalidReferenceError } from './types.js';

/**
 * The human reasons an {@link InvalidReferenceError} carries, one per failure of the
 * grammar (the Go names of distribution/reference and go-digest are given beside each).
 */
export const REASONS = {
  /** `ErrReferenceInvalidFormat`. */
  invalidFormat: 'invalid reference format',
  /** `ErrNameContainsUppercase` (and ParseNormalizedNamed's lowercase check). */
  uppercase: 'repository name must be lowercase',
  /** `ErrNameEmpty`. */
  nameEmpty: 'repository name must have at least one component',
  /** `ErrNameTooLong`. */
  nameTooLong: 'repository name must not be longer than 255 characters',
  /** `ErrNameNotCanonical`. */
  notCanonical: 'repository name must be canonical',
  /** `ErrTagInvalidFormat`. */
  tagInvalidFormat: 'invalid tag format',
  /** `ErrDigestInvalidFormat` of WithDigest and go-digest. */
  digestInvalidFormat: 'invalid checksum digest format',
  /** go-digest `ErrDigestInvalidLength`. */
  digestInvalidLength: 'invalid digest length',
  /** go-digest `ErrDigestUnsupported`. */
  digestUnsupported: 'unsupported digest algorithm',
  /** ParseNormalizedNamed's refusal of a bare 64-hex repository name. */
  identifier64Hex: 'cannot specify 64-byte hexadecimal strings as a repository name',
} as const;

/** One of the reason strings of {@link REASONS}. */
export type Reason = (typeof REASONS)[keyof typeof REASONS];

/** Builds the error for `input` failing with `reason`. */
export function invalid(input: string, reason: Reason): InvalidReferenceError {
  return new InvalidReferenceError(input, reason);
}
