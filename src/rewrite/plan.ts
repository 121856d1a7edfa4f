import { tryParseReference, withTagDigest } from '../reference/parse.js';
import type { Occurrence, Span } from '../scan/types.js';
import { EditBuilder, SpanError, overlappingPairs, sortEdits, spanKey } from './edit.js';
import type { Edit, FileTexts, Skip } from './edit.js';
import { compileExclude } from './exclude.js';
import { mirroredString, type Mirror, type MirroredName } from './mirror.js';
import { sameHost } from './registry-prefix.js';
import type { Rule } from './rule.js';
import { ALREADY_MIRRORED, isAlreadyMirrored, resolveTarget, type TargetCheck } from './target.js';

export type { Edit, FileTexts, Skip } from './edit.js';
export { planPins } from './pins.js';

/** What to rewrite to, and what to leave alone. */
export interface RewriteOptions {
  /** Docker Hub mirrors in order of preference: the first that can serve an image wins. */
  mirrors: Mirror[];
  /** `SRC=DST` rules for any registry; they take precedence over the mirrors. */
  rules: Rule[];
  /** Image-name patterns with `*` (see `compileExclude`) that are never rewritten. */
  exclude: string[];
  /** Decoded text of every file the occurrences name, by their `file` path. */
  texts: FileTexts;
  /** Refuses targets a mirror does not really serve (see `verifyTargets`). */
  check?: TargetCheck | undefined;
}

/** The planned rewrite. */
export interface RewritePlan {
  /** One edit per span, sorted by file (first appearance) and offset. */
  edits: Edit[];
  /** Every occurrence no edit touches, with its reason, in input order. */
  skipped: Skip[];
  /** The occurrences of `skipped`, for callers that want them as they came. */
  unchanged: Occurrence[];
  /** Every occurrence the edits rewrite, in input order. */
  rewritten: Rewritten[];
}

type Decision = { reason: string } | { edits: Edit[]; name: MirroredName };

/** One reference the plan rewrites, as whole references before and after. */
export interface Rewritten {
  file: string;
  line: number;
  /** The effective reference before (`Occurrence.image`). */
  from: string;
  /** The effective reference after: the mirrored name with the same tag and digest. */
  to: string;
  occurrence: Occurrence;
}

/**
 * Plans the edits that point each occurrence's image name at its mirror or rule target.
 * Only name text changes: tags, digests, quotes and everything around stay as written.
 * Occurrences are skipped when they are already on a mirror or rule target (so a second
 * run plans nothing), excluded by a pattern, on a registry no rule covers, refused by the
 * mirror, or when their name is not written in one editable place. Occurrences sharing a
 * span give one edit; a shared span that would get different texts, or that another
 * skipped occurrence also uses, is not edited at all.
 */
export function planRewrite(occurrences: Occurrence[], options: RewriteOptions): RewritePlan {
  const builder = new EditBuilder(options.texts);
  const excluded = compileExclude(options.exclude);
  const decide = (o: Occurrence): Decision => {
    const { mirrors, rules } = options;
    if (o.locked !== undefined) return { reason: o.locked };
    if (isAlreadyMirrored(o.ref, mirrors, rules)) return { reason: ALREADY_MIRRORED };
    const pattern = excluded(o.ref);
    if (pattern !== undefined) return { reason: `excluded by pattern ${pattern}` };
    const target = resolveTarget(o.ref, mirrors, rules, options.check);
    if ('reason' in target) return { reason: target.reason };
    try {
      return nameEdits(o, target.name, builder);
    } catch (error) {
      if (error instanceof SpanError) return { reason: error.message };
      throw error;
    }
  };
  const decisions = occurrences.map(decide);
  const reasons = settle(occurrences, decisions);
  const edits: Edit[] = [];
  const seen = new Set<string>();
  const skipped: Skip[] = [];
  const unchanged: Occurrence[] = [];
  const rewritten: Rewritten[] = [];
  occurrences.forEach((o, i) => {
    const decision = decisions[i] as Decision;
    const reason = 'reason' in decision ? decision.reason : reasons.get(i);
    if (reason !== undefined) {
      skipped.push({ file: o.file, line: o.line, ref: o.image, reason, occurrence: o });
      unchanged.push(o);
      return;
    }
    if ('reason' in decision) return;
    const to = withTagDigest(mirroredString(decision.name), o.ref.tag, o.ref.digest);
    rewritten.push({ file: o.file, line: o.line, from: o.image, to, occurrence: o });
    for (const edit of decision.edits) {
      const key = spanKey(edit.file, edit);
      if (!seen.has(key)) edits.push(edit);
      seen.add(key);
    }
  });
  return { edits: sortEdits(edits), skipped, unchanged, rewritten };
}

