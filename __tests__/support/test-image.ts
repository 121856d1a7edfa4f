import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** One entry of a layer: a file (inline content or copied from a host file) or a symlink. */
export interface FileEntry {
  /** Path inside the image, without a leading `/`: `bin/busybox`. */
  path: string;
  content?: string | Buffer;
  /** Host file to copy, e.g. `/bin/busybox`. */
  source?: string;
  /** Make a symlink to this target instead of a file. */
  linkTarget?: string;
  /** Permission bits (default 0o644, 0o755 for `source` files that are executable). */
  mode?: number;
}

/** A layer as a list of files. */
export interface LayerSpec {
  files: FileEntry[];
}

/** An image platform. */
export interface ImagePlatform {
  os: string;
  architecture: string;
  variant?: string;
}

/** What an image is made of. */
export interface ImageSpec {
  layers: LayerSpec[];
  /** Default `linux/amd64`. */
  platform?: ImagePlatform;
  /** Media types of Docker schema 2 or OCI (default). */
  format?: 'oci' | 'docker';
  /** The runtime part of the config (`Cmd`, `Env`, …). */
  runtime?: Record<string, unknown>;
  /** Creation time written in the config (default 2024-01-01T00:00:00Z). */
  created?: string;
}

/** A content-addressed blob. */
export interface TestBlob {
  digest: string;
  size: number;
  mediaType: string;
  bytes: Buffer;
}

/** A layer blob with its uncompressed tar and diff ID. */
export interface TestLayer extends TestBlob {
  diffId: string;
  tar: Buffer;
}

/** A built single-platform image. */
export interface TestImage {
  format: 'oci' | 'docker';
  platform: ImagePlatform;
  config: TestBlob;
  layers: TestLayer[];
  manifest: TestBlob;
}

/** A built manifest list / image index over several images. */
export interface TestIndex {
  format: 'oci' | 'docker';
  manifest: TestBlob;
  images: TestImage[];
}

const TYPES = {
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    index: 'application/vnd.oci.image.index.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    index: 'application/vnd.docker.distribution.manifest.list.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
} as const;

/** `sha256:<hex>` of some bytes. */
export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function blob(bytes: Buffer, mediaType: string): TestBlob {
  return { digest: sha256(bytes), size: bytes.length, mediaType, bytes };
}

/** A busybox root file system: the static binary from Debian's busybox-static, `sh`, a file. */
export function busyboxLayer(binary = '/bin/busybox'): LayerSpec {
  return {
    files: [
      { path: 'bin/busybox', source: binary, mode: 0o755 },
      { path: 'bin/sh', linkTarget: 'busybox' },
      { path: 'bin/ls', linkTarget: 'busybox' },
      { path: 'bin/cat', linkTarget: 'busybox' },
      { path: 'etc/hubcap-release', content: 'hubcap test image\n' },
    ],
  };
}

