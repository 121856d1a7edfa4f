import type { SkipRow } from './skips.js';
import type { Rewritten } from '../rewrite/plan.js';
import { unpinnedReason } from '../scan/pinning.js';
import type { Occurrence, Problem } from '../scan/types.js';
import { formatTable } from './text-table.js';

const where = (file: string, line: number): string => `${file}:${line}`;

/** Aligned table of the images a scan found, with a count line. */
export function scanText(occurrences: Occurrence[], problems: Problem[]): string {
  const rows = occurrences.map((o) => [
    where(o.file, o.line),
    o.kind,
    o.raw,
    o.ref.normalized,
    pinColumn(o),
  ]);
  const parts = [];
  if (rows.length > 0)
    parts.push(formatTable(['FILE', 'KIND', 'AS WRITTEN', 'IMAGE', 'PINNED'], rows));
  parts.push(
    countLine(occurrences.length, 'image reference', new Set(occurrences.map((o) => o.file)).size),
  );
  if (problems.length > 0) parts.push(problemsText(problems));
  return parts.join('\n\n') + '\n';
}

/** Aligned tables of the rewrites and the skipped references. */
export function rewriteText(
  edits: Rewritten[],
  skipped: SkipRow[],
  problems: Problem[],
  dryRun: boolean,
): string {
  const parts = [];
  if (edits.length > 0) {
    const rows = edits.map((e) => [where(e.file, e.line), e.from, e.to]);
    parts.push(formatTable(['FILE', 'FROM', 'TO'], rows));
  }
  if (skipped.length > 0) {
    const rows = skipped.map((s) => [where(s.file, s.line), s.ref, s.reason]);
    parts.push(formatTable(['FILE', 'SKIPPED', 'REASON'], rows));
  }
  const files = new Set(edits.map((e) => e.file)).size;
  const verb = dryRun ? 'would rewrite' : 'rewrote';
  parts.push(
    `${verb} ${plural(edits.length, 'reference')} in ${plural(files, 'file')}; ` +
      `skipped ${skipped.length}`,
  );
  if (problems.length > 0) parts.push(problemsText(problems));
  return parts.join('\n\n') + '\n';
}

const PIN_WORDS = { latest: 'no (latest)', 'no-tag': 'no (no tag)', tag: 'no' } as const;

function pinColumn(o: Occurrence): string {
  const reason = unpinnedReason(o);
  return reason === undefined ? 'yes' : PIN_WORDS[reason];
}

/** A heading, then one line per problem, `file:line: message`. */
export function problemsText(problems: Problem[]): string {
  const lines = problems.map((p) => `  ${where(p.file, p.line)}: ${p.message}`);
  return [`problems (${problems.length}), not edited:`, ...lines].join('\n');
}

function countLine(count: number, noun: string, files: number): string {
  return `${plural(count, noun)} in ${plural(files, 'file')}`;
}

/** `1 file`, `2 files`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
