import type { Occurrence } from './types.js';

/** Why a reference floats: it names `latest`, names no tag at all, or has a tag only. */
export type UnpinnedReason = 'latest' | 'no-tag' | 'tag';

/** An occurrence without a digest, and why it floats. */
export interface UnpinnedFinding {
  occurrence: Occurrence;
  reason: UnpinnedReason;
}

/** The reason an occurrence is unpinned, or undefined when it has a digest. */
export function unpinnedReason(occurrence: Occurrence): UnpinnedReason | undefined {
  const { ref } = occurrence;
  if (ref.pinned) return undefined;
  if (ref.tag === undefined) return 'no-tag';
  if (ref.tag === 'latest') return 'latest';
  return 'tag';
}

/** Every unpinned occurrence that something pulls, in scan order. */
export function findUnpinned(occurrences: Occurrence[]): UnpinnedFinding[] {
  const findings: UnpinnedFinding[] = [];
  for (const occurrence of occurrences) {
    if (occurrence.builtLocally) continue;
    const reason = unpinnedReason(occurrence);
    if (reason !== undefined) findings.push({ occurrence, reason });
  }
  return findings;
}

/** Human words for a reason, used in summaries, tables and annotations. */
export function describeUnpinned(reason: UnpinnedReason): string {
  switch (reason) {
    case 'latest':
      return 'uses the floating `latest` tag';
    case 'no-tag':
      return 'has no tag, so Docker pulls `latest`';
    case 'tag':
      return 'tag without digest';
  }
}
