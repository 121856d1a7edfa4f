import { LineIndex } from '../scan/text.js';
import type { Occurrence, Span } from '../scan/types.js';

/** One replacement of a byte span of a file's decoded text. */
export interface Edit {
  file: string;
  /** 1-based line of `start`. */
  line: number;
  /** Half-open offsets into the decoded text; `start === end` inserts. */
  start: number;
  end: number;
  /** The text being replaced (`''` for an insertion). */
  from: string;
  /** The replacement. */
  to: string;
  /** The reference this edit belongs to (the first one, when several share the span). */
  occurrence: Occurrence;
}

/** A reference left as it is, and why. */
export interface Skip {
  file: string;
  line: number;
  /** The effective reference text (`Occurrence.image`). */
  ref: string;
  /** One line: `not Docker Hub`, `already on the mirror`, `excluded by pattern …`, … */
  reason: string;
  occurrence: Occurrence;
}

/** The decoded text of each file, by the `file` path the occurrences carry. */
export type FileTexts = ReadonlyMap<string, string>;

/** A span that lies outside its file's text: the occurrence and the text disagree. */
export class SpanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpanError';
  }
}

/**
 * Builds edits against the files' texts, reusing one line index per file. Throws an Error
 * when a file's text is missing and a {@link SpanError} when a span lies outside it.
 */
export class EditBuilder {
  private readonly indexes = new Map<string, LineIndex>();

  constructor(private readonly texts: FileTexts) {}

  /** The edit replacing `span` of the occurrence's file with `to`. */
  edit(occurrence: Occurrence, span: Span, to: string): Edit {
    const text = this.checked(occurrence, span);
    return {
      file: occurrence.file,
      line: this.lineIndex(occurrence.file, text).line(span.start),
      start: span.start,
      end: span.end,
      from: text.slice(span.start, span.end),
      to,
      occurrence,
    };
  }

  /** The text at `span` of the occurrence's file. */
  slice(occurrence: Occurrence, span: Span): string {
    return this.checked(occurrence, span).slice(span.start, span.end);
  }

  /** The occurrence's file text, after checking that `span` lies inside it. */
  private checked(occurrence: Occurrence, span: Span): string {
    const text = this.text(occurrence.file);
    if (!(span.start >= 0 && span.start <= span.end && span.end <= text.length)) {
      throw new SpanError(
        `${occurrence.file}:${occurrence.line}: span ${span.start}-${span.end} of ` +
          `${JSON.stringify(occurrence.image)} lies outside the file (${text.length} characters)`,
      );
    }
    return text;
  }

  private text(file: string): string {
    const text = this.texts.get(file);
    if (text === undefined) throw new Error(`no text given for ${JSON.stringify(file)}`);
    return text;
  }

  private lineIndex(file: string, text: string): LineIndex {
    let index = this.indexes.get(file);
    if (index === undefined) {
      index = new LineIndex(text);
      this.indexes.set(file, index);
    }
    return index;
  }
}

/** Sorts edits by file (in order of first appearance) and then by offset. */
export function sortEdits(edits: Edit[]): Edit[] {
  const order = new Map<string, number>();
  for (const e of edits) if (!order.has(e.file)) order.set(e.file, order.size);
  return [...edits].sort(
    (a, b) =>
      (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.start - b.start || a.end - b.end,
  );
}

/** The key of an edit's span: same file, start and end. */
export function spanKey(file: string, span: Span): string {
  return `${file}\u0000${span.start}\u0000${span.end}`;
}

/**
 * Pairs of edits of one file that overlap, the earlier one first. Edits overlap when
 * their spans share a character, an insertion falls strictly inside a replacement, or two
 * edits have the same span (two insertions at one offset would have no defined order).
 * An insertion at either end of a replacement does not overlap it.
 */
export function overlappingPairs(edits: readonly Edit[]): Array<[Edit, Edit]> {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const pairs: Array<[Edit, Edit]> = [];
  let reach: Edit | undefined;
  let previous: Edit | undefined;
  for (const edit of sorted) {
    if (reach !== undefined && edit.start < reach.end) pairs.push([reach, edit]);
    else if (previous !== undefined && sameSpan(previous, edit)) pairs.push([previous, edit]);
    if (reach === undefined || edit.end > reach.end) reach = edit;
    previous = edit;
  }
  return pairs;
}

function sameSpan(a: Edit, b: Edit): boolean {
  return a.start === b.start && a.end === b.end;
}
