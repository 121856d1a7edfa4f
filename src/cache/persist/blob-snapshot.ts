import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from '../store/blob-store.js';

/** File in the store listing the blobs it held right after the restore. */
export const SNAPSHOT_FILE = 'hubcap-restored-blobs.json';

/** Records which blobs the store holds now (called right after a restore). */
export async function writeBlobSnapshot(blobs: BlobStore): Promise<void> {
  const digests = [...(await blobs.list()).keys()].sort();
  await writeFile(path.join(blobs.root, SNAPSHOT_FILE), `${JSON.stringify(digests)}\n`);
}

/** Blobs stored now that were not there at the snapshot (all of them without one). */
export async function blobsAddedSinceSnapshot(blobs: BlobStore): Promise<string[]> {
  const now = [...(await blobs.list()).keys()];
  let before = new Set<string>();
  try {
    const parsed = JSON.parse(await readFile(path.join(blobs.root, SNAPSHOT_FILE), 'utf8'));
    if (Array.isArray(parsed)) before = new Set(parsed.filter((d) => typeof d === 'string'));
  } catch {
    // no snapshot (or a damaged one): everything counts as new
  }
  return now.filter((d) => !before.has(d)).sort();
}
