import type { Hash } from 'node:crypto';
import { parseReference } from '../reference/parse.js';
import type { ImageRef } from '../reference/types.js';
import type { RegistryClient } from '../registry/client.js';
import { RegistryError } from '../registry/errors.js';
import { defaultPlatform, platformString, selectManifest } from '../registry/platform.js';
import type { Platform } from '../registry/types.js';
import type { CacheWarning, Descriptor } from './types.js';
import { Limiter } from '../util/limiter.js';
import { parseManifest, type ImageManifest } from './manifest.js';
import { BlobDigestError, type BlobFetcher } from './store/blob-store.js';
import type { CacheStore } from './store/store.js';

/** One image to pull into the store. */
export interface PullImage {
  /** Normalized reference the files name (the original, e.g. `docker.io/library/node:20`). */
  ref: string;
  /**
   * References to fetch it from, in order: the mirror first, then the original. Default
   * `[ref]`. The first one that is not `ref` is also the name the image gets on load.
   */
  sources?: string[] | undefined;
  /** Digest already resolved (see {@link resolveImages}): no HEAD is sent for it. */
  digest?: string | undefined;
  /** The source reference that resolved `digest`. */
  resolvedBy?: string | undefined;
}

/** Options of {@link pullImages}. */
export interface PullOptions {
  /** A client for a registry host as references name it (`docker.io`, `127.0.0.1:5000`). */
  client: (registry: string) => RegistryClient;
  /** Platform to pull (default: this runner's). */
  platform?: Platform | undefined;
  /** Registry requests and blob downloads at once (default 4). */
  concurrency?: number | undefined;
  /** Download attempts per blob and source, each resuming the last (default 3). */
  attempts?: number | undefined;
  /** `full`: hash every stored blob of the image before trusting it; `size` (default): sizes. */
  verify?: 'size' | 'full' | undefined;
  /** Time recorded as the images' last use (default now). */
  now?: Date | undefined;
}

/** `hit`: nothing fetched; `partial`: some fetched, some stored; `miss`: all fetched. */
export type PullStatus = 'hit' | 'partial' | 'miss' | 'failed';

/** Bytes fetched from one source reference. */
export interface SourceBytes {
  source: string;
  bytes: number;
}

/** Per-image result of {@link pullImages}. */
export interface ImagePullResult {
  ref: string;
  platform: string;
  status: PullStatus;
  /** What the reference resolved to (index or manifest digest). */
  digest?: string | undefined;
  /** The platform manifest's digest. */
  manifest?: string | undefined;
  /** Who gave the digest: a source reference (HEAD), `reference` (pinned) or `store`. */
  resolvedBy?: string | undefined;
  /** Bytes of the image the store already held. */
  bytesRestored: number;
  /** Bytes fetched (manifests and blobs) in this run. */
  bytesPulled: number;
  /** Where the fetched bytes came from. */
  pulledFrom: SourceBytes[];
  /** Manifest GETs sent (a GET is a pull on Docker Hub; HEADs are not). */
  manifestGets: number;
  /** Blob downloads that picked up an earlier partial file with `Range`. */
  resumed: number;
  warnings: CacheWarning[];
  error?: string | undefined;
}

/** Result of {@link pullImages}. */
export interface PullResult {
  images: ImagePullResult[];
  /** Blobs added to the store in this run. */
  newBlobs: number;
}

interface Source {
  text: string;
  ref: ImageRef;
}

interface Context {
  store: CacheStore;
  options: PullOptions;
  platform: Platform;
  platformText: string;
  limiter: Limiter;
  attempts: number;
  counter: { newBlobs: number };
  /** Per resolved digest, the pull in progress: images of one digest take turns. */
  turns: Map<string, Promise<unknown>>;
}

/**
 * Pulls images into the store. For each image: resolves the tag to a digest with a HEAD
 * (sources in order, mirror first; a pinned reference needs none); when the store holds
 * that digest's manifest, no manifest GET is sent; otherwise the manifest for the platform
 * is fetched, then only the blobs the store lacks, with bounded parallelism, streamed to
 * disk and resumed with `Range` after a failure. When no source resolves the tag, the last
 * digest the store knows is used, with a warning. Never throws for one image's trouble:
 * it comes back as a `failed` result.
 */
