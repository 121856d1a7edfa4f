import type { QuotaReport } from './types.js';

/**
 * Pulls spent between two probes of the same quota: `before.remaining - after.remaining`.
 * `undefined` (unknown) when either count is unknown, or the window, limit, source or
 * authentication changed, or the count went up (the window rolled over). On a shared IP
 * the number includes other jobs' pulls.
 */
export function pullsUsed(before: QuotaReport, after: QuotaReport): number | undefined {
  if (before.remaining === undefined || after.remaining === undefined) return undefined;
  if (before.windowSeconds !== after.windowSeconds) return undefined;
  if (before.limit !== after.limit) return undefined;
  if (before.authenticated !== after.authenticated) return undefined;
  if (before.source !== undefined && after.source !== undefined && before.source !== after.source) {
    return undefined;
  }
  const used = before.remaining - after.remaining;
  return used >= 0 ? used : undefined;
}

/**
 * True only when the remaining count is known and below `threshold`: an unknown,
 * unlimited or malformed quota never counts as low.
 */
export function isQuotaBelow(report: QuotaReport, threshold: number): boolean {
  return (
    report.status === 'limited' && report.remaining !== undefined && report.remaining < threshold
  );
}