/** The edits spelling `name` in the occurrence's name text, or why there are none. */
function nameEdits(o: Occurrence, name: MirroredName, builder: EditBuilder): Decision {
  const spans = nameSpans(o);
  if (spans === undefined) {
    return { reason: o.nameProblem ?? 'the image name is not written in one editable place' };
  }
  const written = spans.registry === undefined ? '' : builder.slice(o, spans.registry);
  const repository = builder.slice(o, spans.repository);
  const problem = nameTextProblem(o, written === '' ? repository : `${written}/${repository}`);
  if (problem !== undefined) return { reason: problem };
  const edits =
    spans.registry === undefined
      ? [builder.edit(o, spans.repository, `${name.registry}/${name.repository}`)]
      : [
          builder.edit(o, spans.registry, name.registry),
          builder.edit(o, spans.repository, name.repository),
        ];
  const changed = edits.filter((e) => e.from !== e.to);
  return changed.length === 0 ? { reason: ALREADY_MIRRORED } : { edits: changed, name };
}

/** Where the name is written: a registry field and a repository span, or one name span. */
function nameSpans(o: Occurrence): { registry?: Span | undefined; repository: Span } | undefined {
  if (o.derivation === 'fields' && o.fields !== undefined) {
    return { registry: o.fields.registry, repository: o.fields.repository };
  }
  return o.nameSpan === undefined ? undefined : { repository: o.nameSpan };
}

/**
 * Guards against spans that do not hold the name: the text must parse to the same
 * registry and repository as the occurrence's reference.
 */
function nameTextProblem(o: Occurrence, text: string): string | undefined {
  const parsed = tryParseReference(text);
  const fits =
    'ref' in parsed &&
    parsed.ref.tag === undefined &&
    parsed.ref.digest === undefined &&
    sameHost(parsed.ref.registry, o.ref.registry) &&
    parsed.ref.repository === o.ref.repository;
  if (fits) return undefined;
  return `name text ${JSON.stringify(text)} does not spell ${o.ref.registry}/${o.ref.repository}`;
}

/**
 * Finds the occurrences whose edits cannot be made, until none is left: a span shared
 * with a skipped occurrence, a span that would get two different texts, and edits that
 * overlap. Returns their reasons by index.
 */
function settle(occurrences: Occurrence[], decisions: Decision[]): Map<number, string> {
  const bad = new Map<number, string>();
  const namesOf = new Map<string, number>();
  occurrences.forEach((o, i) => {
    const decision = decisions[i] as Decision;
    if ('reason' in decision)
      for (const key of nameKeys(o)) if (!namesOf.has(key)) namesOf.set(key, i);
  });
  for (;;) {
    const groups = new Map<string, Array<{ index: number; edit: Edit }>>();
    decisions.forEach((d, index) => {
      if ('reason' in d || bad.has(index)) return;
      for (const edit of d.edits) {
        const key = spanKey(edit.file, edit);
        groups.set(key, [...(groups.get(key) ?? []), { index, edit }]);
      }
    });
    const before = bad.size;
    for (const [key, members] of groups) {
      const skippedIndex = namesOf.get(key);
      const texts = [...new Set(members.map((m) => m.edit.to))];
      let reason: string | undefined;
      if (skippedIndex !== undefined) {
        const other = occurrences[skippedIndex] as Occurrence;
        reason =
          `its name text is shared with ${JSON.stringify(other.image)} (line ${other.line}), ` +
          'which is not rewritten';
      } else if (texts.length > 1) {
        const quoted = texts.map((t) => JSON.stringify(t));
        reason = `conflicting rewrites of one name: ${quoted.join(' or ')}`;
      }
      if (reason !== undefined) for (const m of members) markBad(m.index, reason);
    }
    if (bad.size === before) {
      const firsts = [...groups.values()].map(
        (members) => members[0] as { index: number; edit: Edit },
      );
      const byFile = new Map<string, Edit[]>();
      for (const { edit } of firsts)
        byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
      for (const edits of byFile.values()) {
        for (const [a, b] of overlappingPairs(edits)) {
          for (const [mine, theirs] of [
            [a, b],
            [b, a],
          ] as const) {
            const reason = `its edit overlaps the edit of line ${theirs.line}`;
            for (const m of groups.get(spanKey(mine.file, mine)) ?? []) markBad(m.index, reason);
          }
        }
      }
    }
    if (bad.size === before) return bad;
  }

  function markBad(index: number, reason: string): void {
    if (bad.has(index)) return;
    bad.set(index, reason);
    for (const key of nameKeys(occurrences[index] as Occurrence)) {
      if (!namesOf.has(key)) namesOf.set(key, index);
    }
  }
}

/** The span keys of an occurrence's name text. */
function nameKeys(o: Occurrence): string[] {
  const spans = nameSpans(o);
  if (spans === undefined) return [];
  const keys = [spanKey(o.file, spans.repository)];
  if (spans.registry !== undefined) keys.push(spanKey(o.file, spans.registry));
  return keys;
}
