import type { StoredImage } from './types.js';
import type { CacheStore } from './store/store.js';

/** One stored image with its size, for `hubcap cache ls`. */
export interface InventoryImage extends StoredImage {
  /** Bytes of all its blobs (manifest, config, layers). */
  bytes: number;
  /** Blobs it needs that are missing from the store (a damaged entry). */
  missingBlobs: number;
}

/** What the store holds. */
export interface Inventory {
  images: InventoryImage[];
  /** Bytes of every blob on disk (shared blobs once, orphans included). */
  totalBytes: number;
  blobs: number;
}

/** Lists the store's images (newest use first) with sizes, and the store's total. */
export async function storeInventory(store: CacheStore): Promise<Inventory> {
  const sizes = await store.blobs.list();
  const images: InventoryImage[] = [];
  for (const image of store.list()) {
    const content = await store.content(image);
    let bytes = 0;
    let missingBlobs = 0;
    for (const b of content?.blobs ?? []) {
      const size = sizes.get(b.digest);
      if (size === undefined) missingBlobs++;
      else bytes += size;
    }
    if (content === undefined) missingBlobs++;
    images.push({ ...image, bytes, missingBlobs });
  }
  let totalBytes = 0;
  for (const s of sizes.values()) totalBytes += s;
  return { images, totalBytes, blobs: sizes.size };
}
