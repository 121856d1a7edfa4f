import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReference } from '../../src/reference/parse.js';
import { applyEdits } from '../../src/rewrite/apply.js';
import { parseMirror } from '../../src/rewrite/mirror.js';
import { planPins, planRewrite } from '../../src/rewrite/plan.js';
import { fileKindOf } from '../../src/scan/detect.js';
import { extractorFor } from '../../src/scan/extractors/index.js';
import { decodeFile } from '../../src/scan/file-text.js';
import { LineIndex } from '../../src/scan/text.js';
import type { ExtractResult, FileKind, Span } from '../../src/scan/types.js';
import { REAL } from '../support/real-corpus.js';
import { mirrorSpec } from './arbitraries.js';
import { withinOccurrences } from './occurrence-spans.js';

const KINDS: FileKind[] = [
  'dockerfile',
  'compose',
  'kubernetes',
  'helm',
  'workflow',
  'gitlab-ci',
  'devcontainer',
  'kustomize',
];

const DIGEST = `sha256:${'ab'.repeat(32)}`;

/** Checks a result against its text: spans inside and spelling `raw`, lines that exist. */
function checkResult(text: string, file: string, result: ExtractResult): void {
  const lines = new LineIndex(text);
  const lastLine = lines.line(text.length);
  const inside = (span: Span | undefined) =>
    span === undefined || (span.start >= 0 && span.start <= span.end && span.end <= text.length);
  for (const o of result.occurrences) {
    expect(o.file).toBe(file);
    expect(text.slice(o.span.start, o.span.end)).toBe(o.raw);
    expect([o.line, o.column]).toEqual([lines.line(o.span.start), lines.column(o.span.start)]);
    const { registry, repository, tag, digest } = o.fields ?? { repository: undefined };
    for (const span of [o.nameSpan, registry, repository, tag, digest]) {
      expect(inside(span)).toBe(true);
    }
    expect(parseReference(o.ref.normalized).normalized).toBe(o.ref.normalized);
  }
  for (const p of result.problems) {
    expect(p.file).toBe(file);
    expect(typeof p.message === 'string' && p.message !== '').toBe(true);
    expect(p.line >= 1 && p.line <= lastLine).toBe(true);
  }
}

/**
 * Runs one extractor on a text and the edits on what it found: the mirror rewrite and
 * pins together, each inside a reference's spans, then extracts the result again.
 * Nothing in it may throw. Returns the number of occurrences found.
 */
function exercise(kind: FileKind, bytes: Uint8Array, file: string, mirror: string): number {
  const { text } = decodeFile(bytes);
  const result = extractorFor(kind)(text, file);
  checkResult(text, file, result);
  const texts = new Map([[file, text]]);
  const plan = planRewrite(result.occurrences, {
    mirrors: [parseMirror(mirror)],
    rules: [],
    exclude: [],
    texts,
  });
  const digests = new Map(result.occurrences.map((o) => [o.ref.normalized, DIGEST]));
  const edits = [...plan.edits, ...planPins(result.occurrences, digests, texts)];
  for (const e of edits) expect(withinOccurrences(e, result.occurrences)).toBe(true);
  const after = applyEdits(text, edits);
  checkResult(after, file, extractorFor(kind)(after, file));
  return result.occurrences.length;
}

/** The real repositories' files, relative to `real/`, and their bytes. */
let corpus: Array<{ file: string; bytes: Buffer }>;

beforeAll(async () => {
  const files = (await fg('**/*', { cwd: REAL, dot: true, onlyFiles: true })).sort();
  corpus = await Promise.all(
    files.map(async (file) => ({ file, bytes: await readFile(path.join(REAL, file)) })),
  );
});

/** Keys of the shapes the extractors look for, and a few others. */
const KEYS = [
  'image',
  'containers',
  'initContainers',
  'services',
  'jobs',
  'steps',
  'uses',
  'container',
  'repository',
  'registry',
  'tag',
  'digest',
  'images',
  'name',
  'newName',
  'spec',
  'template',
  'apiVersion',
  'kind',
  'x-shared',
  '<<',
];

/** Scalars: references, Kubernetes words, aliases, anchors, quotes, block scalars. */
const SCALARS = [
  'acme/app:1',
  'node',
  '"docker.io/library/x:2"',
  'docker://acme/y:3',
  'v1',
  'Pod',
  'Deployment',
  '*a',
  '&a acme/z:4',
  "'quoted:1'",
  '|-\n  acme/block:5',
  '',
  'null',
  '1.10',
  `sha256:${'d'.repeat(64)}`,
  '${VAR}/x',
];

type YamlNode = string | { map: Array<[string, YamlNode]> } | { seq: YamlNode[] };

const reference = fc.constantFrom('acme/app:1', 'node', '"localhost:5000/x"', '*a', '&a acme/z:4');

/** A mapping node of the given entries. */
const m = (...entries: Array<[string, YamlNode]>): YamlNode => ({ map: entries });

