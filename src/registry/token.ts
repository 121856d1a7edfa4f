import type { Credentials } from './credentials.js';
import type { RegistryErrorContext } from './errors.js';
import { RegistryError, parseErrorBody, redact } from './errors.js';
import type { HttpSettings } from './http.js';
import { safeUrl, send } from './http.js';

/** What a bearer token is asked for: the challenge's realm and service, and the scopes. */
export interface TokenRequest {
  realm: string;
  service?: string | undefined;
  scopes: string[];
}

/** A token and the time (ms since the epoch) after which it is no longer used. */
export interface IssuedToken {
  token: string;
  expiresAt: number;
}

/** Seconds a token lives when the response leaves `expires_in` out (token spec default). */
export const DEFAULT_TOKEN_SECONDS = 60;

/**
 * Reads a token endpoint's JSON: `token` or `access_token` (either may be missing),
 * `expires_in` (default 60 s). Returns `undefined` when no token is in it.
 */
export function parseTokenResponse(
  json: unknown,
): { token: string; expiresInSeconds: number } | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const o = json as Record<string, unknown>;
  const token =
    typeof o['token'] === 'string' && o['token'] !== ''
      ? o['token']
      : typeof o['access_token'] === 'string' && o['access_token'] !== ''
        ? o['access_token']
        : undefined;
  if (token === undefined) return undefined;
  const raw = o['expires_in'];
  const expiresInSeconds =
    typeof raw === 'number' && Number.isFinite(raw) && raw > 0 ? raw : DEFAULT_TOKEN_SECONDS;
  return { token, expiresInSeconds };
}

/** When a token of `seconds` life, received at `receivedAt`, should be replaced. */
export function tokenDeadline(receivedAt: number, seconds: number): number {
  const margin = Math.min(10, seconds / 10);
  return receivedAt + (seconds - margin) * 1000;
}

/** Options of {@link fetchToken} and {@link TokenCache}. */
export interface TokenOptions {
  http: HttpSettings;
  /** Sent as HTTP Basic to the token endpoint; anonymous without. */
  credentials?: Credentials | undefined;
  /** Clock, `Date.now` by default. */
  now?: (() => number) | undefined;
  /** Names the registry (and repository) in errors. */
  context: RegistryErrorContext;
}

/** Asks a token endpoint for a bearer token (GET with `service` and repeated `scope`). */
export async function fetchToken(req: TokenRequest, options: TokenOptions): Promise<IssuedToken> {
  const now = options.now ?? Date.now;
  const url = new URL(req.realm);
  if (req.service !== undefined && req.service !== '') {
    url.searchParams.set('service', req.service);
  }
  for (const scope of req.scopes) url.searchParams.append('scope', scope);
  const creds = options.credentials;
  if (creds !== undefined) url.searchParams.set('account', creds.username);
  const authorization =
    creds !== undefined
      ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`
      : undefined;
  const secrets = creds !== undefined ? [creds.password] : [];
  const res = await send(
    {
      method: 'GET',
      url: url.href,
      headers: { accept: 'application/json' },
      authorization,
      maxBodyBytes: 1024 * 1024,
      context: options.context,
    },
    options.http,
  );
  const text = res.body.toString('utf8');
  if (res.status !== 200) {
    const entry = parseErrorBody(text)[0];
    const detail = entry?.message || `token request to ${safeUrl(req.realm)} failed`;
    throw new RegistryError(options.context, {
      kind:
        res.status === 401 || res.status === 403
          ? 'auth'
          : res.status === 429
            ? 'abuse-limit'
            : 'http',
      status: res.status,
      code: entry?.code || undefined,
      detail: redact(`${detail} (token endpoint ${safeUrl(req.realm)})`, secrets),
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = parseTokenResponse(json);
  if (parsed === undefined) {
    throw new RegistryError(options.context, {
      kind: 'protocol',
      status: res.status,
      detail: `token endpoint ${safeUrl(req.realm)} answered without "token" or "access_token"`,
    });
  }
  return { token: parsed.token, expiresAt: tokenDeadline(now(), parsed.expiresInSeconds) };
}

/** The cache key of a token request: realm, service and the sorted scopes. */
export function tokenKey(req: TokenRequest): string {
  return [req.realm, req.service ?? '', ...[...new Set(req.scopes)].sort()].join('\n');
}

/**
 * Bearer tokens of one registry client, fetched per scope and reused until they expire.
 * Concurrent requests for the same scope share one fetch.
 */
export class TokenCache {
  private readonly tokens = new Map<string, Promise<IssuedToken>>();
  private readonly issued = new Set<string>();
  private fetches = 0;

  constructor(private readonly options: TokenOptions) {}

  /** A valid token for the request: the cached one, or a freshly fetched one. */
  async get(req: TokenRequest, context?: RegistryErrorContext): Promise<string> {
    const key = tokenKey(req);
    const now = this.options.now ?? Date.now;
    for (;;) {
      const cached = this.tokens.get(key);
      if (cached === undefined) break;
      const t = await cached.catch(() => undefined);
      if (t !== undefined && t.expiresAt > now()) return t.token;
      if (this.tokens.get(key) === cached) {
        this.tokens.delete(key);
        break;
      }
    }
    const options = context !== undefined ? { ...this.options, context } : this.options;
    const pending = fetchToken(req, options).then((t) => {
      this.issued.add(t.token);
      return t;
    });
    this.fetches++;
    this.tokens.set(key, pending);
    try {
      return (await pending).token;
    } catch (err) {
      if (this.tokens.get(key) === pending) this.tokens.delete(key);
      throw err;
    }
  }

  /** Drops the cached token of a request (the registry refused it). */
  invalidate(req: TokenRequest): void {
    this.tokens.delete(tokenKey(req));
  }

  /** How many tokens were requested from token endpoints so far. */
  get fetchCount(): number {
    return this.fetches;
  }

  /** Every token seen, for scrubbing error text. */
  secrets(): string[] {
    return [...this.issued];
  }
}
