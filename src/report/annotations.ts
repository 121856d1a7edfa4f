import { describeUnpinned, type UnpinnedFinding } from '../scan/pinning.js';
import type { Occurrence } from '../scan/types.js';
import type { DigestResults } from './pr-comment/digests.js';

/** What to do about one unpinned reference: the pinned form when its digest is known. */
function advice(occurrence: Occurrence, digests: DigestResults): string {
  const digest = digests.get(occurrence.ref.normalized);
  return typeof digest === 'string'
    ? `pin it as ${occurrence.image}@${digest}.`
    : 'pin it with a digest.';
}

/** GitHub shows at most this many warning annotations per step. */
export const MAX_WARNINGS_PER_STEP = 10;

/** One warning annotation on a file line. */
export interface Annotation {
  title: string;
  message: string;
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
}

/**
 * Warnings for unpinned references within GitHub's per-step limit: every finding when they
 * fit, otherwise the first ones and a last annotation with the count of the rest.
 */
export function unpinnedAnnotations(
  findings: UnpinnedFinding[],
  limit = MAX_WARNINGS_PER_STEP,
  digests: DigestResults = new Map(),
): Annotation[] {
  if (limit <= 0) return [];
  const fits = findings.length <= limit;
  const shown = fits ? findings : findings.slice(0, limit - 1);
  const annotations: Annotation[] = shown.map(({ occurrence, reason }) => ({
    title: 'Unpinned image',
    message: `${occurrence.image}: ${describeUnpinned(reason)}; ${advice(occurrence, digests)}`,
    file: occurrence.file,
    line: occurrence.line,
    column: occurrence.column,
  }));
  if (!fits) {
    const rest = findings.length - shown.length;
    annotations.push({
      title: 'Unpinned images',
      message: `… and ${rest} more unpinned image references (see the job summary).`,
    });
  }
  return annotations;
}
