import type { MainJobResult } from '../engine/main-job.js';

/** One row of the skipped list: a reference left alone, or text that is no image. */
export interface SkipRow {
  file: string;
  line: number;
  ref: string;
  reason: string;
}

/** The skipped references of a rewrite, with `FROM scratch` and the like among them. */
export function skipRows(result: MainJobResult): SkipRow[] {
  const notImages = result.scan.notImages.map(({ file, line, text, reason }) => ({
    file,
    line,
    ref: text,
    reason,
  }));
  return [...result.skipped, ...notImages].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line,
  );
}
