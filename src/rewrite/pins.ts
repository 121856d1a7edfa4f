import { ANCHORED_DIGEST } from '../reference/regexp.js';
import type { Occurrence } from '../scan/types.js';
import { EditBuilder, sortEdits, spanKey } from './edit.js';
import type { Edit, FileTexts } from './edit.js';

/**
 * Plans the edits that pin unpinned occurrences to the digests in `digests`, keyed by the
 * reference's `normalized` form (`docker.io/library/node:20`). A literal or ARG-derived
 * reference gets `@<digest>` inserted at the end of its span, after any tag; a Helm-style
 * map gets its `digest` value replaced when it has that field, or else its tag value
 * becomes `tag@digest` (an empty tag value is left alone). Pinned references, references
 * with no digest in the map and maps with neither field get no edit. Occurrences sharing
 * a span give one edit, and none at all if they disagree. These edits never overlap the
 * ones of `planRewrite`, so both sets can be applied together.
 */
export function planPins(
  occurrences: Occurrence[],
  digests: ReadonlyMap<string, string>,
  texts: FileTexts,
): Edit[] {
  const builder = new EditBuilder(texts);
  const byKey = new Map<string, Edit[]>();
  for (const o of occurrences) {
    if (o.ref.pinned || o.locked !== undefined) continue;
    const digest = digests.get(o.ref.normalized);
    if (digest === undefined) continue;
    if (!ANCHORED_DIGEST.test(digest)) {
      throw new Error(`invalid digest ${JSON.stringify(digest)} for ${o.ref.normalized}`);
    }
    const edit = pinEdit(o, digest, builder);
    if (edit === undefined) continue;
    const key = spanKey(edit.file, edit);
    byKey.set(key, [...(byKey.get(key) ?? []), edit]);
  }
  const edits: Edit[] = [];
  for (const group of byKey.values()) {
    if (new Set(group.map((e) => e.to)).size === 1) edits.push(group[0] as Edit);
  }
  return sortEdits(edits);
}

function pinEdit(o: Occurrence, digest: string, builder: EditBuilder): Edit | undefined {
  if (o.derivation === 'fields') {
    if (o.fields?.digest !== undefined) return builder.edit(o, o.fields.digest, digest);
    if (o.fields?.tag !== undefined) {
      const tag = builder.slice(o, o.fields.tag);
      if (tag === '') return undefined;
      return builder.edit(o, o.fields.tag, `${tag}@${digest}`);
    }
    return undefined;
  }
  const at = argDefaultEnd(o, builder);
  return builder.edit(o, { start: at, end: at }, `@${digest}`);
}

/**
 * Where `@digest` goes for a Dockerfile reference: after the ARG default when the whole
 * reference comes from one ARG (`ARG BASE=python:3.12` … `FROM ${BASE}`), as a rewrite
 * edits the name there too, so a `--build-arg` still replaces the whole pinned value;
 * otherwise after the reference as written on the FROM line.
 */
function argDefaultEnd(o: Occurrence, builder: EditBuilder): number {
  const name = o.nameSpan;
  const wholeFromOneArg = /^\$(\{\w+\}|\w+)$/.test(o.raw);
  if (o.derivation !== 'arg' || name === undefined || !wholeFromOneArg) return o.span.end;
  if (name.start >= o.span.start && name.start < o.span.end) return o.span.end;
  const end = name.start + o.image.length;
  const written = builder.slice(o, { start: name.start, end });
  return written === o.image ? end : o.span.end;
}
