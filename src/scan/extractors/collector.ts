import { tryParseReference } from '../../reference/parse.js';
import { LineIndex } from '../text.js';
import type {
  ExtractResult,
  FieldSpans,
  FileKind,
  Occurrence,
  OccurrenceKind,
  Problem,
  Span,
} from '../types.js';
import { nameSpanOf } from './name-span.js';

/** The message for an image value whose written form cannot be edited byte-exactly. */
export function cannotEdit(value: string, reason: string): string {
  return `image value ${JSON.stringify(value)} ${reason}; it cannot be edited in place`;
}

/**
 * Gathers the occurrences and problems of one file. An occurrence reached twice (through
 * YAML aliases or merge keys) is kept once; results come out in text order. Two
 * occurrences share a span only when they assemble different images from it (a `<<`
 * merged Helm image map that sets its own `tag`).
 */
/** Optional marks on an occurrence: why it must never be edited, and whether it is built here. */
export type OccurrenceMarks = Pick<Occurrence, 'locked' | 'builtLocally'>;

export class OccurrenceCollector {
  private readonly occurrences: Occurrence[] = [];
  private readonly problems: Problem[] = [];
  private readonly seenSpans = new Set<string>();
  private readonly seenProblems = new Set<string>();
  private readonly lines: LineIndex;

  constructor(
    readonly text: string,
    readonly file: string,
    readonly fileKind: FileKind,
  ) {
    this.lines = new LineIndex(text);
  }

  /** Records a problem at an offset of the text (once per offset and message). */
  problem(offset: number, message: string): void {
    const key = `${offset}\u0000${message}`;
    if (this.seenProblems.has(key)) return;
    this.seenProblems.add(key);
    this.problems.push({
      file: this.file,
      line: this.lines.line(offset),
      column: this.lines.column(offset),
      message,
    });
  }

  /** Records a problem that the caller already placed (e.g. a syntax error). */
  addProblem(problem: Problem): void {
    this.problems.push(problem);
  }

  /**
   * Adds a reference written literally at `span` (`text.slice(span)` is the reference).
   * A text that is not a valid reference becomes a problem quoting it.
   */
  literal(kind: OccurrenceKind, span: Span, marks: OccurrenceMarks = {}): void {
    const raw = this.text.slice(span.start, span.end);
    const parsed = tryParseReference(raw);
    if ('error' in parsed) {
      this.problem(span.start, parsed.error);
      return;
    }
    this.push({
      ...this.base(kind, span, raw),
      image: raw,
      ref: parsed.ref,
      derivation: 'literal',
      nameSpan: nameSpanOf(raw, span),
      ...marks,
    });
  }

  /**
   * Adds a reference assembled from separate fields (Helm `registry`/`repository`/`tag`/
   * `digest`, kustomize `newName`/`newTag`/`digest`). The occurrence stands at the
   * repository field; `nameSpan` is given only when the caller knows the name is written
   * in one place. `locked` marks a reference that must never be edited, and why.
   */
  fields(
    kind: OccurrenceKind,
    image: string,
    fields: FieldSpans,
    nameSpan?: Span,
    locked?: string,
  ): void {
    const span = fields.repository;
    const raw = this.text.slice(span.start, span.end);
    const parsed = tryParseReference(image);
    if ('error' in parsed) {
      this.problem(span.start, parsed.error);
      return;
    }
    this.push({
      ...this.base(kind, span, raw),
      image,
      ref: parsed.ref,
      derivation: 'fields',
      nameSpan,
      locked,
      fields,
    });
  }

  /** The occurrences and problems in text order. */
  result(): ExtractResult {
    const occurrences = [...this.occurrences].sort((a, b) => a.span.start - b.span.start);
    const problems = [...this.problems].sort(
      (a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0),
    );
    return { occurrences, problems };
  }

  private base(kind: OccurrenceKind, span: Span, raw: string) {
    return {
      file: this.file,
      fileKind: this.fileKind,
      kind,
      line: this.lines.line(span.start),
      column: this.lines.column(span.start),
      span,
      raw,
    };
  }

  private push(occurrence: Occurrence): void {
    // The same span with another image is kept: a merged Helm map with its own `tag`.
    const key = `${occurrence.span.start}:${occurrence.span.end}:${occurrence.image}`;
    if (this.seenSpans.has(key)) return;
    this.seenSpans.add(key);
    this.occurrences.push(occurrence);
  }
}
