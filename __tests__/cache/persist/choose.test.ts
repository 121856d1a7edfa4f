import { describe, expect, it } from 'vitest';
import { cacheKey, restoreKeys } from '../../../src/cache/persist/cache-key.js';
import {
  defaultStoreDir,
  parseCacheBackend,
  resolveBackend,
} from '../../../src/cache/persist/choose-backend.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

describe('cacheKey', () => {
  it('hashes the sorted distinct digests under prefix and platform', () => {
    const k = cacheKey('linux/amd64', [B, A, A]);
    expect(k).toBe(cacheKey('linux/amd64', [A, B]));
    expect(k).toMatch(/^hubcap-layers-v1-linux-amd64-[0-9a-f]{16}$/);
    expect(k).not.toBe(cacheKey('linux/amd64', [A]));
    expect(cacheKey('linux/arm/v7', [A], 'x')).toMatch(/^x-linux-arm-v7-[0-9a-f]{16}$/);
    expect(k.startsWith(restoreKeys('linux/amd64')[0]!)).toBe(true);
    expect(restoreKeys('linux/amd64')).toEqual(['hubcap-layers-v1-linux-amd64-']);
  });
});

describe('backend choice', () => {
  it('parses the input strictly, naming it', () => {
    expect(parseCacheBackend('Tool-Cache')).toBe('tool-cache');
    expect(parseCacheBackend('')).toBe('auto');
    expect(() => parseCacheBackend('s3')).toThrow(
      'cache-backend: expected one of auto, actions, tool-cache, local, off, got "s3"',
    );
  });

  it('auto: tool cache on self-hosted runners, else the Actions cache, else local', () => {
    expect(
      resolveBackend('auto', { RUNNER_ENVIRONMENT: 'self-hosted', RUNNER_TOOL_CACHE: '/t' }),
    ).toBe('tool-cache');
    expect(
      resolveBackend('auto', {
        RUNNER_ENVIRONMENT: 'github-hosted',
        RUNNER_TOOL_CACHE: '/opt/hostedtoolcache',
        ACTIONS_RESULTS_URL: 'https://results/',
      }),
    ).toBe('actions');
    expect(resolveBackend('auto', { RUNNER_ENVIRONMENT: 'self-hosted' })).toBe('local');
    expect(resolveBackend('auto', {})).toBe('local');
    expect(resolveBackend('off', { ACTIONS_RESULTS_URL: 'x' })).toBe('off');
  });

  it('default store folder depends only on the home (or XDG cache) folder', () => {
    expect(defaultStoreDir({}, '/home/runner')).toBe('/home/runner/.cache/hubcap/layers');
    expect(defaultStoreDir({ XDG_CACHE_HOME: '/c' }, '/home/runner')).toBe('/c/hubcap/layers');
  });
});
