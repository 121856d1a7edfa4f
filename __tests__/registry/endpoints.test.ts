import { describe, expect, it } from 'vitest';
import {
  dockerHubEndpoints,
  hostName,
  isInsecureHost,
  isLoopbackHost,
  registryBaseUrl,
} from '../../src/registry/endpoints.js';

describe('dockerHubEndpoints', () => {
  it('defaults to the real Docker Hub', () => {
    expect(dockerHubEndpoints({})).toEqual({
      registry: 'https://registry-1.docker.io',
      auth: 'https://auth.docker.io/token',
    });
  });

  it('takes full URLs from HUBCAP_DOCKERHUB_REGISTRY and HUBCAP_DOCKERHUB_AUTH', () => {
    expect(
      dockerHubEndpoints({
        HUBCAP_DOCKERHUB_REGISTRY: 'http://127.0.0.1:5000/',
        HUBCAP_DOCKERHUB_AUTH: ' https://proxy.corp/auth/token ',
      }),
    ).toEqual({ registry: 'http://127.0.0.1:5000', auth: 'https://proxy.corp/auth/token' });
    expect(dockerHubEndpoints({ HUBCAP_DOCKERHUB_REGISTRY: '' }).registry).toBe(
      'https://registry-1.docker.io',
    );
  });

  it('rejects values that are not http(s) URLs, quoting them', () => {
    expect(() => dockerHubEndpoints({ HUBCAP_DOCKERHUB_REGISTRY: 'registry.corp:5000' })).toThrow(
      'HUBCAP_DOCKERHUB_REGISTRY="registry.corp:5000": only http:// and https:// URLs are allowed',
    );
    expect(() => dockerHubEndpoints({ HUBCAP_DOCKERHUB_AUTH: 'not a url' })).toThrow(
      'HUBCAP_DOCKERHUB_AUTH="not a url": not a URL (expected https://host[:port])',
    );
  });
});

describe('scheme selection', () => {
  it('uses plain HTTP for localhost, 127.0.0.0/8 and ::1 only', () => {
    expect(isLoopbackHost('localhost:5000')).toBe(true);
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.42.0.9:80')).toBe(true);
    expect(isLoopbackHost('[::1]:5000')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false);
    expect(hostName('[::1]:5000')).toBe('::1');
  });

  it('matches insecure-registries by host:port, bare host or IPv4 CIDR', () => {
    const list = ['registry.corp:5000', 'mirror.lan', '10.0.0.0/8', 'http://plain.example/'];
    expect(isInsecureHost('registry.corp:5000', list)).toBe(true);
    expect(isInsecureHost('registry.corp:5001', list)).toBe(false);
    expect(isInsecureHost('mirror.lan:8080', list)).toBe(true);
    expect(isInsecureHost('10.20.30.40:5000', list)).toBe(true);
    expect(isInsecureHost('11.0.0.1', list)).toBe(false);
    expect(isInsecureHost('plain.example', list)).toBe(true);
  });

  it('builds base URLs: HTTPS by default, Docker Hub mapped and overridable', () => {
    expect(registryBaseUrl('ghcr.io')).toBe('https://ghcr.io');
    expect(registryBaseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('registry.corp:5000', { insecure: ['registry.corp:5000'] })).toBe(
      'http://registry.corp:5000',
    );
    expect(registryBaseUrl('docker.io')).toBe('https://registry-1.docker.io');
    expect(registryBaseUrl('index.docker.io')).toBe('https://registry-1.docker.io');
    expect(
      registryBaseUrl('docker.io', {
        dockerHub: { registry: 'http://127.0.0.1:9/', auth: 'http://127.0.0.1:8/token' },
      }),
    ).toBe('http://127.0.0.1:9');
  });
});