/** Pieces in the shapes the extractors read, so that images are found. */
const shaped: fc.Arbitrary<YamlNode> = reference.chain((r) =>
  fc.constantFrom<YamlNode>(
    m(['spec', m(['containers', { seq: [m(['name', 'c'], ['image', r])] }])]),
    m(['services', m(['web', m(['image', r])])]),
    m(['image', m(['repository', r], ['tag', '1.10'])]),
    m(['jobs', m(['j', m(['steps', { seq: [m(['uses', `docker://${r}`])] }])])]),
    m(['images', { seq: [m(['name', r], ['newName', 'b'])] }]),
  ),
);

const yamlNode: fc.Arbitrary<YamlNode> = fc.letrec<{ node: YamlNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...SCALARS),
    shaped,
    fc
      .array(fc.tuple(fc.constantFrom(...KEYS), tie('node')), { maxLength: 4 })
      .map((map) => ({ map })),
    fc.array(tie('node'), { maxLength: 3 }).map((seq) => ({ seq })),
  ),
})).node;

/** Writes a node in block style (flow style for small collections, now and then). */
function render(node: YamlNode, indent: string, flow: boolean): string {
  if (typeof node === 'string') return node.replaceAll('\n', `\n${indent}`);
  if (flow) {
    if ('map' in node) {
      return `{${node.map.map(([k, v]) => `${k}: ${render(v, indent, true)}`).join(', ')}}`;
    }
    return `[${node.seq.map((v) => render(v, indent, true)).join(', ')}]`;
  }
  const inner = `${indent}  `;
  const child = (v: YamlNode): string =>
    typeof v === 'string' ? ` ${render(v, inner, false)}` : `\n${inner}${render(v, inner, false)}`;
  if ('map' in node) {
    if (node.map.length === 0) return '{}';
    return node.map.map(([k, v]) => `${k}:${child(v)}`).join(`\n${indent}`);
  }
  if (node.seq.length === 0) return '[]';
  return node.seq.map((v) => `-${child(v)}`).join(`\n${indent}`);
}

const yamlDocument: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(yamlNode, fc.boolean()), { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([docs, crlf]) => {
    const text = docs
      .map(([node, flow]) => {
        const root =
          typeof node === 'string' || !('map' in node) ? { map: [['kind', node]] } : node;
        const body = render(root as YamlNode, '', flow);
        return `apiVersion: v1\nkind: Pod\n${flow ? `spec: ${body}` : body}\n`;
      })
      .join('---\n');
    return crlf ? text.replaceAll('\n', '\r\n') : text;
  });

/** Places in a text (as fractions) where a few characters are cut out. */
const damage = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(6)), {
  minLength: 1,
  maxLength: 3,
});

function damaged(text: string, cuts: Array<[number, number]>): string {
  let out = text;
  for (const [where, length] of cuts) {
    const at = Math.floor(out.length * where);
    out = out.slice(0, at) + out.slice(at + length + 1);
  }
  return out;
}

describe('extractors on broken input (properties)', () => {
  it('read every real file cut short by its own kind: problems, never exceptions', () => {
    let read = 0;
    for (const { file, bytes } of corpus) {
      const kind = fileKindOf(file);
      if (kind === undefined) continue;
      // Cuts: mid-file, inside the first image-looking line, and one byte short.
      const text = bytes.toString('latin1');
      const image = /\b(image|FROM|from|uses)\b/.exec(text);
      const cuts = new Set([bytes.length >> 1, bytes.length - 1]);
      if (image !== null) cuts.add(image.index + image[0].length + 3);
      for (const cut of cuts) {
        const sliced = bytes.subarray(0, Math.max(0, cut));
        expect(
          () => exercise(kind, sliced, file, 'mirror.example.com'),
          `${file} at ${cut}`,
        ).not.toThrow();
      }
      read++;
    }
    expect(read).toBeGreaterThan(1000);
  }, 180_000);

  it('give any cut of any real file to any extractor: problems, never exceptions', () => {
    const small = corpus.filter((c) => c.bytes.length <= 24 * 1024);
    expect(small.length).toBeGreaterThan(800);
    fc.assert(
      fc.property(
        fc.nat({ max: small.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...KINDS),
        mirrorSpec,
        (index, fraction, kind, mirror) => {
          const { file, bytes } = small[index] as { file: string; bytes: Buffer };
          const cut = Math.floor(bytes.length * fraction);
          exercise(kind, bytes.subarray(0, cut), file, mirror);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('give random bytes to every extractor: problems, never exceptions', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), mirrorSpec, (bytes, mirror) => {
        for (const kind of KINDS) exercise(kind, bytes, 'random.bin', mirror);
      }),
      { numRuns: 400 },
    );
  });

  it('give YAML-shaped documents, whole and damaged, to every extractor', () => {
    let found = 0;
    fc.assert(
      fc.property(yamlDocument, damage, mirrorSpec, (doc, cuts, mirror) => {
        for (const text of [doc, damaged(doc, cuts)]) {
          const bytes = Buffer.from(text, 'utf8');
          for (const kind of KINDS) found += exercise(kind, bytes, 'noise.yaml', mirror);
        }
      }),
      { numRuns: 250 },
    );
    // The documents are close enough to the real shapes that images are found in them.
    expect(found).toBeGreaterThan(100);
  });
});
