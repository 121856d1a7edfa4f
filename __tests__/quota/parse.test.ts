import { describe, expect, it } from 'vitest';
import { parseRateLimit } from '../../src/quota/parse.js';
import { readJsonl } from '../support/corpus.js';

interface BugCase {
  id: string;
  category: string;
  input: string;
  expected: string;
}

/** Headers of a captured HTTP response (status line first, `Name: value` lines after). */
function headersOf(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.split('\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

describe('parseRateLimit', () => {
  it('reads the documented example (N;w=S and the source)', () => {
    expect(
      parseRateLimit(
        new Headers({
          'ratelimit-limit': '100;w=21600',
          'ratelimit-remaining': '20;w=21600',
          'docker-ratelimit-source': '192.0.2.1',
        }),
      ),
    ).toEqual({
      present: true,
      limit: 100,
      remaining: 20,
      windowSeconds: 21600,
      source: '192.0.2.1',
      policies: ['100;w=21600'],
      malformed: false,
      problems: [],
    });
  });

  it('matches header names in any case, also in plain objects', () => {
    const expected = {
      present: true,
      limit: 200,
      remaining: 199,
      windowSeconds: 21600,
      source: '2600:3c00::',
      policies: ['200;w=21600'],
      malformed: false,
      problems: [],
    };
    expect(
      parseRateLimit({
        'RateLimit-Limit': '200;w=21600',
        'RATELIMIT-REMAINING': ['199;w=21600'],
        'Docker-RateLimit-Source': '2600:3c00::',
      }),
    ).toEqual(expected);
    expect(
      parseRateLimit(
        new Headers({
          'RateLimit-Limit': '200;w=21600',
          'RateLimit-Remaining': '199;w=21600',
          'Docker-RateLimit-Source': '2600:3c00::',
        }),
      ),
    ).toEqual(expected);
  });

  it('means unlimited when there are no rate-limit headers', () => {
    expect(parseRateLimit(new Headers({ 'content-type': 'application/json' }))).toEqual({
      present: false,
      source: undefined,
      policies: [],
      malformed: false,
      problems: [],
    });
  });

  it('reports garbage as malformed without throwing, quoting the value', () => {
    expect(
      parseRateLimit({ 'ratelimit-limit': 'lots', 'ratelimit-remaining': 'some;w=x' }),
    ).toEqual({
      present: true,
      limit: undefined,
      remaining: undefined,
      windowSeconds: undefined,
      source: undefined,
      policies: [],
      malformed: true,
      problems: [
        'ratelimit-limit: no count in "lots"',
        'ratelimit-remaining: no count in "some;w=x"',
      ],
    });
  });

  it('flags a remaining count without a limit header', () => {
    const r = parseRateLimit({ 'ratelimit-remaining': '5;w=3600' });
    expect([r.present, r.remaining, r.limit, r.windowSeconds, r.malformed, r.problems]).toEqual([
      true,
      5,
      undefined,
      3600,
      true,
      ['ratelimit-limit: missing'],
    ]);
  });

  it('takes the first item of a multi-policy list', () => {
    const r = parseRateLimit({
      'ratelimit-limit': '500, 500;w=1, 20000;w=60',
      'ratelimit-remaining': '499',
    });
    expect([r.limit, r.remaining, r.windowSeconds, r.policies, r.malformed]).toEqual([
      500,
      499,
      1,
      ['500;w=1', '20000;w=60'],
      false,
    ]);
  });
});

describe('bug cases from the corpus', () => {
  it('case-14: an empty count is unknown, the window still read, the headers malformed', async () => {
    const cases = await readJsonl<BugCase>('bug-cases.jsonl');
    const c = cases.find((x) => x.id === 'case-14')!;
    expect(c.category).toBe('quota-headers');
    const r = parseRateLimit(headersOf(c.input));
    expect(r).toEqual({
      present: true,
      limit: undefined,
      remaining: undefined,
      windowSeconds: 21600,
      source: undefined,
      policies: [],
      malformed: true,
      problems: [
        'ratelimit-limit: no count in ";w=21600"',
        'ratelimit-remaining: no count in ";w=21600"',
      ],
    });
  });

  it('case-15: the list form gives limit 100, remaining 76, window 21600, one policy', async () => {
    const cases = await readJsonl<BugCase>('bug-cases.jsonl');
    const c = cases.find((x) => x.id === 'case-15')!;
    expect(c.category).toBe('quota-headers');
    const r = parseRateLimit(headersOf(c.input));
    expect(r).toEqual({
      present: true,
      limit: 100,
      remaining: 76,
      windowSeconds: 21600,
      source: undefined,
      policies: ['100;w=21600'],
      malformed: false,
      problems: [],
    });
  });
});
