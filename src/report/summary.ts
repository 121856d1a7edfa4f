import type { MainJobResult } from '../engine/main-job.js';
import { skipRows } from './skips.js';
import { describeUnpinned } from '../scan/pinning.js';
import { cell, code, markdownTable } from './markdown.js';
import { plural } from './text.js';

/** Rows per table before the rest are counted; keeps the summary far below 1 MiB. */
export const SUMMARY_ROW_LIMIT = 300;

const at = (file: string, line: number): string => code(`${file}:${line}`);

function section(title: string, headers: string[], rows: string[][]): string {
  const shown = rows.slice(0, SUMMARY_ROW_LIMIT);
  const more = rows.length - shown.length;
  const tail = more > 0 ? `\n\n… and ${more} more.` : '';
  return `### ${title} (${rows.length})\n\n${markdownTable(headers, shown)}${tail}`;
}

/** The job summary of the main job: what was rewritten, skipped, left unpinned, or broken. */
export function mainSummary(
  result: MainJobResult,
  mirrors: string[],
  rewrote: boolean,
  pin: 'off' | 'report' | 'write' = 'off',
): string {
  const { occurrences } = result.scan;
  const hub = occurrences.filter((o) => o.ref.isDockerHub).length;
  const parts = [
    '## hubcap: image references',
    `Scanned ${plural(result.scan.files.length, 'file')}: ` +
      `${plural(occurrences.length, 'image reference')}, ${hub} on Docker Hub.`,
  ];
  if (mirrors.length > 0) {
    const verb = rewrote ? 'Rewritten' : 'To rewrite';
    const target = mirrors.map(code).join(', ');
    if (result.rewritten.length === 0) parts.push(`Nothing to rewrite to ${target}.`);
    else {
      const rows = result.rewritten.map((e) => [at(e.file, e.line), code(e.from), code(e.to)]);
      parts.push(section(`${verb} to ${target}`, ['Where', 'From', 'To'], rows));
    }
  }
  const skipped = mirrors.length > 0 ? skipRows(result) : [];
  if (skipped.length > 0) {
    const rows = skipped.map((s) => [at(s.file, s.line), code(s.ref), cell(s.reason)]);
    parts.push(section('Skipped', ['Where', 'Reference', 'Reason'], rows));
  }
  if (pin !== 'off') parts.push(pinSection(result, pin));
  if (result.unpinned.length > 0) {
    const rows = result.unpinned.map(({ occurrence: o, reason }) => [
      at(o.file, o.line),
      code(o.image),
      cell(describeUnpinned(reason)),
    ]);
    parts.push(section('Unpinned', ['Where', 'Reference', 'Why'], rows));
  } else if (occurrences.length > 0) {
    parts.push('Every image reference is pinned to a digest.');
  }
  if (result.problems.length > 0) {
    const rows = result.problems.map((p) => [at(p.file, p.line), cell(p.message)]);
    parts.push(section('Problems', ['Where', 'Problem'], rows));
  }
  return parts.join('\n\n') + '\n';
}

/** Pin mode: the digests found (and written), and the tags that could not be resolved. */
function pinSection(result: MainJobResult, pin: 'report' | 'write'): string {
  const title = pin === 'write' ? 'Pinned to digests' : 'Digests to pin';
  const rows = result.pins.map((p) => [at(p.file, p.line), code(p.ref), code(p.digest)]);
  const parts = [
    rows.length > 0
      ? section(title, ['Where', 'Reference', 'Digest'], rows)
      : `### ${title} (0)\n\nNothing to pin.`,
  ];
  const failed = result.unpinned.filter(({ occurrence: o }) => {
    const found = result.digests.get(o.ref.normalized);
    return found !== undefined && typeof found !== 'string';
  });
  if (failed.length > 0) {
    const failedRows = failed.map(({ occurrence: o }) => {
      const found = result.digests.get(o.ref.normalized) as { error: string };
      return [at(o.file, o.line), code(o.image), cell(found.error)];
    });
    parts.push(
      section('Not resolved (left as written)', ['Where', 'Reference', 'Why'], failedRows),
    );
  }
  return parts.join('\n\n');
}
