import { InvalidReferenceError } from './types.js';
import type { ImageRef } from './types.js';
import { referenceString, withDigest, withName, withTag } from './grammar.js';
import type { RawReference } from './grammar.js';
import {
  DEFAULT_DOMAIN,
  LEGACY_DEFAULT_DOMAIN,
  familiarString,
  parseNormalizedNamed,
} from './normalize.js';

/** Docker Hub's registry API host, which `docker pull` talks to for `docker.io` names. */
export const DOCKER_HUB_REGISTRY_HOST = 'registry-1.docker.io';

/**
 * True for the host names of Docker Hub: `docker.io`, `index.docker.io` and
 * `registry-1.docker.io`. Compared exactly, as distribution/reference compares domains.
 */
export function isDockerHubHost(host: string): boolean {
  return (
    host === DEFAULT_DOMAIN || host === LEGACY_DEFAULT_DOMAIN || host === 'registry-1.docker.io'
  );
}

/**
 * Parses an image reference the way `docker pull` reads it (distribution's
 * `ParseNormalizedNamed`). Throws an InvalidReferenceError naming the quoted input and why
 * it is not a reference.
 */
export function parseReference(input: string): ImageRef {
  return toImageRef(parseNormalizedNamed(input));
}

/** {@link parseReference} that returns the error message instead of throwing. */
export function tryParseReference(input: string): { ref: ImageRef } | { error: string } {
  try {
    return { ref: parseReference(input) };
  } catch (error) {
    if (error instanceof InvalidReferenceError) return { error: error.message };
    throw error;
  }
}

/** Builds the ImageRef of a normalized reference. */
function toImageRef(raw: RawReference): ImageRef {
  return {
    registry: raw.domain,
    repository: raw.path,
    tag: raw.tag,
    digest: raw.digest,
    normalized: referenceString(raw),
    familiar: familiarString(raw),
    isDockerHub: isDockerHubHost(raw.domain),
    pinned: raw.digest !== undefined,
  };
}

/**
 * The reference a pull uses (distribution's `ParseDockerRef(...).String()`): adds `:latest`
 * when there is neither tag nor digest, and drops the tag when a digest is present.
 */
export function dockerRef(ref: ImageRef): string {
  const name = formatName(ref.registry, ref.repository);
  if (ref.digest !== undefined) return `${name}@${ref.digest}`;
  return `${name}:${ref.tag ?? 'latest'}`;
}

/** Joins a registry and a repository path into a name; an empty registry gives the path. */
export function formatName(registry: string, repository: string): string {
  return registry === '' ? repository : `${registry}/${repository}`;
}

/**
 * Appends `:tag` and `@digest` to a name (distribution's `WithTag` / `WithDigest`). The
 * name must fit the name grammar, the tag the tag grammar and the digest the digest
 * shape (its length is not checked); otherwise an InvalidReferenceError is thrown.
 */
export function withTagDigest(name: string, tag?: string, digest?: string): string {
  let ref = withName(name);
  if (tag !== undefined) ref = withTag(ref, tag);
  if (digest !== undefined) ref = withDigest(ref, digest);
  return referenceString(ref);
}
