import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extractDockerfile,
  extractDockerfileWith,
  SCRATCH_REASON,
} from '../../../src/scan/dockerfile/extract.js';
import type { Occurrence } from '../../../src/scan/types.js';

function extract(text: string) {
  return extractDockerfile(text, 'app/Dockerfile');
}

function only(text: string): Occurrence {
  const { occurrences, problems } = extract(text);
  expect(problems).toEqual([]);
  expect(occurrences.length).toBe(1);
  return occurrences[0] as Occurrence;
}

function nameText(text: string, o: Occurrence): string | undefined {
  return o.nameSpan === undefined ? undefined : text.slice(o.nameSpan.start, o.nameSpan.end);
}

describe('FROM with global ARGs', () => {
  it('puts the name span inside a quoted ARG default, quotes excluded', () => {
    const text = 'ARG BASE="node:20"\nFROM ${BASE}\n';
    const o = only(text);
    expect([o.image, o.raw, o.line, o.column, o.derivation]).toEqual([
      'node:20',
      '${BASE}',
      2,
      6,
      'arg',
    ]);
    expect(o.span).toEqual({ start: 24, end: 31 });
    expect(o.nameSpan).toEqual({ start: 10, end: 14 });
    expect(o.argLines).toEqual([1]);
    expect(o.ref.normalized).toBe('docker.io/library/node:20');
  });

  it('puts the name span before the tag of an ARG default', () => {
    const text = 'ARG BASE=ghcr.io/acme/node:20-alpine\nFROM $BASE AS build\n';
    const o = only(text);
    expect(o.image).toBe('ghcr.io/acme/node:20-alpine');
    expect(nameText(text, o)).toBe('ghcr.io/acme/node');
    expect(o.nameSpan).toEqual({ start: 9, end: 26 });
  });

  it('finds the name in an ARG default that feeds another ARG through a modifier', () => {
    const text = 'ARG V\nARG IMG=node:${V:-18}\nFROM $IMG\n';
    const o = only(text);
    expect(o.image).toBe('node:18');
    expect(o.argLines).toEqual([1, 2]);
    expect(nameText(text, o)).toBe('node');
    expect(o.nameSpan?.start).toBe(14);
  });

  it('has no name span when the name is assembled from several pieces', () => {
    const text = 'ARG REGISTRY=ghcr.io\nFROM ${REGISTRY}/acme/base:1\n';
    const o = only(text);
    expect(o.image).toBe('ghcr.io/acme/base:1');
    expect(o.nameSpan).toBeUndefined();
    expect(o.nameProblem).toBe(
      'the image name "ghcr.io/acme/base" is assembled from several pieces of text ' +
        '(lines 1, 2); edit it by hand',
    );
  });

  it('has no name span when a build argument replaces the default', () => {
    const text = 'ARG BASE=node:20\nFROM $BASE\n';
    const result = extractDockerfileWith(text, 'Dockerfile', { buildArgs: { BASE: 'python:3' } });
    const [o] = result.occurrences;
    expect(o?.image).toBe('python:3');
    expect(o?.nameSpan).toBeUndefined();
    expect(o?.nameProblem).toBe(
      'the image name "python" is computed (build argument or ${…} substitution), ' +
        'not written in this file',
    );
  });

  it('reports FROM $X without a default instead of guessing', () => {
    for (const text of ['FROM $X\n', 'ARG X\nFROM $X\n', 'ARG X\nFROM ${X}:1\n']) {
      const { occurrences, problems } = extract(text);
      expect(occurrences).toEqual([]);
      expect(problems.length).toBe(1);
      expect(problems[0]?.message).toMatch(/\$X is not set by a default; cannot resolve$/);
      expect(problems[0]?.file).toBe('app/Dockerfile');
      expect(problems[0]?.line).toBe(text.startsWith('ARG') ? 2 : 1);
    }
  });

  it('reports a FROM that depends on builder platform variables', () => {
    const { occurrences, problems } = extract('FROM acme/tool:${TARGETARCH}\n');
    expect(occurrences).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      'FROM "acme/tool:${TARGETARCH}": it depends on TARGETARCH, which the builder sets; ' +
        'cannot resolve',
    ]);
  });

  it('ignores stage-local ARGs and ARG-valued scratch', () => {
    expect(extract('ARG B=scratch\nFROM $B\nARG C=alpine\n')).toEqual({
      occurrences: [],
      problems: [],
      notImages: [{ file: 'app/Dockerfile', line: 2, text: '$B', reason: SCRATCH_REASON }],
    });
  });
});

describe('FROM problems', () => {
  it('names the line and the quoted value of an invalid reference', () => {
    const { occurrences, problems } = extract('FROM alpine\nFROM Alpine:3\n');
    expect(occurrences.map((o) => o.image)).toEqual(['alpine']);
    expect(problems.length).toBe(1);
    expect(problems[0]?.line).toBe(2);
    expect(problems[0]?.column).toBe(6);
    expect(problems[0]?.message).toContain('"Alpine:3"');
  });

  it('gives one problem and no occurrences for a file that does not parse', () => {
    expect(extract('FROM a\nENV PATH\nFROM b\n')).toEqual({
      occurrences: [],
      problems: [
        {
          file: 'app/Dockerfile',
          line: 2,
          message: 'Dockerfile parse error on line 2: ENV must have two arguments',
        },
      ],
    });
  });

  it('reports an instruction before the first FROM and unknown flags, and keeps going', () => {
    const { occurrences, problems } = extract('RUN x\nFROM --pull=always alpine:3\n');
    expect(occurrences.map((o) => o.image)).toEqual(['alpine:3']);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [1, 'RUN before the first FROM: no build stage in current context'],
      [2, '"FROM --pull=always alpine:3": unknown flag: pull'],
    ]);
  });

  it('handles a lower-case from with a stage that a later from uses', () => {
    const text = 'from node:20 as Build\nfrom build\ncopy --from=BUILD /a /b\n';
    const o = only(text);
    expect([o.image, o.line, o.kind]).toEqual(['node:20', 1, 'from']);
  });
});

