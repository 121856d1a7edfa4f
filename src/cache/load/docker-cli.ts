import { closeSync, constants, openSync } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getExecOutput } from '@actions/exec';

/** How to run the Docker CLI: the command and the full environment (with `DOCKER_HOST`). */
export interface DockerCli {
  /** Executable name or path; `docker` by default. */
  command?: string | undefined;
  /** Environment of the child process; the current one by default. */
  env?: Record<string, string> | undefined;
}

/** Output of one Docker CLI run. */
export interface DockerRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `docker <args>` quietly and returns its exit code and output (never throws on exit). */
export async function runDocker(cli: DockerCli, args: string[]): Promise<DockerRun> {
  const options: Parameters<typeof getExecOutput>[2] = { silent: true, ignoreReturnCode: true };
  if (cli.env !== undefined) options.env = cli.env;
  return getExecOutput(cli.command ?? 'docker', args, options);
}

/** True when a Docker daemon answers `docker version` for this CLI. */
export async function dockerAvailable(cli: DockerCli): Promise<boolean> {
  try {
    const r = await runDocker(cli, ['version', '--format', '{{.Server.Version}}']);
    return r.exitCode === 0 && r.stdout.trim() !== '';
  } catch {
    return false;
  }
}

/**
 * Runs `docker load` and feeds it a stream: `write` gets the open writing end of a named
 * pipe that `docker load -i <pipe>` reads (closed for it afterwards), so the archive goes
 * straight from the store into the daemon (@actions/exec can only give a child a whole
 * buffer on stdin). When docker exits before reading (no daemon, no binary), the pipe is
 * opened and closed on its behalf so the writer fails instead of waiting forever. Returns
 * docker's output; `writeError` holds what the writer threw.
 */
export async function dockerLoadStream(
  cli: DockerCli,
  write: (pipe: FileHandle) => Promise<unknown>,
): Promise<DockerRun & { writeError?: unknown }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hubcap-load-'));
  const fifo = path.join(dir, 'image.tar');
  try {
    const made = await getExecOutput('mkfifo', ['-m', '600', fifo], {
      silent: true,
      ignoreReturnCode: true,
    });
    if (made.exitCode !== 0) {
      throw new Error(`mkfifo ${JSON.stringify(fifo)} failed: ${made.stderr.trim()}`);
    }
    const state = { opened: false };
    let writeError: unknown;
    const writing = open(fifo, 'w')
      .then(async (handle) => {
        state.opened = true;
        try {
          await write(handle);
        } finally {
          await handle.close();
        }
      })
      .catch((err: unknown) => {
        writeError = err;
      });
    let run: DockerRun;
    try {
      run = await runDocker(cli, ['load', '-i', fifo]);
    } catch (err) {
      run = { exitCode: -1, stdout: '', stderr: (err as Error).message };
    }
    for (let i = 0; i < 250 && !state.opened; i++) {
      releaseWriter(fifo);
      await new Promise((r) => setTimeout(r, 20));
    }
    await writing;
    return writeError === undefined ? run : { ...run, writeError };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Opens the pipe for reading without blocking, and closes it, so a blocked writer fails. */
function releaseWriter(fifo: string): void {
  try {
    closeSync(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
  } catch {
    // the writer has already given up
  }
}
