import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/rewrite/apply.js';
import { parseMirror } from '../../src/rewrite/mirror.js';
import { planPins, planRewrite } from '../../src/rewrite/plan.js';
import type { Occurrence } from '../../src/scan/types.js';
import { readJsonl } from '../support/corpus.js';
import { find, fromFields, literal, texts } from './occurrences.js';

interface BugCase {
  id: string;
  file_name: string;
  input: string;
  expected: string;
}

const D0 = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const DF = 'sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210';

let cases: Map<string, BugCase>;
beforeAll(async () => {
  cases = new Map((await readJsonl<BugCase>('bug-cases.jsonl')).map((c) => [c.id, c]));
});

function bug(id: string): BugCase {
  const c = cases.get(id);
  if (c === undefined) throw new Error(`${id} missing from bug-cases.jsonl`);
  return c;
}

/**
 * The `line N -> \`text\`` (or `Line N: … -> rewrite \`text\``) pairs of an expectation.
 * YAML expectations may leave out the indentation, so `text` is compared without it.
 */
function expectedLines(paragraph: string): Map<number, string> {
  const lines = new Map<number, string>();
  for (const m of paragraph.matchAll(/line (\d+)(?::[^\n]*?)? -> (?:rewrite )?`([^`]*)`/gi)) {
    lines.set(Number(m[1]), m[2] as string);
  }
  if (lines.size === 0) throw new Error(`no expected lines in ${JSON.stringify(paragraph)}`);
  return lines;
}

/** The input with the given (1-based) lines replaced, indentation kept; all else as it was. */
function withLines(input: string, lines: Map<number, string>): string {
  const out = input.split('\n');
  for (const [n, text] of lines) {
    const indent = /^\s*/.exec(out[n - 1] ?? '')?.[0] ?? '';
    out[n - 1] = indent + text.trimStart();
  }
  return out.join('\n');
}

const mirror = [parseMirror('mirror.example.com')];

function rewrite(c: BugCase, occurrences: Occurrence[]) {
  const plan = planRewrite(occurrences, {
    mirrors: mirror,
    rules: [],
    exclude: [],
    texts: texts(c.file_name, c.input),
  });
  return { plan, after: applyEdits(c.input, plan.edits) };
}

/** Rewrites the output again from freshly built occurrences: nothing may change. */
function secondRun(file: string, after: string, build: (text: string) => Occurrence[]) {
  const plan = planRewrite(build(after), {
    mirrors: mirror,
    rules: [],
    exclude: [],
    texts: texts(file, after),
  });
  expect(plan.edits).toEqual([]);
  expect(new Set(plan.skipped.map((s) => s.reason))).toEqual(new Set(['already on the mirror']));
}

describe('bug cases at the level of planned edits', () => {
  it('case-01: COPY --from=<image> is rewritten, with FROM; nothing else', () => {
    const c = bug('case-01');
    const build = (t: string) => [
      literal(t, t.includes('mirror') ? 'mirror.example.com/acme/base:3.18' : 'acme/base:3.18'),
      literal(
        t,
        t.includes('mirror') ? 'mirror.example.com/acme/certdump:v2.7.0' : 'acme/certdump:v2.7.0',
        { kind: 'copy-from' },
      ),
    ];
    const { plan, after } = rewrite(c, build(c.input));
    expect(plan.edits.map((e) => [e.line, e.from, e.to])).toEqual([
      [1, 'acme/base', 'mirror.example.com/acme/base'],
      [4, 'acme/certdump', 'mirror.example.com/acme/certdump'],
    ]);
    expect(after).toBe(
      'FROM mirror.example.com/acme/base:3.18 AS build\nRUN make\nFROM scratch\n' +
        'COPY --from=mirror.example.com/acme/certdump:v2.7.0 /usr/bin/certdump ' +
        '/usr/bin/certdump\nCOPY --from=build /out/app /app\nCOPY --from=0 /etc/ssl /etc/ssl\n',
    );
    expect(after).toBe(withLines(c.input, expectedLines(c.expected)));
    secondRun(c.file_name, after, build);
  });

  it('case-03: only the image is rewritten, never the stage names', () => {
    const c = bug('case-03');
    const { after } = rewrite(c, [literal(c.input, 'acme/os:14.04')]);
    expect(after).toBe(
      'FROM mirror.example.com/acme/os:14.04 AS BASE\nFROM base AS dist\n' +
        'COPY --from=Base /etc/os-release /etc/os-release\n',
    );
    expect(after).toBe(withLines(c.input, expectedLines(c.expected)));
  });

  it('case-05: a Hub namespace path is rewritten; localhost and other hosts are not', () => {
    const c = bug('case-05');
    const { plan, after } = rewrite(c, [
      literal(c.input, 'shelf/acme/app:1.0'),
      literal(c.input, 'localhost/acme/app:1.0'),
      literal(c.input, 'registry.example.com/acme/app:1.0'),
    ]);
    expect(after).toBe(
      'FROM mirror.example.com/shelf/acme/app:1.0\nFROM localhost/acme/app:1.0\n' +
        'FROM registry.example.com/acme/app:1.0\n',
    );
    expect(after).toBe(withLines(c.input, expectedLines(c.expected)));
    expect(plan.skipped.map((s) => [s.line, s.ref, s.reason])).toEqual([
      [2, 'localhost/acme/app:1.0', 'not Docker Hub'],
      [3, 'registry.example.com/acme/app:1.0', 'not Docker Hub'],
    ]);
  });

  it('case-06: tag+digest and digest-only keep their digests; pinning is a no-op', () => {
    const c = bug('case-06');
    const occurrences = [literal(c.input, `lang:2.5@${D0}`), literal(c.input, `acme/tool@${DF}`)];
    const { after } = rewrite(c, occurrences);
    expect(after).toBe(
      `FROM mirror.example.com/library/lang:2.5@${D0}\nFROM mirror.example.com/acme/tool@${DF}\n`,
    );
    expect(after).toBe(withLines(c.input, expectedLines(c.expected)));
    const digests = new Map([
      [`docker.io/library/lang:2.5@${D0}`, DF],
      [`docker.io/acme/tool@${DF}`, D0],
    ]);
    expect(planPins(occurrences, digests, texts(c.file_name, c.input))).toEqual([]);
  });

  it('case-07: --platform flags are left alone', () => {
    const c = bug('case-07');
    const { after } = rewrite(c, [
      literal(c.input, 'toolchain:1.23.8-bookworm'),
      literal(c.input, 'acme/runtime:latest'),
    ]);
    expect(after).toBe(
      'FROM --platform=linux/amd64 mirror.example.com/library/toolchain:1.23.8-bookworm ' +
        'AS build\nRUN make\n' +
        'FROM --platform=$BUILDPLATFORM mirror.example.com/acme/runtime:latest\n',
    );
    expect(after).toBe(withLines(c.input, expectedLines(c.expected)));
  });

  it('case-08: pin alone, and rewrite + pin together, every edit landing', () => {
    const c = bug('case-08');
    const occurrences = [literal(c.input, 'acme/base:1.0'), literal(c.input, 'runtime:2.0')];
    const digests = new Map([
      ['docker.io/acme/base:1.0', D0],
      ['docker.io/library/runtime:2.0', DF],
    ]);
    const pins = planPins(occurrences, digests, texts(c.file_name, c.input));
    const [pinOnly, together] = c.expected.split('Rewrite + pin together:') as [string, string];
    const pinned = applyEdits(c.input, pins);
    expect(pinned).toBe(`FROM acme/base:1.0@${D0} AS build\nRUN make\nFROM runtime:2.0@${DF}\n`);
    expect(pinned).toBe(withLines(c.input, expectedLines(pinOnly)));

    const { plan } = rewrite(c, occurrences);
    const both = applyEdits(c.input, [...plan.edits, ...pins]);
    expect(both).toBe(
      `FROM mirror.example.com/acme/base:1.0@${D0} AS build\nRUN make\n` +
        `FROM mirror.example.com/library/runtime:2.0@${DF}\n`,
    );
    expect(both).toBe(withLines(c.input, expectedLines(together)));
    // The same result whatever order the edits come in.
    expect(applyEdits(c.input, [...pins, ...plan.edits].reverse())).toBe(both);
  });

  it('case-09: an already mirrored image is left alone, and a second run changes 0 bytes', () => {
    const c = bug('case-09');
    const site = { file: c.file_name, fileKind: 'kubernetes', kind: 'kubernetes' } as const;
    const build = (t: string) => [
      literal(t, 'mirror.example.com/library/web:1.25', site),
      literal(
        t,
        t.includes('library/proxy') ? 'mirror.example.com/library/proxy:1.9' : 'proxy:1.9',
        site,
      ),
    ];
    const { plan, after } = rewrite(c, build(c.input));
    expect(plan.skipped.map((s) => [s.line, s.reason])).toEqual([[8, 'already on the mirror']]);
    expect(plan.unchanged.map((o) => o.line)).toEqual([8]);
    expect(after).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n' +
        '    - name: web\n      image: mirror.example.com/library/web:1.25\n' +
        '    - name: proxy\n      image: mirror.example.com/library/proxy:1.9\n',
    );
    expect(after).toBe(withLines(c.input, expectedLines(c.expected)));
    expect(after).not.toContain('mirror.example.com/mirror.example.com');
    secondRun(c.file_name, after, build);
  });

  it('case-12: a Helm map without tag gets registry and repository edits only', () => {
    const c = bug('case-12');
    const build = (t: string) => [
      fromFields(
        t,
        t.includes('mirror')
          ? `mirror.example.com/library/toolbox@${D0}`
          : `docker.io/toolbox@${D0}`,
        {
          registry: find(t, t.includes('mirror') ? 'mirror.example.com' : 'docker.io'),
          repository: find(t, t.includes('mirror') ? 'library/toolbox' : 'toolbox'),
          digest: find(t, D0),
        },
      ),
    ];
    const { plan, after } = rewrite(c, build(c.input));
    expect(plan.edits.map((e) => [e.line, e.from, e.to])).toEqual([
      [2, 'docker.io', 'mirror.example.com'],
      [3, 'toolbox', 'library/toolbox'],
    ]);
    expect(after).toBe(
      'image:\n  registry: mirror.example.com\n  repository: library/toolbox\n' +
        `  digest: ${D0}\n`,
    );
    expect(after).toBe(withLines(c.input, expectedLines(c.expected)));
    secondRun(c.file_name, after, build);
    // Pinned already: no pin edit.
    const digests = new Map([[`docker.io/library/toolbox@${D0}`, DF]]);
    expect(planPins(build(c.input), digests, texts(c.file_name, c.input))).toEqual([]);
  });
});