export async function pullImages(
  store: CacheStore,
  images: PullImage[],
  options: PullOptions,
): Promise<PullResult> {
  const platform = options.platform ?? defaultPlatform();
  const ctx: Context = {
    store,
    options,
    platform,
    platformText: platformString(platform),
    limiter: new Limiter(options.concurrency ?? 4),
    attempts: options.attempts ?? 3,
    counter: { newBlobs: 0 },
    turns: new Map(),
  };
  const results = await Promise.all(images.map((image) => pullOne(ctx, image)));
  return { images: results, newBlobs: ctx.counter.newBlobs };
}

async function pullOne(ctx: Context, image: PullImage): Promise<ImagePullResult> {
  const result: ImagePullResult = {
    ref: image.ref,
    platform: ctx.platformText,
    status: 'failed',
    bytesRestored: 0,
    bytesPulled: 0,
    pulledFrom: [],
    manifestGets: 0,
    resumed: 0,
    warnings: [],
  };
  try {
    const sources = (image.sources ?? [image.ref]).map(parseSource);
    if (sources.length === 0) throw new Error(`${image.ref}: no source to pull from`);
    const resolved =
      image.digest !== undefined
        ? {
            digest: image.digest,
            by: image.resolvedBy ?? 'given',
            source: sources.find((x) => x.text === image.resolvedBy),
          }
        : await resolveDigest(ctx, image.ref, sources, result);
    result.digest = resolved.digest;
    result.resolvedBy = resolved.by;
    const ordered = resolved.source
      ? [resolved.source, ...sources.filter((s) => s !== resolved.source)]
      : sources;
    // two names of one image (`node:20` and a mirror's name) are pulled once: the second
    // waits for the first and then finds everything in the store
    const before = ctx.turns.get(resolved.digest);
    const turn = (before ?? Promise.resolve()).then(() =>
      pullDigest(ctx, image, resolved.digest, ordered, result),
    );
    ctx.turns.set(
      resolved.digest,
      turn.catch(() => undefined),
    );
    await turn;
  } catch (err) {
    result.status = 'failed';
    result.error = (err as Error).message;
  }
  return result;
}

/** Stores the manifest and blobs of the image's resolved digest, and records the image. */
async function pullDigest(
  ctx: Context,
  image: PullImage,
  digest: string,
  ordered: Source[],
  result: ImagePullResult,
): Promise<void> {
  const found =
    (await manifestFromStore(ctx, digest, result)) ??
    (await manifestFromRegistry(ctx, digest, ordered, result));
  result.manifest = found.digest;
  const blobs = [found.manifest.config, ...found.manifest.layers];
  await Promise.all(blobs.map((d) => ensureBlob(ctx, d, ordered, result)));
  const mirror = (image.sources ?? []).find((s) => s !== image.ref);
  await ctx.store.record({
    ref: image.ref,
    platform: ctx.platformText,
    digest,
    manifest: found.digest,
    ...(mirror !== undefined ? { source: parseSource(mirror).ref.normalized } : {}),
    lastUsed: (ctx.options.now ?? new Date()).toISOString(),
  });
  result.status =
    result.bytesPulled === 0 && result.manifestGets === 0
      ? 'hit'
      : result.bytesRestored > 0
        ? 'partial'
        : 'miss';
}

function parseSource(text: string): Source {
  return { text, ref: parseReference(text) };
}

/** Result of {@link resolveImages}. */
export interface ResolvedDigests {
  /** The images, with `digest` and `resolvedBy` set where a source answered. */
  images: PullImage[];
  /** The digests found, in image order (for the cache key). */
  digests: string[];
  /** Images no source resolved; {@link pullImages} tries them again, then the store. */
  problems: { ref: string; message: string }[];
}

/**
 * Resolves tags to digests before the store is restored (the action's cache key is made of
 * them): a pinned reference needs no request; otherwise one HEAD per source, in order,
 * until one answers with `Docker-Content-Digest`. Handing the result to {@link pullImages}
 * sends no second HEAD. Never throws.
 */
