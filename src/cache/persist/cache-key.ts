import { createHash } from 'node:crypto';

/** Prefix of every layer-cache key; bump the version when the store format changes. */
export const DEFAULT_KEY_PREFIX = 'hubcap-layers-v1';

/**
 * The primary key for a set of images: prefix, platform and a hash of the sorted, distinct
 * manifest digests (`hubcap-layers-v1-linux-amd64-3f2a…`, 16 hex). The same images give
 * the same key in any order.
 */
export function cacheKey(
  platform: string,
  manifestDigests: string[],
  prefix = DEFAULT_KEY_PREFIX,
): string {
  const sorted = [...new Set(manifestDigests)].sort();
  const hash = createHash('sha256').update(sorted.join('\n')).digest('hex').slice(0, 16);
  return `${keyBase(platform, prefix)}${hash}`;
}

/**
 * Restore keys for partial hits: the newest cache of the same prefix and platform, whatever
 * its images. Keys never hold commas (the cache service splits on them).
 */
export function restoreKeys(platform: string, prefix = DEFAULT_KEY_PREFIX): string[] {
  return [keyBase(platform, prefix)];
}

function keyBase(platform: string, prefix: string): string {
  const slug = platform.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${prefix}-${slug}-`;
}
