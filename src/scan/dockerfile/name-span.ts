import type { LineIndex } from '../text.js';
import type { Span } from '../types.js';
import type { Origin } from './shell-lex.js';

/**
 * Length of the name part of a reference (registry and repository, without `:tag` or
 * `@digest`). A `:` before the last `/` is a registry port, not a tag.
 */
export function imageNameLength(image: string): number {
  const at = image.indexOf('@');
  const beforeDigest = at < 0 ? image : image.slice(0, at);
  const colon = beforeDigest.lastIndexOf(':');
  const slash = beforeDigest.lastIndexOf('/');
  return colon > slash ? colon : beforeDigest.length;
}

/** Where the name text stands, or why it cannot be edited in one place. */
export interface NameSite {
  nameSpan?: Span | undefined;
  nameProblem?: string | undefined;
}

/**
 * Finds the span spelling the image name from the origin of each unit of `image`: the
 * name is editable in place only when every unit comes from the file and the units are
 * one contiguous run of text (no quotes, escapes, continuations or several ARGs between).
 */
export function nameSite(
  text: string,
  image: string,
  origins: readonly Origin[],
  lines: LineIndex,
): NameSite {
  const length = imageNameLength(image);
  const name = image.slice(0, length);
  const used = origins.slice(0, length);
  if (length === 0) return { nameProblem: `the reference ${JSON.stringify(image)} has no name` };
  if (used.some((o) => o === null) || used.length !== length) {
    return {
      nameProblem:
        `the image name ${JSON.stringify(name)} is computed (build argument or ` +
        '${…} substitution), not written in this file',
    };
  }
  const offsets = used as number[];
  const first = offsets[0] ?? 0;
  const contiguous = offsets.every((o, i) => o === first + i);
  if (contiguous && text.slice(first, first + length) === name) {
    return { nameSpan: { start: first, end: first + length } };
  }
  const where = [...new Set(offsets.map((o) => lines.line(o)))].sort((a, b) => a - b);
  return {
    nameProblem:
      `the image name ${JSON.stringify(name)} is assembled from several pieces of text ` +
      `(line${where.length > 1 ? 's' : ''} ${where.join(', ')}); edit it by hand`,
  };
}
