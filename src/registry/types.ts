/** Manifest media types (Docker schema 2 and OCI). */
export const MEDIA_TYPES = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

/** The manifest types this client reads, in the order sent in `Accept`. */
export const MANIFEST_MEDIA_TYPES: readonly string[] = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.dockerManifestList,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerManifest,
];

/** The `Accept` header of every manifest request. */
export const MANIFEST_ACCEPT = MANIFEST_MEDIA_TYPES.join(', ');

/** An OCI platform: `linux/arm64/v8`. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string | undefined;
  'os.version'?: string | undefined;
  'os.features'?: string[] | undefined;
}

/** A content descriptor. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform | undefined;
  annotations?: Record<string, string> | undefined;
  urls?: string[] | undefined;
}

/** An image manifest (Docker schema 2 or OCI). */
export interface ImageManifest {
  schemaVersion: number;
  mediaType?: string | undefined;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string> | undefined;
}

/** A manifest list or OCI image index. */
export interface ImageIndex {
  schemaVersion: number;
  mediaType?: string | undefined;
  manifests: Descriptor[];
  annotations?: Record<string, string> | undefined;
}

/** A manifest as fetched: kind, digest, media type, exact bytes, parsed JSON. */
export type FetchedManifest =
  | {
      kind: 'image';
      digest: string;
      mediaType: string;
      bytes: Buffer;
      manifest: ImageManifest;
    }
  | {
      kind: 'index';
      digest: string;
      mediaType: string;
      bytes: Buffer;
      manifest: ImageIndex;
    };

/** What a manifest HEAD tells: digest, media type, size, and every response header. */
export interface ManifestHead {
  digest: string | undefined;
  mediaType: string | undefined;
  size: number | undefined;
  /** All response headers (for `ratelimit-*` and friends). */
  headers: Headers;
}
