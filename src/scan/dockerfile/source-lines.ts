import type { Span } from '../types.js';

/** One physical line of the text. */
export interface PhysicalLine {
  /** Offset of the first character. */
  start: number;
  /** End of the content: trailing `\r` and `\n` characters excluded. */
  contentEnd: number;
  /** Offset just after the line's `\n` (or the end of the text). */
  end: number;
}

/**
 * Splits text at `\n` the way BuildKit's scanner does. Each line's content drops every
 * trailing `\r`/`\n` (BuildKit's `trimNewline`), so CRLF files parse like LF files.
 */
export function splitPhysicalLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    let contentEnd = end;
    while (contentEnd > start) {
      const c = text.charCodeAt(contentEnd - 1);
      if (c !== 10 && c !== 13) break;
      contentEnd--;
    }
    lines.push({ start, contentEnd, end });
    start = end;
  }
  return lines;
}

/**
 * A logical line: pieces of physical lines joined after continuation characters are
 * removed, with the text offset of every UTF-16 unit so any part maps back to the file.
 */
export class LogicalLine {
  text = '';
  /** `offsets[i]` is the text offset of `this.text[i]`. */
  readonly offsets: number[] = [];

  /** Appends `source.slice(start, end)`. */
  append(source: string, start: number, end: number): void {
    this.text += source.slice(start, end);
    for (let i = start; i < end; i++) this.offsets.push(i);
  }

  /** Span in the text covering logical characters `[a, b)`; undefined when empty. */
  span(a: number, b: number): Span | undefined {
    if (b <= a) return undefined;
    return { start: this.offsets[a] ?? 0, end: (this.offsets[b - 1] ?? 0) + 1 };
  }

  /** Text offsets of logical characters `[a, b)`. */
  slice(a: number, b: number): number[] {
    return this.offsets.slice(a, b);
  }
}
