import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runMainJob } from '../../src/engine/main-job.js';
import { parseReference, withTagDigest } from '../../src/reference/parse.js';
import { applyEdits } from '../../src/rewrite/apply.js';
import { mirroredString, parseMirror, type Mirror } from '../../src/rewrite/mirror.js';
import { planPins, planRewrite, type Edit } from '../../src/rewrite/plan.js';
import { ALREADY_MIRRORED, resolveTarget } from '../../src/rewrite/target.js';
import { fileKindOf } from '../../src/scan/detect.js';
import { extractorFor } from '../../src/scan/extractors/index.js';
import type { ExtractResult, Occurrence } from '../../src/scan/types.js';
import {
  anyFile,
  composeFile,
  digest,
  dockerfile,
  joinLines,
  kubernetesFile,
  layout,
  mirrorSpec,
  type GeneratedFile,
} from './arbitraries.js';
import { withinOccurrences } from './occurrence-spans.js';

/** Extracts a generated file, occurrences in line order (YAML merges may report later). */
function extract(file: GeneratedFile, text: string): ExtractResult {
  const kind = fileKindOf(file.name);
  if (kind === undefined) throw new Error(`no kind for ${file.name}`);
  const result = extractorFor(kind)(text, file.name);
  const occurrences = [...result.occurrences].sort((a, b) => a.span.start - b.span.start);
  return { ...result, occurrences };
}

function rewrite(name: string, text: string, occurrences: Occurrence[], mirror: Mirror) {
  return planRewrite(occurrences, {
    mirrors: [mirror],
    rules: [],
    exclude: [],
    texts: new Map([[name, text]]),
  });
}

/** The text between the edits, in order: what no edit may change. */
function untouched(text: string, edits: readonly Edit[]): string[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const pieces: string[] = [];
  let at = 0;
  for (const e of sorted) {
    pieces.push(text.slice(at, e.start));
    at = e.end;
  }
  pieces.push(text.slice(at));
  return pieces;
}

