import { describe, expect, it } from 'vitest';
import { dockerRef } from '../../../src/reference/parse.js';
import { extractDockerfile, extractDockerfileWith } from '../../../src/scan/dockerfile/extract.js';
import type { ExtractResult, Occurrence } from '../../../src/scan/types.js';
import { readJsonl } from '../../support/corpus.js';

interface ExpectedImage {
  image: string;
  raw?: string;
  line: number;
  instruction_line?: number;
  arg_lines?: number[];
  kind: 'from' | 'copy-from' | 'mount-from';
  default_target_reachable?: boolean;
  normalized: string;
}

interface DockerfileCase {
  id: string;
  dockerfile_text: string;
  build_args?: Record<string, string>;
  expected_external_images: ExpectedImage[];
  other_image_mentions?: { image: string; line: number; kind: string }[];
  expected_build_error: string | null;
  notes: string;
}

interface BugCase {
  id: string;
  category: string;
  input: string;
  expected: string;
}

const CASES = await readJsonl<DockerfileCase>('dockerfile-cases.jsonl');
const BUGS = new Map(
  (await readJsonl<BugCase>('bug-cases.jsonl')).map((c): [string, BugCase] => [c.id, c]),
);

function run(c: DockerfileCase): ExtractResult {
  return extractDockerfileWith(c.dockerfile_text, 'Dockerfile', { buildArgs: c.build_args });
}

/** The text a name span covers. */
function nameText(text: string, o: Occurrence): string | undefined {
  return o.nameSpan === undefined ? undefined : text.slice(o.nameSpan.start, o.nameSpan.end);
}

describe('dockerfile-cases.jsonl', () => {
  it('has 37 cases', () => {
    expect(CASES.length).toBe(37);
  });

  it.each(CASES)('$id: expected external images', (c) => {
    const images = run(c).occurrences.filter((o) => o.kind !== 'syntax');
    expect(
      images.map((o) => ({
        image: o.image,
        line: o.line,
        kind: o.kind,
        normalized: dockerRef(o.ref),
      })),
    ).toEqual(
      c.expected_external_images.map((e) => ({
        image: e.image,
        line: e.line,
        kind: e.kind,
        normalized: e.normalized,
      })),
    );
    c.expected_external_images.forEach((e, i) => {
      const o = images[i];
      expect(o?.raw).toBe(e.raw ?? e.image);
      expect(o?.argLines ?? []).toEqual(e.arg_lines ?? []);
      expect(o?.derivation).toBe((e.raw ?? e.image).includes('$') ? 'arg' : 'literal');
      expect(c.dockerfile_text.slice(o?.span.start, o?.span.end)).toBe(o?.raw);
    });
  });

  it.each(CASES)('$id: syntax directive and other mentions', (c) => {
    const syntax = run(c).occurrences.filter((o) => o.kind === 'syntax');
    const mentioned = (c.other_image_mentions ?? []).filter((m) => m.kind === 'syntax-directive');
    expect(syntax.map((o) => ({ image: o.image, line: o.line }))).toEqual(
      mentioned.map((m) => ({ image: m.image, line: m.line })),
    );
  });

  it.each(CASES)('$id: problems exactly when BuildKit fails', (c) => {
    const { problems } = run(c);
    if (c.expected_build_error === null) expect(problems).toEqual([]);
    else expect(problems.length).toBeGreaterThan(0);
  });

  it('names the error BuildKit names where the wording is the same', () => {
    const message = (id: string): string =>
      run(CASES.find((c) => c.id === id) as DockerfileCase)
        .problems.map((p) => p.message)
        .join('\n');
    for (const id of ['df-028', 'df-029', 'df-030', 'df-034', 'df-043', 'df-044', 'df-045']) {
      const c = CASES.find((x) => x.id === id) as DockerfileCase;
      expect(message(id)).toContain(c.expected_build_error);
    }
    expect(message('df-012')).toBe(
      'FROM "busybox:${TAG}" expands to "busybox:": $TAG is not set by a default; cannot resolve',
    );
    expect(message('df-040')).toBe('unknown instruction: "b"');
  });

  it('df-013 without its build argument is df-012: no image, one problem', () => {
    const c = CASES.find((x) => x.id === 'df-013') as DockerfileCase;
    const result = extractDockerfile(c.dockerfile_text, 'Dockerfile');
    expect(result.occurrences).toEqual([]);
    expect(result.problems.map((p) => p.line)).toEqual([2]);
  });

  it('df-037: the image on line 3 of a continued FROM has its exact span', () => {
    const c = CASES.find((x) => x.id === 'df-037') as DockerfileCase;
    const [o] = run(c).occurrences;
    expect(o?.span).toEqual({ start: 40, end: 56 });
    expect(o?.column).toBe(5);
    expect(nameText(c.dockerfile_text, o as Occurrence)).toBe('python');
  });

  it('df-048: BOM and CRLF keep offsets exact', () => {
    const c = CASES.find((x) => x.id === 'df-048') as DockerfileCase;
    const [o] = run(c).occurrences;
    expect(o?.span).toEqual({ start: 6, end: 17 });
    expect(o?.nameSpan).toEqual({ start: 6, end: 12 });
    expect(o?.column).toBe(7);
  });

  it('df-050: a quoted FROM keeps its quotes in raw and not in the name span', () => {
    const c = CASES.find((x) => x.id === 'df-050') as DockerfileCase;
    const [o] = run(c).occurrences;
    expect(o?.raw).toBe('"alpine:3.19"');
    expect(o?.nameSpan).toEqual({ start: 6, end: 12 });
  });

  it('df-005 and df-008: the literal name next to ${VAR} is the name span', () => {
    for (const id of ['df-005', 'df-008']) {
      const c = CASES.find((x) => x.id === id) as DockerfileCase;
      const [o] = run(c).occurrences;
      expect(nameText(c.dockerfile_text, o as Occurrence)).toBe(
        id === 'df-005' ? 'node' : 'golang',
      );
      expect(o?.nameSpan?.start).toBe(o?.span.start);
    }
  });

  it('df-007: a name assembled from two ARGs has no name span, and says why', () => {
    const c = CASES.find((x) => x.id === 'df-007') as DockerfileCase;
    const [o] = run(c).occurrences;
    expect(o?.nameSpan).toBeUndefined();
    expect(o?.nameProblem).toBe(
      'the image name "ghcr.io/acme/base" is assembled from several pieces of text ' +
        '(lines 1, 2); edit it by hand',
    );
  });
});

