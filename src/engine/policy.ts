import type { FailOn } from '../config/config.js';
import type { UnpinnedFinding } from '../scan/pinning.js';

/** The findings that break the `fail-on` policy (empty when it holds). */
export function policyViolations(failOn: FailOn, unpinned: UnpinnedFinding[]): UnpinnedFinding[] {
  switch (failOn) {
    case 'none':
      return [];
    case 'unpinned':
      return unpinned;
    case 'latest':
      return unpinned.filter((f) => f.reason === 'latest' || f.reason === 'no-tag');
  }
}

/** One line saying why the policy failed. */
export function policyMessage(failOn: FailOn, violations: UnpinnedFinding[]): string {
  const what = failOn === 'latest' ? 'use `latest` or no tag' : 'are not pinned to a digest';
  const list = violations.map(
    (v) => `${v.occurrence.file}:${v.occurrence.line} ${v.occurrence.image}`,
  );
  return `fail-on ${failOn}: ${violations.length} image references ${what}: ${list.join(', ')}`;
}
