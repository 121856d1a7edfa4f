import type { Edit } from '../../src/rewrite/plan.js';
import type { Occurrence, Span } from '../../src/scan/types.js';

/** Where an occurrence's text stands: the reference, its name text, its map fields. */
export function spansOf(o: Occurrence): Span[] {
  const { registry, repository, tag, digest } = o.fields ?? { repository: undefined };
  return [o.span, o.nameSpan, registry, repository, tag, digest].filter(
    (span): span is Span => span !== undefined,
  );
}

/** True when the edit lies within one of the spans of the occurrences (ends included). */
export function withinOccurrences(edit: Edit, occurrences: readonly Occurrence[]): boolean {
  return occurrences.some((o) =>
    spansOf(o).some((span) => span.start <= edit.start && edit.end <= span.end),
  );
}
