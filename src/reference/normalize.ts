import { digestProblem } from './digest.js';
import { REASONS, invalid } from './errors.js';
import { nameOf, parse, referenceString, withDigest, withName } from './grammar.js';
import type { RawReference } from './grammar.js';
import { ANCHORED_IDENTIFIER } from './regexp.js';

/** Docker Hub's canonical domain. */
export const DEFAULT_DOMAIN = 'docker.io';

/** The legacy "Docker Index" domain, rewritten to {@link DEFAULT_DOMAIN}. */
export const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';

/** Namespace of Docker Official Images on Docker Hub. */
export const OFFICIAL_REPO_PREFIX = 'library/';

/**
 * distribution's `splitDockerDomain`: decides whether the first component of `name` is a
 * registry. It is when it contains `.` or `:`, is `localhost`, or has an uppercase letter;
 * otherwise the name is on Docker Hub. `index.docker.io` becomes `docker.io`, and a
 * single-component Docker Hub name gets `library/`. `remainder` keeps any tag and digest.
 */
export function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  if (slash < 0) return { domain: DEFAULT_DOMAIN, remainder: OFFICIAL_REPO_PREFIX + name };
  const first = name.slice(0, slash);
  const rest = name.slice(slash + 1);
  let domain: string;
  let remainder: string;
  if (first === 'localhost') {
    [domain, remainder] = [first, rest];
  } else if (first === LEGACY_DEFAULT_DOMAIN) {
    [domain, remainder] = [DEFAULT_DOMAIN, rest];
  } else if (first.includes('.') || first.includes(':') || first.toLowerCase() !== first) {
    [domain, remainder] = [first, rest];
  } else {
    [domain, remainder] = [DEFAULT_DOMAIN, name];
  }
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) {
    remainder = OFFICIAL_REPO_PREFIX + remainder;
  }
  return { domain, remainder };
}

/**
 * Go's `ParseNormalizedNamed`: parses a reference as `docker pull` reads it, filling in
 * `docker.io` and `library/`. Throws an InvalidReferenceError quoting `input`.
 */
export function parseNormalizedNamed(input: string): RawReference {
  if (ANCHORED_IDENTIFIER.test(input)) throw invalid(input, REASONS.identifier64Hex);
  const { domain, remainder } = splitDockerDomain(input);
  const colon = remainder.indexOf(':');
  const remoteName = colon < 0 ? remainder : remainder.slice(0, colon);
  if (remoteName.toLowerCase() !== remoteName) throw invalid(input, REASONS.uppercase);
  return parse(`${domain}/${remainder}`, input);
}

/**
 * Go's `ParseNamed`: like {@link parseNormalizedNamed}, but only accepts input that is
 * already in canonical form (`docker.io/library/foo`, not `foo`).
 */
export function parseNamed(input: string): RawReference {
  const ref = parseNormalizedNamed(input);
  if (referenceString(ref) !== input) throw invalid(input, REASONS.notCanonical);
  return ref;
}

/** Go's `TagNameOnly`: adds the tag `latest` when there is neither tag nor digest. */
export function tagNameOnly(ref: RawReference): RawReference {
  if (ref.tag === undefined && ref.digest === undefined) return { ...ref, tag: 'latest' };
  return ref;
}

/**
 * Go's `ParseDockerRef`: the reference a pull uses. `:latest` is added when there is
 * neither tag nor digest, and the tag is dropped when a digest is present.
 */
export function parseDockerRef(input: string): RawReference {
  const ref = parseNormalizedNamed(input);
  if (ref.digest !== undefined) return withDigest(withName(nameOf(ref)), ref.digest);
  return tagNameOnly(ref);
}

/**
 * Go's `FamiliarName`: the name without `docker.io/`, and without `library/` when that
 * leaves a single component (`docker.io/library/foo/bar` stays `library/foo/bar`).
 */
export function familiarName(ref: RawReference): string {
  if (ref.domain !== DEFAULT_DOMAIN) return nameOf(ref);
  if (ref.path.startsWith(OFFICIAL_REPO_PREFIX)) {
    const rest = ref.path.slice(OFFICIAL_REPO_PREFIX.length);
    if (!rest.includes('/')) return rest;
  }
  return ref.path;
}

/** Go's `FamiliarString`: the familiar name with the tag and digest as written. */
export function familiarString(ref: RawReference): string {
  return referenceString({ ...ref, domain: '', path: familiarName(ref) });
}

/** What {@link parseAnyReference} found: an image ID / digest, or a named reference. */
export type AnyReference =
  { kind: 'digest'; digest: string } | { kind: 'named'; ref: RawReference };

/**
 * Go's `ParseAnyReference`: a bare 64-hex ID becomes the digest `sha256:<id>`, a valid
 * digest stays a digest, anything else is parsed by {@link parseNormalizedNamed}.
 */
export function parseAnyReference(input: string): AnyReference {
  if (ANCHORED_IDENTIFIER.test(input)) return { kind: 'digest', digest: `sha256:${input}` };
  if (digestProblem(input) === undefined) return { kind: 'digest', digest: input };
  return { kind: 'named', ref: parseNormalizedNamed(input) };
}

/** The string form of an {@link AnyReference}, as Go's `String()` gives it. */
export function anyReferenceString(any: AnyReference): string {
  return any.kind === 'digest' ? any.digest : referenceString(any.ref);
}
