import http from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryError } from '../../src/registry/errors.js';
import type { HttpSettings } from '../../src/registry/http.js';
import { undiciTransport } from '../../src/registry/transport.js';
import {
  DEFAULT_HTTP_SETTINGS,
  backoffDelay,
  classify429,
  parseRetryAfter,
  safeUrl,
  send,
} from '../../src/registry/http.js';

describe('classify429', () => {
  it('recognizes the pull limit by its TOOMANYREQUESTS error body', () => {
    const body = JSON.stringify({
      errors: [
        {
          code: 'TOOMANYREQUESTS',
          message:
            'You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit',
        },
      ],
    });
    expect(classify429(body)).toBe('pull-limit');
    expect(
      classify429('toomanyrequests: You have reached your unauthenticated pull rate limit.'),
    ).toBe('pull-limit');
  });

  it('treats a bare 429 as the abuse limit', () => {
    expect(classify429('')).toBe('abuse-limit');
    expect(classify429('Too Many Requests (HAP429).\n')).toBe('abuse-limit');
    expect(classify429('{"errors":[{"code":"DENIED","message":"slow down"}]}')).toBe('abuse-limit');
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });

  it('returns undefined for missing or unreadable values', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-5')).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt, capped, with full jitter', () => {
    expect(backoffDelay(0, 500, 10_000, () => 0.999)).toBe(499);
    expect(backoffDelay(3, 500, 10_000, () => 0.5)).toBe(2000);
    expect(backoffDelay(10, 500, 10_000, () => 0.5)).toBe(5000);
    expect(backoffDelay(2, 500, 10_000, () => 0)).toBe(0);
  });
});

describe('safeUrl', () => {
  it('drops query and fragment (signed CDN URLs)', () => {
    expect(safeUrl('https://cdn.example/x/y?sig=abc&expires=1#f')).toBe('https://cdn.example/x/y');
  });
});

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

describe('send against local servers', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
  });

  async function serve(handler: http.RequestListener): Promise<{ url: string; seen: Seen[] }> {
    const seen: Seen[] = [];
    const server = http.createServer((req, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      handler(req, res);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
  }

  const settings = (extra: Partial<HttpSettings> = {}): HttpSettings => ({
    ...DEFAULT_HTTP_SETTINGS,
    transport: undiciTransport,
    retryBaseMs: 5,
    userAgent: 'hubcap-test',
    ...extra,
  });
  const context = { registry: 'example.test', repository: 'acme/app', reference: '1.0' };

  it('keeps Authorization on its origin and drops it after a redirect to another port', async () => {
    const cdn = await serve((_req, res) => res.end('payload'));
    const origin = await serve((req, res) => {
      if (req.url === '/start') {
        res.writeHead(302, { location: '/same-origin' });
      } else {
        res.writeHead(307, { location: `${cdn.url}/blob?sig=x` });
      }
      res.end();
    });
    const res = await send(
      { method: 'GET', url: `${origin.url}/start`, authorization: 'Bearer secret-token', context },
      settings(),
    );
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('payload');
    expect(res.url).toBe(`${cdn.url}/blob`);
    expect(origin.seen.map((s) => [s.url, s.headers.authorization])).toEqual([
      ['/start', 'Bearer secret-token'],
      ['/same-origin', 'Bearer secret-token'],
    ]);
    expect(cdn.seen.map((s) => [s.url, s.headers.authorization, s.headers['user-agent']])).toEqual([
      ['/blob?sig=x', undefined, 'hubcap-test'],
    ]);
  });

  it('turns a POST into a GET on 303 and stops after ten redirects', async () => {
    const target = await serve((_req, res) => res.end('ok'));
    const origin = await serve((req, res) => {
      if (req.url === '/post') res.writeHead(303, { location: `${target.url}/done` });
      else res.writeHead(302, { location: '/loop' });
      res.end();
    });
    const res = await send(
      { method: 'POST', url: `${origin.url}/post`, body: 'x', context },
      settings(),
    );
    expect(res.status).toBe(200);
    expect(target.seen.map((s) => s.method)).toEqual(['GET']);
    await expect(
      send({ method: 'GET', url: `${origin.url}/loop`, context }, settings()),
    ).rejects.toThrow(
      'registry example.test, repository acme/app, reference "1.0": more than 10 redirects from ' +
        `${origin.url}/loop`,
    );
  });

  it('times out a silent server, retries, and reports a timeout', async () => {
    const silent = await serve(() => undefined);
    const err = await send(
      { method: 'GET', url: `${silent.url}/v2/`, context },
      settings({ timeoutMs: 150, retries: 1 }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).kind).toBe('timeout');
    expect((err as RegistryError).message).toBe(
      `registry example.test, repository acme/app, reference "1.0": GET ${silent.url}/v2/: timed out (150 ms)`,
    );
    expect(silent.seen).toHaveLength(2);
  });

  it('fails a stream that stops sending data', async () => {
    const stalls = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('first part');
    });
    const res = await send(
      { method: 'GET', url: `${stalls.url}/blob`, stream: true, context },
      settings({ timeoutMs: 200 }),
    );
    const chunks: Buffer[] = [];
    const err = await (async () => {
      for await (const c of res.stream!) chunks.push(c as Buffer);
    })().catch((e: unknown) => e);
    expect(Buffer.concat(chunks).toString()).toBe('first part');
    expect((err as Error).message).toBe('no data for 200 ms');
  });

  it('reports a refused connection as a network error after retrying', async () => {
    const gone = await serve(() => undefined);
    const url = gone.url;
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    const err = await send(
      { method: 'HEAD', url: `${url}/v2/`, context },
      settings({ retries: 2 }),
    ).catch((e: unknown) => e as RegistryError);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).kind).toBe('network');
    expect((err as RegistryError).message).toMatch(
      /: HEAD http:\/\/127\.0\.0\.1:\d+\/v2\/: ECONNREFUSED/,
    );
  });

  it('does not retry a PUT', async () => {
    const failing = await serve((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const res = await send(
      { method: 'PUT', url: `${failing.url}/x`, body: 'b', context },
      settings(),
    );
    expect(res.status).toBe(503);
    expect(failing.seen).toHaveLength(1);
  });

  it('returns a 429 whose Retry-After is longer than allowed, without waiting', async () => {
    const limited = await serve((_req, res) => {
      res.writeHead(429, { 'retry-after': '600' });
      res.end();
    });
    const started = Date.now();
    const res = await send({ method: 'GET', url: `${limited.url}/x`, context }, settings());
    expect(res.status).toBe(429);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(limited.seen).toHaveLength(1);
  });

  it('refuses bodies above the size limit', async () => {
    const big = await serve((_req, res) => res.end(Buffer.alloc(5000)));
    await expect(
      send({ method: 'GET', url: `${big.url}/m`, maxBodyBytes: 4096, context }, settings()),
    ).rejects.toThrow('HTTP 200: response body larger than 4096 bytes');
  });
});
