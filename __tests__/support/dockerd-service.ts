import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, openSync, closeSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

/** A private Docker engine started for tests. */
export interface DockerdService {
  /** `unix:///tmp/…/docker.sock`: give it to the CLI as `DOCKER_HOST`. */
  host: string;
  /** Path of the API socket. */
  socket: string;
  /** Environment for child processes: the current one with `DOCKER_HOST` set. */
  env: Record<string, string>;
  /** Temp folder holding data root, exec root, socket and log. */
  dir: string;
  /** The daemon's log so far (for failure messages). */
  log(): Promise<string>;
  /** Stops the daemon and deletes its folders. */
  stop(): Promise<void>;
}

const DOCKERD_PATHS = ['/usr/sbin/dockerd', '/usr/bin/dockerd', '/usr/local/bin/dockerd'];

/**
 * Why a private dockerd cannot start here (not root, no `dockerd` binary), or undefined
 * when it can. Tests use it with `describe.skipIf` and print the reason.
 */
export function dockerdUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `dockerd tests need Linux (this is ${process.platform})`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return 'dockerd tests need root (run them through .ci/run, which runs as root)';
  }
  if (findDockerd() === undefined) {
    return `dockerd tests need the dockerd binary (Debian docker.io); not in ${DOCKERD_PATHS.join(', ')}`;
  }
  return undefined;
}

function findDockerd(): string | undefined {
  for (const p of DOCKERD_PATHS) {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // try the next
    }
  }
  return undefined;
}

/** Options of {@link startDockerd}. */
export interface DockerdOptions {
  /** How long to wait for `/_ping` (default 60 s). */
  timeoutMs?: number;
  /**
   * Give the daemon an HTTP(S) proxy on a closed port, so any registry request it makes
   * fails: proves an image came from `docker load`, not from a pull.
   */
  offline?: boolean;
  /** Folder to make the daemon's temp folder in (default `/tmp`), e.g. a tmpfs. */
  parentDir?: string;
}

/**
 * Starts `dockerd` as root with the vfs storage driver, no bridge and no iptables, on its
 * own socket, data root and exec root in a fresh temp folder (short, for the socket path
 * limit). Its own containerd is started by dockerd under the same folders. Resolves once
 * `/_ping` answers; throws with the daemon log when it does not within `timeoutMs`.
 */
export async function startDockerd(options: DockerdOptions = {}): Promise<DockerdService> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const why = dockerdUnavailable();
  if (why !== undefined) throw new Error(why);
  const dockerd = findDockerd() as string;
  const dir = await mkdtemp(path.join(options.parentDir ?? '/tmp', 'hcd-'));
  const socket = path.join(dir, 'docker.sock');
  const logFile = path.join(dir, 'dockerd.log');
  await writeFile(path.join(dir, 'daemon.json'), '{}\n');
  const logFd = openSync(logFile, 'a');
  const child: ChildProcess = spawn(
    dockerd,
    [
      '--config-file',
      path.join(dir, 'daemon.json'),
      '--data-root',
      path.join(dir, 'data'),
      '--exec-root',
      path.join(dir, 'exec'),
      '--pidfile',
      path.join(dir, 'dockerd.pid'),
      '-H',
      `unix://${socket}`,
      '--storage-driver=vfs',
      '--bridge=none',
      '--iptables=false',
      '--ip6tables=false',
    ],
    { stdio: ['ignore', logFd, logFd], detached: true, env: daemonEnv(options.offline === true) },
  );
  closeSync(logFd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  let exitCode: number | null | undefined;
  void exited.then((c) => {
    exitCode = c;
  });
  const log = async (): Promise<string> => readFile(logFile, 'utf8').catch(() => '');
  const stop = async (): Promise<void> => {
    if (exitCode === undefined && child.pid !== undefined) {
      child.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    await removeWithRetry(dir);
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) {
      const text = await log();
      await removeWithRetry(dir);
      throw new Error(`dockerd exited with code ${exitCode} before answering:\n${tail(text)}`);
    }
    if (await ping(socket)) break;
    if (Date.now() > deadline) {
      const text = await log();
      await stop();
      throw new Error(`dockerd did not answer on ${socket} in ${timeoutMs} ms:\n${tail(text)}`);
    }
    await sleep(200);
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  env['DOCKER_HOST'] = `unix://${socket}`;
  return { host: `unix://${socket}`, socket, env, dir, log, stop };
}

function daemonEnv(offline: boolean): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of [
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'http_proxy',
    'https_proxy',
    'no_proxy',
  ]) {
    delete env[k];
  }
  if (offline) {
    env['HTTP_PROXY'] = 'http://127.0.0.1:9';
    env['HTTPS_PROXY'] = 'http://127.0.0.1:9';
  }
  return env;
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.request(
      { socketPath, path: '/_ping', method: 'GET', timeout: 2000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

async function removeWithRetry(dir: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await rm(dir, { recursive: true, force: true });
      return;
    } catch (err) {
      if (i >= 10) throw err;
      await sleep(300);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function tail(text: string): string {
  return text.split('\n').slice(-30).join('\n');
}
