import { describe, expect, it } from 'vitest';
import { parseReference } from '../../src/reference/parse.js';
import { applyEdits } from '../../src/rewrite/apply.js';
import { parseMirror, parseRule } from '../../src/rewrite/mirror.js';
import { planRewrite } from '../../src/rewrite/plan.js';
import type { RewriteOptions } from '../../src/rewrite/plan.js';
import type { Occurrence } from '../../src/scan/types.js';
import { find, fromArg, fromFields, literal, texts } from './occurrences.js';

const M = [parseMirror('mirror.example.com')];

function options(file: string, text: string, more: Partial<RewriteOptions> = {}): RewriteOptions {
  return { mirrors: M, rules: [], exclude: [], texts: texts(file, text), ...more };
}

function run(text: string, occurrences: Occurrence[], more: Partial<RewriteOptions> = {}) {
  const file = occurrences[0]?.file ?? 'Dockerfile';
  const plan = planRewrite(occurrences, options(file, text, more));
  return {
    plan,
    after: applyEdits(text, plan.edits),
    skipped: plan.skipped.map((s) => [s.line, s.ref, s.reason]),
  };
}

describe('planRewrite', () => {
  it('gives one edit for an ARG default used by two FROMs', () => {
    const text = 'ARG BASE=node:20\nFROM $BASE AS a\nFROM ${BASE} AS b\n';
    const name = find(text, 'node');
    const occurrences = [
      fromArg(text, { raw: '$BASE', image: 'node:20', name, argLine: 1 }),
      fromArg(text, { raw: '${BASE}', image: 'node:20', name, argLine: 1 }),
    ];
    const { plan, after } = run(text, occurrences);
    expect(plan.edits).toEqual([
      {
        file: 'Dockerfile',
        line: 1,
        start: 9,
        end: 13,
        from: 'node',
        to: 'mirror.example.com/library/node',
        occurrence: occurrences[0],
      },
    ]);
    expect(plan.skipped).toEqual([]);
    expect(after).toBe(
      'ARG BASE=mirror.example.com/library/node:20\nFROM $BASE AS a\nFROM ${BASE} AS b\n',
    );
  });

  it('leaves a shared ARG default alone when one of its users is excluded', () => {
    const text = 'ARG IMG=node\nARG T=20\nFROM $IMG:$T\nFROM $IMG:18\n';
    const name = find(text, 'node');
    const occurrences = [
      fromArg(text, { raw: '$IMG:$T', image: 'node:20', name, argLine: 1 }),
      fromArg(text, { raw: '$IMG:18', image: 'node:18', name, argLine: 1 }),
    ];
    const { after, skipped } = run(text, occurrences, { exclude: ['node:18'] });
    expect(after).toBe(text);
    expect(skipped).toEqual([
      [3, 'node:20', 'its name text is shared with "node:18" (line 4), which is not rewritten'],
      [4, 'node:18', 'excluded by pattern node:18'],
    ]);
  });

  it('skips both maps when an anchored repository would get two different names', () => {
    const text =
      'a:\n  registry: docker.io\n  repository: &r acme/app\n' +
      'b:\n  registry: quay.io\n  repository: *r\n';
    const repository = find(text, 'acme/app');
    const a = fromFields(text, 'docker.io/acme/app', {
      registry: find(text, 'docker.io'),
      repository,
    });
    const b = fromFields(text, 'quay.io/acme/app', { registry: find(text, 'quay.io'), repository });
    const mirrors = [parseMirror('gitlab:gitlab.com/g')];
    const rules = [parseRule('quay.io=mirror.corp/quay')];
    const { after, skipped } = run(text, [a, b], { mirrors, rules });
    expect(after).toBe(text);
    const reason =
      'conflicting rewrites of one name: "g/dependency_proxy/containers/acme/app" or ' +
      '"quay/acme/app"';
    expect(skipped).toEqual([
      [2, 'docker.io/acme/app', reason],
      [5, 'quay.io/acme/app', reason],
    ]);
    // Without the rule, b is skipped, so a may not edit the shared repository either.
    const alone = run(text, [a, b], { mirrors });
    expect(alone.after).toBe(text);
    expect(alone.skipped).toEqual([
      [
        2,
        'docker.io/acme/app',
        'its name text is shared with "quay.io/acme/app" (line 5), which is not rewritten',
      ],
      [5, 'quay.io/acme/app', 'not Docker Hub'],
    ]);
    // With the plain mirror the repository text stays, so only a's registry changes.
    expect(run(text, [a, b]).after).toBe(text.replace('docker.io', 'mirror.example.com'));
  });

  it('skips occurrences whose edits would overlap', () => {
    const text = 'FROM acme/app\n';
    const whole = literal(text, 'acme/app');
    const inner: Occurrence = { ...literal(text, 'app'), nameSpan: find(text, 'app') };
    const { after, skipped } = run(text, [whole, inner]);
    expect(after).toBe(text);
    expect(skipped).toEqual([
      [1, 'acme/app', 'its edit overlaps the edit of line 1'],
      [1, 'app', 'its edit overlaps the edit of line 1'],
    ]);
  });

  it('reports the name problem when the name is not in one place', () => {
    const text = 'ARG REG=docker.io\nFROM $REG/node:20\nFROM ${X}\n';
    const split: Occurrence = {
      ...fromArg(text, {
        raw: '$REG/node:20',
        image: 'docker.io/node:20',
        name: find(text, 'node'),
        argLine: 1,
      }),
      nameSpan: undefined,
      nameProblem: 'the name is built from ARG REG and literal text',
    };
    const bare: Occurrence = { ...split, nameProblem: undefined, line: 3 };
    const { after, skipped } = run(text, [split, bare]);
    expect(after).toBe(text);
    expect(skipped).toEqual([
      [2, 'docker.io/node:20', 'the name is built from ARG REG and literal text'],
      [3, 'docker.io/node:20', 'the image name is not written in one editable place'],
    ]);
  });

  it('refuses a name span that does not hold the name', () => {
    const text = 'FROM node:20\n';
    const wrong: Occurrence = { ...literal(text, 'node:20'), nameSpan: find(text, 'node:20') };
    const outside: Occurrence = { ...literal(text, 'node:20'), nameSpan: { start: 5, end: 99 } };
    expect(run(text, [wrong, outside]).skipped).toEqual([
      [1, 'node:20', 'name text "node:20" does not spell docker.io/library/node'],
      [1, 'node:20', 'Dockerfile:1: span 5-99 of "node:20" lies outside the file (13 characters)'],
    ]);
  });

  it('excludes by familiar or normalized name, with or without tag', () => {
    const refs = [
      'node:18',
      'node:20',
      'acme/app:1',
      'acme/tool:2',
      'ghcr.io/acme/x:3',
      `busybox@sha256:${'a'.repeat(64)}`,
      'python:3.12',
    ];
    const text = refs.map((r) => `FROM ${r}\n`).join('');
    const occurrences = refs.map((r) => literal(text, r));
    const exclude = ['node:18', 'acme/a*', 'docker.io/library/busybox', 'docker.io/*:3.12'];
    const { after, skipped } = run(text, occurrences, { exclude });
    expect(after).toBe(
      'FROM node:18\nFROM mirror.example.com/library/node:20\nFROM acme/app:1\n' +
        'FROM mirror.example.com/acme/tool:2\nFROM ghcr.io/acme/x:3\n' +
        `FROM busybox@sha256:${'a'.repeat(64)}\nFROM python:3.12\n`,
    );
    expect(skipped).toEqual([
      [1, 'node:18', 'excluded by pattern node:18'],
      [3, 'acme/app:1', 'excluded by pattern acme/a*'],
      [5, 'ghcr.io/acme/x:3', 'not Docker Hub'],
      [6, `busybox@sha256:${'a'.repeat(64)}`, 'excluded by pattern docker.io/library/busybox'],
      [7, 'python:3.12', 'excluded by pattern docker.io/*:3.12'],
    ]);
  });

  it('treats a syntax directive like any other reference', () => {
    const text = '# syntax=docker/dockerfile:1.7\nFROM scratch\n';
    const { after } = run(text, [literal(text, 'docker/dockerfile:1.7', { kind: 'syntax' })]);
    expect(after).toBe('# syntax=mirror.example.com/docker/dockerfile:1.7\nFROM scratch\n');
  });

  it('writes the whole new name into a repository field when there is no registry field', () => {
    const text = 'image:\n  repository: "bitnami/nginx"\n  tag: 1.25\n';
    const occurrence = fromFields(text, 'bitnami/nginx:1.25', {
      repository: find(text, 'bitnami/nginx'),
      tag: find(text, '1.25'),
    });
    expect(run(text, [occurrence]).after).toBe(
      'image:\n  repository: "mirror.example.com/bitnami/nginx"\n  tag: 1.25\n',
    );
    const ecr = run(text, [occurrence], { mirrors: [parseMirror('ecr-public')] });
    expect(ecr.after).toBe(text);
    expect(ecr.skipped).toEqual([
      [2, 'bitnami/nginx:1.25', 'ECR Public mirrors only Docker Official Images (library/…)'],
    ]);
  });

  it('splits the new name over registry and repository fields', () => {
    const text = 'image:\n  registry: ""\n  repository: node\n';
    const occurrence = fromFields(text, 'node', {
      registry: { start: 20, end: 20 },
      repository: find(text, 'node'),
    });
    expect(run(text, [occurrence], { mirrors: [parseMirror('gitlab:gl.corp/g')] }).after).toBe(
      'image:\n  registry: "gl.corp"\n  repository: g/dependency_proxy/containers/node\n',
    );
  });

  it('keeps a docker:// prefix, CRLF, a BOM and a missing final newline', () => {
    const text = '\uFEFFFROM node:20\r\nRUN echo hi\r\n\r\nFROM acme/app';
    const { after } = run(text, [literal(text, 'node:20'), literal(text, 'acme/app')]);
    expect(after).toBe(
      '\uFEFFFROM mirror.example.com/library/node:20\r\nRUN echo hi\r\n\r\n' +
        'FROM mirror.example.com/acme/app',
    );
    const uses = '      - uses: docker://acme/linter:42.32.0\r\n';
    const site = { file: 'ci.yml', fileKind: 'workflow', kind: 'workflow-uses' } as const;
    expect(run(uses, [literal(uses, 'acme/linter:42.32.0', site)]).after).toBe(
      '      - uses: docker://mirror.example.com/acme/linter:42.32.0\r\n',
    );
  });

  it('sorts edits by file and offset and keeps each file apart', () => {
    const a = 'FROM b:1\nFROM a:1\n';
    const b = 'FROM c:1\n';
    const occurrences = [
      literal(b, 'c:1', { file: 'b/Dockerfile' }),
      literal(a, 'a:1', { file: 'a/Dockerfile' }),
      literal(a, 'b:1', { file: 'a/Dockerfile' }),
    ];
    const plan = planRewrite(occurrences, {
      mirrors: M,
      rules: [],
      exclude: [],
      texts: new Map([
        ['a/Dockerfile', a],
        ['b/Dockerfile', b],
      ]),
    });
    expect(plan.edits.map((e) => `${e.file}:${e.line}:${e.start}`)).toEqual([
      'b/Dockerfile:1:5',
      'a/Dockerfile:1:5',
      'a/Dockerfile:2:14',
    ]);
  });

  it('throws when a file text is missing', () => {
    const text = 'FROM node\n';
    expect(() =>
      planRewrite([literal(text, 'node')], {
        mirrors: M,
        rules: [],
        exclude: [],
        texts: new Map(),
      }),
    ).toThrow('no text given for "Dockerfile"');
  });

  it('is idempotent on its own output for every preset and rule', () => {
    const refs = ['node', 'acme/app:1', 'shelf/a/b:2', 'quay.io/x/y:3', 'ghcr.io/acme/z'];
    const specs = [
      'mirror.gcr.io',
      'ecr-public',
      'ecr:123456789012.dkr.ecr.us-east-1.amazonaws.com',
      'harbor:h.corp/hub',
      'gitlab:gitlab.com/g',
      'artifactory:a.jfrog.io/remote',
      'localhost:5000',
    ];
    const rules = [parseRule('quay.io=m.corp/quay'), parseRule('ghcr.io/acme=m.corp/acme')];
    for (const spec of specs) {
      const text = refs.map((r) => `FROM ${r}\n`).join('');
      const build = (t: string) => refLines(t).map((r) => literal(t, r));
      const mirrors = [parseMirror(spec)];
      const first = run(text, build(text), { mirrors, rules });
      expect(first.plan.edits.length, spec).toBeGreaterThan(2);
      const second = run(first.after, build(first.after), { mirrors, rules });
      expect(second.plan.edits, spec).toEqual([]);
      expect(second.after, spec).toBe(first.after);
      const firstReasons = new Map(first.plan.skipped.map((s) => [s.line, s.reason]));
      for (const s of second.plan.skipped) {
        const expected = firstReasons.get(s.line) ?? 'already on the mirror';
        expect(s.reason, `${spec} ${s.ref}`).toBe(expected);
      }
      expect(second.plan.skipped.length, spec).toBe(refs.length);
    }
  });
});

/** The references of a Dockerfile made of `FROM <ref>` lines. */
function refLines(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.slice('FROM '.length));
}

describe('mirrored names', () => {
  it('read back as names on the mirror host, never as Docker Hub names', () => {
    const specs = [
      'mirror.gcr.io',
      'ecr-public',
      'ecr:123456789012.dkr.ecr.us-east-1.amazonaws.com/x/y',
      'harbor:h.corp/hub',
      'gitlab:gitlab.com/g/sub',
      'artifactory:a.jfrog.io/remote',
      'localhost:5000',
      '[::1]:5000/m',
    ];
    for (const spec of specs) {
      const text = 'FROM node:20\n';
      const { after } = run(text, [literal(text, 'node:20')], { mirrors: [parseMirror(spec)] });
      const ref = parseReference(after.slice(5, -1));
      expect(ref.isDockerHub, spec).toBe(false);
      expect(ref.registry, spec).toBe(parseMirror(spec).base.host);
      expect(ref.tag, spec).toBe('20');
    }
  });
});
