import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_DOCKER_SOCKET, localEngineSocket } from '../../../src/cache/load/engine-api.js';

describe('localEngineSocket', () => {
  const config = async (body: object): Promise<string> => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hubcap-docker-config-'));
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'config.json'), JSON.stringify(body));
    return dir;
  };

  it('takes the socket of a unix:// DOCKER_HOST', () => {
    expect(localEngineSocket({ env: { DOCKER_HOST: 'unix:///tmp/d/docker.sock' } })).toBe(
      '/tmp/d/docker.sock',
    );
  });

  it('leaves TCP and SSH hosts, contexts and other commands to the CLI', async () => {
    expect(localEngineSocket({ env: { DOCKER_HOST: 'tcp://127.0.0.1:2375' } })).toBeUndefined();
    expect(localEngineSocket({ env: { DOCKER_HOST: 'ssh://me@build' } })).toBeUndefined();
    expect(localEngineSocket({ env: { DOCKER_CONTEXT: 'remote' } })).toBeUndefined();
    const dir = await config({ currentContext: 'remote' });
    expect(localEngineSocket({ env: { DOCKER_CONFIG: dir } })).toBeUndefined();
    expect(
      localEngineSocket({ command: 'podman', env: { DOCKER_HOST: 'unix:///tmp/p.sock' } }),
    ).toBeUndefined();
    expect(
      localEngineSocket({ command: '/usr/bin/docker', env: { DOCKER_HOST: 'unix:///tmp/d.sock' } }),
    ).toBe('/tmp/d.sock');
  });

  it('uses the default socket when nothing else is set and it exists', async () => {
    const dir = await config({ currentContext: 'default', auths: {} });
    const expected = existsSync(DEFAULT_DOCKER_SOCKET) ? DEFAULT_DOCKER_SOCKET : undefined;
    expect(localEngineSocket({ env: { DOCKER_CONFIG: dir } })).toBe(expected);
  });
});