export async function resolveImages(
  images: PullImage[],
  options: Pick<PullOptions, 'client' | 'concurrency'>,
): Promise<ResolvedDigests> {
  const limiter = new Limiter(options.concurrency ?? 4);
  const out: ResolvedDigests = { images: [], digests: [], problems: [] };
  const results = await Promise.all(
    images.map(async (image) => {
      try {
        const sources = (image.sources ?? [image.ref]).map(parseSource);
        const pinned = sources.find((x) => x.ref.digest !== undefined)?.ref.digest;
        if (pinned !== undefined) return { image: { ...image, digest: pinned } };
        const problems: string[] = [];
        for (const source of sources) {
          try {
            const head = await limiter.run(() =>
              options
                .client(source.ref.registry)
                .headManifest(source.ref.repository, source.ref.tag ?? 'latest'),
            );
            if (head.digest !== undefined) {
              return { image: { ...image, digest: head.digest, resolvedBy: source.text } };
            }
            problems.push(`${source.text}: no Docker-Content-Digest header`);
          } catch (err) {
            problems.push((err as Error).message);
          }
        }
        return {
          image,
          problem: `${image.ref}: could not resolve the tag: ${problems.join('; ')}`,
        };
      } catch (err) {
        return { image, problem: (err as Error).message };
      }
    }),
  );
  for (const r of results) {
    out.images.push(r.image);
    if (r.image.digest !== undefined) out.digests.push(r.image.digest);
    if (r.problem !== undefined) out.problems.push({ ref: r.image.ref, message: r.problem });
  }
  return out;
}

