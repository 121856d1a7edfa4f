import {
  CacheStore,
  dockerAvailable,
  pullAndLoad,
  resolveImages,
  restoreStore,
  type CacheWarning,
  type PullAndLoadResult,
  type PullImage,
  type RestoreOutcome,
} from '../cache/index.js';
import type { CacheBackend } from '../cache/persist/types.js';
import { parseReference } from '../reference/parse.js';
import { defaultPlatform, platformString, type Platform } from '../registry/index.js';
import type { OccurrenceKind } from '../scan/types.js';
import type { MainJobResult } from './main-job.js';
import type { RegistryAccess } from './registry-access.js';

/**
 * Kinds whose images the CI system pulls itself, before any step runs (job containers,
 * service containers, `docker://` steps, GitLab's `image:`), or that BuildKit fetches from
 * a registry whatever Docker holds (`# syntax=`): loading them into Docker helps nothing.
 */
const NOT_LOADED: ReadonlySet<OccurrenceKind> = new Set([
  'syntax',
  'workflow-container',
  'workflow-service',
  'workflow-uses',
  'gitlab-ci',
]);

/**
 * The images to cache: every pulled image the scanned files name, once, with the mirror
 * (when the reference was rewritten) as the first source and the original as fallback.
 */
export function imagesToCache(result: MainJobResult): PullImage[] {
  const mirrored = new Map(result.rewritten.map((r) => [r.occurrence, r.to]));
  const images = new Map<string, PullImage>();
  for (const o of result.scan.occurrences) {
    if (o.builtLocally || NOT_LOADED.has(o.kind)) continue;
    const original = o.ref.normalized;
    const to = mirrored.get(o);
    const sources = to === undefined ? [original] : [parseReference(to).normalized, original];
    if (!images.has(original)) images.set(original, { ref: original, sources });
  }
  return [...images.values()];
}

/** Settings of one layer-cache run. */
export interface LayerCacheOptions {
  backend: CacheBackend;
  /** `auto` loads when a Docker daemon answers. */
  load: 'auto' | 'true' | 'false';
  env: NodeJS.ProcessEnv;
  access: RegistryAccess;
  /** Store folder (CLI `--store`); the backend's default otherwise. */
  dir?: string | undefined;
  platform?: Platform | undefined;
}

/** What the layer cache did: the restore, the pull and load, and every warning. */
export interface LayerCacheRun {
  restore: RestoreOutcome;
  result: PullAndLoadResult;
  loaded: boolean;
  warnings: CacheWarning[];
}

/**
 * Restores the store, pulls what it lacks (tags resolved once, mirror first), and loads
 * the images into Docker. Cache trouble comes back as warnings, never as a throw.
 */
export async function runLayerCache(
  images: PullImage[],
  options: LayerCacheOptions,
): Promise<LayerCacheRun> {
  const hosts = images.flatMap((i) =>
    (i.sources ?? [i.ref]).map((s) => parseReference(s).registry),
  );
  const client = await options.access.clientsFor(hosts);
  const platform = options.platform ?? defaultPlatform();
  const resolved = await resolveImages(images, { client });
  const restore = await restoreStore({
    backend: options.backend,
    env: options.env,
    dir: options.dir,
    manifestDigests: resolved.digests,
    platform: platformString(platform),
  });
  const warnings = [...restore.warnings];
  const load = options.load === 'true' || (options.load === 'auto' && (await dockerAvailable({})));
  const store = await CacheStore.open(restore.state.dir);
  const result = await pullAndLoad(store, resolved.images, { client, platform, load });
  warnings.push(...result.warnings);
  return { restore, result, loaded: load, warnings };
}
