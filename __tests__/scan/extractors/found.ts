import { expect } from 'vitest';
import type { ExtractResult, Occurrence, Span } from '../../../src/scan/types.js';

/** The text of a span. */
export const at = (text: string, span: Span | undefined): string | undefined =>
  span ? text.slice(span.start, span.end) : undefined;

/** An occurrence reduced to what the tests compare. */
export interface Found {
  line: number;
  column: number;
  kind: Occurrence['kind'];
  raw: string;
  image: string;
  normalized: string;
  name?: string | undefined;
}

/**
 * Checks what must hold for every occurrence (its span spells `raw`, line and column
 * point at the span, the file is passed through) and reduces it for comparison.
 */
export function found(text: string, file: string, result: ExtractResult): Found[] {
  return result.occurrences.map((o) => {
    expect(at(text, o.span)).toBe(o.raw);
    expect(o.file).toBe(file);
    const lineStart = text
      .split('\n')
      .slice(0, o.line - 1)
      .join('\n').length;
    expect(o.span.start - (o.line === 1 ? 0 : lineStart + 1) + 1).toBe(o.column);
    if (o.derivation === 'literal') {
      expect(o.image).toBe(o.raw);
      expect(o.nameSpan).toBeDefined();
    }
    const entry: Found = {
      line: o.line,
      column: o.column,
      kind: o.kind,
      raw: o.raw,
      image: o.image,
      normalized: o.ref.normalized,
    };
    if (o.nameSpan) entry.name = at(text, o.nameSpan);
    return entry;
  });
}
