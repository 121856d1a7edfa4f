import type { ImageRef } from '../reference/types.js';
import { RegistryError } from '../registry/index.js';
import type { DigestResult } from '../report/pr-comment/digests.js';
import { parseMirror, parseRule } from '../rewrite/mirror.js';
import { resolveTarget } from '../rewrite/target.js';
import type { RewriteConfig } from '../config/config.js';
import type { RegistryAccess } from './registry-access.js';

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
): (ref: ImageRef) => Promise<DigestResult> {
  return async (ref) => {
    const tag = ref.tag ?? 'latest';
    let first: RegistryError | Error | undefined;
    for (const [registry, repository] of lookups(ref, rewrite)) {
      try {
        const head = await (await access.client(registry)).headManifest(repository, tag);
        if (head.digest !== undefined) return head.digest;
        first ??= new Error(`${registry}/${repository}:${tag}: no Docker-Content-Digest`);
      } catch (error) {
        first ??= error instanceof Error ? error : new Error(String(error));
      }
    }
    const notFound = first instanceof RegistryError && first.kind === 'not-found';
    return { error: first?.message ?? 'no registry to ask', notFound };
  };
}
