import { PassThrough, type Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RegistryErrorContext } from './errors.js';
import { RegistryError, parseErrorBody } from './errors.js';
import { discardBody, readBody, type HttpTransport } from './transport.js';

/** Something that takes debug lines; `@actions/core` or a console fits. */
export interface DebugLog {
  debug(msg: string): void;
}

/** How requests are sent: timeouts, retries, identification. */
export interface HttpSettings {
  /** How requests reach the network (`undiciTransport` unless a test wraps it). */
  transport: HttpTransport;
  /** Per attempt: time to the response headers (and body, when buffered); idle gap on streams. */
  timeoutMs: number;
  /** Extra attempts after the first on network errors, timeouts, 5xx and bare 429s. */
  retries: number;
  /** First backoff step; doubles each attempt, with full jitter. */
  retryBaseMs: number;
  /** Cap on a single backoff wait. */
  retryMaxMs: number;
  /** A `Retry-After` longer than this is not waited for: the 429 is returned instead. */
  maxRetryAfterSeconds: number;
  userAgent: string;
  log?: DebugLog | undefined;
  /** Jitter source, `Math.random` by default. */
  random?: (() => number) | undefined;
}

/** Defaults for {@link HttpSettings}. */
export const DEFAULT_HTTP_SETTINGS: Omit<HttpSettings, 'transport'> = {
  timeoutMs: 30_000,
  retries: 3,
  retryBaseMs: 500,
  retryMaxMs: 10_000,
  maxRetryAfterSeconds: 60,
  userAgent: 'hubcap',
};

/** One request. */
export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string> | undefined;
  /**
   * `Authorization` value. Sent only while the URL's origin is the origin of `url`, so a
   * redirect to another host (a CDN) never sees it.
   */
  authorization?: string | undefined;
  body?: Uint8Array | string | undefined;
  /** Return 2xx bodies as a stream instead of buffering them. */
  stream?: boolean | undefined;
  /** Largest buffered body accepted. */
  maxBodyBytes?: number | undefined;
  /** Retry on network errors, 5xx and 429 (default: true for GET and HEAD only). */
  retry?: boolean | undefined;
  /** Names the registry, repository and reference in errors. */
  context: RegistryErrorContext;
}

/** A response: body buffered, or a stream for 2xx responses of `stream` requests. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Final URL after redirects, query string removed. */
  url: string;
  /** The body (empty for HEAD and for streamed responses). */
  body: Buffer;
  /** The body as a stream (2xx `stream` requests only); errors on an idle timeout. */
  stream?: Readable | undefined;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const RETRY_STATUS = new Set([408, 500, 502, 503, 504]);
const MAX_REDIRECTS = 10;
const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

/** Which of Docker Hub's two 429s a response is. */
export type TooManyRequestsKind = 'pull-limit' | 'abuse-limit';

/**
 * Tells Docker Hub's pull limit (an error body with code `TOOMANYREQUESTS`, or its "pull rate
 * limit" text) from the bare abuse limit.
 */
export function classify429(bodyText: string): TooManyRequestsKind {
  const entries = parseErrorBody(bodyText);
  if (entries.some((e) => e.code.toUpperCase() === 'TOOMANYREQUESTS')) return 'pull-limit';
  if (/toomanyrequests|pull rate limit/i.test(bodyText)) return 'pull-limit';
  return 'abuse-limit';
}

/** Seconds to wait from a `Retry-After` value (delay-seconds or HTTP-date); else undefined. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (!/^[A-Za-z]{3},? /.test(v)) return undefined; // HTTP-date starts with the day name
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Full-jitter exponential backoff: a random wait in [0, min(max, base·2^attempt)]. */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** The URL without query string and fragment: signed CDN URLs stay out of logs and errors. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.replace(/[?#].*$/, '');
  }
}

class AttemptTimeout extends Error {}

/**
 * Sends a request with timeouts, retries (backoff with jitter; `Retry-After` honoured) and
 * redirects followed by hand so `Authorization` stays on its own origin. Returns every final
 * response, error statuses included; throws {@link RegistryError} for network failures and
 * timeouts once retries are spent.
 */
export async function send(req: HttpRequest, settings: HttpSettings): Promise<HttpResponse> {
  const retryAllowed = req.retry ?? (req.method === 'GET' || req.method === 'HEAD');
  const maxAttempts = retryAllowed ? settings.retries + 1 : 1;
  const random = settings.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    const last = attempt + 1 >= maxAttempts;
    let res: HttpResponse;
    try {
      res = await attemptOnce(req, settings);
    } catch (err) {
      const failure = toRegistryError(err, req, settings);
      if (last) throw failure;
      const wait = backoffDelay(attempt, settings.retryBaseMs, settings.retryMaxMs, random);
      settings.log?.debug(
        `${req.method} ${safeUrl(req.url)}: ${failure.detail}; retry in ${wait} ms`,
      );
      await sleep(wait);
      continue;
    }
    if (last) return res;
    if (RETRY_STATUS.has(res.status)) {
      const wait = backoffDelay(attempt, settings.retryBaseMs, settings.retryMaxMs, random);
      settings.log?.debug(`${req.method} ${res.url}: HTTP ${res.status}; retry in ${wait} ms`);
      await sleep(wait);
      continue;
    }
    if (res.status === 429) {
      const kind = classify429(res.body.toString('utf8'));
      const after = parseRetryAfter(res.headers.get('retry-after'));
      if (after !== undefined && after > settings.maxRetryAfterSeconds) return res;
      // The pull limit is retried only when the registry says when; the abuse limit also
      // with plain backoff.
      if (kind === 'pull-limit' && after === undefined) return res;
      const wait =
        after !== undefined
          ? after * 1000
          : backoffDelay(attempt, settings.retryBaseMs, settings.retryMaxMs, random);
      settings.log?.debug(`${req.method} ${res.url}: HTTP 429 (${kind}); retry in ${wait} ms`);
      await sleep(wait);
      continue;
    }
    return res;
  }
}

