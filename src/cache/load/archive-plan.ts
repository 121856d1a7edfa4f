import { open } from 'node:fs/promises';
import type { Descriptor } from '../types.js';
import type { CacheStore, ImageContent } from '../store/store.js';
import { sha256Digest } from '../store/digest.js';
import { OCI_MANIFEST } from '../manifest.js';

/** Media types of gzip-compressed layers. */
const GZIP_LAYERS = new Set([
  'application/vnd.docker.image.rootfs.diff.tar.gzip',
  'application/vnd.oci.image.layer.v1.tar+gzip',
]);

/** Layers whose decompressed size is at most this times the compressed one stay as stored. */
const INCOMPRESSIBLE = 1.05;

/** OCI media types of an uncompressed layer and of a config. */
const OCI_LAYER_TAR = 'application/vnd.oci.image.layer.v1.tar';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';

/** Where the bytes of one archive entry come from. */
export type BlobSource =
  /** The stored blob as it is. `verify`: hash it while streaming. */
  | { kind: 'stored'; verify: boolean }
  /** The stored gzip blob, decompressed while streaming (its size is the gzip trailer's). */
  | { kind: 'gunzip'; stored: string }
  /** Bytes made for the archive (a manifest over uncompressed layers). */
  | { kind: 'bytes'; bytes: Buffer };

/** One blob of the archive: its digest there, its size and where its bytes come from. */
export interface PlannedBlob {
  digest: string;
  size: number;
  source: BlobSource;
}

/** How one image is laid out in the archive. */
export interface ImagePlan {
  /** Normalized reference, for `index.json`'s annotations. */
  ref: string;
  tags: string[];
  /** The manifest `index.json` points at: the stored one, or one over uncompressed layers. */
  manifest: Descriptor;
  config: string;
  /** Archive digests of the layers, in order (`manifest.json`'s `Layers`). */
  layers: string[];
  blobs: PlannedBlob[];
}

/** Options of {@link planImage}. */
export interface PlanOptions {
  /**
   * `stored` (default): blobs exactly as stored. `uncompressed`: gzip layers that gzip did
   * shrink go in decompressed, under their diff IDs, with a manifest made for them (as
   * `docker save` writes since Engine 25), so the loader does not inflate them itself
   * (Node's zlib, on another core, inflates about three times as fast as the daemon).
   */
  layers?: 'stored' | 'uncompressed' | undefined;
  /**
   * `all` (default): hash every stored blob while streaming. `metadata`: only manifest and
   * config; layers are left to the reader, which checks them against the config's diff IDs.
   */
  verify?: 'all' | 'metadata' | undefined;
}

/** Lays out one image: which blobs go in, under which digests, from where. */
export async function planImage(
  store: CacheStore,
  content: ImageContent,
  tags: string[],
  options: PlanOptions = {},
): Promise<ImagePlan> {
  const verifyLayers = (options.verify ?? 'all') === 'all';
  const m = content.manifest;
  const stored = (d: Descriptor, verify: boolean): PlannedBlob => ({
    digest: d.digest,
    size: d.size,
    source: { kind: 'stored', verify },
  });
  const asStored: ImagePlan = {
    ref: content.image.ref,
    tags,
    manifest: content.manifestDescriptor,
    config: m.config.digest,
    layers: m.layers.map((l) => l.digest),
    blobs: [
      stored(content.manifestDescriptor, true),
      stored(m.config, true),
      ...m.layers.map((l) => stored(l, verifyLayers)),
    ],
  };
  if (options.layers !== 'uncompressed') return asStored;

  const diffIds = await readDiffIds(store, m.config.digest);
  if (diffIds === undefined || diffIds.length !== m.layers.length) return asStored;
  const layerBlobs: PlannedBlob[] = [];
  const layerDescriptors: Descriptor[] = [];
  for (const [i, layer] of m.layers.entries()) {
    const diffId = diffIds[i] as string;
    const size = GZIP_LAYERS.has(layer.mediaType)
      ? await gzipTrailerSize(store.blobs.blobPath(layer.digest))
      : undefined;
    // Data gzip could not shrink is cheap for the loader to inflate: sending it decompressed
    // would only cost a copy. A trailer size below the compressed size (a layer of 4 GiB or
    // more wraps around) also keeps the stored form.
    if (size === undefined || size <= layer.size * INCOMPRESSIBLE) {
      layerBlobs.push(stored(layer, verifyLayers));
      layerDescriptors.push({ mediaType: layer.mediaType, digest: layer.digest, size: layer.size });
    } else {
      layerBlobs.push({ digest: diffId, size, source: { kind: 'gunzip', stored: layer.digest } });
      layerDescriptors.push({ mediaType: OCI_LAYER_TAR, digest: diffId, size });
    }
  }
  if (layerBlobs.every((b) => b.source.kind === 'stored')) return asStored;
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_CONFIG, digest: m.config.digest, size: m.config.size },
      layers: layerDescriptors,
    }),
  );
  const manifest: Descriptor = {
    mediaType: OCI_MANIFEST,
    digest: sha256Digest(bytes),
    size: bytes.length,
  };
  return {
    ref: content.image.ref,
    tags,
    manifest,
    config: m.config.digest,
    layers: layerBlobs.map((b) => b.digest),
    blobs: [
      { digest: manifest.digest, size: bytes.length, source: { kind: 'bytes', bytes } },
      stored(m.config, true),
      ...layerBlobs,
    ],
  };
}

/**
 * The config's `rootfs.diff_ids`, or undefined when it has none or is not JSON. A config
 * that does not match its digest is deleted and {@link BlobDigestError} thrown.
 */
async function readDiffIds(store: CacheStore, config: string): Promise<string[] | undefined> {
  const bytes = await store.blobs.read(config);
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as {
      rootfs?: { diff_ids?: unknown };
    };
    const ids = parsed.rootfs?.diff_ids;
    if (!Array.isArray(ids)) return undefined;
    if (!ids.every((d) => typeof d === 'string' && /^sha256:[a-f0-9]{64}$/.test(d))) {
      return undefined;
    }
    return ids as string[];
  } catch {
    return undefined;
  }
}

/**
 * The uncompressed size a gzip file's trailer gives (ISIZE, the size modulo 2³²), or
 * undefined when the file does not start like gzip. The size is checked while
 * decompressing: a layer over 4 GiB or made of several gzip members fails that check.
 */
async function gzipTrailerSize(file: string): Promise<number | undefined> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    if (size < 18) return undefined;
    const head = Buffer.alloc(2);
    await fh.read(head, 0, 2, 0);
    if (head[0] !== 0x1f || head[1] !== 0x8b) return undefined;
    const tail = Buffer.alloc(4);
    await fh.read(tail, 0, 4, size - 4);
    return tail.readUInt32LE(0);
  } finally {
    await fh.close();
  }
}
