import type { UnpinnedFinding } from '../../scan/pinning.js';
import type { Occurrence } from '../../scan/types.js';
import { cell, code, markdownTable } from '../markdown.js';
import type { DigestResult, DigestResults } from './digests.js';
import { blobUrl, type BlobLinkContext } from './links.js';

/** Column headers of the review table. */
export const REVIEW_HEADERS = ['Where', 'Reference', 'Pin to', 'Flags'] as const;

/** Resolution errors longer than this are shortened in a table cell. */
export const MAX_ERROR_CHARS = 160;

/**
 * The reference as the user wrote it. For a Helm or kustomize map (`fields`) the text at the
 * site is only the repository, so the assembled image stands for it.
 */
export function writtenForm(occurrence: Occurrence): string {
  return occurrence.derivation === 'fields' ? occurrence.image : occurrence.raw;
}

/** The suggested pinned form: the reference as written + `@` + digest (`node:20@sha256:…`). */
export function pinnedForm(occurrence: Occurrence, digest: string): string {
  return `${writtenForm(occurrence)}@${digest}`;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= MAX_ERROR_CHARS ? flat : `${flat.slice(0, MAX_ERROR_CHARS - 1)}…`;
}

function pinCell(occurrence: Occurrence, result: DigestResult | undefined): string {
  if (result === undefined) return '_not resolved_';
  if (typeof result === 'string') return code(pinnedForm(occurrence, result));
  return `cannot resolve: ${cell(shorten(result.error))}`;
}

/** The flags of a finding: `latest`, no tag (Docker pulls `latest`), tag not found. */
export function reviewFlags(finding: UnpinnedFinding, result: DigestResult | undefined): string[] {
  const flags: string[] = [];
  if (finding.reason === 'latest') flags.push('`latest`');
  if (finding.reason === 'no-tag') flags.push('no tag (pulls `latest`)');
  if (typeof result === 'object' && result.notFound === true) flags.push('tag not found');
  return flags;
}

/**
 * The table cells of one finding: the file line (a link to it at the head commit unless
 * `link` is false), the reference as written, the pinned form or the resolution error, and
 * the flags.
 */
export function reviewCells(
  finding: UnpinnedFinding,
  digests: DigestResults,
  links: BlobLinkContext,
  link = true,
): string[] {
  const { occurrence } = finding;
  const result = digests.get(occurrence.ref.normalized);
  const where = code(`${occurrence.file}:${occurrence.line}`);
  const url = link ? blobUrl(links, occurrence.file, occurrence.line) : '';
  return [
    link ? `[${where}](${url})` : where,
    code(writtenForm(occurrence)),
    pinCell(occurrence, result),
    reviewFlags(finding, result).join(', '),
  ];
}

/**
 * The review table split into its header lines and one line per finding, in scan order;
 * `link: false` writes the file lines without links (a third of the size).
 */
export function reviewTable(
  findings: UnpinnedFinding[],
  digests: DigestResults,
  links: BlobLinkContext,
  link = true,
): { header: string; rows: string[] } {
  const cells = findings.map((f) => reviewCells(f, digests, links, link));
  // Cells never hold a line break (cell() and code() flatten them), so lines are rows.
  const [head = '', rule = '', ...rows] = markdownTable([...REVIEW_HEADERS], cells).split('\n');
  return { header: `${head}\n${rule}`, rows };
}
