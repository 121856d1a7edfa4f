import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CacheWarning, Descriptor, StoredImage } from '../types.js';
import { parseManifest, type ImageManifest } from '../manifest.js';
import { parsePlatform } from '../../registry/platform.js';
import { BlobDigestError, BlobStore } from './blob-store.js';
import { IMAGE_INDEX_FILE, readImageIndex, writeImageIndex } from './image-index.js';
import { ensureOciLayoutFile, layoutDescriptor, writeOciIndex } from './layout.js';

/** An image's manifest and every blob it needs, read back from the store. */
export interface ImageContent {
  image: StoredImage;
  /** Descriptor of the platform manifest (media type, digest, size). */
  manifestDescriptor: Descriptor;
  manifest: ImageManifest;
  /** Every blob of the image: the index (if the ref named one), manifest, config, layers. */
  blobs: Descriptor[];
}

/**
 * The layer store: an OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/…`)
 * plus `hubcap-images.json`, which maps a normalized reference and platform to the
 * manifest digest and the time it was last used.
 */
export class CacheStore {
  /** Blobs of the store. */
  readonly blobs: BlobStore;
  /** Problems found while opening (a damaged image index), to show as warnings. */
  readonly warnings: CacheWarning[];
  private images: StoredImage[];
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    readonly root: string,
    images: StoredImage[],
    warnings: CacheWarning[],
  ) {
    this.blobs = new BlobStore(root);
    this.images = images;
    this.warnings = warnings;
  }

  /** Opens (creating when needed) the store at `root`. */
  static async open(root: string): Promise<CacheStore> {
    const abs = path.resolve(root);
    await mkdir(abs, { recursive: true });
    const read = await readImageIndex(path.join(abs, IMAGE_INDEX_FILE));
    const store = new CacheStore(
      abs,
      read.images,
      read.problems.map((message) => ({ message })),
    );
    await store.blobs.init();
    await ensureOciLayoutFile(abs);
    return store;
  }

  /** Every image entry, newest use first. */
  list(): StoredImage[] {
    return [...this.images].sort((a, b) => Date.parse(b.lastUsed) - Date.parse(a.lastUsed));
  }

  /** The entry of a reference on a platform. */
  find(ref: string, platform: string): StoredImage | undefined {
    return this.images.find((i) => i.ref === ref && i.platform === platform);
  }

  /** Adds or replaces the entry of `image.ref` on `image.platform`, and saves the index. */
  async record(image: StoredImage): Promise<void> {
    this.images = this.images.filter(
      (i) => !(i.ref === image.ref && i.platform === image.platform),
    );
    this.images.push({ ...image });
    await this.save();
  }

  /** Sets the last-use time of entries (by ref and platform) and saves the index. */
  async touch(keys: { ref: string; platform: string }[], now: Date = new Date()): Promise<void> {
    const when = now.toISOString();
    let changed = false;
    for (const k of keys) {
      const found = this.find(k.ref, k.platform);
      if (found !== undefined) {
        found.lastUsed = when;
        changed = true;
      }
    }
    if (changed) await this.save();
  }

  /** Drops entries (their blobs stay until {@link pruneStore} collects them). */
  async forget(keys: { ref: string; platform: string }[]): Promise<void> {
    const drop = new Set(keys.map((k) => `${k.ref}\n${k.platform}`));
    this.images = this.images.filter((i) => !drop.has(`${i.ref}\n${i.platform}`));
    await this.save();
  }

  /**
   * Reads an image's manifest (digest-checked) and lists its blobs. Undefined when the
   * manifest is missing or damaged (a damaged one is deleted).
   */
  async content(image: StoredImage): Promise<ImageContent | undefined> {
    let bytes: Buffer;
    try {
      bytes = await this.blobs.read(image.manifest);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || err instanceof BlobDigestError) return undefined;
      throw err;
    }
    let parsed: ReturnType<typeof parseManifest>;
    try {
      parsed = parseManifest(bytes, this.blobs.blobPath(image.manifest));
    } catch {
      return undefined;
    }
    if (!('manifest' in parsed)) return undefined;
    const manifest = parsed.manifest;
    const manifestDescriptor: Descriptor = {
      mediaType: manifest.mediaType,
      digest: image.manifest,
      size: bytes.length,
    };
    const blobs: Descriptor[] = [];
    if (image.digest !== image.manifest) {
      const size = await this.blobs.size(image.digest);
      if (size !== undefined) blobs.push({ mediaType: '', digest: image.digest, size });
    }
    blobs.push(manifestDescriptor, manifest.config, ...manifest.layers);
    return { image, manifestDescriptor, manifest, blobs };
  }

  /**
   * Writes `hubcap-images.json` and regenerates the layout's `index.json`. Concurrent calls
   * run one after the other, each writing the entries as they are when it starts.
   */
  save(): Promise<void> {
    const run = this.saving.then(
      () => this.writeIndexes(),
      () => this.writeIndexes(),
    );
    this.saving = run;
    return run;
  }

  private async writeIndexes(): Promise<void> {
    await writeImageIndex(path.join(this.root, IMAGE_INDEX_FILE), this.images);
    const manifests: Descriptor[] = [];
    for (const image of [...this.images].sort((a, b) => (a.ref < b.ref ? -1 : 1))) {
      const size = await this.blobs.size(image.manifest);
      if (size === undefined) continue;
      const content = await this.content(image);
      if (content === undefined) continue;
      const desc = layoutDescriptor(content.manifestDescriptor, image.ref);
      try {
        desc.platform = parsePlatform(image.platform);
      } catch {
        // an entry with an odd platform string is still listed, without a platform
      }
      manifests.push(desc);
    }
    await writeOciIndex(this.root, manifests);
  }
}
