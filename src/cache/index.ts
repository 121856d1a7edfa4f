/** The layer cache: one import for the action's main/post steps and the CLI. */
export type { CacheWarning, Descriptor, StoredImage } from './types.js';
export { CacheStore } from './store/store.js';
export type { ImageContent } from './store/store.js';
export { BlobDigestError, BlobStore } from './store/blob-store.js';
export { pruneStore } from './store/prune.js';
export type { PruneResult } from './store/prune.js';
export { pullImages, resolveImages } from './pull.js';
export type {
  ImagePullResult,
  PullImage,
  PullOptions,
  PullResult,
  PullStatus,
  ResolvedDigests,
  SourceBytes,
} from './pull.js';
export { loadImages } from './load/load-images.js';
export type { LoadOptions, LoadOutcome, LoadResult, LoadStatus } from './load/load-images.js';
export { writeArchive } from './load/archive.js';
export type { ArchiveImage, ArchiveOptions, ArchiveStats } from './load/archive.js';
export { UncompressedSizeError } from './load/archive.js';
export { dockerAvailable, dockerLoadStream, runDocker } from './load/docker-cli.js';
export type { DockerCli, DockerRun } from './load/docker-cli.js';
export { dockerTag, dockerTags } from './load/names.js';
export { restoreStore, saveStore } from './persist/persist.js';
export type { RestoreOptions } from './persist/persist.js';
export type {
  CacheBackend,
  CacheHit,
  PersistState,
  ResolvedBackend,
  RestoreOutcome,
  SaveOutcome,
} from './persist/types.js';
export { defaultStoreDir, parseCacheBackend, resolveBackend } from './persist/choose-backend.js';
export { cacheKey, restoreKeys } from './persist/cache-key.js';
export { cacheHit, pullAndLoad } from './run.js';
export type { PullAndLoadOptions, PullAndLoadResult } from './run.js';
export { storeInventory } from './inventory.js';
export type { Inventory, InventoryImage } from './inventory.js';
export { DEFAULT_CACHE_MAX_BYTES, formatBytes, parseByteSize } from './size.js';
