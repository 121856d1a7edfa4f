import { describe, expect, it } from 'vitest';
import { isQuotaBelow, pullsUsed } from '../../src/quota/pulls.js';
import type { QuotaReport } from '../../src/quota/types.js';

const report = (extra: Partial<QuotaReport>): QuotaReport => ({
  status: 'limited',
  limit: 100,
  remaining: 80,
  windowSeconds: 21600,
  source: '192.0.2.1',
  policies: ['100;w=21600'],
  authenticated: false,
  ...extra,
});

describe('pullsUsed', () => {
  it('is the drop in remaining pulls', () => {
    expect(pullsUsed(report({ remaining: 80 }), report({ remaining: 74 }))).toBe(6);
    expect(pullsUsed(report({ remaining: 80 }), report({ remaining: 80 }))).toBe(0);
  });

  it('is unknown when either side is unknown', () => {
    expect(
      pullsUsed(report({ remaining: undefined, status: 'malformed' }), report({})),
    ).toBeUndefined();
    expect(
      pullsUsed(report({}), report({ status: 'unreachable', remaining: undefined })),
    ).toBeUndefined();
    expect(
      pullsUsed(
        report({ status: 'unlimited', remaining: undefined }),
        report({ status: 'unlimited', remaining: undefined }),
      ),
    ).toBeUndefined();
  });

  it('is unknown when the window, limit, source or account changed, or the count rose', () => {
    expect(pullsUsed(report({}), report({ remaining: 70, windowSeconds: 3600 }))).toBeUndefined();
    expect(pullsUsed(report({}), report({ remaining: 70, limit: 200 }))).toBeUndefined();
    expect(
      pullsUsed(report({}), report({ remaining: 70, source: '198.51.100.7' })),
    ).toBeUndefined();
    expect(pullsUsed(report({}), report({ remaining: 70, authenticated: true }))).toBeUndefined();
    expect(pullsUsed(report({ remaining: 10 }), report({ remaining: 99 }))).toBeUndefined();
  });
});

describe('isQuotaBelow', () => {
  it('fires only on a known remaining count below the threshold', () => {
    expect(isQuotaBelow(report({ remaining: 9 }), 10)).toBe(true);
    expect(isQuotaBelow(report({ remaining: 10 }), 10)).toBe(false);
    expect(isQuotaBelow(report({ status: 'malformed', remaining: undefined }), 10)).toBe(false);
    expect(
      isQuotaBelow(report({ status: 'unlimited', remaining: undefined, limit: undefined }), 10),
    ).toBe(false);
    expect(isQuotaBelow(report({ status: 'unreachable', remaining: undefined }), 10)).toBe(false);
  });
});
