import type { CacheWarning } from '../types.js';

/** The `cache-backend` choice. */
export type CacheBackend = 'auto' | 'actions' | 'tool-cache' | 'local' | 'off';

/** A backend after `auto` was decided. */
export type ResolvedBackend = Exclude<CacheBackend, 'auto'>;

/** `cache-hit`: every image's manifest was in the store, some were, or none. */
export type CacheHit = 'true' | 'partial' | 'false';

/** What `post` needs from `main` to save the store (JSON-serializable). */
export interface PersistState {
  backend: ResolvedBackend;
  /** The store folder (also the exact path string given to @actions/cache). */
  dir: string;
  /** Key the store is saved under (actions backend). */
  primaryKey?: string | undefined;
  /** Key the restore matched (actions backend), when any. */
  matchedKey?: string | undefined;
}

/** Result of restoring the store. */
export interface RestoreOutcome {
  state: PersistState;
  /** How many of the wanted manifests the store holds after the restore. */
  hit: CacheHit;
  /** One line saying what happened, for logs and the summary. */
  message: string;
  warnings: CacheWarning[];
}

/** Result of saving the store. */
export interface SaveOutcome {
  saved: boolean;
  key?: string | undefined;
  /** Blobs added since the restore. */
  newBlobs: number;
  message: string;
  warnings: CacheWarning[];
}
