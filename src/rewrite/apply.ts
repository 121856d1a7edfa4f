import { overlappingPairs } from './edit.js';
import type { Edit } from './edit.js';

/** Edits that cannot be applied to a text: overlapping, stale or outside it. */
export class EditConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditConflictError';
  }
}

/**
 * Applies the edits of one file to its decoded text and returns the new text. Every edit
 * must find its `from` text at its span. The edits are sorted, checked for overlaps
 * (an {@link EditConflictError} names the file and lines) and applied from the end of the
 * text, so no edit moves the offsets of another. Only the edit spans change.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return text;
  const files = [...new Set(edits.map((e) => e.file))];
  if (files.length > 1) {
    throw new EditConflictError(`edits of several files applied to one text: ${files.join(', ')}`);
  }
  for (const e of edits) {
    if (!(Number.isInteger(e.start) && Number.isInteger(e.end))) {
      throw new EditConflictError(`${e.file}:${e.line}: edit offsets must be integers`);
    }
    if (e.start < 0 || e.start > e.end || e.end > text.length) {
      throw new EditConflictError(
        `${e.file}:${e.line}: edit ${e.start}-${e.end} lies outside the text ` +
          `(${text.length} characters)`,
      );
    }
    const found = text.slice(e.start, e.end);
    if (found !== e.from) {
      throw new EditConflictError(
        `${e.file}:${e.line}: expected ${JSON.stringify(e.from)} at offset ${e.start}, ` +
          `found ${JSON.stringify(found)} (the file changed since it was scanned?)`,
      );
    }
  }
  const overlap = overlappingPairs(edits)[0];
  if (overlap !== undefined) {
    const [a, b] = overlap;
    throw new EditConflictError(
      `${a.file}: overlapping edits at line ${a.line} (${JSON.stringify(a.from)} → ` +
        `${JSON.stringify(a.to)}) and line ${b.line} (${JSON.stringify(b.from)} → ` +
        `${JSON.stringify(b.to)})`,
    );
  }
  // From the end backwards; at one offset a replacement goes before an insertion there.
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  const pieces: string[] = [];
  let cursor = text.length;
  for (const e of sorted) {
    pieces.push(text.slice(e.end, cursor), e.to);
    cursor = e.start;
  }
  pieces.push(text.slice(0, cursor));
  return pieces.reverse().join('');
}
