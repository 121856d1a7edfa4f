import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDocker } from '../../src/cache/load/docker-cli.js';
import { runCli } from '../../src/cli/main.js';
import {
  dockerdUnavailable,
  startDockerd,
  type DockerdService,
} from '../support/dockerd-service.js';
import {
  registryUnavailable,
  startRegistry,
  type RegistryService,
} from '../support/registry-service.js';
import { buildImage, busyboxLayer, pushImage } from '../support/test-image.js';

const why = dockerdUnavailable() ?? registryUnavailable();
if (why !== undefined) console.warn(`skipping hubcap cache CLI tests: ${why}`);

describe.skipIf(why !== undefined)('hubcap cache pull, ls, load, prune', () => {
  let mirror: RegistryService;
  let daemon: DockerdService;
  let dir: string;
  let store: string;

  const cli = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const env = { ...process.env, ...daemon.env };
    const code = await runCli(argv, {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      cwd: dir,
      env,
    });
    return { code, stdout, stderr };
  };
  /** `hubcap cache pull app` through the mirror into the test's store. */
  const pullApp = (...extra: string[]) =>
    cli(['cache', 'pull', 'app', '--store', store, '--mirror', mirror.host, ...extra]);

  beforeAll(async () => {
    mirror = await startRegistry();
    const image = await buildImage({ layers: [busyboxLayer()] });
    await pushImage(mirror.url, 'library/hubcap-cli', '2', image);
    daemon = await startDockerd({ offline: true });
    dir = await mkdtemp(path.join(os.tmpdir(), 'hubcap-cli-cache-'));
    store = path.join(dir, 'store');
    await mkdir(path.join(dir, 'app'));
    await writeFile(path.join(dir, 'app', 'Dockerfile'), 'FROM hubcap-cli:2\n');
    // The CLI's docker runs under the test process's environment.
    process.env['DOCKER_HOST'] = daemon.env['DOCKER_HOST'];
  });

  afterAll(async () => {
    delete process.env['DOCKER_HOST'];
    await daemon?.stop();
    await mirror?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('pulls through the mirror into the store, then finds everything there', async () => {
    const first = await pullApp();
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^IMAGE\s+CACHE\s+RESTORED\s+PULLED\s+FROM\n/);
    expect(first.stdout).toContain('docker.io/library/hubcap-cli:2  miss');
    const second = await pullApp('--json');
    const json = JSON.parse(second.stdout) as { images: Array<Record<string, unknown>> };
    expect(json.images[0]).toMatchObject({ status: 'hit', bytesPulled: 0, manifestGets: 0 });
  });

  it('lists the store and loads it into Docker with no registry', async () => {
    const ls = await cli(['cache', 'ls', '--store', store, '--json']);
    const inventory = JSON.parse(ls.stdout) as { images: Array<{ ref: string }> };
    expect(inventory.images.map((i) => i.ref)).toEqual(['docker.io/library/hubcap-cli:2']);
    const load = await cli(['cache', 'load', '--store', store]);
    expect(load.code).toBe(0);
    expect(load.stdout).toContain('docker.io/library/hubcap-cli:2');
    const run = await runDocker({ env: daemon.env }, [
      'run',
      '--rm',
      '--network',
      'none',
      'hubcap-cli:2',
      '/bin/busybox',
      'true',
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
  });

  it('says why a load failed, and pull --load shows what Docker did', async () => {
    const none = `unix://${path.join(dir, 'no-daemon.sock')}`;
    process.env['DOCKER_HOST'] = none;
    try {
      const failed = await cli(['cache', 'load', '--store', store]);
      expect(failed.code).toBe(0);
      expect(failed.stdout).toMatch(
        /\nfailed: docker\.io\/library\/hubcap-cli:2: docker load failed \(exit 1\): \S/,
      );
    } finally {
      process.env['DOCKER_HOST'] = daemon.env['DOCKER_HOST'];
    }
    const both = await pullApp('--load');
    expect(both.code).toBe(0);
    expect(both.stdout).toContain('docker.io/library/hubcap-cli:2  hit');
    expect(both.stdout).toMatch(/\n\nIMAGE\s+DOCKER\s+TAGS\n/);
    expect(both.stdout).toContain(
      `docker.io/library/hubcap-cli:2  present  ${mirror.host}/library/hubcap-cli:2, hubcap-cli:2\n`,
    );
  });

  it('does not make a store folder to list, load or prune, and refuses a file', async () => {
    const missing = path.join(dir, 'no-store');
    const ls = await cli(['cache', 'ls', '--store', missing]);
    expect(ls).toEqual({
      code: 0,
      stdout: `No layer store at ${missing} yet: nothing to list.\n`,
      stderr: '',
    });
    const load = await cli(['cache', 'load', '--store', missing]);
    expect(load.stdout).toBe(`No layer store at ${missing} yet: nothing to load.\n`);
    expect(existsSync(missing)).toBe(false);
    const file = path.join(dir, 'app', 'Dockerfile');
    const bad = await cli(['cache', 'prune', '--store', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`--store ${JSON.stringify(file)} is not a folder`);
  });

  it('prunes to the budget', async () => {
    const prune = await cli(['cache', 'prune', '--store', store, '--max-size', '1']);
    expect(prune.stdout).toMatch(/^kept 0 images \(0 B\); removed 1 image and \d+ blobs, freeing /);
    const ls = await cli(['cache', 'ls', '--store', store, '--json']);
    expect((JSON.parse(ls.stdout) as { images: unknown[] }).images).toEqual([]);
  });
});
