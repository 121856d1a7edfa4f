import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { LineIndex } from '../text.js';
import type { Problem, Span } from '../types.js';

/** A parsed YAML document; aliases inside it are resolved against it. */
export type YamlDoc = Document.Parsed;

/** The documents of a YAML file, or the one problem that stopped parsing it. */
export type ParsedYaml = { ok: true; docs: YamlDoc[] } | { ok: false; problem: Problem };

/** How many aliases may be followed in a row before giving up (guards against loops). */
const MAX_ALIAS_CHAIN = 64;

/**
 * Parses every document of a YAML stream. Offsets in the nodes are offsets into `text`
 * itself (a leading BOM counts as one character). The first syntax error of any document
 * becomes the only result: one problem with its line, so no half-read file yields images.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  // Duplicate keys are accepted, the last one winning, as Kubernetes' YAML reader does.
  const options = { prettyErrors: false, uniqueKeys: false } as const;
  const docs = Array.from(parseAllDocuments(text, options));
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const lines = new LineIndex(text);
      const offset = Math.min(error.pos[0], text.length);
      const message = `YAML syntax error: ${error.message.split('\n')[0] ?? error.code}`;
      return {
        ok: false,
        problem: { file, line: lines.line(offset), column: lines.column(offset), message },
      };
    }
  }
  return { ok: true, docs };
}

/** Follows aliases (`*a`) to the anchored node; other values are returned as they are. */
export function deref(node: unknown, doc: YamlDoc): Node | undefined {
  let current: unknown = node;
  for (let i = 0; i < MAX_ALIAS_CHAIN && isAlias(current); i++) {
    current = current.resolve(doc);
  }
  if (isAlias(current) || current === null || current === undefined) return undefined;
  return current as Node;
}

/** The node as a mapping (after following aliases), or undefined. */
export function asMap(node: unknown, doc: YamlDoc): YAMLMap | undefined {
  const target = deref(node, doc);
  return isMap(target) ? target : undefined;
}

/** The node as a sequence (after following aliases), or undefined. */
export function asSeq(node: unknown, doc: YamlDoc): YAMLSeq | undefined {
  const target = deref(node, doc);
  return isSeq(target) ? target : undefined;
}

/** The node as a scalar (after following aliases), or undefined. */
export function asScalar(node: unknown, doc: YamlDoc): Scalar | undefined {
  const target = deref(node, doc);
  return isScalar(target) ? target : undefined;
}

/** One key/value of a mapping, after `<<` merges; `value` is the unresolved node. */
export interface MapEntry {
  key: string;
  value: unknown;
}

/** The text of a mapping key, or undefined for a complex (non-scalar) key. */
function keyText(key: unknown, doc: YamlDoc): string | undefined {
  const scalar = asScalar(key, doc);
  if (!scalar) return undefined;
  const value: unknown = scalar.value;
  return typeof value === 'string' ? value : String(value);
}

/**
 * The entries of a mapping with YAML merge keys (`<<: *a`, `<<: [*a, *b]`) applied: keys
 * written in the mapping win over merged ones, earlier merge sources over later ones, and
 * of a key written twice the last one.
 * Merged entries keep their own nodes, so their values point at the anchored text.
 */
export function mapEntries(map: YAMLMap, doc: YamlDoc): MapEntry[] {
  const seen = new Set<YAMLMap>();
  const collect = (current: YAMLMap): MapEntry[] => {
    if (seen.has(current)) return [];
    seen.add(current);
    const own = new Map<string, MapEntry>();
    const merged: MapEntry[] = [];
    for (const pair of current.items) {
      const key = keyText(pair.key, doc);
      if (key === undefined) continue;
      if (key === '<<' && isPlainMergeKey(pair.key, doc)) {
        const source = deref(pair.value, doc);
        const sources = isSeq(source) ? source.items : [source];
        for (const item of sources) {
          const sourceMap = asMap(item, doc);
          if (sourceMap) merged.push(...collect(sourceMap));
        }
        continue;
      }
      own.set(key, { key, value: pair.value });
    }
    const result = [...own.values()];
    const keys = new Set(own.keys());
    for (const entry of merged) {
      if (keys.has(entry.key)) continue;
      keys.add(entry.key);
      result.push(entry);
    }
    return result;
  };
  return collect(map);
}

/** A `<<` key is a merge key only when written plain (`"<<"` is an ordinary key). */
function isPlainMergeKey(key: unknown, doc: YamlDoc): boolean {
  const scalar = asScalar(key, doc);
  return scalar !== undefined && (scalar.type === undefined || scalar.type === 'PLAIN');
}

/** The value of `key` in a mapping (merges applied), unresolved; undefined when absent. */
export function mapGet(map: YAMLMap, key: string, doc: YamlDoc): unknown {
  return mapEntries(map, doc).find((e) => e.key === key)?.value;
}

/** The text a scalar stands for and where that text is written, or why it cannot be edited. */
export type ScalarContent =
  | { ok: true; value: string; span: Span }
  | { ok: false; value: string; offset: number; reason: string };

/**
 * Locates the content of a scalar in the original text:
 * - plain: the text itself (a number such as `1.20` keeps its written form);
 * - single/double quoted: the text inside the quotes;
 * - block `|`, `|-`, `>`, `>-`: the one content line below the indicator.
 * When the written text differs from the value (escapes, `''`, folded or multi-line
 * content), the result says why instead of giving a span, since editing that text in
 * place would not be byte-exact.
 */
export function scalarContent(node: Scalar, text: string): ScalarContent {
  const range = node.range;
  const value = typeof node.value === 'string' ? node.value : String(node.value);
  if (!range) return { ok: false, value, offset: 0, reason: 'has no source position' };
  const [start, end] = range;
  const fail = (reason: string): ScalarContent => ({ ok: false, value, offset: start, reason });
  switch (node.type) {
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE': {
      const inner = text.slice(start + 1, end - 1);
      if (typeof node.value !== 'string' || inner !== node.value) {
        return fail('is written with escapes or line breaks inside its quotes');
      }
      return { ok: true, value, span: { start: start + 1, end: end - 1 } };
    }
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return blockContent(node, text, start, end, fail);
    default: {
      const written = text.slice(start, end);
      if (/[\r\n]/.test(written)) return fail('spans several lines');
      if (typeof node.value === 'string' && written !== node.value) {
        return fail('is written differently from its value');
      }
      return { ok: true, value: written, span: { start, end } };
    }
  }
}

/** Content span of a block scalar whose content is one line. */
function blockContent(
  node: Scalar,
  text: string,
  start: number,
  end: number,
  fail: (reason: string) => ScalarContent,
): ScalarContent {
  const value = String(node.value).replace(/\n+$/, '');
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return fail('is an empty block scalar');
  let found: Span | undefined;
  let lineStart = headerEnd + 1;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const line = text.slice(lineStart, lineEnd);
    const lead = line.length - line.trimStart().length;
    const body = line.trim();
    if (body !== '') {
      if (found) return fail('is a block scalar with more than one line');
      found = { start: lineStart + lead, end: lineStart + lead + body.length };
    }
    lineStart = lineEnd + 1;
  }
  if (!found) return fail('is an empty block scalar');
  if (text.slice(found.start, found.end) !== value) {
    return fail('is a block scalar whose content differs from its value');
  }
  return { ok: true, value, span: found };
}

/** The text of a scalar value (numbers and booleans as written), or undefined for null. */
export function scalarValue(node: Scalar, text: string): string | undefined {
  if (node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === 'string') return node.value;
  const range = node.range;
  return range ? text.slice(range[0], range[1]) : String(node.value);
}
