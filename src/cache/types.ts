export type { Descriptor, Platform } from '../registry/types.js';

/** One image the store holds: a reference on one platform and where its manifest is. */
export interface StoredImage {
  /** Normalized reference the image was asked for: `docker.io/library/node:20`. */
  ref: string;
  /** Platform in `os/arch[/variant]` form: `linux/amd64`. */
  platform: string;
  /** What the reference resolved to: an index digest or the platform manifest digest. */
  digest: string;
  /** Digest of the platform-specific image manifest. */
  manifest: string;
  /** Normalized reference it was pulled from (the mirror), when not `ref` itself. */
  source?: string | undefined;
  /** ISO 8601 time of the last pull or load that used this image. */
  lastUsed: string;
}

/** A non-fatal problem the caller should show (as a workflow warning, for the action). */
export interface CacheWarning {
  message: string;
}