async function attemptOnce(req: HttpRequest, settings: HttpSettings): Promise<HttpResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new AttemptTimeout(`no response within ${settings.timeoutMs} ms`));
  }, settings.timeoutMs);
  let handedOff = false;
  try {
    const origin = new URL(req.url).origin;
    let url = req.url;
    let method = req.method;
    let body = req.body;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { 'user-agent': settings.userAgent, ...req.headers };
      if (req.authorization !== undefined && new URL(url).origin === origin) {
        headers['authorization'] = req.authorization;
      }
      const res = await settings.transport({
        method,
        url,
        headers,
        body,
        signal: controller.signal,
      });
      const location = res.headers.get('location');
      if (REDIRECTS.has(res.status) && location !== null) {
        discardBody(res.body);
        if (hop >= MAX_REDIRECTS) {
          throw new RegistryError(req.context, {
            kind: 'protocol',
            detail: `more than ${MAX_REDIRECTS} redirects from ${safeUrl(req.url)}`,
          });
        }
        const next = new URL(location, url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new RegistryError(req.context, {
            kind: 'protocol',
            detail: `redirect to unsupported URL scheme ${JSON.stringify(next.protocol)}`,
          });
        }
        settings.log?.debug(`${method} ${safeUrl(url)} → ${res.status} ${safeUrl(next.href)}`);
        if (
          res.status === 303 ||
          ((res.status === 301 || res.status === 302) && method === 'POST')
        ) {
          method = 'GET';
          body = undefined;
        }
        url = next.href;
        continue;
      }
      settings.log?.debug(`${method} ${safeUrl(url)} → ${res.status}`);
      const base = { status: res.status, headers: res.headers, url: safeUrl(url) };
      if (req.stream === true && res.status >= 200 && res.status < 300) {
        clearTimeout(timer);
        handedOff = true;
        const stream = idleTimeoutStream(res.body, controller, settings.timeoutMs);
        return { ...base, body: Buffer.alloc(0), stream };
      }
      const max = req.maxBodyBytes ?? DEFAULT_MAX_BODY;
      const buffered = await readBody(
        res.body,
        max,
        () =>
          new RegistryError(req.context, {
            kind: 'protocol',
            status: res.status,
            detail: `response body larger than ${max} bytes`,
          }),
      );
      return { ...base, body: buffered };
    }
  } catch (err) {
    if (timedOut) throw new AttemptTimeout(`no response within ${settings.timeoutMs} ms`);
    throw err;
  } finally {
    if (!handedOff) clearTimeout(timer);
  }
}

function idleTimeoutStream(
  source: Readable,
  controller: AbortController,
  timeoutMs: number,
): Readable {
  const out = new PassThrough();
  const timer = setTimeout(() => {
    const err = new AttemptTimeout(`no data for ${timeoutMs} ms`);
    controller.abort(err);
    out.destroy(err);
  }, timeoutMs);
  source.on('data', () => timer.refresh());
  source.on('end', () => clearTimeout(timer));
  source.on('error', (err) => {
    clearTimeout(timer);
    out.destroy(err);
  });
  out.on('close', () => {
    clearTimeout(timer);
    if (!source.destroyed) source.destroy();
  });
  source.pipe(out);
  return out;
}

function toRegistryError(err: unknown, req: HttpRequest, settings: HttpSettings): RegistryError {
  if (err instanceof RegistryError) return err;
  if (err instanceof AttemptTimeout) {
    return new RegistryError(req.context, {
      kind: 'timeout',
      detail: `${req.method} ${safeUrl(req.url)}: timed out (${settings.timeoutMs} ms)`,
    });
  }
  return new RegistryError(req.context, {
    kind: 'network',
    detail: `${req.method} ${safeUrl(req.url)}: ${networkReason(err)}`,
  });
}

/** A short reason for a failed fetch: the system error code when there is one. */
export function networkReason(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const source = cause instanceof Error ? cause : err;
    const code = (source as NodeJS.ErrnoException).code;
    return code !== undefined ? `${code} (${source.message})` : source.message;
  }
  return String(err);
}

/** Turns a stream error of a body returned by {@link send} into a {@link RegistryError}. */
export function streamError(err: unknown, context: RegistryErrorContext): RegistryError {
  if (err instanceof RegistryError) return err;
  if (err instanceof AttemptTimeout) {
    return new RegistryError(context, { kind: 'timeout', detail: err.message });
  }
  return new RegistryError(context, { kind: 'network', detail: networkReason(err) });
}
