import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isQuotaBelow, parseRateLimit, probeQuota, pullsUsed } from '../../src/quota/index.js';
import type { QuotaReport } from '../../src/quota/index.js';
import { quotaSummary } from '../../src/report/quota.js';
import { bugCase } from './harness.js';

/** A captured response: the status code and the header lines, names as written. */
interface Captured {
  status: number;
  headers: Array<[string, string]>;
}

/** Reads `HTTP/x status …` and the `Name: value` lines after it. */
function captured(input: string): Captured {
  const [statusLine = '', ...lines] = input.split('\n');
  const status = Number(/^HTTP\/[\d.]+ (\d{3})\b/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) throw new Error(`no status in ${JSON.stringify(statusLine)}`);
  const headers: Array<[string, string]> = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return { status, headers };
}

/**
 * Probes the quota through a local server that issues a token and answers the manifest
 * HEAD with exactly the captured status and header lines.
 */
async function probeAgainst(response: Captured): Promise<{ report: QuotaReport; seen: string[] }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url?.split('?')[0]}`);
    if (req.url?.startsWith('/token')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: 'probe-token', expires_in: 300 }));
      return;
    }
    res.writeHead(response.status, response.headers.flat());
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const report = await probeQuota({
      endpoints: { registry: base, auth: `${base}/token` },
      retries: 0,
    });
    return { report, seen };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('case-14: rate-limit headers with an empty count', () => {
  it('parse to unknown counts with the window read, flagged malformed, no exception', async () => {
    const { headers } = captured((await bugCase('case-14')).input);
    const expected = {
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
    };
    expect(parseRateLimit(Object.fromEntries(headers))).toEqual(expected);
    expect(parseRateLimit(new Headers(headers))).toEqual(expected);
  });

  it('make the probe report malformed, not 0 remaining, and no threshold fires', async () => {
    const { report, seen } = await probeAgainst(captured((await bugCase('case-14')).input));
    expect(report).toEqual({
      status: 'malformed',
      limit: undefined,
      remaining: undefined,
      windowSeconds: 21600,
      source: undefined,
      policies: [],
      authenticated: false,
      error:
        'rate-limit headers present but malformed: ratelimit-limit: no count in ";w=21600"; ' +
        'ratelimit-remaining: no count in ";w=21600"',
    });
    expect(seen).toEqual(['GET /token', 'HEAD /v2/ratelimitpreview/test/manifests/latest']);
    for (const threshold of [1, 10, 1_000_000]) expect(isQuotaBelow(report, threshold)).toBe(false);
    const known: QuotaReport = { ...report, status: 'limited', limit: 100, remaining: 50 };
    expect(pullsUsed(known, report)).toBe(undefined);
    expect(pullsUsed(report, known)).toBe(undefined);
  });

  it('make the job summary say the headers were present but malformed', async () => {
    const { report } = await probeAgainst(captured((await bugCase('case-14')).input));
    expect(quotaSummary(report).split('\n\n')).toEqual([
      '### Docker Hub pull quota',
      '| | Now |\n| --- | --- |\n| Limit | unknown |\n| Remaining | unknown |\n' +
        '| Window | 6 h |\n| Counted against | unknown |',
      'Note: Docker Hub quota (anonymous): the rate-limit headers were present but malformed ' +
        '(rate-limit headers present but malformed: ratelimit-limit: no count in ";w=21600"; ' +
        'ratelimit-remaining: no count in ";w=21600"); quota unknown.',
      'Anonymous quota is counted per IP address (or IPv6 /64): on a shared runner IP it also ' +
        "counts other jobs' pulls.\n",
    ]);
  });
});

describe('case-15: the draft list form of RateLimit-Limit', () => {
  it('parses the leading integer of the first item, lowercase names, one policy', async () => {
    const { headers } = captured((await bugCase('case-15')).input);
    expect(headers.map(([name]) => name)).toEqual(['ratelimit-limit', 'ratelimit-remaining']);
    const expected = {
      present: true,
      limit: 100,
      remaining: 76,
      windowSeconds: 21600,
      source: undefined,
      policies: ['100;w=21600'],
      malformed: false,
      problems: [],
    };
    expect(parseRateLimit(Object.fromEntries(headers))).toEqual(expected);
    expect(parseRateLimit(new Headers(headers))).toEqual(expected);
    const titleCase = headers.map(([n, v]): [string, string] => [
      n.replace(/\b\w/g, (x) => x.toUpperCase()),
      v,
    ]);
    expect(parseRateLimit(Object.fromEntries(titleCase))).toEqual(expected);
  });

  it('gives a limited probe report; thresholds compare with 76', async () => {
    const { report } = await probeAgainst(captured((await bugCase('case-15')).input));
    expect(report).toEqual({
      status: 'limited',
      limit: 100,
      remaining: 76,
      windowSeconds: 21600,
      source: undefined,
      policies: ['100;w=21600'],
      authenticated: false,
    });
    expect([isQuotaBelow(report, 76), isQuotaBelow(report, 77)]).toEqual([false, true]);
    expect(quotaSummary(report)).toContain(
      '| Limit | 100 |\n| Remaining | 76 |\n| Window | 6 h |\n',
    );
    expect(quotaSummary(report)).not.toContain('malformed');
  });
});
