import type { ParsedDigest } from './digest.js';
import { computeDigest, isDigest, parseDigest } from './digest.js';
import type { RegistryErrorContext } from './errors.js';
import { RegistryError } from './errors.js';
import type { FetchedManifest, ImageIndex, ImageManifest } from './types.js';
import { MANIFEST_MEDIA_TYPES, MEDIA_TYPES } from './types.js';

/** Largest manifest accepted (distribution's own limit is 4 MiB). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** A `Content-Type` without parameters, lower-cased; `undefined` when absent. */
export function bareMediaType(contentType: string | null | undefined): string | undefined {
  if (contentType === null || contentType === undefined) return undefined;
  const bare = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return bare === '' ? undefined : bare;
}

/**
 * Checks a manifest body against what identifies it: when fetched by digest the body must
 * hash to that digest, and a `Docker-Content-Digest` header must match the body (registries
 * that leave it out are trusted to use sha256). Returns the manifest's digest.
 */
export function verifyManifestDigest(
  bytes: Uint8Array,
  reference: string,
  headerDigest: string | null | undefined,
  context: RegistryErrorContext,
): string {
  const mismatch = (expected: string, actual: string, what: string): RegistryError =>
    new RegistryError(context, {
      kind: 'digest-mismatch',
      detail: `manifest body hashes to ${actual}, but ${what} says ${expected}`,
    });
  if (isDigest(reference)) {
    const actual = computeDigest(bytes, parseDigest(reference).algorithm);
    if (actual !== reference) throw mismatch(reference, actual, 'the requested digest');
  }
  if (headerDigest !== null && headerDigest !== undefined && headerDigest !== '') {
    let parsed: ParsedDigest;
    try {
      parsed = parseDigest(headerDigest);
    } catch {
      throw new RegistryError(context, {
        kind: 'protocol',
        detail: `unsupported Docker-Content-Digest ${JSON.stringify(headerDigest)}`,
      });
    }
    const actual = computeDigest(bytes, parsed.algorithm);
    if (actual !== headerDigest) throw mismatch(headerDigest, actual, 'Docker-Content-Digest');
    return isDigest(reference) ? reference : headerDigest;
  }
  return isDigest(reference) ? reference : computeDigest(bytes);
}

const INDEX_TYPES = new Set<string>([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList]);

/**
 * Parses a verified manifest body. `Content-Type` (parameters ignored) and the body's
 * `mediaType` must agree when both name a manifest type; the kind (image or index) follows
 * from the media type or, failing that, from the body's fields.
 */
export function parseManifest(
  bytes: Buffer,
  digest: string,
  contentType: string | null | undefined,
  context: RegistryErrorContext,
): FetchedManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new RegistryError(context, {
      kind: 'protocol',
      detail: `manifest ${digest} is not JSON: ${(err as Error).message}`,
    });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new RegistryError(context, {
      kind: 'protocol',
      detail: `manifest ${digest} is not a JSON object`,
    });
  }
  const o = json as Record<string, unknown>;
  const header = bareMediaType(contentType);
  const bodyType = typeof o['mediaType'] === 'string' ? o['mediaType'] : undefined;
  const headerIsManifest = header !== undefined && MANIFEST_MEDIA_TYPES.includes(header);
  if (headerIsManifest && bodyType !== undefined && bodyType !== header) {
    throw new RegistryError(context, {
      kind: 'protocol',
      detail:
        `manifest ${digest}: Content-Type ${JSON.stringify(header)} ` +
        `but mediaType ${JSON.stringify(bodyType)}`,
    });
  }
  const mediaType = headerIsManifest ? header : (bodyType ?? header ?? '');
  const typed = MANIFEST_MEDIA_TYPES.includes(mediaType);
  const isIndex = INDEX_TYPES.has(mediaType) || (!typed && Array.isArray(o['manifests']));
  if (isIndex) {
    if (!Array.isArray(o['manifests'])) {
      throw new RegistryError(context, {
        kind: 'protocol',
        detail: `manifest list ${digest} has no "manifests" array`,
      });
    }
    return { kind: 'index', digest, mediaType, bytes, manifest: o as unknown as ImageIndex };
  }
  const hasImageFields =
    typeof o['config'] === 'object' && o['config'] !== null && Array.isArray(o['layers']);
  if (hasImageFields) {
    return { kind: 'image', digest, mediaType, bytes, manifest: o as unknown as ImageManifest };
  }
  throw new RegistryError(context, {
    kind: 'protocol',
    detail: `unsupported manifest ${digest} of type ${JSON.stringify(mediaType || 'unknown')}`,
  });
}
