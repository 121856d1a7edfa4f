import type { Descriptor } from './types.js';
import { isSha256Digest } from './store/digest.js';

import { MEDIA_TYPES } from '../registry/types.js';

/** Docker v2 schema 2 image manifest. */
export const DOCKER_MANIFEST = MEDIA_TYPES.dockerManifest;
/** Docker manifest list. */
export const DOCKER_MANIFEST_LIST = MEDIA_TYPES.dockerManifestList;
/** OCI image manifest. */
export const OCI_MANIFEST = MEDIA_TYPES.ociManifest;
/** OCI image index. */
export const OCI_INDEX = MEDIA_TYPES.ociIndex;

/** A parsed image manifest: config and layers. */
export interface ImageManifest {
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
}

/** A parsed image index (or Docker manifest list). */
export interface ImageIndex {
  mediaType: string;
  manifests: Descriptor[];
}

/** True for the index and manifest-list media types. */
export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}

/** True for the image manifest media types this cache can load. */
export function isManifestMediaType(mediaType: string): boolean {
  return mediaType === OCI_MANIFEST || mediaType === DOCKER_MANIFEST;
}

/**
 * Parses manifest bytes into an index or an image manifest, taking the media type from
 * the body, else from `contentType`, else from the shape (`manifests` means an index).
 * Errors name `where` (a reference or a file) and the quoted value at fault.
 */
export function parseManifest(
  bytes: Uint8Array | string,
  where: string,
  contentType?: string,
): { index: ImageIndex } | { manifest: ImageManifest } {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new Error(`${where}: manifest is not JSON: ${(err as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(`${where}: manifest is not a JSON object`);
  }
  const obj = body as Record<string, unknown>;
  const declared = typeof obj['mediaType'] === 'string' ? obj['mediaType'] : undefined;
  const header = contentType?.split(';')[0]?.trim();
  const mediaType =
    declared ?? (header || (Array.isArray(obj['manifests']) ? OCI_INDEX : OCI_MANIFEST));
  if (isIndexMediaType(mediaType)) {
    const list = obj['manifests'];
    if (!Array.isArray(list)) throw new Error(`${where}: index has no "manifests" array`);
    return {
      index: {
        mediaType,
        manifests: list.map((d, i) => descriptor(d, `${where} manifests[${i}]`)),
      },
    };
  }
  if (!isManifestMediaType(mediaType)) {
    throw new Error(`${where}: unsupported manifest media type ${JSON.stringify(mediaType)}`);
  }
  const layers = obj['layers'];
  if (!Array.isArray(layers)) throw new Error(`${where}: manifest has no "layers" array`);
  return {
    manifest: {
      mediaType,
      config: descriptor(obj['config'], `${where} config`),
      layers: layers.map((d, i) => descriptor(d, `${where} layers[${i}]`)),
    },
  };
}

function descriptor(value: unknown, where: string): Descriptor {
  if (typeof value !== 'object' || value === null) {
    throw new Error(`${where}: descriptor is not an object`);
  }
  const d = value as Record<string, unknown>;
  const digest = d['digest'];
  const size = d['size'];
  const mediaType = d['mediaType'];
  if (typeof digest !== 'string' || !isSha256Digest(digest)) {
    throw new Error(`${where}: bad digest ${JSON.stringify(digest)}`);
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new Error(`${where}: bad size ${JSON.stringify(size)}`);
  }
  const out: Descriptor = {
    mediaType: typeof mediaType === 'string' ? mediaType : '',
    digest,
    size,
  };
  const p = d['platform'];
  if (typeof p === 'object' && p !== null) {
    const pl = p as Record<string, unknown>;
    if (typeof pl['os'] === 'string' && typeof pl['architecture'] === 'string') {
      out.platform = { os: pl['os'], architecture: pl['architecture'] };
      if (typeof pl['variant'] === 'string') out.platform.variant = pl['variant'];
    }
  }
  const a = d['annotations'];
  if (typeof a === 'object' && a !== null) out.annotations = a as Record<string, string>;
  return out;
}
