import os from 'node:os';
import path from 'node:path';
import type { CacheBackend, ResolvedBackend } from './types.js';

const NAMES: CacheBackend[] = ['auto', 'actions', 'tool-cache', 'local', 'off'];

/** Parses a `cache-backend` value; throws naming the input and the quoted value. */
export function parseCacheBackend(value: string, input = 'cache-backend'): CacheBackend {
  const v = value.trim().toLowerCase();
  if (v === '') return 'auto';
  if ((NAMES as string[]).includes(v)) return v as CacheBackend;
  throw new Error(`${input}: expected one of ${NAMES.join(', ')}, got ${JSON.stringify(value)}`);
}

/**
 * Decides `auto`: the runner's tool cache on self-hosted runners (`RUNNER_ENVIRONMENT` is
 * `self-hosted` and `RUNNER_TOOL_CACHE` is set), because it survives between jobs there;
 * else the Actions cache when its service is configured (`ACTIONS_RESULTS_URL` or
 * `ACTIONS_CACHE_URL`); else a local folder.
 */
export function resolveBackend(backend: CacheBackend, env: NodeJS.ProcessEnv): ResolvedBackend {
  if (backend !== 'auto') return backend;
  if (env['RUNNER_ENVIRONMENT'] === 'self-hosted' && nonEmpty(env['RUNNER_TOOL_CACHE'])) {
    return 'tool-cache';
  }
  if (nonEmpty(env['ACTIONS_RESULTS_URL']) || nonEmpty(env['ACTIONS_CACHE_URL'])) return 'actions';
  return 'local';
}

/**
 * The default store folder: `~/.cache/hubcap/layers` (`$XDG_CACHE_HOME/hubcap/layers` when
 * set). It is the path string handed to @actions/cache, so it must not change between
 * runs: it depends only on the home folder, not on the workspace or temp folders.
 */
export function defaultStoreDir(env: NodeJS.ProcessEnv, home: string = os.homedir()): string {
  const xdg = env['XDG_CACHE_HOME'];
  const base = nonEmpty(xdg) ? xdg : path.join(home, '.cache');
  return path.join(base, 'hubcap', 'layers');
}

function nonEmpty(v: string | undefined): v is string {
  return v !== undefined && v !== '';
}
