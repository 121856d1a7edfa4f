import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/rewrite/apply.js';
import { parseMirror } from '../../src/rewrite/mirror.js';
import { planPins, planRewrite } from '../../src/rewrite/plan.js';
import type { Occurrence } from '../../src/scan/types.js';
import { find, fromArg, fromFields, literal, texts } from './occurrences.js';

const D0 = 'sha256:' + '0123456789abcdef'.repeat(4);
const DF = 'sha256:' + 'fedcba9876543210'.repeat(4);

/** Pins, then rewrites + pins, and returns both results. */
function pinAndRewrite(
  file: string,
  text: string,
  occurrences: Occurrence[],
  d: [string, string][],
) {
  const digests = new Map(d);
  const pins = planPins(occurrences, digests, texts(file, text));
  const plan = planRewrite(occurrences, {
    mirrors: [parseMirror('mirror.example.com')],
    rules: [],
    exclude: [],
    texts: texts(file, text),
  });
  return {
    pins,
    pinned: applyEdits(text, pins),
    both: applyEdits(text, [...pins, ...plan.edits]),
  };
}

describe('planPins', () => {
  it('inserts @digest at the end of a literal reference, after the tag', () => {
    const text = 'FROM acme/tool\nFROM node:20 AS b\n';
    const occurrences = [literal(text, 'acme/tool'), literal(text, 'node:20')];
    const { pins, pinned, both } = pinAndRewrite('Dockerfile', text, occurrences, [
      ['docker.io/acme/tool', D0],
      ['docker.io/library/node:20', DF],
    ]);
    expect(pins.map((e) => [e.line, e.start, e.end, e.from, e.to])).toEqual([
      [1, 14, 14, '', `@${D0}`],
      [2, 27, 27, '', `@${DF}`],
    ]);
    expect(pinned).toBe(`FROM acme/tool@${D0}\nFROM node:20@${DF} AS b\n`);
    // The name span ends exactly where the pin goes: both edits land.
    expect(both).toBe(
      `FROM mirror.example.com/acme/tool@${D0}\n` +
        `FROM mirror.example.com/library/node:20@${DF} AS b\n`,
    );
  });

  it('pins an ARG-derived reference once, in the ARG default, as the rewrite edits it', () => {
    const text = 'ARG BASE=node:20\nFROM $BASE AS a\nFROM ${BASE} AS b\n';
    const name = find(text, 'node');
    const occurrences = [
      fromArg(text, { raw: '$BASE', image: 'node:20', name, argLine: 1 }),
      fromArg(text, { raw: '${BASE}', image: 'node:20', name, argLine: 1 }),
    ];
    const { pinned, both } = pinAndRewrite('Dockerfile', text, occurrences, [
      ['docker.io/library/node:20', D0],
    ]);
    expect(pinned).toBe(`ARG BASE=node:20@${D0}\nFROM $BASE AS a\nFROM \${BASE} AS b\n`);
    expect(both).toBe(
      `ARG BASE=mirror.example.com/library/node:20@${D0}\nFROM $BASE AS a\n` +
        `FROM \${BASE} AS b\n`,
    );
  });

  it('fills a Helm digest field, or makes the tag tag@digest', () => {
    const withDigest = 'image:\n  registry: docker.io\n  repository: toolbox\n  digest: ""\n';
    const a = fromFields(withDigest, 'docker.io/toolbox', {
      registry: find(withDigest, 'docker.io'),
      repository: find(withDigest, 'toolbox'),
      digest: { start: withDigest.length - 2, end: withDigest.length - 2 },
    });
    const first = pinAndRewrite(
      'values.yaml',
      withDigest,
      [a],
      [['docker.io/library/toolbox', D0]],
    );
    expect(first.pinned).toBe(
      `image:\n  registry: docker.io\n  repository: toolbox\n  digest: "${D0}"\n`,
    );
    expect(first.both).toBe(
      `image:\n  registry: mirror.example.com\n  repository: library/toolbox\n  digest: "${D0}"\n`,
    );

    const withTag = 'image:\n  repository: bitnami/nginx\n  tag: "1.25"\n';
    const b = fromFields(withTag, 'bitnami/nginx:1.25', {
      repository: find(withTag, 'bitnami/nginx'),
      tag: find(withTag, '1.25'),
    });
    const second = pinAndRewrite(
      'values.yaml',
      withTag,
      [b],
      [['docker.io/bitnami/nginx:1.25', DF]],
    );
    expect(second.pins.map((e) => [e.line, e.from, e.to])).toEqual([[3, '1.25', `1.25@${DF}`]]);
    expect(second.both).toBe(
      `image:\n  repository: mirror.example.com/bitnami/nginx\n  tag: "1.25@${DF}"\n`,
    );
  });

  it('leaves alone what it cannot or need not pin', () => {
    const text = `image:\n  repository: nginx\n  tag: ""\nother: acme/x@${D0}\n`;
    const noTag = fromFields(text, 'nginx', {
      repository: find(text, 'nginx'),
      tag: { start: text.indexOf('""') + 1, end: text.indexOf('""') + 1 },
    });
    const bare = fromFields(text, 'nginx', { repository: find(text, 'nginx') });
    const pinned = literal(text, `acme/x@${D0}`, { file: 'values.yaml' });
    const notInMap = literal(text, 'acme/x', { file: 'values.yaml' });
    const digests = new Map([
      ['docker.io/library/nginx', DF],
      [`docker.io/acme/x@${D0}`, DF],
    ]);
    expect(planPins([noTag, bare, pinned, notInMap], digests, texts('values.yaml', text))).toEqual(
      [],
    );
  });

  it('gives one edit for occurrences sharing a span, none when they disagree', () => {
    const text = 'x: &img acme/a:1\n';
    const one = literal(text, 'acme/a:1', { file: 'c.yml', fileKind: 'compose', kind: 'compose' });
    const pins = planPins(
      [one, { ...one }],
      new Map([['docker.io/acme/a:1', D0]]),
      texts('c.yml', text),
    );
    expect(pins).toEqual([
      { file: 'c.yml', line: 1, start: 16, end: 16, from: '', to: `@${D0}`, occurrence: one },
    ]);
    const other = { ...one, ref: { ...one.ref, normalized: 'docker.io/acme/b:1' } };
    const digests = new Map([
      ['docker.io/acme/a:1', D0],
      ['docker.io/acme/b:1', DF],
    ]);
    expect(planPins([one, other], digests, texts('c.yml', text))).toEqual([]);
  });

  it('rejects a digest that is not one', () => {
    const text = 'FROM node\n';
    expect(() =>
      planPins(
        [literal(text, 'node')],
        new Map([['docker.io/library/node', 'latest']]),
        texts('Dockerfile', text),
      ),
    ).toThrow('invalid digest "latest" for docker.io/library/node');
  });
});
