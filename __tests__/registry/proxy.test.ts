import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { undiciTransport } from '../../src/registry/transport.js';

/** Reads a transport answer's body as text. */
async function text(res: { body: AsyncIterable<Buffer> }): Promise<string> {
  let out = '';
  for await (const chunk of res.body) out += chunk.toString();
  return out;
}

describe('undiciTransport and the proxy environment', () => {
  let origin: http.Server;
  let proxy: http.Server;
  let originPort = 0;
  let proxyUrl = '';
  /** `CONNECT` targets and their Proxy-Authorization, as the proxy saw them. */
  const tunnels: Array<[string, string | undefined]> = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    origin = http.createServer((req, res) => res.end(`origin saw ${req.url}`));
    await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
    originPort = (origin.address() as AddressInfo).port;
    // a forward proxy that knows registry.test as the origin server
    proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
      tunnels.push([req.url ?? '', req.headers['proxy-authorization']]);
      const upstream = net.connect(originPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://hub:s3cret@127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    for (const k of ['HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) delete process.env[k];
    Object.assign(process.env, saved);
    tunnels.length = 0;
  });
  afterAll(async () => {
    proxy.closeAllConnections();
    origin.closeAllConnections();
    await new Promise((r) => proxy.close(r));
    await new Promise((r) => origin.close(r));
  });

  const get = (url: string) =>
    undiciTransport({ method: 'GET', url, headers: {}, signal: new AbortController().signal });

  it('tunnels through HTTP_PROXY, with the credentials of its URL', async () => {
    process.env['HTTP_PROXY'] = proxyUrl;
    const res = await get(`http://registry.test:${originPort}/v2/`);
    expect(res.status).toBe(200);
    expect(await text(res)).toBe('origin saw /v2/');
    const basic = `Basic ${Buffer.from('hub:s3cret').toString('base64')}`;
    expect(tunnels).toEqual([[`registry.test:${originPort}`, basic]]);
  });

  it('goes direct to loopback hosts and to hosts NO_PROXY names', async () => {
    process.env['HTTP_PROXY'] = proxyUrl;
    const local = await get(`http://127.0.0.1:${originPort}/v2/local`);
    expect(await text(local)).toBe('origin saw /v2/local');
    process.env['NO_PROXY'] = 'example.internal,.test';
    // direct, the made-up name does not resolve (no resolver answering counts the same)
    await expect(get(`http://registry.test:${originPort}/v2/`)).rejects.toHaveProperty(
      'code',
      expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)$/),
    );
    expect(tunnels).toEqual([]);
  });
});
