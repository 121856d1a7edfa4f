import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CacheWarning } from '../types.js';
import { CacheStore } from '../store/store.js';
import { restoreFromActions, saveToActions } from './actions-backend.js';
import { blobsAddedSinceSnapshot, writeBlobSnapshot } from './blob-snapshot.js';
import { DEFAULT_KEY_PREFIX, cacheKey, restoreKeys } from './cache-key.js';
import { defaultStoreDir, resolveBackend } from './choose-backend.js';
import { openToolCacheStore } from './tool-cache-backend.js';
import type { CacheBackend, CacheHit, PersistState, RestoreOutcome, SaveOutcome } from './types.js';

/** Options of {@link restoreStore}. */
export interface RestoreOptions {
  backend: CacheBackend;
  /** Environment used to decide `auto` and the default folder (not read at import). */
  env: NodeJS.ProcessEnv;
  /**
   * Store folder: required for `local` (the CLI's `--store DIR`); for `actions` and `off`
   * the default is {@link defaultStoreDir}; `tool-cache` ignores it.
   */
  dir?: string | undefined;
  /** Manifest digests the tags resolved to: they make the key and decide `hit`. */
  manifestDigests: string[];
  /** Platform of the images (`linux/amd64`): part of the key. */
  platform: string;
  /** Key prefix (default `hubcap-layers-v1`). */
  keyPrefix?: string | undefined;
}

/**
 * Brings the store back before pulling: from the Actions cache (exact key, else the newest
 * cache for this platform as a partial hit), from the runner's tool cache, or a local
 * folder. Never throws: every cache problem becomes a warning and the run goes on with
 * whatever the folder holds (maybe nothing). Records which blobs the store holds, so
 * {@link saveStore} saves only when new ones were added.
 */
export async function restoreStore(options: RestoreOptions): Promise<RestoreOutcome> {
  const warnings: CacheWarning[] = [];
  const backend = resolveBackend(options.backend, options.env);
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  let dir = options.dir ?? defaultStoreDir(options.env);
  const state: PersistState = { backend, dir };
  let message: string;

  switch (backend) {
    case 'actions': {
      const primaryKey = cacheKey(options.platform, options.manifestDigests, prefix);
      state.primaryKey = primaryKey;
      const made = await mkdir(dir, { recursive: true }).then(
        () => undefined,
        (err: unknown) => (err as Error).message,
      );
      const r =
        made === undefined
          ? await restoreFromActions(dir, primaryKey, restoreKeys(options.platform, prefix))
          : { matchedKey: undefined, error: `cannot create ${dir}: ${made}` };
      if (r.error !== undefined) warnings.push({ message: `layer cache: ${r.error}` });
      state.matchedKey = r.matchedKey;
      message =
        r.matchedKey === undefined
          ? `no Actions cache entry for ${primaryKey}`
          : r.matchedKey === primaryKey
            ? `restored Actions cache ${primaryKey}`
            : `restored Actions cache ${r.matchedKey} (partial: wanted ${primaryKey})`;
      break;
    }
    case 'tool-cache': {
      try {
        const tc = await openToolCacheStore();
        dir = tc.dir;
        state.dir = dir;
        message = tc.existed
          ? `using the store in the runner's tool cache: ${dir}`
          : `created a store in the runner's tool cache: ${dir}`;
      } catch (err) {
        const fallback = path.join(options.env['RUNNER_TEMP'] || os.tmpdir(), 'hubcap-layers');
        warnings.push({
          message:
            `layer cache: tool cache unusable (${(err as Error).message}); ` + `using ${fallback}`,
        });
        dir = fallback;
        state.dir = dir;
        state.backend = 'local';
        message = `using a temporary store: ${dir}`;
      }
      break;
    }
    case 'local':
      if (options.dir === undefined) {
        warnings.push({ message: `layer cache: no store folder given; using ${dir}` });
      }
      message = `using the store in ${dir}`;
      break;
    case 'off':
      message = 'layer cache persistence is off';
      break;
  }

  let hit: CacheHit = 'false';
  try {
    const store = await CacheStore.open(dir);
    warnings.push(...store.warnings.map((w) => ({ message: `layer cache: ${w.message}` })));
    hit = await manifestHit(store, options.manifestDigests);
    await writeBlobSnapshot(store.blobs);
  } catch (err) {
    warnings.push({
      message: `layer cache: cannot open the store ${dir}: ${(err as Error).message}`,
    });
  }
  return { state, hit, message, warnings };
}

/** `true` when the store holds every manifest, `partial` when some, else `false`. */
async function manifestHit(store: CacheStore, digests: string[]): Promise<CacheHit> {
  const unique = [...new Set(digests)];
  if (unique.length === 0) return 'false';
  let have = 0;
  for (const d of unique) if (await store.blobs.has(d)) have++;
  return have === unique.length ? 'true' : have > 0 ? 'partial' : 'false';
}

/**
 * Saves the store after the run (the `post` step), for the `actions` backend only, and only
 * when blobs were added since the restore and the primary key was not already the one
 * restored (cache keys cannot be overwritten). The tool cache and local folders are
 * updated in place. Never throws: failures are warnings.
 */
export async function saveStore(state: PersistState): Promise<SaveOutcome> {
  const warnings: CacheWarning[] = [];
  let added: string[] = [];
  try {
    const store = await CacheStore.open(state.dir);
    added = await blobsAddedSinceSnapshot(store.blobs);
  } catch (err) {
    return {
      saved: false,
      newBlobs: 0,
      message: `not saved: cannot read the store ${state.dir}`,
      warnings: [{ message: `layer cache: cannot read ${state.dir}: ${(err as Error).message}` }],
    };
  }
  const newBlobs = added.length;
  if (state.backend !== 'actions') {
    const where = state.backend === 'off' ? 'persistence is off' : 'the store is kept in place';
    return { saved: false, newBlobs, message: `nothing to save: ${where}`, warnings };
  }
  const key = state.primaryKey;
  if (key === undefined) {
    return { saved: false, newBlobs, message: 'not saved: no cache key', warnings };
  }
  if (newBlobs === 0) {
    return { saved: false, newBlobs, key, message: 'not saved: no new blobs', warnings };
  }
  if (state.matchedKey === key) {
    return {
      saved: false,
      newBlobs,
      key,
      message: `not saved: ${key} already exists (cache keys are immutable)`,
      warnings,
    };
  }
  const r = await saveToActions(state.dir, key);
  if (!r.saved) {
    warnings.push({ message: `layer cache: ${r.error ?? 'not saved'}` });
    return { saved: false, newBlobs, key, message: `not saved: ${r.error}`, warnings };
  }
  return { saved: true, newBlobs, key, message: `saved ${newBlobs} new blobs as ${key}`, warnings };
}
