import type { ExtractResult, FileKind, OccurrenceKind } from '../types.js';
import { cannotEdit, type OccurrenceMarks, OccurrenceCollector } from './collector.js';
import { asScalar, parseYaml, scalarContent, scalarValue, type YamlDoc } from './yaml-source.js';

/**
 * Runs `visit` over every document of a YAML file. A syntax error anywhere gives one
 * problem and no occurrences.
 */
export function extractYaml(
  text: string,
  file: string,
  fileKind: FileKind,
  visit: (doc: YamlDoc, collector: OccurrenceCollector) => void,
): ExtractResult {
  const collector = new OccurrenceCollector(text, file, fileKind);
  const parsed = parseYaml(text, file);
  if (!parsed.ok) {
    collector.addProblem(parsed.problem);
    return collector.result();
  }
  for (const doc of parsed.docs) visit(doc, collector);
  return collector.result();
}

/** How a YAML scalar is read as a literal reference. */
export interface YamlLiteralOptions {
  /** True for values to pass over without a problem (templates, CI variables, …). */
  skip?: ((value: string) => boolean) | undefined;
  /** A problem message for values that cannot be read statically, or undefined. */
  refuse?: ((value: string) => string | undefined) | undefined;
  /** A scheme the value must start with (`docker://`); the reference is what follows. */
  prefix?: string | undefined;
  /** Marks for the occurrence (`locked`, `builtLocally`). */
  marks?: OccurrenceMarks | undefined;
}

/**
 * Adds the scalar at `node` (aliases followed) as a literal reference. Null, empty and
 * non-scalar values are passed over; a value whose text cannot be edited in place
 * (escapes, several lines) becomes a problem.
 */
export function addYamlLiteral(
  collector: OccurrenceCollector,
  kind: OccurrenceKind,
  node: unknown,
  doc: YamlDoc,
  options: YamlLiteralOptions = {},
): void {
  const scalar = asScalar(node, doc);
  if (!scalar) return;
  const value = scalarValue(scalar, collector.text);
  if (value === undefined || value.trim() === '') return;
  if (options.skip?.(value)) return;
  const refusal = options.refuse?.(value);
  if (refusal !== undefined) {
    collector.problem(scalar.range?.[0] ?? 0, refusal);
    return;
  }
  const prefix = options.prefix ?? '';
  if (!value.startsWith(prefix)) return;
  const content = scalarContent(scalar, collector.text);
  if (!content.ok) {
    collector.problem(content.offset, cannotEdit(value, content.reason));
    return;
  }
  const span = { start: content.span.start + prefix.length, end: content.span.end };
  collector.literal(kind, span, options.marks);
}
