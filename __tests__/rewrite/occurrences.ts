import { parseReference } from '../../src/reference/parse.js';
import { LineIndex } from '../../src/scan/text.js';
import type {
  FieldSpans,
  FileKind,
  Occurrence,
  OccurrenceKind,
  Span,
} from '../../src/scan/types.js';

/** The span of the `nth` (0-based) appearance of `needle` in `text`; throws when absent. */
export function find(text: string, needle: string, nth = 0): Span {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} #${nth} not in the text`);
  }
  return { start: at, end: at + needle.length };
}

/** The name part of a literal reference: up to the tag's `:` or the digest's `@`. */
function nameLength(raw: string): number {
  const at = raw.indexOf('@');
  const beforeDigest = at < 0 ? raw : raw.slice(0, at);
  const colon = beforeDigest.lastIndexOf(':');
  return colon > beforeDigest.lastIndexOf('/') ? colon : beforeDigest.length;
}

interface Site {
  file?: string;
  fileKind?: FileKind;
  kind?: OccurrenceKind;
}

function base(text: string, span: Span, image: string, site: Site) {
  const lines = new LineIndex(text);
  return {
    file: site.file ?? 'Dockerfile',
    fileKind: site.fileKind ?? 'dockerfile',
    kind: site.kind ?? 'from',
    line: lines.line(span.start),
    column: lines.column(span.start),
    span,
    raw: text.slice(span.start, span.end),
    image,
    ref: parseReference(image),
  };
}

/** A literal occurrence of `needle` (its `nth` appearance) in `text`. */
export function literal(text: string, needle: string, site: Site = {}, nth = 0): Occurrence {
  const span = find(text, needle, nth);
  const nameSpan = { start: span.start, end: span.start + nameLength(needle) };
  return { ...base(text, span, needle, site), derivation: 'literal', nameSpan };
}

/**
 * An ARG-derived occurrence: `site` is the FROM argument as written (its `nth`
 * appearance), `image` the expanded reference, `name` the name text on the ARG line.
 */
export function fromArg(
  text: string,
  site: { raw: string; nth?: number; image: string; name: Span; argLine: number },
  where: Site = {},
): Occurrence {
  const span = find(text, site.raw, site.nth ?? 0);
  return {
    ...base(text, span, site.image, where),
    derivation: 'arg',
    nameSpan: site.name,
    argLines: [site.argLine],
  };
}

/** A Helm-style map occurrence; `span` is the map's first field value. */
export function fromFields(text: string, image: string, fields: FieldSpans, where: Site = {}) {
  const first = fields.registry ?? fields.repository;
  const occurrence: Occurrence = {
    ...base(text, first, image, { fileKind: 'helm', kind: 'helm', file: 'values.yaml', ...where }),
    derivation: 'fields',
    fields,
    nameProblem: 'the name is split over the registry and repository fields',
  };
  return occurrence;
}

/** The texts map the planners take, for one file. */
export function texts(file: string, text: string): Map<string, string> {
  return new Map([[file, text]]);
}
