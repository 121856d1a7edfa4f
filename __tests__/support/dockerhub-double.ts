import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** How the double writes the rate-limit headers. */
export type HeaderMode = 'normal' | 'none' | 'empty' | 'list' | 'garble' | 'title-case';

/** Settings that tests may change while the double runs. */
export interface DockerHubDoubleSettings {
  /** Pulls per window for anonymous clients (default 100). */
  limit: number;
  /** Pulls per window for authenticated users (default 200). */
  authenticatedLimit: number;
  /** Window length in seconds (default 21600). */
  windowSeconds: number;
  /** `docker-ratelimit-source` of anonymous clients (default 192.0.2.1). */
  source: string;
  /** Lifetime of issued tokens in seconds (default 300). */
  tokenTtlSeconds: number;
  /** `Retry-After` seconds sent with the pull-limit 429, if any. */
  retryAfterSeconds: number | undefined;
  headerMode: HeaderMode;
  /** `bearer` (Docker Hub's token auth) or `basic` (a registry with htpasswd). */
  auth: 'bearer' | 'basic';
  /** Answer blob GETs with a 307 to the CDN server (another loopback port). */
  redirectBlobs: boolean;
  /** Flip the last byte of every blob body. */
  corruptBlobs: boolean;
  /** Append a space to every manifest body (keeps the upstream Docker-Content-Digest). */
  corruptManifests: boolean;
}

/** Options of {@link startDockerHubDouble}. */
export interface DockerHubDoubleOptions extends Partial<DockerHubDoubleSettings> {
  /** The real registry behind the double. */
  upstream: string;
  /** Accepted Basic credentials: user name → password / access token. */
  users?: Record<string, string>;
}

/** One request the double saw. */
export interface LoggedRequest {
  server: 'registry' | 'token' | 'cdn';
  method: string;
  /** Path without query. */
  path: string;
  /** Query parameters (repeated ones joined by a space). */
  query: Record<string, string>;
  /** What Authorization header came with it. */
  authorization: 'none' | 'bearer' | 'basic' | 'other';
  /** The user name of a Basic header. */
  basicUser?: string | undefined;
  status: number;
}

interface TokenRecord {
  scopes: Set<string>;
  user: string | undefined;
  expiresAt: number;
}

/** A running Docker Hub double. */
export interface DockerHubDouble {
  /** Registry API base URL (`http://127.0.0.1:PORT`). */
  url: string;
  /** `127.0.0.1:PORT` of the registry API. */
  host: string;
  /** The token endpoint URL. */
  authUrl: string;
  /** Base URL of the CDN server that redirected blob GETs go to. */
  cdnUrl: string;
  /** As `dockerHubEndpoints` would return them for this double. */
  endpoints: { registry: string; auth: string };
  settings: DockerHubDoubleSettings;
  /** Every request, in order. */
  log: LoggedRequest[];
  /** Tokens issued so far. */
  tokensIssued(): number;
  /** Remaining pulls of the anonymous bucket, or of a user's. */
  remaining(user?: string): number;
  /** Sets the remaining pulls of the anonymous bucket, or of a user's. */
  setRemaining(count: number, user?: string): void;
  /** The next `count` registry requests fail with `status` (default 503). */
  failNext(count: number, status?: number): void;
  /** The next `count` registry requests get a bare 429 (the abuse limit). */
  abuseNext(count: number, retryAfterSeconds?: number): void;
  /** Every token issued so far is refused from now on. */
  expireTokens(): void;
  close(): Promise<void>;
}

const PASSED_HEADERS = [
  'content-type',
  'content-length',
  'docker-content-digest',
  'content-range',
  'accept-ranges',
  'etag',
  'docker-distribution-api-version',
];

function authKind(header: string | undefined): LoggedRequest['authorization'] {
  if (header === undefined || header === '') return 'none';
  const scheme = header.split(' ')[0]?.toLowerCase();
  if (scheme === 'bearer') return 'bearer';
  if (scheme === 'basic') return 'basic';
  return 'other';
}

