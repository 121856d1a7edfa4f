import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  authKeyHost,
  canonicalRegistryHost,
  dockerConfigPath,
  findDockerConfigCredentials,
  loadDockerConfigCredentials,
  readDockerConfig,
} from '../../src/registry/credentials.js';
import { ROOT } from '../support/corpus.js';

const FIXTURES = path.join(ROOT, '__tests__/fixtures/registry');
const CONFIG_DIR = path.join(FIXTURES, 'docker-config');

describe('docker config.json lookup', () => {
  it('finds Docker Hub credentials under https://index.docker.io/v1/ for every Hub alias', async () => {
    const config = (await readDockerConfig(path.join(CONFIG_DIR, 'config.json')))!;
    for (const host of ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'Docker.IO']) {
      expect(findDockerConfigCredentials(config, host)).toEqual({
        username: 'hubuser',
        password: 'hub-pat-123',
      });
    }
  });

  it('splits user and password at the first colon only', async () => {
    const config = (await readDockerConfig(path.join(CONFIG_DIR, 'config.json')))!;
    expect(findDockerConfigCredentials(config, 'ghcr.io')).toEqual({
      username: 'octo',
      password: 'ghp_token:with:colons',
    });
  });

  it('prefers the exact key over one with a scheme and path', async () => {
    const config = (await readDockerConfig(path.join(CONFIG_DIR, 'config.json')))!;
    expect(findDockerConfigCredentials(config, 'registry.example.com')).toEqual({
      username: 'exact',
      password: 'pw2',
    });
  });

  it('matches host and port exactly, and reads username/password fields', async () => {
    const config = (await readDockerConfig(path.join(CONFIG_DIR, 'config.json')))!;
    expect(findDockerConfigCredentials(config, 'localhost:5000')).toEqual({
      username: 'local',
      password: 'pw3',
    });
    expect(findDockerConfigCredentials(config, 'localhost:5001')).toBeUndefined();
    expect(findDockerConfigCredentials(config, 'localhost')).toBeUndefined();
    expect(findDockerConfigCredentials(config, '127.0.0.1:5001')).toEqual({
      username: 'loop',
      password: 'pw4',
    });
    expect(findDockerConfigCredentials(config, '127.0.0.1:5000')).toBeUndefined();
  });

  it('gives nothing for entries kept by a credential helper or as an identity token', async () => {
    const config = (await readDockerConfig(path.join(CONFIG_DIR, 'config.json')))!;
    expect(findDockerConfigCredentials(config, 'helper.example')).toBeUndefined();
    expect(findDockerConfigCredentials(config, 'oauth.example')).toBeUndefined();
    expect(findDockerConfigCredentials(config, 'gcr.io')).toBeUndefined();
    expect(findDockerConfigCredentials(config, 'quay.io')).toBeUndefined();
  });

  it('loads from DOCKER_CONFIG or ~/.docker', async () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/cfg' }, '/home/u')).toBe('/cfg/config.json');
    expect(dockerConfigPath({}, '/home/u')).toBe('/home/u/.docker/config.json');
    expect(await loadDockerConfigCredentials('docker.io', { DOCKER_CONFIG: CONFIG_DIR })).toEqual({
      username: 'hubuser',
      password: 'hub-pat-123',
    });
    expect(
      await loadDockerConfigCredentials('docker.io', {}, path.join(FIXTURES, 'no-home')),
    ).toBeUndefined();
  });

  it('names file and line of invalid JSON, and the key of a broken auth value', async () => {
    const bad = path.join(FIXTURES, 'bad-config.json');
    await expect(readDockerConfig(bad)).rejects.toThrow(
      new RegExp(`^${bad.replace(/[.]/g, '\\.')}:4: invalid JSON in Docker config: `),
    );
    const badAuth = path.join(FIXTURES, 'bad-auth-config.json');
    const config = (await readDockerConfig(badAuth))!;
    expect(() => findDockerConfigCredentials(config, 'bad.example', badAuth)).toThrow(
      `${badAuth}: auths["bad.example"].auth is not base64 of "user:password"`,
    );
  });

  it('normalizes keys and hosts the way the Docker CLI does', () => {
    expect(authKeyHost('https://index.docker.io/v1/')).toBe('docker.io');
    expect(authKeyHost('http://Registry.Example.com:5000/v2/')).toBe('registry.example.com:5000');
    expect(authKeyHost('ghcr.io')).toBe('ghcr.io');
    expect(canonicalRegistryHost('registry-1.docker.io')).toBe('docker.io');
    expect(canonicalRegistryHost('quay.io')).toBe('quay.io');
  });
});
