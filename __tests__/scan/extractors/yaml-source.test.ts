import { describe, expect, it } from 'vitest';
import { isScalar, type Scalar } from 'yaml';
import {
  asMap,
  mapEntries,
  mapGet,
  parseYaml,
  scalarContent,
  type YamlDoc,
} from '../../../src/scan/extractors/yaml-source.js';

/** Parses text that must be valid YAML and returns its first document. */
function firstDoc(text: string): YamlDoc {
  const parsed = parseYaml(text, 'f.yaml');
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const doc = parsed.docs[0];
  if (!doc) throw new Error('no document');
  return doc;
}

/** The scalar value of key `k` in the first document. */
function scalarAt(text: string, key = 'k'): Scalar {
  const doc = firstDoc(text);
  const root = asMap(doc.contents, doc);
  const node = root && mapGet(root, key, doc);
  if (!isScalar(node)) throw new Error(`no scalar at ${key}`);
  return node;
}

/** The content span's text, or the failure reason. */
function content(text: string): string {
  const result = scalarContent(scalarAt(text), text);
  return result.ok ? `[${text.slice(result.span.start, result.span.end)}]` : result.reason;
}

describe('scalarContent', () => {
  it('gives plain text as written, without a trailing comment or spaces', () => {
    expect(content('k: acme/app:1.0   # pinned later\n')).toBe('[acme/app:1.0]');
  });

  it('gives the inside of single and double quotes', () => {
    expect(content("k: 'acme/app:1.0'\n")).toBe('[acme/app:1.0]');
    expect(content('k: "acme/app:1.0"\n')).toBe('[acme/app:1.0]');
  });

  it('refuses quoted text whose escapes change the value', () => {
    expect(content('k: "acme\\/app:1.0"\n')).toBe(
      'is written with escapes or line breaks inside its quotes',
    );
    expect(content("k: 'it''s'\n")).toBe(
      'is written with escapes or line breaks inside its quotes',
    );
    expect(content('k: "acme/app:\n  1.0"\n')).toBe(
      'is written with escapes or line breaks inside its quotes',
    );
  });

  it('gives the one content line of block scalars of every style', () => {
    for (const indicator of ['|', '|-', '>', '>-', '|+', '>+']) {
      expect(content(`k: ${indicator}\n    acme/app:1.0\nz: 1\n`)).toBe('[acme/app:1.0]');
    }
  });

  it('refuses block scalars with more than one content line', () => {
    expect(content('k: >-\n  acme/app\n  :1.0\n')).toBe(
      'is a block scalar with more than one line',
    );
  });

  it('refuses a plain scalar folded over several lines', () => {
    expect(content('k: acme/app\n  :1.0\n')).toBe('spans several lines');
  });

  it('keeps the written form of numbers', () => {
    const text = 'k: 1.20\n';
    const result = scalarContent(scalarAt(text), text);
    expect(result).toEqual({ ok: true, value: '1.20', span: { start: 3, end: 7 } });
  });

  it('counts a BOM as one character of the offsets and handles CRLF', () => {
    const text = '\uFEFFa: 1\r\nk: |-\r\n  acme/app:1.0\r\nj: "x:1"\r\n';
    const block = scalarContent(scalarAt(text), text);
    expect(block).toEqual({ ok: true, value: 'acme/app:1.0', span: { start: 16, end: 28 } });
    const quoted = scalarContent(scalarAt(text, 'j'), text);
    expect(quoted).toEqual({ ok: true, value: 'x:1', span: { start: 34, end: 37 } });
  });
});

describe('parseYaml', () => {
  it('turns a syntax error into one problem with its line', () => {
    const parsed = parseYaml('a: 1\nb: [1, 2\nc: 3\n', 'bad.yaml');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.file).toBe('bad.yaml');
    expect(parsed.problem.line).toBe(3);
    expect(parsed.problem.message).toMatch(/^YAML syntax error: /);
  });

  it('reads every document of a stream', () => {
    const parsed = parseYaml('a: 1\n---\nb: 2\n---\n', 'multi.yaml');
    expect(parsed.ok && parsed.docs.length).toBe(3);
  });

  it('accepts a duplicate key and lets the last one win', () => {
    const text = 'k: first\nk: second\n';
    const doc = firstDoc(text);
    const root = asMap(doc.contents, doc);
    expect(root && String((mapGet(root, 'k', doc) as Scalar).value)).toBe('second');
  });
});

describe('mapEntries', () => {
  const text = [
    'base: &base',
    '  image: base:1',
    '  user: root',
    'extra: &extra',
    '  user: app',
    '  port: 80',
    'one:',
    '  <<: *base',
    '  user: me',
    'two:',
    '  <<: [*extra, *base]',
    '"quoted":',
    '  "<<": *base',
    '',
  ].join('\n');
  const doc = firstDoc(text);
  const root = asMap(doc.contents, doc);
  const view = (key: string): Record<string, string> => {
    const map = root && asMap(mapGet(root, key, doc), doc);
    if (!map) throw new Error(key);
    const pairs = mapEntries(map, doc).map((e) => {
      const value = e.value as Scalar | { source: string };
      return [e.key, isScalar(value) ? String(value.value) : '*alias'];
    });
    return Object.fromEntries(pairs);
  };

  it('lets keys written in the mapping win over merged ones', () => {
    expect(view('one')).toEqual({ user: 'me', image: 'base:1' });
  });

  it('lets earlier merge sources win over later ones', () => {
    expect(view('two')).toEqual({ user: 'app', port: '80', image: 'base:1' });
  });

  it('treats a quoted "<<" as an ordinary key', () => {
    expect(view('quoted')).toEqual({ '<<': '*alias' });
  });

  it('keeps the anchored nodes, so values point at the anchored text', () => {
    const one = root && asMap(mapGet(root, 'one', doc), doc);
    const image = one && (mapGet(one, 'image', doc) as Scalar);
    expect(image?.range?.[0]).toBe(text.indexOf('base:1'));
  });
});
