import type { CacheWarning, StoredImage } from '../types.js';
import type { CacheStore } from '../store/store.js';
import { BlobDigestError } from '../store/blob-store.js';
import { UncompressedSizeError, writeArchive, type ArchiveImage } from './archive.js';
import { dockerLoadStream, runDocker, type DockerCli } from './docker-cli.js';
import { engineImageTags, engineLoadStream, localEngineSocket } from './engine-api.js';
import type { ArchiveOutput } from './archive-sink.js';
import { dockerTags } from './names.js';

/** What happened to one image. */
export type LoadStatus =
  /** The daemon already had the image (same image ID) with every tag. */
  | 'present'
  /** The daemon had the image ID; missing tags were added with `docker tag`. */
  | 'tagged'
  /** Streamed into `docker load`. */
  | 'loaded'
  /** Not loaded: see `error`. */
  | 'failed';

/** Per-image result of {@link loadImages}. */
export interface LoadOutcome {
  ref: string;
  platform: string;
  /** Image ID (config digest). */
  imageId: string | undefined;
  status: LoadStatus;
  /** `name:tag`s the image has in the daemon afterwards (familiar form). */
  tags: string[];
  /** Bytes of stored blobs sent to the daemon for this image (shared with earlier ones: 0). */
  bytes: number;
  error?: string | undefined;
}

/** Result of {@link loadImages}. */
export interface LoadResult {
  outcomes: LoadOutcome[];
  warnings: CacheWarning[];
  /** Digests found corrupt while streaming; deleted from the store, to be pulled again. */
  corrupt: string[];
}

/** Options of {@link loadImages}. */
export interface LoadOptions {
  docker?: DockerCli | undefined;
  /** Time of use recorded on loaded images; now by default. */
  now?: Date | undefined;
  /**
   * How stored blobs are checked. `docker` (default): manifest and config are hashed while
   * streaming; gzip layers go in decompressed and Docker checks them against the config's
   * diff IDs; when the load fails, every blob is hashed to find and delete corrupt ones.
   * `stream`: every blob is hashed while streaming, as stored; a corrupt one stops the tar
   * inside its entry.
   */
  verify?: 'docker' | 'stream' | undefined;
  /**
   * How the archive reaches the daemon. `auto` (default): straight to the Engine API when the
   * CLI would talk to a local Unix socket (see `localEngineSocket`), else `cli`. `cli`:
   * `docker load` run through @actions/exec, reading a named pipe.
   */
  via?: 'auto' | 'cli' | undefined;
}

/**
 * Loads stored images into the Docker daemon under their original and mirrored names.
 * Images whose ID (config digest) the daemon already has are only tagged (or skipped when
 * every tag is there); the rest go into one `docker load`, streamed from the store as a
 * tar that is both a docker-archive and an OCI layout (to the Engine API of a local socket,
 * else through the CLI: see {@link LoadOptions.via}). A reference with only a digest
 * cannot be tagged by `docker load`: that gives a warning. Never throws for Docker or
 * store problems: they come back as failed outcomes and warnings.
 */
export async function loadImages(
  store: CacheStore,
  images: StoredImage[],
  options: LoadOptions = {},
): Promise<LoadResult> {
  const cli = options.docker ?? {};
  const warnings: CacheWarning[] = [];
  const outcomes: LoadOutcome[] = [];
  const toLoad: { outcome: LoadOutcome; archive: ArchiveImage }[] = [];
  const contents = [];
  for (const image of images) {
    const outcome: LoadOutcome = {
      ref: image.ref,
      platform: image.platform,
      imageId: undefined,
      status: 'failed',
      tags: [],
      bytes: 0,
    };
    outcomes.push(outcome);
    const content = await store.content(image);
    if (content === undefined) {
      outcome.error = `${image.ref}: manifest ${image.manifest} is not in the store`;
      continue;
    }
    outcome.imageId = content.manifest.config.digest;
    let tags: string[];
    try {
      tags = dockerTags([image.ref, image.source]);
    } catch (err) {
      outcome.error = (err as Error).message;
      continue;
    }
    if (tags.length === 0) {
      warnings.push({
        message:
          `${image.ref}: docker load cannot record a digest-only reference; the image is ` +
          `loaded untagged and a pull by digest still goes to the registry`,
      });
    }
    contents.push({ outcome, content, tags });
  }

  const socket = options.via === 'cli' ? undefined : localEngineSocket(cli);
  const ids = [...new Set(contents.map((c) => c.content.manifest.config.digest))];
  const present =
    socket !== undefined ? await engineImageTags(socket, ids) : await daemonTags(cli, ids);
  for (const c of contents) {
    const have = present.get(c.content.manifest.config.digest);
    if (have === undefined) {
      c.outcome.tags = c.tags;
      toLoad.push({ outcome: c.outcome, archive: { content: c.content, tags: c.tags } });
      continue;
    }
    const missing = c.tags.filter((t) => !have.includes(t));
    const failedTags: string[] = [];
    for (const tag of missing) {
      const r = await runDocker(cli, ['tag', c.content.manifest.config.digest, tag]);
      if (r.exitCode !== 0) failedTags.push(`${tag}: ${r.stderr.trim()}`);
    }
    c.outcome.tags = [...have.filter((t) => t !== '<none>:<none>'), ...missing];
    if (failedTags.length > 0) {
      c.outcome.error = `docker tag failed: ${failedTags.join('; ')}`;
    } else {
      c.outcome.status = missing.length === 0 ? 'present' : 'tagged';
    }
  }

  const result: LoadResult = { outcomes, warnings, corrupt: [] };
  if (toLoad.length > 0) {
    await streamLoad(store, { cli, socket }, toLoad, result, options.verify ?? 'docker');
  }
  const used = outcomes.filter((o) => o.status !== 'failed');
  await store.touch(used, options.now ?? new Date());
  return result;
}

