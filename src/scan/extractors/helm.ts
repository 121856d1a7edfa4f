import type { YAMLMap } from 'yaml';
import type { Extractor, FieldSpans, Span } from '../types.js';
import { cannotEdit, type OccurrenceCollector } from './collector.js';
import { addYamlLiteral, extractYaml } from './yaml-extract.js';
import {
  asMap,
  asScalar,
  mapEntries,
  mapGet,
  scalarContent,
  scalarValue,
  type YamlDoc,
} from './yaml-source.js';
import { walkMaps } from './yaml-walk.js';

/** `image`, `thanosImage`, `sidecarimage`: keys whose value describes an image. */
const isImageKey = (key: string): boolean => key.endsWith('image') || key.endsWith('Image');

/** A Go template (`{{ .Values.x }}`) is only known after rendering. */
const isTemplated = (value: string): boolean => value.includes('{{');

/** A located field value of an image map. */
interface Field {
  value: string;
  span: Span;
}

/**
 * Reads one optional field of an image map: undefined when absent or empty, null when the
 * map must be passed over (templated, not a scalar, or a problem was recorded).
 */
function readField(
  collector: OccurrenceCollector,
  map: YAMLMap,
  key: string,
  doc: YamlDoc,
): Field | undefined | null {
  const node = mapGet(map, key, doc);
  if (node === undefined) return undefined;
  const scalar = asScalar(node, doc);
  // A mapping or list here (`tag: {{ x }}` unquoted is a flow mapping) is not readable.
  if (!scalar) return null;
  const value = scalarValue(scalar, collector.text);
  if (value === undefined || value === '') return undefined;
  if (isTemplated(value)) return null;
  const content = scalarContent(scalar, collector.text);
  if (!content.ok) {
    collector.problem(content.offset, cannotEdit(value, content.reason));
    return null;
  }
  return { value: content.value, span: content.span };
}

/**
 * Where a pin can go in an empty `digest` field (`""`, `''`, `~`, `null`): inside the
 * quotes, or over the null word. A bare `digest:` has no text to replace: undefined.
 */
function emptyDigestSlot(map: YAMLMap, doc: YamlDoc, text: string): Span | undefined {
  const scalar = asScalar(mapGet(map, 'digest', doc), doc);
  if (!scalar?.range || (scalar.value !== null && scalar.value !== '')) return undefined;
  const [start, end] = scalar.range;
  const written = text.slice(start, end);
  if (written === '""' || written === "''") return { start: start + 1, end: end - 1 };
  if (/^(~|null|Null|NULL)$/.test(written)) return { start, end };
  return undefined;
}

/**
 * Adds an image map `{registry, repository, tag, digest}` (a non-empty `sha` stands in for
 * a missing `digest`, with `sha256:` added when it has no algorithm). Maps without a
 * usable repository, or with templated fields, are passed over.
 */
function addImageMap(collector: OccurrenceCollector, map: YAMLMap, doc: YamlDoc): void {
  const repository = readField(collector, map, 'repository', doc);
  if (!repository) return;
  const registry = readField(collector, map, 'registry', doc);
  const tag = readField(collector, map, 'tag', doc);
  let digest = readField(collector, map, 'digest', doc);
  if (digest === undefined) {
    const sha = readField(collector, map, 'sha', doc);
    digest = sha && { ...sha, value: sha.value.includes(':') ? sha.value : `sha256:${sha.value}` };
  }
  if (registry === null || tag === null || digest === null) return;
  const image =
    (registry ? `${registry.value}/` : '') +
    repository.value +
    (tag ? `:${tag.value}` : '') +
    (digest ? `@${digest.value}` : '');
  const fields: FieldSpans = {
    registry: registry?.span,
    repository: repository.span,
    tag: tag?.span,
    digest: digest?.span ?? emptyDigestSlot(map, doc, collector.text),
  };
  collector.fields('helm', image, fields);
}

/** Adds a string `image:` value that looks like a reference. */
function addImageString(
  collector: OccurrenceCollector,
  key: string,
  node: unknown,
  doc: YamlDoc,
): void {
  const scalar = asScalar(node, doc);
  if (typeof scalar?.value !== 'string') return;
  const value = scalar.value;
  if (value === '' || isTemplated(value) || /\s/.test(value)) return;
  if (key !== 'image' && !/[:@/]/.test(value)) return;
  addYamlLiteral(collector, 'helm', node, doc);
}

/**
 * Helm values files: any string `image:` (or `…Image:` value containing `:`, `@` or `/`)
 * that looks like a reference, and any map with `repository` (plus optional `registry`,
 * `tag`, `digest`) under a key named `image` or ending in `Image`/`image`, or one level
 * below such a key (`image: {busybox: {repository: …}}`). Map occurrences stand at the
 * repository value and carry the field spans; templated values are passed over.
 */
export const extractHelm: Extractor = (text, file) =>
  extractYaml(text, file, 'helm', (doc, collector) => {
    walkMaps(doc.contents, doc, ({ map }) => {
      for (const entry of mapEntries(map, doc)) {
        if (!isImageKey(entry.key)) continue;
        const value = asMap(entry.value, doc);
        if (!value) {
          addImageString(collector, entry.key, entry.value, doc);
        } else if (mapGet(value, 'repository', doc) !== undefined) {
          addImageMap(collector, value, doc);
        } else {
          for (const child of mapEntries(value, doc)) {
            const inner = asMap(child.value, doc);
            if (inner && mapGet(inner, 'repository', doc) !== undefined) {
              addImageMap(collector, inner, doc);
            }
          }
        }
      }
    });
  });
