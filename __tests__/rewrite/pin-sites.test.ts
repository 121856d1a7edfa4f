import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/rewrite/apply.js';
import { planPins } from '../../src/rewrite/plan.js';
import { extractorFor } from '../../src/scan/extractors/index.js';

const DIGEST = `sha256:${'5b'.repeat(32)}`;

/** Pins the one Helm image map of `text` and returns the digest and tag lines after. */
function pinHelm(digestLine: string): string[] {
  const text =
    'image:\n  registry: docker.io\n  repository: bitnami/postgresql\n  tag: 16.4.0\n' +
    `  ${digestLine}\n`;
  const found = extractorFor('helm')(text, 'values.yaml');
  const [occurrence] = found.occurrences;
  expect(occurrence?.ref.pinned).toBe(false);
  const digests = new Map([[occurrence?.ref.normalized ?? '', DIGEST]]);
  const edits = planPins(found.occurrences, digests, new Map([['values.yaml', text]]));
  return applyEdits(text, edits).split('\n').slice(3, 5);
}

describe('pinning a Helm map with an empty digest field', () => {
  it.each([
    ['digest: ""', `  digest: "${DIGEST}"`],
    ["digest: ''", `  digest: '${DIGEST}'`],
    ['digest: ~', `  digest: ${DIGEST}`],
    ['digest: null', `  digest: ${DIGEST}`],
  ])('fills %s and leaves the tag alone', (line, after) => {
    expect(pinHelm(line)).toEqual(['  tag: 16.4.0', after]);
  });

  it('pins the tag when the digest key has no value to replace', () => {
    expect(pinHelm('digest:')).toEqual([`  tag: 16.4.0@${DIGEST}`, '  digest:']);
  });
});

describe('pinning a Dockerfile reference', () => {
  const pin = (text: string): string => {
    const found = extractorFor('dockerfile')(text, 'Dockerfile');
    const digests = new Map(found.occurrences.map((o) => [o.ref.normalized, DIGEST]));
    const edits = planPins(found.occurrences, digests, new Map([['Dockerfile', text]]));
    return applyEdits(text, edits).replace(DIGEST, 'D');
  };

  it.each([
    [
      'ARG BASE=python:3.12-slim\nFROM ${BASE} AS a\nFROM $BASE\n',
      'ARG BASE=python:3.12-slim@D\nFROM ${BASE} AS a\nFROM $BASE\n',
    ],
    ['ARG BASE="python:3.12-slim"\nFROM $BASE\n', 'ARG BASE="python:3.12-slim@D"\nFROM $BASE\n'],
    ['ARG V=3.12\nFROM python:${V}-slim\n', 'ARG V=3.12\nFROM python:${V}-slim@D\n'],
    ['ARG BASE=python\nFROM ${BASE}:3.12\n', 'ARG BASE=python\nFROM ${BASE}:3.12@D\n'],
  ])('puts the digest where the whole reference is written: %j', (before, after) => {
    expect(pin(before)).toBe(after);
  });
});