/** Splits the output at the replacement texts, given the edits applied to the input. */
function untouchedAfter(after: string, text: string, edits: readonly Edit[]): string[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const pieces: string[] = [];
  let inAfter = 0;
  let inText = 0;
  for (const e of sorted) {
    const kept = e.start - inText;
    pieces.push(after.slice(inAfter, inAfter + kept));
    inAfter += kept + e.to.length;
    inText = e.end;
  }
  pieces.push(after.slice(inAfter));
  return pieces;
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;

/** What a reference becomes on the mirror (or stays), by the same rules as the plan. */
function expectedAfter(image: string, mirror: Mirror): string {
  const ref = parseReference(image);
  const target = resolveTarget(ref, [mirror], []);
  if ('reason' in target) return image;
  const { registry, repository } = ref;
  const onMirror =
    registry === mirror.base.host &&
    (mirror.base.path === '' || repository.startsWith(`${mirror.base.path}/`));
  if (onMirror) return image;
  return withTagDigest(mirroredString(target.name), ref.tag, ref.digest);
}

const RUNS = { numRuns: 300 };

describe('generated files: extraction, rewriting and pinning (properties)', () => {
  it('finds exactly the references written, at their lines', () => {
    fc.assert(
      fc.property(anyFile, layout, (file, l) => {
        const text = joinLines(file.lines, l);
        const result = extract(file, text);
        expect(result.problems).toEqual([]);
        expect(result.occurrences.map((o) => ({ line: o.line, image: o.image }))).toEqual(
          file.expected,
        );
        for (const o of result.occurrences) {
          expect(text.slice(o.span.start, o.span.end)).toBe(o.raw);
        }
      }),
      RUNS,
    );
  });

  it('rewrites only inside reference spans, keeping every other character', () => {
    fc.assert(
      fc.property(anyFile, layout, mirrorSpec, (file, l, spec) => {
        const text = joinLines(file.lines, l);
        const { occurrences } = extract(file, text);
        const plan = rewrite(file.name, text, occurrences, parseMirror(spec));
        for (const e of plan.edits) {
          expect([e.line, e.from, withinOccurrences(e, occurrences)]).toEqual([
            e.line,
            e.from,
            true,
          ]);
        }
        const after = applyEdits(text, plan.edits);
        expect(untouchedAfter(after, text, plan.edits)).toEqual(untouched(text, plan.edits));
        expect(after.startsWith('\ufeff')).toBe(l.bom);
        expect(count(after, '\r\n')).toBe(count(text, '\r\n'));
        expect(count(after, '\n')).toBe(count(text, '\n'));
        expect(after.endsWith('\n')).toBe(text.endsWith('\n'));
      }),
      RUNS,
    );
  });

  it('rewrites to the mirror name, tag and digest kept; again changes nothing', () => {
    fc.assert(
      fc.property(anyFile, layout, mirrorSpec, (file, l, spec) => {
        const mirror = parseMirror(spec);
        const text = joinLines(file.lines, l);
        const before = extract(file, text).occurrences;
        const after = applyEdits(text, rewrite(file.name, text, before, mirror).edits);
        const found = extract(file, after);
        expect(found.problems).toEqual([]);
        expect(found.occurrences.map((o) => ({ line: o.line, image: o.image }))).toEqual(
          file.expected.map(({ line, image }) => ({ line, image: expectedAfter(image, mirror) })),
        );
        const again = rewrite(file.name, after, found.occurrences, mirror);
        expect(again.edits).toEqual([]);
        for (const skip of again.skipped) {
          const moved = expectedAfter(skip.ref, mirror) !== skip.ref;
          expect([skip.ref, moved]).toEqual([skip.ref, false]);
        }
        const onMirror = again.skipped.filter((s) => s.reason === ALREADY_MIRRORED).length;
        const rewritten = rewrite(file.name, text, before, mirror).rewritten.length;
        expect(onMirror).toBeGreaterThanOrEqual(rewritten);
      }),
      RUNS,
    );
  });

  it('pins every unpinned reference together with the rewrite, in one pass', () => {
    fc.assert(
      fc.property(
        fc.oneof(dockerfile, composeFile, kubernetesFile),
        layout,
        mirrorSpec,
        digest,
        (file, l, spec, d) => {
          const mirror = parseMirror(spec);
          const text = joinLines(file.lines, l);
          const { occurrences } = extract(file, text);
          const digests = new Map(occurrences.map((o) => [o.ref.normalized, d]));
          const pins = planPins(occurrences, digests, new Map([[file.name, text]]));
          const edits = [...pins, ...rewrite(file.name, text, occurrences, mirror).edits];
          const after = applyEdits(text, edits);
          const found = extract(file, after).occurrences;
          expect(found.map((o) => o.line)).toEqual(file.expected.map((e) => e.line));
          found.forEach((o, i) => {
            const was = occurrences[i]?.ref;
            expect([o.ref.pinned, o.ref.tag, o.ref.digest]).toEqual([
              true,
              was?.tag,
              was?.pinned ? was.digest : d,
            ]);
          });
          expect(planPins(found, digests, new Map([[file.name, after]]))).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('gives the same bytes through the main job on disk; a second run changes 0', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(dockerfile, composeFile, kubernetesFile),
        layout,
        mirrorSpec,
        async (files, l, spec) => {
          const dir = await mkdtemp(path.join(os.tmpdir(), 'hubcap-prop-'));
          try {
            const mirror = parseMirror(spec);
            const texts = files.map((f) => joinLines(f.lines, l));
            for (const [i, f] of files.entries()) {
              await writeFile(path.join(dir, f.name), texts[i] as string);
            }
            const job = () =>
              runMainJob({
                scan: { root: dir, paths: [], files: [], excludeFiles: [] },
                rewrite: { mirrors: [spec], rules: [], exclude: [] },
                write: true,
              });
            const first = await job();
            expect(first.problems).toEqual([]);
            for (const [i, f] of files.entries()) {
              const text = texts[i] as string;
              const plan = rewrite(f.name, text, extract(f, text).occurrences, mirror);
              const onDisk = await readFile(path.join(dir, f.name), 'utf8');
              expect(onDisk).toBe(applyEdits(text, plan.edits));
            }
            const second = await job();
            expect(second.edits).toEqual([]);
            expect(second.changes).toEqual([]);
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
