import { describe, expect, it } from 'vitest';
import { readJsonl } from '../support/corpus.js';
import {
  ANCHORED_DOMAIN_AND_PORT,
  ANCHORED_IDENTIFIER,
  ANCHORED_NAME,
  ANCHORED_REFERENCE,
} from '../../src/reference/regexp.js';
import { named, rowName } from './support.js';

interface RegexpRow {
  regexp: string;
  input: string;
  match: boolean;
  domain?: string;
  path?: string;
  name?: string;
  tag?: string;
  digest?: string;
}

const rows = await readJsonl<RegexpRow>('reference/regexp.jsonl');

const EXPRESSIONS: Record<string, RegExp> = {
  'domainAndPort(anchored)': ANCHORED_DOMAIN_AND_PORT,
  anchoredName: ANCHORED_NAME,
  'reference(anchored)': ANCHORED_REFERENCE,
  'identifier(anchored, 64 lowercase hex)': ANCHORED_IDENTIFIER,
};

describe('regexp.jsonl', () => {
  it('has every row of the corpus file', () => {
    expect(rows.length).toBe(110);
  });

  it.each(named(rows, (r, line) => rowName(line, r.input, `${r.regexp} → ${r.match}`)))(
    '%s',
    (_name, row) => {
      const expression = EXPRESSIONS[row.regexp];
      expect(expression, `unknown regexp ${row.regexp}`).toBeDefined();
      const match = expression!.exec(row.input);
      expect(match !== null).toBe(row.match);
      if (match === null) return;
      if (row.regexp === 'anchoredName') {
        if (row.domain !== undefined) expect(match[1] ?? '').toBe(row.domain);
        if (row.path !== undefined) expect(match[2]).toBe(row.path);
      }
      if (row.regexp === 'reference(anchored)') {
        expect(match[1]).toBe(row.name);
        expect(match[2] ?? '').toBe(row.tag);
        expect(match[3] ?? '').toBe(row.digest);
      }
    },
  );
});

describe('anchored expressions on their own', () => {
  it('splits a name with an uppercase domain (the corpus row gives no split)', () => {
    const match = ANCHORED_NAME.exec('Asdf.com/foo/bar');
    expect(match?.slice(1)).toEqual(['Asdf.com', 'foo/bar']);
  });

  it('does not treat a trailing newline as the end of input', () => {
    expect(ANCHORED_REFERENCE.test('nginx\n')).toBe(false);
    expect(ANCHORED_NAME.test('nginx\n')).toBe(false);
  });

  it('answers quickly on long inputs that almost match', () => {
    const inputs = [
      `${'a'.repeat(20_000)}!`,
      `${'a-'.repeat(10_000)}/`,
      `${'a.'.repeat(10_000)}:x/!`,
      `x@${'a'.repeat(10_000)}`,
    ];
    const started = Date.now();
    for (const input of inputs) expect(ANCHORED_REFERENCE.test(input)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
