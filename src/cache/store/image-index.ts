import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { StoredImage } from '../types.js';
import { isSha256Digest } from './digest.js';

/** File name of the image index inside the store. */
export const IMAGE_INDEX_FILE = 'hubcap-images.json';

/** Version of the image index format this code writes. */
const VERSION = 1;

/** The image index read back, with any entries that had to be dropped. */
export interface ImageIndexRead {
  images: StoredImage[];
  /** Why entries (or the whole file) were ignored, naming the file and entry. */
  problems: string[];
}

/**
 * Reads the image index. A missing file is an empty index; a damaged file or entry is
 * reported in `problems` and skipped (the blobs it named are pulled again), never thrown.
 */
export async function readImageIndex(file: string): Promise<ImageIndexRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { images: [], problems: [] };
    throw err;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    return { images: [], problems: [`${file}: not JSON (${(err as Error).message}); ignored`] };
  }
  const obj = body as { version?: unknown; images?: unknown } | null;
  if (obj === null || typeof obj !== 'object' || !Array.isArray(obj.images)) {
    return { images: [], problems: [`${file}: no "images" array; ignored`] };
  }
  if (obj.version !== VERSION) {
    return {
      images: [],
      problems: [`${file}: unknown version ${JSON.stringify(obj.version)}; ignored`],
    };
  }
  const images: StoredImage[] = [];
  const problems: string[] = [];
  obj.images.forEach((entry: unknown, i: number) => {
    const image = toImage(entry);
    if (image === undefined) problems.push(`${file}: images[${i}] is malformed; ignored`);
    else images.push(image);
  });
  return { images, problems };
}

/** Writes the image index atomically (a temporary file renamed over the old one). */
export async function writeImageIndex(file: string, images: StoredImage[]): Promise<void> {
  const sorted = [...images].sort((a, b) =>
    a.ref === b.ref ? cmp(a.platform, b.platform) : cmp(a.ref, b.ref),
  );
  const tmp = `${file}.tmp-${process.pid}-${randomUUID()}`;
  await writeFile(tmp, `${JSON.stringify({ version: VERSION, images: sorted }, null, 2)}\n`);
  await rename(tmp, file);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toImage(value: unknown): StoredImage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const { ref, platform, digest, manifest, source, lastUsed } = v;
  if (typeof ref !== 'string' || ref === '') return undefined;
  if (typeof platform !== 'string' || platform === '') return undefined;
  if (typeof digest !== 'string' || !isSha256Digest(digest)) return undefined;
  if (typeof manifest !== 'string' || !isSha256Digest(manifest)) return undefined;
  if (typeof lastUsed !== 'string' || Number.isNaN(Date.parse(lastUsed))) return undefined;
  if (source !== undefined && typeof source !== 'string') return undefined;
  const image: StoredImage = { ref, platform, digest, manifest, lastUsed };
  if (source !== undefined) image.source = source;
  return image;
}
