import type { Pinned } from '../engine/main-job.js';
import type { SkipRow } from './skips.js';
import type { Rewritten } from '../rewrite/plan.js';
import type { Occurrence, Problem } from '../scan/types.js';

/** One image of `scan --json`. */
export interface ImageJson {
  file: string;
  line: number;
  column: number;
  kind: string;
  raw: string;
  normalized: string;
  registry: string;
  repository: string;
  tag: string | null;
  digest: string | null;
  pinned: boolean;
}

/** The JSON form of an occurrence, as documented in the README. */
export function imageJson(o: Occurrence): ImageJson {
  return {
    file: o.file,
    line: o.line,
    column: o.column,
    kind: o.kind,
    raw: o.raw,
    normalized: o.ref.normalized,
    registry: o.ref.registry,
    repository: o.ref.repository,
    tag: o.ref.tag ?? null,
    digest: o.ref.digest ?? null,
    pinned: o.ref.pinned,
  };
}

/** The JSON form of a problem. */
export function problemJson(p: Problem): { file: string; line: number; message: string } {
  return { file: p.file, line: p.line, message: p.message };
}

/** `scan --json`: every image and every problem. */
export function scanJson(occurrences: Occurrence[], problems: Problem[]): string {
  return JSON.stringify(
    { images: occurrences.map(imageJson), problems: problems.map(problemJson) },
    null,
    2,
  );
}

/** `rewrite --json`: the edits made (or planned) and the references left alone. */
export function rewriteJson(edits: Rewritten[], skipped: SkipRow[], problems: Problem[]): string {
  return JSON.stringify(
    {
      edits: edits.map((e) => ({ file: e.file, line: e.line, from: e.from, to: e.to })),
      skipped: skipped.map((s) => ({ file: s.file, line: s.line, ref: s.ref, reason: s.reason })),
      problems: problems.map(problemJson),
    },
    null,
    2,
  );
}

/** The JSON form of a pin: where, the reference as it reads, and its digest. */
export function pinJson(p: Pinned): { file: string; line: number; ref: string; digest: string } {
  return { file: p.file, line: p.line, ref: p.ref, digest: p.digest };
}
