import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { Agent, request } from 'undici';
import type { DockerCli, DockerRun } from './docker-cli.js';

/** Where the Docker CLI talks to the daemon when no `DOCKER_HOST` or context says otherwise. */
export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/**
 * The Unix socket of the Docker Engine this CLI setup talks to, when hubcap can be sure of
 * it: `DOCKER_HOST=unix://…`, or no `DOCKER_HOST`, no `DOCKER_CONTEXT` and no current context
 * in the CLI's `config.json`, with the default socket present. Anything else (TCP, SSH,
 * contexts, another CLI command) is left to the Docker CLI: `undefined`.
 */
export function localEngineSocket(cli: DockerCli): string | undefined {
  if (cli.command !== undefined && path.basename(cli.command) !== 'docker') return undefined;
  const env = cli.env ?? process.env;
  const host = env['DOCKER_HOST'];
  if (host !== undefined && host !== '') {
    return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
  }
  if ((env['DOCKER_CONTEXT'] ?? '') !== '' || currentContext(env) !== undefined) return undefined;
  return existsSync(DEFAULT_DOCKER_SOCKET) ? DEFAULT_DOCKER_SOCKET : undefined;
}

/** The CLI's `currentContext` from `config.json`, unless it is the default one. */
function currentContext(env: Record<string, string | undefined>): string | undefined {
  const dir = env['DOCKER_CONFIG'] || path.join(env['HOME'] || os.homedir(), '.docker');
  try {
    const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as unknown;
    const name = (config as { currentContext?: unknown }).currentContext;
    return typeof name === 'string' && name !== '' && name !== 'default' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `docker load` straight through the Engine API: `POST /images/load` on the daemon's socket
 * with the archive `write` produces as the request body. It spares the copy through a pipe
 * and the CLI, which costs about a tenth of a warm load on a two-core runner. Answers as the
 * CLI would: exit code 0 when the daemon reported no error, else 1 with its message.
 */
export async function engineLoadStream(
  socket: string,
  write: (out: Writable) => Promise<unknown>,
): Promise<DockerRun & { writeError?: unknown }> {
  const body = new PassThrough({ highWaterMark: 1 << 20 });
  const abort = new AbortController();
  let writeError: unknown;
  const writing = write(body).catch((err: unknown) => {
    writeError = err;
    abort.abort(err); // the daemon sees the body cut short and loads nothing
  });
  const run = await onEngine(socket, async (dispatcher): Promise<DockerRun> => {
    try {
      const res = await request('http://docker/images/load?quiet=1', {
        method: 'POST',
        headers: { 'content-type': 'application/x-tar' },
        body,
        dispatcher,
        signal: abort.signal,
      });
      return loadAnswer(res.statusCode, await res.body.text());
    } catch (err) {
      return { exitCode: 1, stdout: '', stderr: (err as Error).message };
    }
  });
  // a daemon that gave up reads no more: stop the writer instead of waiting on it
  if (run.exitCode !== 0) body.destroy(new Error(`docker load failed: ${run.stderr}`));
  await writing;
  return writeError === undefined ? run : { ...run, writeError };
}

/**
 * The tags the daemon has for each image ID it holds (`GET /images/{id}/json`), as
 * `docker image inspect` would tell; IDs it lacks, or cannot be asked about, are absent.
 */
export async function engineImageTags(
  socket: string,
  ids: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  await onEngine(socket, async (dispatcher) => {
    for (const id of ids) {
      const res = await request(`http://docker/images/${encodeURIComponent(id)}/json`, {
        dispatcher,
      });
      if (res.statusCode !== 200) {
        await res.body.dump();
        continue;
      }
      const image = (await res.body.json()) as { Id?: unknown; RepoTags?: unknown };
      const tags = Array.isArray(image.RepoTags) ? image.RepoTags : [];
      out.set(
        String(image.Id),
        tags.filter((t): t is string => typeof t === 'string'),
      );
    }
  }).catch(() => undefined); // no answer: every image is loaded, as when `docker inspect` fails
  return out;
}

/** Runs `fn` with a connection pool on the daemon's socket, closed afterwards. */
async function onEngine<T>(socket: string, fn: (dispatcher: Agent) => Promise<T>): Promise<T> {
  const agent = new Agent({ connect: { socketPath: socket } });
  try {
    return await fn(agent);
  } finally {
    await agent.close().catch(() => undefined);
  }
}

/** Turns the daemon's answer (a JSON message stream, or an error body) into CLI output. */
function loadAnswer(status: number, text: string): DockerRun {
  const lines: string[] = [];
  let error: string | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let message: { stream?: unknown; error?: unknown; message?: unknown };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      error ??= line.trim();
      continue;
    }
    if (typeof message.stream === 'string') lines.push(message.stream.trimEnd());
    const problem = message.error ?? (status >= 400 ? message.message : undefined);
    if (typeof problem === 'string') error ??= problem;
  }
  if (status >= 400) error ??= `HTTP ${status}`;
  const stdout = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  return error === undefined
    ? { exitCode: 0, stdout, stderr: '' }
    : { exitCode: 1, stdout, stderr: error };
}
