import type { StoredImage } from '../types.js';
import type { CacheStore } from './store.js';

/** What {@link pruneStore} did. */
export interface PruneResult {
  /** Entries kept, newest use first. */
  kept: StoredImage[];
  /** Entries dropped: least recently used beyond the budget, or with a missing manifest. */
  removed: StoredImage[];
  /** Blobs deleted (no kept image uses them). */
  removedBlobs: number;
  /** Bytes freed: deleted blobs plus partial downloads. */
  freedBytes: number;
  /** Bytes the kept images use (shared blobs counted once). */
  keptBytes: number;
}

/**
 * Least-recently-used pruning of whole images under a byte budget: images are taken
 * newest use first while the union of their blobs (shared blobs counted once) fits in
 * `maxBytes`; the first one that does not fit and every older one are dropped. Then every
 * blob no kept image uses, and every partial download, is deleted.
 */
export async function pruneStore(store: CacheStore, maxBytes: number): Promise<PruneResult> {
  const sizes = await store.blobs.list();
  const kept: StoredImage[] = [];
  const removed: StoredImage[] = [];
  const live = new Set<string>();
  let keptBytes = 0;
  let full = false;
  for (const image of store.list()) {
    const content = full ? undefined : await store.content(image);
    if (content === undefined) {
      removed.push(image);
      continue;
    }
    const missing = content.blobs.filter((b) => !sizes.has(b.digest));
    if (missing.length > 0) {
      removed.push(image);
      continue;
    }
    let extra = 0;
    const fresh = new Set<string>();
    for (const b of content.blobs) {
      if (live.has(b.digest) || fresh.has(b.digest)) continue;
      fresh.add(b.digest);
      extra += sizes.get(b.digest) ?? 0;
    }
    if (keptBytes + extra > maxBytes) {
      full = true;
      removed.push(image);
      continue;
    }
    keptBytes += extra;
    for (const d of fresh) live.add(d);
    kept.push(image);
  }
  let removedBlobs = 0;
  let freedBytes = 0;
  for (const [digest, size] of sizes) {
    if (live.has(digest)) continue;
    await store.blobs.remove(digest);
    removedBlobs++;
    freedBytes += size;
  }
  freedBytes += await store.blobs.clearIngest();
  if (removed.length > 0) {
    await store.forget(removed);
  } else {
    await store.save();
  }
  return { kept, removed, removedBlobs, freedBytes, keptBytes };
}