/** Applies replacements of spans (end first, so earlier offsets stay valid). */
function applyEdits(text: string, edits: { start: number; end: number; text: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return out;
}

/** Rewrites Docker Hub names at their name spans to `mirror.example.com/<repository>`. */
function mirrorRewrite(text: string): string {
  const { occurrences } = extractDockerfile(text, 'Dockerfile');
  const edits = occurrences
    .filter((o) => o.ref.isDockerHub)
    .map((o) => {
      if (o.nameSpan === undefined) throw new Error(`no name span at line ${o.line}`);
      return { ...o.nameSpan, text: `mirror.example.com/${o.ref.repository}` };
    });
  return applyEdits(text, edits);
}

function line(text: string, n: number): string {
  return text.split('\n')[n - 1] ?? '';
}

function summary(text: string): [number, string, string][] {
  return extractDockerfile(text, 'Dockerfile').occurrences.map((o) => [o.line, o.kind, o.raw]);
}

describe('bug-cases.jsonl (Dockerfile cases)', () => {
  const input = (id: string): string => BUGS.get(id)?.input ?? '';

  it('case-01: COPY --from=<image> is found; stage names, indexes and scratch are not', () => {
    const text = input('case-01');
    expect(summary(text)).toEqual([
      [1, 'from', 'acme/base:3.18'],
      [4, 'copy-from', 'acme/certdump:v2.7.0'],
    ]);
    expect(extractDockerfile(text, 'Dockerfile').problems).toEqual([]);
    const out = mirrorRewrite(text);
    expect(line(out, 1)).toBe('FROM mirror.example.com/acme/base:3.18 AS build');
    expect(line(out, 4)).toBe(
      'COPY --from=mirror.example.com/acme/certdump:v2.7.0 /usr/bin/certdump /usr/bin/certdump',
    );
    const others = [2, 3, 5, 6, 7];
    for (const n of others) expect(line(out, n)).toBe(line(text, n));
  });

  it('case-02: a comment right after a heredoc terminator does not stop the scan', () => {
    const text = input('case-02');
    expect(summary(text)).toEqual([
      [1, 'from', 'shell:3.17'],
      [6, 'from', 'acme/app:1.0'],
    ]);
    const out = mirrorRewrite(text);
    expect(line(out, 1)).toBe('FROM mirror.example.com/library/shell:3.17 AS tools');
    expect(line(out, 6)).toBe('FROM mirror.example.com/acme/app:1.0');
    for (const n of [2, 3, 4, 5, 7]) expect(line(out, n)).toBe(line(text, n));
  });

  it('case-03: stage names are case-insensitive in COPY --from and lowercase in FROM', () => {
    const text = input('case-03');
    expect(summary(text)).toEqual([[1, 'from', 'acme/os:14.04']]);
    const out = mirrorRewrite(text);
    expect(line(out, 1)).toBe('FROM mirror.example.com/acme/os:14.04 AS BASE');
    expect(line(out, 2)).toBe(line(text, 2));
    expect(line(out, 3)).toBe(line(text, 3));
  });

  it('case-05: a first component without . or : is a Docker Hub namespace', () => {
    const text = input('case-05');
    const found = extractDockerfile(text, 'Dockerfile').occurrences;
    expect(found.map((o) => [o.line, o.ref.registry, o.ref.repository, o.ref.tag])).toEqual([
      [1, 'docker.io', 'shelf/acme/app', '1.0'],
      [2, 'localhost', 'acme/app', '1.0'],
      [3, 'registry.example.com', 'acme/app', '1.0'],
    ]);
    const out = mirrorRewrite(text);
    expect(out.split('\n').slice(0, 3)).toEqual([
      'FROM mirror.example.com/shelf/acme/app:1.0',
      'FROM localhost/acme/app:1.0',
      'FROM registry.example.com/acme/app:1.0',
    ]);
  });

  it('case-06: tag plus digest, and digest only', () => {
    const text = input('case-06');
    const found = extractDockerfile(text, 'Dockerfile').occurrences;
    const d1 = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    const d2 = 'sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210';
    expect(
      found.map((o) => [o.line, o.ref.repository, o.ref.tag, o.ref.digest, o.ref.pinned]),
    ).toEqual([
      [1, 'library/lang', '2.5', d1, true],
      [2, 'acme/tool', undefined, d2, true],
    ]);
    expect(found.map((o) => nameText(text, o))).toEqual(['lang', 'acme/tool']);
    const out = mirrorRewrite(text);
    expect(line(out, 1)).toBe(`FROM mirror.example.com/library/lang:2.5@${d1}`);
    expect(line(out, 2)).toBe(`FROM mirror.example.com/acme/tool@${d2}`);
  });

  it('case-07: --platform is a flag, never the image', () => {
    const text = input('case-07');
    expect(summary(text)).toEqual([
      [1, 'from', 'toolchain:1.23.8-bookworm'],
      [3, 'from', 'acme/runtime:latest'],
    ]);
    const out = mirrorRewrite(text);
    expect(line(out, 1)).toBe(
      'FROM --platform=linux/amd64 mirror.example.com/library/toolchain:1.23.8-bookworm AS build',
    );
    expect(line(out, 3)).toBe(
      'FROM --platform=$BUILDPLATFORM mirror.example.com/acme/runtime:latest',
    );
  });

  it('case-08: spans of several references allow every edit to land', () => {
    const text = input('case-08');
    const digests = new Map([
      ['acme/base:1.0', 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
      ['runtime:2.0', 'sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210'],
    ]);
    const found = extractDockerfile(text, 'Dockerfile').occurrences;
    const pinned = applyEdits(
      text,
      found.map((o) => ({ ...o.span, text: `${o.raw}@${digests.get(o.raw) ?? ''}` })),
    );
    expect(line(pinned, 1)).toBe(`FROM acme/base:1.0@${digests.get('acme/base:1.0')} AS build`);
    expect(line(pinned, 2)).toBe('RUN make');
    expect(line(pinned, 3)).toBe(`FROM runtime:2.0@${digests.get('runtime:2.0')}`);
    const both = applyEdits(
      text,
      found.map((o) => ({
        ...o.span,
        text: `mirror.example.com/${o.ref.repository}:${o.ref.tag}@${digests.get(o.raw) ?? ''}`,
      })),
    );
    expect(line(both, 1)).toBe(
      `FROM mirror.example.com/acme/base:1.0@${digests.get('acme/base:1.0')} AS build`,
    );
    expect(line(both, 3)).toBe(
      `FROM mirror.example.com/library/runtime:2.0@${digests.get('runtime:2.0')}`,
    );
  });
});
