import type { CacheWarning } from './types.js';
import type { CacheStore } from './store/store.js';
import type { CacheHit } from './persist/types.js';
import { pullImages, type PullImage, type PullOptions, type PullResult } from './pull.js';
import { loadImages, type LoadResult } from './load/load-images.js';
import type { DockerCli } from './load/docker-cli.js';

/** Options of {@link pullAndLoad}. */
export interface PullAndLoadOptions extends PullOptions {
  /** Load the pulled images into Docker (default true). */
  load?: boolean | undefined;
  docker?: DockerCli | undefined;
}

/** Result of {@link pullAndLoad}. */
export interface PullAndLoadResult {
  pull: PullResult;
  load: LoadResult | undefined;
  /** `true`: every image came from the store; `partial`: some bytes did; else `false`. */
  hit: CacheHit;
  /** Bytes fetched from registries for all images. */
  bytesPulled: number;
  warnings: CacheWarning[];
}

/**
 * The action's main cache step after the restore: pulls the images into the store, then
 * loads them into Docker. When loading finds a corrupt blob (deleted from the store on the
 * way), the images are pulled again with full verification and loaded once more.
 */
export async function pullAndLoad(
  store: CacheStore,
  images: PullImage[],
  options: PullAndLoadOptions,
): Promise<PullAndLoadResult> {
  let pull = await pullImages(store, images, options);
  const warnings: CacheWarning[] = [];
  let load: LoadResult | undefined;
  if (options.load !== false) {
    const loadable = () =>
      pull.images
        .filter((r) => r.status !== 'failed')
        .map((r) => store.find(r.ref, r.platform))
        .filter((x) => x !== undefined);
    load = await loadImages(store, loadable(), { docker: options.docker, now: options.now });
    if (load.corrupt.length > 0) {
      warnings.push({
        message: `corrupt blobs in the layer cache (${load.corrupt.join(', ')}); pulled again`,
      });
      const again = await pullImages(store, images, { ...options, verify: 'full' });
      pull = mergePulls(pull, again);
      load = await loadImages(store, loadable(), { docker: options.docker, now: options.now });
    }
    warnings.push(...load.warnings);
  }
  for (const r of pull.images) warnings.push(...r.warnings);
  return {
    pull,
    load,
    hit: cacheHit(pull),
    bytesPulled: pull.images.reduce((n, r) => n + r.bytesPulled, 0),
    warnings,
  };
}

/** `cache-hit` of a pull: `true` when every image was a hit, `false` when none had any. */
export function cacheHit(pull: PullResult): CacheHit {
  const rs = pull.images;
  if (rs.length > 0 && rs.every((r) => r.status === 'hit')) return 'true';
  if (rs.some((r) => r.status === 'hit' || r.status === 'partial')) return 'partial';
  return 'false';
}

function mergePulls(first: PullResult, second: PullResult): PullResult {
  return {
    newBlobs: first.newBlobs + second.newBlobs,
    images: second.images.map((r, i) => {
      const before = first.images[i];
      if (before === undefined) return r;
      return {
        ...r,
        bytesPulled: before.bytesPulled + r.bytesPulled,
        manifestGets: before.manifestGets + r.manifestGets,
        status: r.status === 'hit' && before.status !== 'failed' ? before.status : r.status,
        warnings: [...before.warnings, ...r.warnings],
      };
    }),
  };
}
