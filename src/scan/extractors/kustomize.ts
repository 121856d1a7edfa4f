import type { YAMLMap } from 'yaml';
import type { Extractor, FieldSpans, Span } from '../types.js';
import { cannotEdit, type OccurrenceCollector } from './collector.js';
import { extractYaml } from './yaml-extract.js';
import {
  asMap,
  asScalar,
  asSeq,
  mapGet,
  scalarContent,
  scalarValue,
  type YamlDoc,
} from './yaml-source.js';
import { nameSpanOf } from './name-span.js';

/** Why the `name` of an `images[]` entry is never rewritten. */
export const KUSTOMIZE_NAME_LOCKED =
  'kustomize matches manifests by `name`; give the entry a `newName` to point it at a mirror';

/** Why the `name` of an entry that has a `newName` is left alone. */
export const KUSTOMIZE_NEW_NAME =
  "kustomize matches manifests by `name`; the entry's `newName` is what gets rewritten";

/** A located value of an `images[]` entry. */
interface Field {
  value: string;
  span: Span;
}

/** Reads one field of an `images[]` entry: undefined when absent/empty, null on a problem. */
function readField(
  collector: OccurrenceCollector,
  entry: YAMLMap,
  key: string,
  doc: YamlDoc,
): Field | undefined | null {
  const node = mapGet(entry, key, doc);
  if (node === undefined) return undefined;
  const scalar = asScalar(node, doc);
  // A mapping or list here (`tag: {{ x }}` unquoted is a flow mapping) is not readable.
  if (!scalar) return null;
  const value = scalarValue(scalar, collector.text);
  if (value === undefined || value === '') return undefined;
  const content = scalarContent(scalar, collector.text);
  if (!content.ok) {
    collector.problem(content.offset, cannotEdit(value, content.reason));
    return null;
  }
  return { value: content.value, span: content.span };
}

/**
 * Adds `target` (the entry's `newName`, or its `name` when there is no `newName`) with the
 * entry's `newTag`/`digest` applied: a literal when there are none, else a `fields`
 * occurrence whose `nameSpan` is the name's text.
 */
function addResult(
  collector: OccurrenceCollector,
  target: Field,
  tag: Field | undefined,
  digest: Field | undefined,
  locked: string | undefined,
): void {
  if (!tag && !digest) {
    collector.literal('kustomize', target.span, { locked });
    return;
  }
  const image = target.value + (tag ? `:${tag.value}` : '') + (digest ? `@${digest.value}` : '');
  const fields: FieldSpans = { repository: target.span, tag: tag?.span, digest: digest?.span };
  collector.fields('kustomize', image, fields, nameSpanOf(target.value, target.span), locked);
}

/**
 * Kustomize `images[]` entries. `name` is the image as written in the manifests it
 * matches and `newName` what kustomize puts there instead; both are reported. The image
 * kustomize produces (`newName`, else `name`, with `newTag`/`digest`) is the occurrence at
 * `newName` (or at `name` when there is no `newName`); `name` beside a `newName` is
 * reported as written.
 */
export const extractKustomize: Extractor = (text, file) =>
  extractYaml(text, file, 'kustomize', (doc, collector) => {
    const root = asMap(doc.contents, doc);
    const images = root && asSeq(mapGet(root, 'images', doc), doc);
    for (const item of images?.items ?? []) {
      const entry = asMap(item, doc);
      if (!entry) continue;
      const name = readField(collector, entry, 'name', doc);
      const newName = readField(collector, entry, 'newName', doc);
      const tag = readField(collector, entry, 'newTag', doc);
      const digest = readField(collector, entry, 'digest', doc);
      if (name === null || newName === null || tag === null || digest === null) continue;
      if (name && newName)
        collector.literal('kustomize', name.span, { locked: KUSTOMIZE_NAME_LOCKED });
      const target = newName ?? name;
      const problem = newName ? undefined : KUSTOMIZE_NAME_LOCKED;
      if (target) addResult(collector, target, tag, digest, problem);
    }
  });
