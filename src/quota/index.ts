/** Docker Hub quota: probe, header parsing, pulls used. */
export type { HeaderSource, RateLimitHeaders } from './parse.js';
export { parseRateLimit } from './parse.js';
export type { ProbeOptions } from './probe.js';
export { PROBE_REPOSITORY, probeQuota } from './probe.js';
export { isQuotaBelow, pullsUsed } from './pulls.js';
export type { QuotaReport } from './types.js';