describe('COPY --from and RUN --mount from=', () => {
  it('keeps the quotes of a quoted --from in raw and finds the name inside', () => {
    const text = 'FROM a\nCOPY --from="nginx:1.25" /etc/nginx /etc/nginx\n';
    const o = extract(text).occurrences[1] as Occurrence;
    expect([o.kind, o.image, o.raw, o.line, o.column]).toEqual([
      'copy-from',
      'nginx:1.25',
      '"nginx:1.25"',
      2,
      13,
    ]);
    expect(nameText(text, o)).toBe('nginx');
  });

  it('does not treat ADD --from or ONBUILD COPY --from as pulls', () => {
    const text = 'FROM a\nADD --from=busybox /x /y\nONBUILD COPY --from=golang:1 /g /g\n';
    expect(extract(text).occurrences.map((o) => o.image)).toEqual(['a']);
  });

  it('finds mount images in plain and quoted CSV', () => {
    const text =
      'FROM a\n' +
      'RUN --mount=type=bind,from=busybox:1.36,target=/b \\\n' +
      '    --mount=\'type=cache,"from=alpine:3",target=/c\' ls\n';
    const mounts = extract(text).occurrences.filter((o) => o.kind === 'mount-from');
    expect(mounts.map((o) => [o.image, o.raw, o.line, nameText(text, o)])).toEqual([
      ['busybox:1.36', 'busybox:1.36', 2, 'busybox'],
      ['alpine:3', 'alpine:3', 3, 'alpine'],
    ]);
  });

  it('skips stage names, indexes, scratch and tmpfs mounts', () => {
    const text =
      'FROM golang AS build\nFROM alpine\n' +
      'RUN --mount=from=BUILD,target=/x --mount=from=0,target=/y ls\n' +
      'RUN --mount=type=tmpfs,from=redis,target=/t --mount=type=cache,target=/c ls\n' +
      'COPY --from=scratch / /\n';
    const { occurrences, problems } = extract(text);
    expect(occurrences.map((o) => o.image)).toEqual(['golang', 'alpine']);
    expect(problems).toEqual([]);
  });

  it('reports a mount value that is not CSV', () => {
    const { problems } = extract("FROM a\nRUN --mount='from=a\"b,target=/x' ls\n");
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, '"--mount=from=a\\"b,target=/x": failed to parse csv mounts: bare " in non-quoted-field'],
    ]);
  });
});

describe('syntax directive', () => {
  it('is an occurrence of kind syntax with the first word of the value', () => {
    const text = '# syntax=docker/dockerfile:1.7@sha256:' + 'ab'.repeat(32) + ' x=1\nFROM a\n';
    const o = extract(text).occurrences[0] as Occurrence;
    expect([o.kind, o.line, o.column, o.ref.pinned]).toEqual(['syntax', 1, 10, true]);
    expect(o.raw).toBe('docker/dockerfile:1.7@sha256:' + 'ab'.repeat(32));
    expect(nameText(text, o)).toBe('docker/dockerfile');
  });

  it('reports an invalid frontend reference', () => {
    const { occurrences, problems } = extract('# syntax=Docker/Dockerfile\nFROM a\n');
    expect(occurrences.map((o) => o.kind)).toEqual(['from']);
    expect(problems.map((p) => p.line)).toEqual([1]);
    expect(problems[0]?.message).toContain('"Docker/Dockerfile"');
  });
});

describe('escape directive and line endings', () => {
  it('reads Windows paths with the backtick escape and CRLF', () => {
    const text = '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 `\r\n  AS b\r\n';
    const o = only(text);
    expect(o.raw).toBe('mcr.microsoft.com/windows/servercore:ltsc2022');
    expect(o.span).toEqual({ start: 17, end: 62 });
    expect(nameText(text, o)).toBe('mcr.microsoft.com/windows/servercore');
  });
});

const TOKENS = [
  'FROM ',
  'from ',
  'ARG ',
  'COPY ',
  'RUN ',
  '--from=',
  '--mount=',
  'type=bind,from=',
  ' AS ',
  'base',
  'alpine',
  ':3.19',
  '@sha256:' + '0'.repeat(64),
  'ghcr.io/',
  'acme/',
  '$',
  '${',
  '}',
  'B',
  '=',
  ':-',
  '"',
  "'",
  '\\',
  '`',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '<<EOF',
  'EOF',
  '# escape=`\n',
  '# syntax=',
  '#',
  '[',
  ']',
  '\ufeff',
];

describe('robustness', () => {
  it('never throws, and every span and name span matches the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const { occurrences } = extract(text);
        for (const o of occurrences) {
          expect(text.slice(o.span.start, o.span.end)).toBe(o.raw);
          if (o.nameSpan !== undefined) {
            const name = text.slice(o.nameSpan.start, o.nameSpan.end);
            expect(o.image.startsWith(name)).toBe(true);
          } else {
            expect(o.nameProblem).toBeTypeOf('string');
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
