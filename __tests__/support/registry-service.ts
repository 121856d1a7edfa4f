import { spawn } from 'node:child_process';
import { stopChild } from './processes.js';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Debian's distribution registry binary. */
export const REGISTRY_BINARY = '/usr/bin/docker-registry';

/** Why the registry cannot run here, or `undefined` when it can. */
export function registryUnavailable(): string | undefined {
  return existsSync(REGISTRY_BINARY)
    ? undefined
    : `${REGISTRY_BINARY} is missing (install Debian's docker-registry): registry tests skipped`;
}

/** A running registry. */
export interface RegistryService {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `127.0.0.1:PORT` */
  host: string;
  port: number;
  /** Temp folder with config and storage. */
  dir: string;
  /** Kills the process and removes its storage. */
  stop(): Promise<void>;
}

/** Options of {@link startRegistry}. */
export interface RegistryServiceOptions {
  /** Run as a pull-through cache of this registry URL (`proxy.remoteurl`). */
  proxyOf?: string;
  /** Upstream credentials for proxy mode. */
  proxyUsername?: string;
  proxyPassword?: string;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

function configYaml(dir: string, port: number, options: RegistryServiceOptions): string {
  const lines = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${JSON.stringify(path.join(dir, 'storage'))}`,
    '  delete:',
    '    enabled: true',
    '  cache:',
    '    blobdescriptor: inmemory',
    'http:',
    `  addr: 127.0.0.1:${port}`,
  ];
  if (options.proxyOf !== undefined) {
    lines.push('proxy:', `  remoteurl: ${JSON.stringify(options.proxyOf)}`);
    if (options.proxyUsername !== undefined) {
      lines.push(`  username: ${JSON.stringify(options.proxyUsername)}`);
      lines.push(`  password: ${JSON.stringify(options.proxyPassword ?? '')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `docker-registry exited (${child.exitCode ?? child.signalCode}): ${output()}`,
      );
    }
    try {
      const res = await fetch(`${url}/v2/`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`docker-registry did not answer ${url}/v2/ within 15 s: ${output()}`);
}

/**
 * Starts `docker-registry serve` on a free 127.0.0.1 port with temporary storage (delete
 * enabled), plain or as a pull-through cache, and waits until `/v2/` answers.
 */
export async function startRegistry(
  options: RegistryServiceOptions = {},
): Promise<RegistryService> {
  const reason = registryUnavailable();
  if (reason !== undefined) throw new Error(reason);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hubcap-registry-'));
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const config = path.join(dir, 'config.yml');
    await writeFile(config, configYaml(dir, port, options));
    const child = spawn(REGISTRY_BINARY, ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (b: Buffer): void => {
      out = (out + b.toString('utf8')).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const url = `http://127.0.0.1:${port}`;
    // Should the test process end without stop(), take the registry down with it.
    const onExit = (): void => {
      child.kill('SIGKILL');
    };
    process.once('exit', onExit);
    child.once('exit', () => process.removeListener('exit', onExit));
    try {
      await waitReady(url, child, () => out);
    } catch (err) {
      lastError = err;
      await stopChild(child);
      continue;
    }
    return {
      url,
      host: `127.0.0.1:${port}`,
      port,
      dir,
      stop: async () => {
        await stopChild(child);
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
