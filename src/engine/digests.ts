import type { ImageRef } from '../reference/types.js';
import type { UnpinnedFinding } from '../scan/pinning.js';
import { mapLimited } from '../util/concurrency.js';
import { RegistryError } from '../registry/index.js';
import type { DigestResult } from '../report/pr-comment/digests.js';
import { parseMirror, parseRule } from '../rewrite/mirror.js';
import { resolveTarget } from '../rewrite/target.js';
import type { RewriteConfig } from '../config/config.js';
import type { RegistryAccess } from './registry-access.js';

/** Resolves a tag to its digest (a registry HEAD); a throw becomes the row's error. */
export type DigestResolver = (ref: ImageRef) => Promise<DigestResult>;

/** Where a tag is looked up: the mirror's copy first, then the registry as written. */
function lookups(ref: ImageRef, rewrite: RewriteConfig | undefined): Array<[string, string]> {
  const own: [string, string] = [ref.registry, ref.repository];
  if (!rewrite) return [own];
  const target = resolveTarget(ref, rewrite.mirrors.map(parseMirror), rewrite.rules.map(parseRule));
  return 'name' in target ? [[target.name.registry, target.name.repository], own] : [own];
}

/**
 * A resolver of tags to digests by manifest HEAD, which costs no Docker Hub pull: the
 * mirror is asked first, then the image's own registry. The digest is the one the
 * registry serves for the tag (the multi-platform index when there is one), so a pin
 * keeps every platform. A missing tag is reported as not found, never guessed.
 */
export function digestResolver(
  access: RegistryAccess,
  rewrite: RewriteConfig | undefined,
): DigestResolver {
  return async (ref) => {
    const tag = ref.tag ?? 'latest';
    const failures: Error[] = [];
    for (const [registry, repository] of lookups(ref, rewrite)) {
      try {
        const head = await (await access.client(registry)).headManifest(repository, tag);
        if (head.digest !== undefined) return head.digest;
        failures.push(new Error(`${registry}/${repository}:${tag}: no Docker-Content-Digest`));
      } catch (error) {
        failures.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    // Not found means the tag is missing where it was asked for last: the image's own registry.
    const last = failures[failures.length - 1];
    const notFound = last instanceof RegistryError && last.kind === 'not-found';
    return {
      error: failures.map((f) => f.message).join('; then ') || 'no registry to ask',
      notFound,
    };
  };
}

/** Parallel registry lookups at most. */
const RESOLVE_CONCURRENCY = 4;

/** Resolves each distinct reference once, a few at a time; failures become errors. */
export async function resolveDigests(
  findings: UnpinnedFinding[],
  resolve: DigestResolver,
  concurrency = RESOLVE_CONCURRENCY,
): Promise<Map<string, DigestResult>> {
  const refs = new Map<string, ImageRef>();
  for (const { occurrence } of findings) refs.set(occurrence.ref.normalized, occurrence.ref);
  const results = await mapLimited([...refs.values()], concurrency, async (ref) => {
    try {
      return await resolve(ref);
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  });
  return new Map([...refs.keys()].map((key, i) => [key, results[i] as DigestResult]));
}
