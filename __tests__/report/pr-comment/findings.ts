import { parseReference } from '../../../src/reference/parse.js';
import { unpinnedReason, type UnpinnedFinding } from '../../../src/scan/pinning.js';
import type { Derivation, Occurrence } from '../../../src/scan/types.js';

/** A made-up sha256 digest from a two-character hex seed: `sha256:1f1f…`. */
export const digest = (seed: string): string => `sha256:${seed.repeat(32)}`;

/**
 * An occurrence as an extractor would report it. `image` differs from `raw` for `fields`
 * (Helm maps, where `raw` is the repository field) and `arg` derivations.
 */
export function occurrence(
  file: string,
  line: number,
  raw: string,
  options: { image?: string; derivation?: Derivation } = {},
): Occurrence {
  const image = options.image ?? raw;
  return {
    file,
    fileKind: file.endsWith('Dockerfile') ? 'dockerfile' : 'compose',
    kind: file.endsWith('Dockerfile') ? 'from' : 'compose',
    line,
    column: 6,
    span: { start: 0, end: raw.length },
    raw,
    image,
    ref: parseReference(image),
    derivation: options.derivation ?? 'literal',
  };
}

/** The unpinned finding of an occurrence (throws when the reference is pinned). */
export function finding(
  file: string,
  line: number,
  raw: string,
  options: { image?: string; derivation?: Derivation } = {},
): UnpinnedFinding {
  const o = occurrence(file, line, raw, options);
  const reason = unpinnedReason(o);
  if (reason === undefined) throw new Error(`test reference ${JSON.stringify(raw)} is pinned`);
  return { occurrence: o, reason };
}
