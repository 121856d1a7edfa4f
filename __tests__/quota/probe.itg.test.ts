import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { probeQuota } from '../../src/quota/probe.js';
import { pullsUsed } from '../../src/quota/pulls.js';
import { RegistryClient } from '../../src/registry/client.js';
import { dockerHubEndpoints } from '../../src/registry/endpoints.js';
import type { DockerHubDouble } from '../support/dockerhub-double.js';
import { startDockerHubDouble } from '../support/dockerhub-double.js';
import type { RegistryService } from '../support/registry-service.js';
import { freePort, registryUnavailable, startRegistry } from '../support/registry-service.js';
import { buildImage, busyboxLayer, pushImage } from '../support/test-image.js';

const skip = registryUnavailable();
if (skip !== undefined) console.warn(skip);

describe.skipIf(skip !== undefined)('probeQuota against the Docker Hub double', () => {
  let registry: RegistryService;
  let hub: DockerHubDouble;

  beforeAll(async () => {
    registry = await startRegistry();
    const image = await buildImage({ format: 'docker', layers: [busyboxLayer()] });
    await pushImage(registry.url, 'ratelimitpreview/test', 'latest', image);
    hub = await startDockerHubDouble({
      upstream: registry.url,
      users: { alice: 'dckr_pat_secret42' },
    });
  });

  afterAll(async () => {
    await hub?.close();
    await registry?.stop();
  });

  beforeEach(() => {
    hub.log.length = 0;
    hub.settings.headerMode = 'normal';
    hub.setRemaining(100);
    hub.setRemaining(200, 'alice');
    hub.failNext(0);
  });

  const manifestGets = (): number =>
    hub.log.filter((r) => r.method === 'GET' && r.path.includes('/manifests/')).length;

  it('probes anonymously with one token and one HEAD, reading endpoints from the environment', async () => {
    const endpoints = dockerHubEndpoints({
      HUBCAP_DOCKERHUB_REGISTRY: hub.url,
      HUBCAP_DOCKERHUB_AUTH: hub.authUrl,
    });
    const report = await probeQuota({ endpoints });
    expect(report).toEqual({
      status: 'limited',
      limit: 100,
      remaining: 100,
      windowSeconds: 21600,
      source: '192.0.2.1',
      policies: ['100;w=21600'],
      authenticated: false,
    });
    expect(hub.log.map((r) => [r.server, r.method, r.path, r.authorization, r.status])).toEqual([
      ['token', 'GET', '/token', 'none', 200],
      ['registry', 'HEAD', '/v2/ratelimitpreview/test/manifests/latest', 'bearer', 200],
    ]);
    expect(hub.log[0]?.query).toEqual({
      service: 'registry.docker.io',
      scope: 'repository:ratelimitpreview/test:pull',
    });
    expect(manifestGets()).toBe(0);
    expect(hub.remaining()).toBe(100);
  });

  it('probes the account quota with username and token', async () => {
    const report = await probeQuota({
      endpoints: hub.endpoints,
      username: 'alice',
      token: 'dckr_pat_secret42',
    });
    expect(report).toEqual({
      status: 'limited',
      limit: 200,
      remaining: 200,
      windowSeconds: 21600,
      source: 'user:alice',
      policies: ['200;w=21600'],
      authenticated: true,
    });
    expect(
      hub.log.filter((r) => r.server === 'token').map((r) => [r.authorization, r.basicUser]),
    ).toEqual([['basic', 'alice']]);
    expect(manifestGets()).toBe(0);
  });

  it('measures pulls used between two probes, spending none itself', async () => {
    const before = await probeQuota({ endpoints: hub.endpoints });
    const client = new RegistryClient('docker.io', { dockerHub: hub.endpoints });
    await client.getManifest('ratelimitpreview/test', 'latest');
    await client.getManifest('ratelimitpreview/test', 'latest');
    await client.headManifest('ratelimitpreview/test', 'latest');
    const after = await probeQuota({ endpoints: hub.endpoints });
    expect([before.remaining, after.remaining]).toEqual([100, 98]);
    expect(pullsUsed(before, after)).toBe(2);
    // The client's first GET went out before it knew the challenge and got a 401.
    expect(
      hub.log
        .filter((r) => r.method === 'GET' && r.path.includes('/manifests/'))
        .map((r) => [r.authorization, r.status]),
    ).toEqual([
      ['none', 401],
      ['bearer', 200],
      ['bearer', 200],
    ]);
  });

  it('reports unlimited when Docker Hub sends no rate-limit headers', async () => {
    hub.settings.headerMode = 'none';
    expect(await probeQuota({ endpoints: hub.endpoints })).toEqual({
      status: 'unlimited',
      limit: undefined,
      remaining: undefined,
      windowSeconds: undefined,
      source: undefined,
      policies: [],
      authenticated: false,
    });
  });

  it('reports empty counts as malformed, with the window', async () => {
    hub.settings.headerMode = 'empty';
    const report = await probeQuota({ endpoints: hub.endpoints });
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
  });

  it('reads the list form and Title-Case names', async () => {
    hub.settings.headerMode = 'list';
    const list = await probeQuota({ endpoints: hub.endpoints });
    expect([list.status, list.limit, list.remaining, list.windowSeconds, list.policies]).toEqual([
      'limited',
      100,
      100,
      21600,
      ['100;w=21600'],
    ]);
    hub.settings.headerMode = 'title-case';
    const title = await probeQuota({ endpoints: hub.endpoints });
    expect([title.status, title.limit, title.remaining, title.source]).toEqual([
      'limited',
      100,
      100,
      '192.0.2.1',
    ]);
  });

  it('still answers with remaining 0 once the quota is spent', async () => {
    hub.setRemaining(0);
    const report = await probeQuota({ endpoints: hub.endpoints });
    expect([report.status, report.limit, report.remaining]).toEqual(['limited', 100, 0]);
    expect(manifestGets()).toBe(0);
  });

  it('retries a 5xx and then reports', async () => {
    hub.failNext(1, 503);
    const report = await probeQuota({ endpoints: hub.endpoints, retryBaseMs: 5 });
    expect(report.status).toBe('limited');
    expect(hub.log.filter((r) => r.server === 'registry').map((r) => r.status)).toEqual([503, 200]);
  });

  it('says unreachable, without throwing, when Docker Hub is down', async () => {
    hub.failNext(10, 503);
    const down = await probeQuota({ endpoints: hub.endpoints, retries: 1, retryBaseMs: 5 });
    expect(down).toEqual({
      status: 'unreachable',
      policies: [],
      authenticated: false,
      error:
        `registry ${hub.host}, repository ratelimitpreview/test, reference "latest": ` +
        'HTTP 503: quota probe failed',
    });
    hub.failNext(0);
    const port = await freePort();
    const closed = await probeQuota({
      endpoints: { registry: `http://127.0.0.1:${port}`, auth: `http://127.0.0.1:${port}/token` },
      retries: 0,
    });
    expect(closed.status).toBe('unreachable');
    expect(closed.error).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/token: ECONNREFUSED/);
  });

  it('says unreachable for refused credentials and never shows the token', async () => {
    const report = await probeQuota({
      endpoints: hub.endpoints,
      username: 'alice',
      token: 'wrong-pat-123',
    });
    expect(report.status).toBe('unreachable');
    expect(report.authenticated).toBe(false);
    expect(report.error).toBe(
      `registry ${hub.host}, repository ratelimitpreview/test, reference "latest": HTTP 401: ` +
        `token request to ${hub.authUrl} failed (token endpoint ${hub.authUrl})`,
    );
    expect(report.error).not.toContain('wrong-pat-123');
  });
});