/** Where `docker load` goes: the daemon's socket when known, else the CLI. */
interface LoadTarget {
  cli: DockerCli;
  socket: string | undefined;
}

async function streamLoad(
  store: CacheStore,
  target: LoadTarget,
  toLoad: { outcome: LoadOutcome; archive: ArchiveImage }[],
  result: LoadResult,
  verify: 'docker' | 'stream',
): Promise<void> {
  const seen = new Set<string>();
  for (const { outcome, archive } of toLoad) {
    const c = archive.content;
    for (const d of [c.manifestDescriptor, c.manifest.config, ...c.manifest.layers]) {
      if (seen.has(d.digest)) continue;
      seen.add(d.digest);
      outcome.bytes += d.size;
    }
  }
  const archives = toLoad.map((t) => t.archive);
  const load = (layers: 'stored' | 'uncompressed') => {
    const write = (out: ArchiveOutput) =>
      writeArchive(store, archives, out, {
        verify: verify === 'stream' ? 'all' : 'metadata',
        layers,
      });
    return target.socket !== undefined
      ? engineLoadStream(target.socket, write)
      : dockerLoadStream(target.cli, write);
  };
  // Decompressed layers spare the daemon the gunzip (on another core); a layer whose gzip
  // trailer lied about its size (over 4 GiB, several members) sends it all again as stored.
  let run = await load(verify === 'docker' ? 'uncompressed' : 'stored');
  if (run.writeError instanceof UncompressedSizeError) run = await load('stored');
  let failure: string | undefined;
  if (run.writeError instanceof BlobDigestError) {
    result.corrupt.push(run.writeError.digest);
    failure = `corrupt blob in the store (deleted; pull again): ${run.writeError.message}`;
  } else if (run.exitCode !== 0) {
    failure = `docker load failed (exit ${run.exitCode}): ${lastLine(run.stderr || run.stdout)}`;
  } else if (run.writeError !== undefined) {
    failure = `streaming the archive failed: ${(run.writeError as Error).message}`;
  }
  if (failure !== undefined && verify === 'docker') {
    const corrupt = await findCorrupt(
      store,
      toLoad.map((t) => t.archive),
    );
    if (corrupt.length > 0) {
      result.corrupt.push(...corrupt);
      const blobs = corrupt.join(', ');
      failure = `corrupt blob in the store (deleted; pull again): ${blobs}; ${failure}`;
    }
  }
  for (const { outcome } of toLoad) {
    if (failure === undefined) {
      outcome.status = 'loaded';
    } else {
      outcome.error = failure;
      outcome.bytes = 0;
    }
  }
}

/** Hashes every stored blob of the images; corrupt ones are deleted and returned. */
async function findCorrupt(store: CacheStore, images: ArchiveImage[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const { content: c } of images) {
    for (const d of [c.manifestDescriptor, c.manifest.config, ...c.manifest.layers]) {
      if (seen.has(d.digest)) continue;
      seen.add(d.digest);
      if ((await store.blobs.size(d.digest)) === undefined) continue; // gone already
      if (!(await store.blobs.verify(d.digest))) out.push(d.digest);
    }
  }
  return out;
}

/** Tags the daemon has for each image ID it holds; IDs it lacks are absent. */
async function daemonTags(cli: DockerCli, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const r = await runDocker(cli, [
    'image',
    'inspect',
    '--format',
    '{{.Id}} {{json .RepoTags}}',
    ...ids,
  ]).catch(() => undefined);
  if (r === undefined) return out;
  for (const line of r.stdout.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const id = line.slice(0, space);
    try {
      const tags = JSON.parse(line.slice(space + 1)) as unknown;
      out.set(id, Array.isArray(tags) ? tags.filter((t) => typeof t === 'string') : []);
    } catch {
      out.set(id, []);
    }
  }
  return out;
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}
