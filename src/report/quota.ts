import type { QuotaReport } from '../quota/index.js';
import { code } from './markdown.js';

const SHARED_IP_NOTE =
  'Anonymous quota is counted per IP address (or IPv6 /64): on a shared runner IP it also ' +
  "counts other jobs' pulls.";

/** A window in seconds as words: `6 h`, `1 h 30 min`, `45 s`. */
export function formatWindow(seconds: number | undefined): string {
  if (seconds === undefined) return 'unknown';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [h ? `${h} h` : '', m ? `${m} min` : '', s || (!h && !m) ? `${s} s` : ''];
  return parts.filter(Boolean).join(' ');
}

/** One line for logs and the CLI: what the probe saw. */
export function quotaLine(report: QuotaReport): string {
  const who = report.authenticated ? 'authenticated' : 'anonymous';
  switch (report.status) {
    case 'limited':
      return (
        `Docker Hub quota (${who}): ${report.remaining ?? '?'} of ${report.limit ?? '?'} pulls ` +
        `left in a ${formatWindow(report.windowSeconds)} window` +
        (report.source ? `, counted against ${report.source}` : '')
      );
    case 'unlimited':
      return `Docker Hub quota (${who}): no rate-limit headers, so no pull limit applies.`;
    case 'malformed':
      return (
        `Docker Hub quota (${who}): the rate-limit headers were present but malformed ` +
        `(${report.error ?? 'unreadable'}); quota unknown.`
      );
    case 'unreachable':
      return `Docker Hub quota: Docker Hub could not be reached (${report.error ?? 'unknown'}).`;
  }
}

const value = (n: number | undefined): string => (n === undefined ? 'unknown' : String(n));

/** The job-summary section: before (main) and, when known, after (post) with pulls used. */
export function quotaSummary(
  before: QuotaReport,
  after?: QuotaReport,
  used?: number | undefined,
): string {
  const parts = ['### Docker Hub pull quota'];
  if (before.status === 'unreachable' && (after === undefined || after.status === 'unreachable')) {
    parts.push(`${quotaLine(after ?? before)} The quota is unknown; the job went on.`);
    return parts.join('\n\n') + '\n';
  }
  const rows: Array<[string, string, string]> = [
    ['Limit', value(before.limit), after ? value(after.limit) : ''],
    ['Remaining', value(before.remaining), after ? value(after.remaining) : ''],
    ['Window', formatWindow(before.windowSeconds), after ? formatWindow(after.windowSeconds) : ''],
    [
      'Counted against',
      before.source ? code(before.source) : 'unknown',
      after?.source ? code(after.source) : after ? 'unknown' : '',
    ],
  ];
  const header = after ? '| | Before the job | After the job |' : '| | Now |';
  const rule = after ? '| --- | --- | --- |' : '| --- | --- |';
  const lines = rows.map(([k, b, a]) => (after ? `| ${k} | ${b} | ${a} |` : `| ${k} | ${b} |`));
  if (before.status === 'unlimited') {
    parts.push('Docker Hub sent no rate-limit headers: no pull limit applies to this runner.');
  } else {
    parts.push([header, rule, ...lines].join('\n'));
  }
  if (after !== undefined) {
    parts.push(`Pulls used during the job: **${used === undefined ? 'unknown' : used}**.`);
  }
  for (const r of [before, after]) {
    if (r?.status === 'malformed') parts.push(`Note: ${quotaLine(r)}`);
    if (r?.status === 'unreachable') parts.push(`Note: ${quotaLine(r)}`);
  }
  if (!before.authenticated) parts.push(SHARED_IP_NOTE);
  return parts.join('\n\n') + '\n';
}
