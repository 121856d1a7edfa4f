import { familiarName } from '../reference/normalize.js';
import type { ImageRef } from '../reference/types.js';

/** Matches image references against `*` patterns; gives the first pattern that matches. */
export type ExcludeMatcher = (ref: ImageRef) => string | undefined;

/**
 * Compiles image-name patterns in which `*` stands for any run of characters (`/` and
 * `:` included) and every other character for itself. A pattern matches when it matches
 * the whole familiar or normalized name, either bare or with the tag and digest as
 * written: `node`, `node:20`, `docker.io/library/node:20`, `acme/*`, `*:latest`.
 */
export function compileExclude(patterns: string[]): ExcludeMatcher {
  const compiled = patterns.map((pattern) => ({ pattern, regex: patternRegex(pattern) }));
  return (ref) => {
    if (compiled.length === 0) return undefined;
    const names = nameForms(ref);
    return compiled.find(({ regex }) => names.some((n) => regex.test(n)))?.pattern;
  };
}

function patternRegex(pattern: string): RegExp {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's');
}

/** The familiar and normalized names, bare and with tag, digest and both. */
function nameForms(ref: ImageRef): string[] {
  const normal = `${ref.registry}/${ref.repository}`;
  const familiar = familiarName({ domain: ref.registry, path: ref.repository });
  const suffixes = [''];
  if (ref.tag !== undefined) suffixes.push(`:${ref.tag}`);
  if (ref.digest !== undefined) suffixes.push(`@${ref.digest}`);
  if (ref.tag !== undefined && ref.digest !== undefined) {
    suffixes.push(`:${ref.tag}@${ref.digest}`);
  }
  return [normal, familiar].flatMap((name) => suffixes.map((s) => name + s));
}
