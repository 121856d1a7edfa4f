/**
 * The `actions` backend: the store folder saved and restored whole with @actions/cache
 * (imported lazily: it pulls in the Azure SDK). @actions/cache never throws for service
 * trouble: it logs a warning itself and reports a miss (restore) or -1 (save).
 */

/** Result of one restore call. */
export interface ActionsRestore {
  /** The key that matched, or undefined on a miss (or when the service failed). */
  matchedKey: string | undefined;
  /** Set when the call threw (bad key or path); the text names the key. */
  error?: string | undefined;
}

/** Restores `dir` from the Actions cache: exact `primaryKey`, else the restore keys. */
export async function restoreFromActions(
  dir: string,
  primaryKey: string,
  keys: string[],
): Promise<ActionsRestore> {
  try {
    const cache = await import('@actions/cache');
    if (!cache.isFeatureAvailable()) {
      return { matchedKey: undefined, error: 'the Actions cache service is not configured' };
    }
    return { matchedKey: await cache.restoreCache([dir], primaryKey, keys) };
  } catch (err) {
    return {
      matchedKey: undefined,
      error: `restore of ${JSON.stringify(primaryKey)} failed: ${(err as Error).message}`,
    };
  }
}

/** Result of one save call. */
export interface ActionsSave {
  saved: boolean;
  /** Why it was not saved, when it was not. */
  error?: string | undefined;
}

/** Saves `dir` under `key`. Failures come back as `error`, never thrown. */
export async function saveToActions(dir: string, key: string): Promise<ActionsSave> {
  try {
    const cache = await import('@actions/cache');
    if (!cache.isFeatureAvailable()) {
      return { saved: false, error: 'the Actions cache service is not configured' };
    }
    const id = await cache.saveCache([dir], key);
    if (id === -1) {
      return {
        saved: false,
        error: `could not save key ${JSON.stringify(key)} (the cache service refused or failed)`,
      };
    }
    return { saved: true };
  } catch (err) {
    return {
      saved: false,
      error: `save of ${JSON.stringify(key)} failed: ${(err as Error).message}`,
    };
  }
}
