import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './corpus.js';

const run = promisify(execFile);

/** The files a runner gives an action step, and what the step wrote into them. */
export interface ActionRun {
  workspace: string;
  stdout: string;
  exitCode: number;
  summary: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
}

/** A temporary runner: workspace (a copy of `source`), summary, output and state files. */
export async function prepareRunner(source?: string): Promise<{ dir: string; workspace: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hubcap-runner-'));
  const workspace = path.join(dir, 'workspace');
  if (source) await cp(source, workspace, { recursive: true });
  for (const name of ['summary.md', 'output', 'state']) await writeFile(path.join(dir, name), '');
  return { dir, workspace };
}

/** Reads `name<<DELIM\nvalue\nDELIM` records, as @actions/core writes them. */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name, delimiter] = match as unknown as [string, string, string];
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    values[name] = value.join('\n');
  }
  return values;
}

/**
 * Runs a bundled entry (`dist/main.js`, `dist/post.js`) as the runner does: inputs as
 * `INPUT_*`, the workspace, and the summary, output and state files.
 */
export async function runBundled(
  entry: string,
  runner: { dir: string; workspace: string },
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  const inputEnv = Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
  );
  const files = {
    GITHUB_STEP_SUMMARY: path.join(runner.dir, 'summary.md'),
    GITHUB_OUTPUT: path.join(runner.dir, 'output'),
    GITHUB_STATE: path.join(runner.dir, 'state'),
  };
  const childEnv = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? runner.dir,
    GITHUB_WORKSPACE: runner.workspace,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: path.join(runner.dir),
    ...files,
    ...inputEnv,
    ...env,
  };
  let stdout = '';
  let exitCode = 0;
  try {
    ({ stdout } = await run(process.execPath, [path.join(ROOT, entry)], {
      env: childEnv,
      cwd: runner.workspace,
    }));
  } catch (error) {
    const failed = error as { stdout?: string; code?: number };
    stdout = failed.stdout ?? '';
    exitCode = failed.code ?? 1;
  }
  return {
    workspace: runner.workspace,
    stdout,
    exitCode,
    summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    outputs: parseCommandFile(await readFile(files.GITHUB_OUTPUT, 'utf8')),
    state: parseCommandFile(await readFile(files.GITHUB_STATE, 'utf8')),
  };
}
