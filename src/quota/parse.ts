/** Rate-limit headers of one response, as read by {@link parseRateLimit}. */
export interface RateLimitHeaders {
  /** A `ratelimit-limit` or `ratelimit-remaining` header was there. */
  present: boolean;
  limit?: number | undefined;
  remaining?: number | undefined;
  windowSeconds?: number | undefined;
  source?: string | undefined;
  /** Items of the limit header that carry parameters (`100;w=21600`), trimmed. */
  policies: string[];
  /** Present, but the limit or remaining count could not be read. */
  malformed: boolean;
  /** What could not be read, with the quoted header value. */
  problems: string[];
}

/** Response headers as `fetch` gives them or as a plain object (any name case). */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function getHeader(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    values.push(...(Array.isArray(value) ? value : [value]));
  }
  return values.length > 0 ? values.join(', ') : undefined;
}

interface ParsedValue {
  count: number | undefined;
  window: number | undefined;
  policies: string[];
  problem: string | undefined;
}

/**
 * Reads one `ratelimit-*` value: `N;w=S`, the draft's list form `N, N;w=S` (the leading
 * integer of the first item counts), or an empty count `;w=S` (count unknown).
 */
function parseValue(name: string, value: string): ParsedValue {
  const items = value
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  let count: number | undefined;
  let window: number | undefined;
  let problem: string | undefined;
  const policies: string[] = [];
  items.forEach((item, index) => {
    const [head = '', ...params] = item.split(';').map((x) => x.trim());
    const isInt = /^\d+$/.test(head);
    if (index === 0) {
      if (isInt) count = Number(head);
      else problem = `${name}: no count in ${JSON.stringify(value)}`;
    }
    for (const p of params) {
      const m = /^w\s*=\s*(\d+)$/i.exec(p);
      if (m && window === undefined) window = Number(m[1]);
    }
    if (params.length > 0 && isInt) policies.push(item);
  });
  if (items.length === 0) problem = `${name}: empty value ${JSON.stringify(value)}`;
  return { count, window, policies, problem };
}

/**
 * Parses Docker Hub's `ratelimit-limit`, `ratelimit-remaining` and `docker-ratelimit-source`
 * headers (names in any case). Never throws; unreadable values are `undefined` and reported in
 * `problems`. No headers at all means no limit applies.
 */
export function parseRateLimit(headers: HeaderSource): RateLimitHeaders {
  const limitRaw = getHeader(headers, 'ratelimit-limit');
  const remainingRaw = getHeader(headers, 'ratelimit-remaining');
  const sourceRaw = getHeader(headers, 'docker-ratelimit-source')?.trim();
  const source = sourceRaw === undefined || sourceRaw === '' ? undefined : sourceRaw;
  if (limitRaw === undefined && remainingRaw === undefined) {
    return { present: false, source, policies: [], malformed: false, problems: [] };
  }
  const problems: string[] = [];
  const limit = limitRaw !== undefined ? parseValue('ratelimit-limit', limitRaw) : undefined;
  const remaining =
    remainingRaw !== undefined ? parseValue('ratelimit-remaining', remainingRaw) : undefined;
  if (limit === undefined) problems.push('ratelimit-limit: missing');
  else if (limit.problem !== undefined) problems.push(limit.problem);
  if (remaining === undefined) problems.push('ratelimit-remaining: missing');
  else if (remaining.problem !== undefined) problems.push(remaining.problem);
  return {
    present: true,
    limit: limit?.count,
    remaining: remaining?.count,
    windowSeconds: limit?.window ?? remaining?.window,
    source,
    policies: limit?.policies ?? [],
    malformed: problems.length > 0,
    problems,
  };
}
