import { familiarName, parseNormalizedNamed } from '../../reference/normalize.js';

/**
 * The `name:tag` Docker can give an image on `docker load`, in familiar form
 * (`docker.io/library/node:20` → `node:20`, no tag → `:latest`). A reference with only a
 * digest gives undefined: `docker load` cannot record digests, only tags. A reference
 * that does not parse throws, quoting it.
 */
export function dockerTag(ref: string): string | undefined {
  const raw = parseNormalizedNamed(ref);
  if (raw.tag !== undefined) return `${familiarName(raw)}:${raw.tag}`;
  if (raw.digest !== undefined) return undefined;
  return `${familiarName(raw)}:latest`;
}

/** Splits a `name:tag` into its name and tag (the tag follows the last `:` after a `/`). */
export function splitTag(nameTag: string): { name: string; tag: string } {
  const slash = nameTag.lastIndexOf('/');
  const colon = nameTag.lastIndexOf(':');
  if (colon <= slash) return { name: nameTag, tag: 'latest' };
  return { name: nameTag.slice(0, colon), tag: nameTag.slice(colon + 1) };
}

/** The distinct Docker tags of some references, in order; digest-only ones are left out. */
export function dockerTags(refs: (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const ref of refs) {
    if (ref === undefined) continue;
    const tag = dockerTag(ref);
    if (tag !== undefined && !out.includes(tag)) out.push(tag);
  }
  return out;
}