/** Digest of the image: pinned, else HEAD of each source in turn, else the store's last. */
async function resolveDigest(
  ctx: Context,
  ref: string,
  sources: Source[],
  result: ImagePullResult,
): Promise<{ digest: string; by: string; source?: Source | undefined }> {
  const pinned = sources.find((s) => s.ref.digest !== undefined);
  if (pinned?.ref.digest !== undefined) return { digest: pinned.ref.digest, by: 'reference' };
  const problems: string[] = [];
  for (const source of sources) {
    const tag = source.ref.tag ?? 'latest';
    try {
      const head = await ctx.limiter.run(() =>
        ctx.options.client(source.ref.registry).headManifest(source.ref.repository, tag),
      );
      if (head.digest !== undefined) return { digest: head.digest, by: source.text, source };
      // An old registry without Docker-Content-Digest: the GET computes it.
      const got = await ctx.limiter.run(() =>
        ctx.options.client(source.ref.registry).getManifest(source.ref.repository, tag),
      );
      result.manifestGets++;
      await keepManifest(ctx, got.digest, got.bytes, source, result);
      return { digest: got.digest, by: source.text, source };
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  const known = ctx.store.find(ref, ctx.platformText);
  if (known !== undefined) {
    result.warnings.push({
      message:
        `${ref}: could not resolve the tag (${problems.join('; ')}); ` +
        `using the last digest the cache knows, ${known.digest}`,
    });
    return { digest: known.digest, by: 'store' };
  }
  throw new Error(`${ref}: could not resolve the tag: ${problems.join('; ')}`);
}

interface FoundManifest {
  digest: string;
  manifest: ImageManifest;
}

/** The platform manifest under `digest`, read from the store only; undefined if absent. */
async function manifestFromStore(
  ctx: Context,
  digest: string,
  result: ImagePullResult,
): Promise<FoundManifest | undefined> {
  const top = await readStoredManifest(ctx, digest);
  if (top === undefined) return undefined;
  if ('manifest' in top.parsed) {
    result.bytesRestored += top.size;
    return { digest, manifest: top.parsed.manifest };
  }
  const manifests = top.parsed.index.manifests;
  const chosen = selectManifest({ schemaVersion: 2, manifests }, ctx.platform);
  if (chosen === undefined) return undefined;
  const child = await readStoredManifest(ctx, chosen.digest);
  if (child === undefined || !('manifest' in child.parsed)) return undefined;
  result.bytesRestored += top.size + child.size;
  return { digest: chosen.digest, manifest: child.parsed.manifest };
}

async function readStoredManifest(
  ctx: Context,
  digest: string,
): Promise<{ parsed: ReturnType<typeof parseManifest>; size: number } | undefined> {
  if (!(await ctx.store.blobs.has(digest))) return undefined;
  try {
    const bytes = await ctx.store.blobs.read(digest);
    return { parsed: parseManifest(bytes, ctx.store.blobs.blobPath(digest)), size: bytes.length };
  } catch (err) {
    if (err instanceof BlobDigestError) return undefined; // deleted: fetched again
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    await ctx.store.blobs.remove(digest);
    return undefined;
  }
}

/** GETs the manifest (and the platform's manifest under an index) by digest and stores both. */
async function manifestFromRegistry(
  ctx: Context,
  digest: string,
  sources: Source[],
  result: ImagePullResult,
): Promise<FoundManifest> {
  const problems: string[] = [];
  for (const source of sources) {
    const client = ctx.options.client(source.ref.registry);
    const repo = source.ref.repository;
    try {
      const top = await ctx.limiter.run(() => client.getManifest(repo, digest));
      result.manifestGets++;
      await keepManifest(ctx, top.digest, top.bytes, source, result);
      if (top.kind === 'image') return { digest: top.digest, manifest: toImageManifest(top) };
      const chosen = selectManifest(top.manifest, ctx.platform);
      if (chosen === undefined) {
        const have = top.manifest.manifests
          .map((d) => (d.platform ? platformString(d.platform) : 'unknown'))
          .join(', ');
        throw new Error(
          `${source.text}: no manifest for platform ${ctx.platformText} (index has: ${have})`,
        );
      }
      const stored = await readStoredManifest(ctx, chosen.digest);
      if (stored !== undefined && 'manifest' in stored.parsed) {
        result.bytesRestored += stored.size;
        return { digest: chosen.digest, manifest: stored.parsed.manifest };
      }
      const child = await ctx.limiter.run(() => client.getManifest(repo, chosen.digest));
      result.manifestGets++;
      if (child.kind !== 'image') {
        throw new Error(`${source.text}: index entry ${chosen.digest} is not an image manifest`);
      }
      await keepManifest(ctx, child.digest, child.bytes, source, result);
      return { digest: child.digest, manifest: toImageManifest(child) };
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  throw new Error(problems.join('; '));
}

function toImageManifest(m: { mediaType: string; bytes: Buffer; digest: string }): ImageManifest {
  const parsed = parseManifest(m.bytes, m.digest, m.mediaType);
  if (!('manifest' in parsed)) throw new Error(`${m.digest}: expected an image manifest`);
  return parsed.manifest;
}

async function keepManifest(
  ctx: Context,
  digest: string,
  bytes: Buffer,
  source: Source,
  result: ImagePullResult,
): Promise<void> {
  if (await ctx.store.blobs.put(digest, bytes)) ctx.counter.newBlobs++;
  addPulled(result, source.text, bytes.length);
}

function addPulled(result: ImagePullResult, source: string, bytes: number): void {
  result.bytesPulled += bytes;
  const entry = result.pulledFrom.find((p) => p.source === source);
  if (entry !== undefined) entry.bytes += bytes;
  else result.pulledFrom.push({ source, bytes });
}

const GIVE_UP_ON_SOURCE = new Set(['not-found', 'auth', 'pull-limit', 'abuse-limit']);

/** Makes sure one blob is stored: trusted (size or hash), else fetched from the sources. */
async function ensureBlob(
  ctx: Context,
  d: Descriptor,
  sources: Source[],
  result: ImagePullResult,
): Promise<void> {
  const blobs = ctx.store.blobs;
  if (ctx.options.verify === 'full' && (await blobs.size(d.digest)) !== undefined) {
    if (!(await blobs.verify(d.digest))) {
      result.warnings.push({
        message: `${result.ref}: stored blob ${d.digest} was corrupt; deleted and pulled again`,
      });
    }
  }
  if (await blobs.has(d.digest, d.size)) {
    result.bytesRestored += d.size;
    return;
  }
  const problems: string[] = [];
  for (const source of sources) {
    const client = ctx.options.client(source.ref.registry);
    const fetcher: BlobFetcher = async (offset: number, partialHash: Hash) => {
      const dl = await client.getBlob(source.ref.repository, d.digest, {
        expectedSize: d.size,
        resume: offset > 0 ? { offset, hash: partialHash } : undefined,
      });
      return { body: dl.stream, offset: dl.start, verified: true };
    };
    for (let attempt = 1; attempt <= ctx.attempts; attempt++) {
      try {
        const r = await ctx.limiter.run(() => blobs.ensure(d.digest, d.size, fetcher));
        if (r.existed) {
          result.bytesRestored += d.size;
        } else {
          ctx.counter.newBlobs++;
          addPulled(result, source.text, r.fetched);
          if (r.resumedFrom > 0) result.resumed++;
        }
        return;
      } catch (err) {
        problems.push(`${source.text} attempt ${attempt}: ${(err as Error).message}`);
        if (err instanceof RegistryError && GIVE_UP_ON_SOURCE.has(err.kind)) break;
      }
    }
  }
  throw new Error(`${result.ref}: blob ${d.digest} could not be pulled: ${problems.join('; ')}`);
}
