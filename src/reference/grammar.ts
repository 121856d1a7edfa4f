import { digestProblem } from './digest.js';
import { REASONS, invalid } from './errors.js';
import { ANCHORED_DIGEST, ANCHORED_NAME, ANCHORED_REFERENCE, ANCHORED_TAG } from './regexp.js';

/** Longest repository path (the part after the domain) a name may have. */
export const NAME_PATH_MAX = 255;

/** A reference split by the grammar alone, before any Docker Hub normalization. */
export interface RawReference {
  /** Registry host with optional port, or `''` when the name has none. */
  domain: string;
  /** Repository path after the domain. */
  path: string;
  /** Tag as written, or undefined. */
  tag?: string | undefined;
  /** Digest as written, or undefined. */
  digest?: string | undefined;
}

/** The name of a reference: `domain/path`, or just `path` when there is no domain. */
export function nameOf(ref: RawReference): string {
  return ref.domain === '' ? ref.path : `${ref.domain}/${ref.path}`;
}

/** The string form of a reference: name, then `:tag` and `@digest` when present. */
export function referenceString(ref: RawReference): string {
  let out = nameOf(ref);
  if (ref.tag !== undefined) out += `:${ref.tag}`;
  if (ref.digest !== undefined) out += `@${ref.digest}`;
  return out;
}

/**
 * Splits a name into domain and path as distribution/reference's anchored name expression
 * does: the first component is the domain whenever it fits the domain grammar and more
 * components follow, even without a dot or port (`foo/bar` has domain `foo`).
 */
function splitName(name: string): { domain: string; path: string } | undefined {
  const match = ANCHORED_NAME.exec(name);
  if (match === null) return undefined;
  return { domain: match[1] ?? '', path: match[2] ?? '' };
}

/**
 * Go's `reference.Parse`: parses `input` by the grammar with no normalization. Throws an
 * InvalidReferenceError quoting `reportAs` (default: `input`).
 */
export function parse(input: string, reportAs: string = input): RawReference {
  const match = ANCHORED_REFERENCE.exec(input);
  if (match === null) {
    if (input === '') throw invalid(reportAs, REASONS.nameEmpty);
    if (ANCHORED_REFERENCE.test(input.toLowerCase())) throw invalid(reportAs, REASONS.uppercase);
    throw invalid(reportAs, REASONS.invalidFormat);
  }
  const name = match[1] ?? '';
  const split = splitName(name) ?? { domain: '', path: name };
  if (split.path.length > NAME_PATH_MAX) throw invalid(reportAs, REASONS.nameTooLong);
  const tag = match[2];
  const digest = match[3];
  if (digest !== undefined) {
    const problem = digestProblem(digest);
    if (problem !== undefined) throw invalid(reportAs, problem);
  }
  return { domain: split.domain, path: split.path, tag, digest };
}

/** Go's `reference.WithName`: a bare name (no tag or digest) checked against the grammar. */
export function withName(name: string): RawReference {
  const split = splitName(name);
  if (split === undefined) throw invalid(name, REASONS.invalidFormat);
  if (split.path.length > NAME_PATH_MAX) throw invalid(name, REASONS.nameTooLong);
  return split;
}

/** Go's `reference.WithTag`: `ref` with its tag set to `tag`; a digest stays. */
export function withTag(ref: RawReference, tag: string): RawReference {
  if (!ANCHORED_TAG.test(tag)) throw invalid(tag, REASONS.tagInvalidFormat);
  return { ...ref, tag };
}

/**
 * Go's `reference.WithDigest`: `ref` with its digest set; a tag stays. Like upstream, only
 * the digest's shape is checked, not its length or algorithm.
 */
export function withDigest(ref: RawReference, digest: string): RawReference {
  if (!ANCHORED_DIGEST.test(digest)) throw invalid(digest, REASONS.digestInvalidFormat);
  return { ...ref, digest };
}