/** Builds an uncompressed layer tar (parent folders added, times zero) from a file list. */
export async function layerTar(spec: LayerSpec): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((resolve, reject) => {
    p.on('end', resolve);
    p.on('error', reject);
  });
  const dirs = new Set<string>();
  for (const f of spec.files) {
    let d = path.posix.dirname(f.path);
    while (d !== '.' && d !== '/' && d !== '') {
      dirs.add(d);
      d = path.posix.dirname(d);
    }
  }
  const common = { mtime: new Date(0), uid: 0, gid: 0, uname: '', gname: '' };
  for (const d of [...dirs].sort()) {
    p.entry({ ...common, name: `${d}/`, type: 'directory', mode: 0o755 });
  }
  for (const f of spec.files) {
    if (f.linkTarget !== undefined) {
      p.entry({ ...common, name: f.path, type: 'symlink', linkname: f.linkTarget, mode: 0o777 });
      continue;
    }
    const content =
      f.source !== undefined
        ? await readFile(f.source)
        : Buffer.isBuffer(f.content)
          ? f.content
          : Buffer.from(f.content ?? '', 'utf8');
    p.entry({ ...common, name: f.path, type: 'file', mode: f.mode ?? 0o644 }, content);
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Builds one gzip'd layer: the compressed blob, its tar and diff ID. */
export async function buildLayer(
  spec: LayerSpec,
  format: 'oci' | 'docker' = 'oci',
): Promise<TestLayer> {
  const tar = await layerTar(spec);
  const gz = gzipSync(tar);
  return { ...blob(gz, TYPES[format].layer), diffId: sha256(tar), tar };
}

/** Builds an image: gzip'd layers, a config JSON and a manifest. */
export async function buildImage(spec: ImageSpec): Promise<TestImage> {
  const format = spec.format ?? 'oci';
  const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' };
  const layers: TestLayer[] = [];
  for (const l of spec.layers) layers.push(await buildLayer(l, format));
  const created = spec.created ?? '2024-01-01T00:00:00Z';
  const configJson = {
    created,
    architecture: platform.architecture,
    ...(platform.variant !== undefined ? { variant: platform.variant } : {}),
    os: platform.os,
    config: { Env: ['PATH=/bin'], Cmd: ['/bin/sh'], ...spec.runtime },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: layers.map((_, i) => ({ created, created_by: `hubcap test layer ${i}` })),
  };
  const config = blob(Buffer.from(JSON.stringify(configJson)), TYPES[format].config);
  const manifestJson = {
    schemaVersion: 2,
    mediaType: TYPES[format].manifest,
    config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
    layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
  };
  const manifest = blob(Buffer.from(JSON.stringify(manifestJson, null, 2)), TYPES[format].manifest);
  return { format, platform, config, layers, manifest };
}

/** Builds a manifest list (docker) or image index (OCI) over images of the same format. */
export function buildIndex(images: TestImage[], format: 'oci' | 'docker' = 'oci'): TestIndex {
  const json = {
    schemaVersion: 2,
    mediaType: TYPES[format].index,
    manifests: images.map((img) => ({
      mediaType: img.manifest.mediaType,
      digest: img.manifest.digest,
      size: img.manifest.size,
      platform: img.platform,
    })),
  };
  return {
    format,
    manifest: blob(Buffer.from(JSON.stringify(json, null, 2)), TYPES[format].index),
    images,
  };
}

/** Two busybox images (amd64 and arm64/v8) with a per-platform text layer, in an index. */
export async function twoPlatformIndex(format: 'oci' | 'docker' = 'oci'): Promise<TestIndex> {
  const platforms: ImagePlatform[] = [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
  ];
  const images: TestImage[] = [];
  for (const platform of platforms) {
    images.push(
      await buildImage({
        format,
        platform,
        layers: [
          busyboxLayer(),
          {
            files: [{ path: 'etc/platform', content: `${platform.os}/${platform.architecture}\n` }],
          },
        ],
      }),
    );
  }
  return buildIndex(images, format);
}

async function expectStatus(res: Response, want: number[], what: string): Promise<void> {
  if (!want.includes(res.status)) {
    const text = await res.text().catch(() => '');
    throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 500)}`);
  }
}

/** Uploads a blob unless present: monolithic upload (POST, then PUT with `?digest=`). */
export async function pushBlob(
  registryUrl: string,
  repository: string,
  b: TestBlob,
): Promise<void> {
  const head = await fetch(`${registryUrl}/v2/${repository}/blobs/${b.digest}`, { method: 'HEAD' });
  if (head.status === 200) return;
  const start = await fetch(`${registryUrl}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  await expectStatus(start, [202], `POST upload for ${repository}`);
  await start.arrayBuffer();
  const location = start.headers.get('location');
  if (location === null) throw new Error(`POST upload for ${repository}: no Location header`);
  const url = new URL(location, registryUrl);
  url.searchParams.set('digest', b.digest);
  const put = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(b.size) },
    body: b.bytes,
  });
  await expectStatus(put, [201], `PUT blob ${b.digest} to ${repository}`);
  await put.arrayBuffer();
}

/** PUTs a manifest under a tag or its digest; returns the digest the registry reports. */
export async function putManifest(
  registryUrl: string,
  repository: string,
  reference: string,
  manifest: TestBlob,
): Promise<string> {
  const res = await fetch(`${registryUrl}/v2/${repository}/manifests/${reference}`, {
    method: 'PUT',
    headers: { 'content-type': manifest.mediaType },
    body: manifest.bytes,
  });
  await expectStatus(res, [201], `PUT manifest ${repository}:${reference}`);
  await res.arrayBuffer();
  const digest = res.headers.get('docker-content-digest');
  if (digest !== manifest.digest) {
    throw new Error(
      `PUT manifest ${repository}:${reference}: registry says ${digest}, built ${manifest.digest}`,
    );
  }
  return digest;
}

/** Pushes an image's blobs and manifest (tagged, or by digest when `tag` is undefined). */
export async function pushImage(
  registryUrl: string,
  repository: string,
  tag: string | undefined,
  image: TestImage,
): Promise<string> {
  for (const l of image.layers) await pushBlob(registryUrl, repository, l);
  await pushBlob(registryUrl, repository, image.config);
  return putManifest(registryUrl, repository, tag ?? image.manifest.digest, image.manifest);
}

/** Pushes every image of an index by digest, then the index under `tag`. */
export async function pushIndex(
  registryUrl: string,
  repository: string,
  tag: string,
  index: TestIndex,
): Promise<string> {
  for (const img of index.images) await pushImage(registryUrl, repository, undefined, img);
  return putManifest(registryUrl, repository, tag, index.manifest);
}