function basicUser(header: string | undefined): { user: string; password: string } | undefined {
  if (header === undefined || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function queryOf(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) {
    out[key] = url.searchParams.getAll(key).join(' ');
  }
  return out;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/**
 * Starts a Docker Hub double in front of a real registry: a token endpoint (anonymous or
 * Basic), the registry API with Bearer challenges (`service="registry.docker.io"`),
 * `ratelimit-*` headers on manifest responses with the count going down only on manifest
 * GETs, Docker Hub's 429 body when the count is spent, a CDN for redirected blobs, and
 * switches for faults. Everything listens on 127.0.0.1.
 */
export async function startDockerHubDouble(
  options: DockerHubDoubleOptions,
): Promise<DockerHubDouble> {
  const settings: DockerHubDoubleSettings = {
    limit: options.limit ?? 100,
    authenticatedLimit: options.authenticatedLimit ?? 200,
    windowSeconds: options.windowSeconds ?? 21600,
    source: options.source ?? '192.0.2.1',
    tokenTtlSeconds: options.tokenTtlSeconds ?? 300,
    retryAfterSeconds: options.retryAfterSeconds,
    headerMode: options.headerMode ?? 'normal',
    auth: options.auth ?? 'bearer',
    redirectBlobs: options.redirectBlobs ?? false,
    corruptBlobs: options.corruptBlobs ?? false,
    corruptManifests: options.corruptManifests ?? false,
  };
  const users = options.users ?? {};
  const upstream = options.upstream.replace(/\/+$/, '');
  const log: LoggedRequest[] = [];
  const tokens = new Map<string, TokenRecord>();
  const buckets = new Map<string, number>();
  let issued = 0;
  let failures: { count: number; status: number } = { count: 0, status: 503 };
  let abuse: { count: number; retryAfter: number | undefined } = {
    count: 0,
    retryAfter: undefined,
  };

  const bucketKey = (user: string | undefined): string =>
    user === undefined ? '' : `user:${user}`;
  const limitOf = (user: string | undefined): number =>
    user === undefined ? settings.limit : settings.authenticatedLimit;
  const remainingOf = (user: string | undefined): number =>
    buckets.get(bucketKey(user)) ?? limitOf(user);
  /** Records a request in the log; the handler sets its status when it answers. */
  const logged = (
    server: LoggedRequest['server'],
    req: IncomingMessage,
    url: URL,
  ): LoggedRequest => {
    const entry: LoggedRequest = {
      server,
      method: req.method ?? '',
      path: url.pathname,
      query: queryOf(url),
      authorization: authKind(req.headers.authorization),
      basicUser: basicUser(req.headers.authorization)?.user,
      status: 0,
    };
    log.push(entry);
    return entry;
  };

  const tokenServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const entry = logged('token', req, url);
    const reply = (status: number, body: unknown): void => {
      entry.status = status;
      sendJson(res, status, body);
    };
    if (url.pathname !== '/token') return reply(404, { details: 'not found' });
    let user: string | undefined;
    if (req.headers.authorization !== undefined) {
      const b = basicUser(req.headers.authorization);
      if (b === undefined || users[b.user] === undefined || users[b.user] !== b.password) {
        return reply(401, { details: 'incorrect username or password' });
      }
      user = b.user;
    }
    const claims = Buffer.from(JSON.stringify({ n: issued, user: user ?? null }));
    const token = `hubdouble.${claims.toString('base64url')}.${randomBytes(12).toString('hex')}`;
    issued++;
    tokens.set(token, {
      scopes: new Set(url.searchParams.getAll('scope')),
      user,
      expiresAt: Date.now() + settings.tokenTtlSeconds * 1000,
    });
    reply(200, {
      token,
      access_token: token,
      expires_in: settings.tokenTtlSeconds,
      issued_at: new Date().toISOString(),
    });
  });

  const cdnServer = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const entry = logged('cdn', req, url);
      if (req.headers.authorization !== undefined) {
        // Real CDNs refuse a request that carries a second auth mechanism.
        entry.status = 400;
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('Only one auth mechanism allowed');
        return;
      }
      const m = /^\/cdn\/(.+)\/blobs\/(sha256:[a-f0-9]{64})$/.exec(url.pathname);
      if (m === null || url.searchParams.get('sig') === null) {
        entry.status = 403;
        res.writeHead(403);
        res.end();
        return;
      }
      await proxy(req, res, `/v2/${m[1]}/blobs/${m[2]}`, entry, false);
    })().catch((err: unknown) => {
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    });
  });

  async function proxy(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    entry: LoggedRequest,
    isManifest: boolean,
    extraHeaders: Record<string, string> = {},
  ): Promise<void> {
    const headers: Record<string, string> = {};
    for (const h of ['accept', 'range']) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    const up = await fetch(`${upstream}${path}`, {
      method: req.method ?? 'GET',
      headers,
      redirect: 'manual',
    });
    const out: Record<string, string> = { ...extraHeaders };
    for (const h of PASSED_HEADERS) {
      const v = up.headers.get(h);
      if (v !== null) out[h] = v;
    }
    entry.status = up.status;
    const corrupt =
      up.status === 200 &&
      req.method === 'GET' &&
      (isManifest ? settings.corruptManifests : settings.corruptBlobs && path.includes('/blobs/'));
    if (corrupt) {
      let body = Buffer.from(await up.arrayBuffer());
      if (isManifest) body = Buffer.concat([body, Buffer.from(' ')]);
      else if (body.length > 0) body[body.length - 1] = (body[body.length - 1] as number) ^ 0xff;
      out['content-length'] = String(body.length);
      res.writeHead(up.status, out);
      res.end(body);
      return;
    }
    res.writeHead(up.status, out);
    if (req.method === 'HEAD' || up.body === null) {
      await up.body?.cancel();
      res.end();
      return;
    }
    Readable.fromWeb(up.body as WebReadableStream<Uint8Array>).pipe(res);
  }

  const registryServer = http.createServer((req, res) => {
    void handleRegistry(req, res).catch((err: unknown) => {
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    });
  });

  let tokenPort = 0;
  let cdnPort = 0;

  function rateHeaders(user: string | undefined): Record<string, string> {
    const limit = limitOf(user);
    const remaining = remainingOf(user);
    const w = settings.windowSeconds;
    const source = user === undefined ? settings.source : `user:${user}`;
    switch (settings.headerMode) {
      case 'none':
        return {};
      case 'empty':
        return { 'RateLimit-Limit': `;w=${w}`, 'RateLimit-Remaining': `;w=${w}` };
      case 'list':
        return {
          'ratelimit-limit': `${limit}, ${limit};w=${w}`,
          'ratelimit-remaining': `${remaining};w=${w}`,
          'docker-ratelimit-source': source,
        };
      case 'garble':
        return { 'ratelimit-limit': 'lots', 'ratelimit-remaining': 'some;w=x' };
      case 'title-case':
        return {
          'RateLimit-Limit': `${limit};w=${w}`,
          'RateLimit-Remaining': `${remaining};w=${w}`,
          'Docker-RateLimit-Source': source,
        };
      default:
        return {
          'ratelimit-limit': `${limit};w=${w}`,
          'ratelimit-remaining': `${remaining};w=${w}`,
          'docker-ratelimit-source': source,
        };
    }
  }

  async function handleRegistry(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const entry = logged('registry', req, url);
    const fail = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      entry.status = status;
      sendJson(res, status, body, headers);
    };
    if (failures.count > 0) {
      failures.count--;
      return fail(failures.status, {
        errors: [{ code: 'UNAVAILABLE', message: 'service unavailable' }],
      });
    }
    if (abuse.count > 0) {
      abuse.count--;
      entry.status = 429;
      const h: Record<string, string> = { 'content-type': 'text/plain' };
      if (abuse.retryAfter !== undefined) h['retry-after'] = String(abuse.retryAfter);
      res.writeHead(429, h);
      res.end('Too Many Requests (HAP429).\n');
      return;
    }
    const m = /^\/v2\/(.+)\/(manifests|blobs|tags)\/(.+)$/.exec(url.pathname);
    const repository = m?.[1];
    const scope = repository !== undefined ? `repository:${repository}:pull` : undefined;
    if (!url.pathname.startsWith('/v2/'))
      return fail(404, { errors: [{ code: 'NOT_FOUND', message: 'not found' }] });

    // Authentication.
    let user: string | undefined;
    const header = req.headers.authorization;
    if (settings.auth === 'basic') {
      const b = basicUser(header);
      if (b === undefined || users[b.user] !== b.password) {
        return fail(
          401,
          { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] },
          {
            'www-authenticate': 'Basic realm="Registry Realm"',
          },
        );
      }
      user = b.user;
    } else {
      const token =
        header !== undefined && /^bearer /i.test(header) ? header.slice(7).trim() : undefined;
      const record = token !== undefined ? tokens.get(token) : undefined;
      const valid =
        record !== undefined &&
        record.expiresAt > Date.now() &&
        (scope === undefined || record.scopes.has(scope));
      if (!valid) {
        const params = [
          `realm="http://127.0.0.1:${tokenPort}/token"`,
          'service="registry.docker.io"',
        ];
        if (scope !== undefined) params.push(`scope="${scope}"`);
        const detail =
          repository !== undefined
            ? [{ Type: 'repository', Class: '', Name: repository, Action: 'pull' }]
            : undefined;
        return fail(
          401,
          { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail }] },
          {
            'www-authenticate': `Bearer ${params.join(',')}`,
          },
        );
      }
      user = record.user;
    }

    if (url.pathname === '/v2/') {
      return fail(200, {}, { 'docker-distribution-api-version': 'registry/2.0' });
    }
    if (m === null) return fail(404, { errors: [{ code: 'NOT_FOUND', message: 'not found' }] });
    const kind = m[2];
    if (kind === 'manifests') {
      const headers = rateHeaders(user);
      if (req.method === 'GET') {
        const left = remainingOf(user);
        if (left <= 0) {
          const extra: Record<string, string> = { ...headers };
          if (settings.retryAfterSeconds !== undefined)
            extra['retry-after'] = String(settings.retryAfterSeconds);
          return fail(
            429,
            {
              errors: [
                {
                  code: 'TOOMANYREQUESTS',
                  message:
                    `You have reached your ${user === undefined ? 'unauthenticated ' : ''}` +
                    'pull rate limit. https://www.docker.com/increase-rate-limit',
                },
              ],
            },
            extra,
          );
        }
      }
      await proxy(req, res, `${url.pathname}${url.search}`, entry, true, headers);
      if (req.method === 'GET' && entry.status === 200) {
        buckets.set(bucketKey(user), remainingOf(user) - 1);
      }
      return;
    }
    if (kind === 'blobs' && settings.redirectBlobs && req.method === 'GET') {
      entry.status = 307;
      const signature = `sig=${randomBytes(6).toString('hex')}&expires=${Date.now() + 600_000}`;
      const location = `http://127.0.0.1:${cdnPort}/cdn/${repository}/blobs/${m[3]}?${signature}`;
      res.writeHead(307, { location, 'content-length': '0' });
      res.end();
      return;
    }
    await proxy(req, res, `${url.pathname}${url.search}`, entry, false);
  }

  tokenPort = await listen(tokenServer);
  cdnPort = await listen(cdnServer);
  const registryPort = await listen(registryServer);
  const url = `http://127.0.0.1:${registryPort}`;
  const authUrl = `http://127.0.0.1:${tokenPort}/token`;
  return {
    url,
    host: `127.0.0.1:${registryPort}`,
    authUrl,
    cdnUrl: `http://127.0.0.1:${cdnPort}`,
    endpoints: { registry: url, auth: authUrl },
    settings,
    log,
    tokensIssued: () => issued,
    remaining: (user) => remainingOf(user),
    setRemaining: (count, user) => {
      buckets.set(bucketKey(user), count);
    },
    failNext: (count, status = 503) => {
      failures = { count, status };
    },
    abuseNext: (count, retryAfterSeconds) => {
      abuse = { count, retryAfter: retryAfterSeconds };
    },
    expireTokens: () => {
      for (const t of tokens.values()) t.expiresAt = 0;
    },
    close: async () => {
      await Promise.all([
        closeServer(registryServer),
        closeServer(tokenServer),
        closeServer(cdnServer),
      ]);
    },
  };
}
