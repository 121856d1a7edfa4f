import { formatBytes, type PullAndLoadResult } from '../cache/index.js';
import { cell, code, markdownTable } from './markdown.js';

const WORDS = { hit: 'hit', partial: 'partial hit', miss: 'miss', failed: 'failed' } as const;

/** The job-summary section of the layer cache: per image, hit or miss and the bytes moved. */
export function cacheSummary(
  restoreMessage: string,
  run: PullAndLoadResult,
  loaded: boolean,
): string {
  const loads = new Map((run.load?.outcomes ?? []).map((o) => [o.ref, o.status]));
  const rows = run.pull.images.map((image) => [
    code(image.ref),
    WORDS[image.status] + (image.error ? `: ${cell(image.error)}` : ''),
    formatBytes(image.bytesRestored),
    formatBytes(image.bytesPulled),
    image.pulledFrom.map((f) => `${code(f.source)} (${formatBytes(f.bytes)})`).join(', ') || '—',
    loaded ? (loads.get(image.ref) ?? '—') : 'not loaded',
  ]);
  const total = formatBytes(run.bytesPulled);
  const hit = {
    true: 'every image came from the cache',
    partial: 'a partial hit',
    false: 'a miss',
  };
  return (
    [
      '### Layer cache',
      `${cell(restoreMessage)}. This run was ${hit[run.hit]}; ${total} pulled from registries.`,
      markdownTable(['Image', 'Cache', 'Restored', 'Pulled', 'From', 'Docker'], rows),
    ].join('\n\n') + '\n'
  );
}
