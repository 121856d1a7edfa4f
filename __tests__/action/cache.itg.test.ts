import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDocker } from '../../src/cache/load/docker-cli.js';
import { prepareRunner, runBundled, type ActionRun } from '../support/action-runner.js';
import {
  actionsCacheUnavailable,
  startActionsCacheDouble,
  type ActionsCacheDouble,
} from '../support/actions-cache-double.js';
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

const why = dockerdUnavailable() ?? registryUnavailable() ?? actionsCacheUnavailable();
if (why !== undefined) console.warn(`skipping the bundled layer-cache test: ${why}`);

const DOCKERFILE = 'FROM hubcap-demo:1\nRUN ["/bin/busybox", "true"]\n';

describe.skipIf(why !== undefined)('bundled main and post with the layer cache', () => {
  let mirror: RegistryService;
  let daemon: DockerdService;
  let cache: ActionsCacheDouble;
  let home: string;
  let env: Record<string, string>;
  let cold: ActionRun;
  let warm: ActionRun;
  const docker = (args: string[]) => runDocker({ env: daemon.env }, args);

  /** One job: a fresh checkout, main, then post with the state main left. */
  async function job(): Promise<{ main: ActionRun; post: ActionRun; workspace: string }> {
    const runner = await prepareRunner();
    await mkdir(runner.workspace, { recursive: true });
    await writeFile(path.join(runner.workspace, 'Dockerfile'), DOCKERFILE);
    const inputs = { mirror: mirror.host, cache: 'true', quota: 'false' };
    const jobEnv = { ...env, GITHUB_WORKSPACE: runner.workspace };
    const main = await runBundled('dist/main.js', runner, inputs, jobEnv);
    const state = Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v]));
    const post = await runBundled('dist/post.js', runner, inputs, { ...jobEnv, ...state });
    return { main, post, workspace: runner.workspace };
  }

  beforeAll(async () => {
    mirror = await startRegistry();
    const image = await buildImage({
      layers: [busyboxLayer(), { files: [{ path: 'etc/demo', content: 'demo\n' }] }],
      runtime: { Cmd: ['/bin/busybox', 'cat', '/etc/demo'] },
    });
    await pushImage(mirror.url, 'library/hubcap-demo', '1', image);
    daemon = await startDockerd({ offline: true });
    cache = await startActionsCacheDouble();
    home = await mkdtemp(path.join(os.tmpdir(), 'hubcap-home-'));
    const temp = await mkdtemp(path.join(os.tmpdir(), 'hubcap-temp-'));
    env = { ...cache.env(home, temp), ...daemon.env, HOME: home };

    cold = (await job()).main;
    // A new runner: no store on disk, no image in Docker, and the mirror is gone.
    await rm(path.join(home, '.cache'), { recursive: true, force: true });
    await docker(['rmi', '-f', 'hubcap-demo:1', `${mirror.host}/library/hubcap-demo:1`]);
    await mirror.stop();
    warm = (await job()).main;
  });

  afterAll(async () => {
    await cache?.stop();
    await daemon?.stop();
    await mirror?.stop().catch(() => undefined);
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('pulls on a cold run, loads, and saves the store in post', () => {
    expect(cold.exitCode).toBe(0);
    expect(cold.outputs['cache-hit']).toBe('false');
    expect(Number(cold.outputs['bytes-pulled'])).toBeGreaterThan(1_000_000);
    expect(cold.summary).toContain('### Layer cache');
    expect(cache.entries.filter((e) => e.finalized)).toHaveLength(1);
  });

  it('restores everything on a warm run with no registry reachable', async () => {
    expect(warm.exitCode).toBe(0);
    expect(warm.outputs['cache-hit']).toBe('true');
    expect(warm.outputs['bytes-pulled']).toBe('0');
    expect(warm.summary).toContain('| `docker.io/library/hubcap-demo:1` | hit |');
    const run = await docker(['run', '--rm', '--network', 'none', 'hubcap-demo:1']);
    expect(run).toMatchObject({ exitCode: 0, stdout: 'demo\n' });
  });

  it('lets a classic docker build use the original Docker Hub name offline', async () => {
    const context = await mkdtemp(path.join(os.tmpdir(), 'hubcap-build-'));
    await writeFile(path.join(context, 'Dockerfile'), DOCKERFILE);
    const build = await runDocker({ env: { ...daemon.env, DOCKER_BUILDKIT: '0' } }, [
      'build',
      '--network',
      'none',
      '-t',
      'hubcap-built:1',
      context,
    ]);
    expect(build.exitCode, build.stderr).toBe(0);
    await rm(context, { recursive: true, force: true });
  });
});
