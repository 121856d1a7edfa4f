import type { UnpinnedFinding } from '../../scan/pinning.js';
import { code } from '../markdown.js';
import { plural } from '../text.js';
import type { DigestResults } from './digests.js';
import { COMMENT_BODY_LIMIT, fitRows, type FittedText } from './fit.js';
import type { BlobLinkContext } from './links.js';
import { reviewTable } from './rows.js';

/**
 * Room the review table may take in the job summary. GitHub allows 1 MiB per step; the
 * rest is left to the main summary, whose tables stop at 300 rows.
 */
export const SUMMARY_TABLE_LIMIT = 768 * 1024;

/** What the review comment and its summary table are built from. */
export interface ReviewReport {
  findings: UnpinnedFinding[];
  digests: DigestResults;
  links: BlobLinkContext;
}

const shortSha = (sha: string): string => code(sha.slice(0, 7));

function intro(report: ReviewReport): string {
  const count = report.findings.length;
  const floating = report.findings.filter((f) => f.reason !== 'tag').length;
  const verb = floating === 1 ? 'uses' : 'use';
  const latest = floating > 0 ? ` ${floating} of them ${verb} \`latest\` or no tag.` : '';
  return (
    `${plural(count, 'image reference')} ${count === 1 ? 'floats' : 'float'} on a tag, ` +
    `so a rebuild can pull different content.${latest} ` +
    `Pin each to the digest shown (resolved for commit ${shortSha(report.links.headSha)}).`
  );
}

/**
 * The sticky comment listing every unpinned reference, marker on the first line, within
 * `limit` characters: rows that do not fit are counted in a last line pointing to the job
 * summary.
 */
export function reviewCommentBody(
  marker: string,
  report: ReviewReport,
  limit = COMMENT_BODY_LIMIT,
): FittedText {
  const { header, rows } = reviewTable(report.findings, report.digests, report.links);
  const count = report.findings.length;
  const head = [
    marker,
    `### hubcap: ${plural(count, 'unpinned image reference')}`,
    '',
    intro(report),
    '',
    header,
  ].join('\n');
  return fitRows(head, rows, limit);
}

/** The comment once nothing is unpinned, so an earlier comment never stays stale. */
export function allClearBody(marker: string, links: BlobLinkContext): string {
  return [
    marker,
    '### hubcap: image pins',
    '',
    `Every image reference is pinned to a digest (commit ${shortSha(links.headSha)}).`,
  ].join('\n');
}

/**
 * The review table for the job summary: every row, with the file lines as plain text to keep
 * it small (cut, with a count, only past {@link SUMMARY_TABLE_LIMIT}).
 */
export function reviewSummary(report: ReviewReport, limit = SUMMARY_TABLE_LIMIT): string {
  const { header, rows } = reviewTable(report.findings, report.digests, report.links, false);
  const head = [
    `### hubcap: digests for ${plural(report.findings.length, 'unpinned reference')}`,
    '',
    header,
  ].join('\n');
  return fitRows(head, rows, limit, (n) => `… and ${n} more.`).text + '\n';
}
