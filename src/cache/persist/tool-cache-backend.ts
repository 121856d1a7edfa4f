import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Tool name of the store in the runner's tool cache. */
export const TOOL_NAME = 'hubcap-layers';

/** Version folder of the store (the store format version, as semver). */
export const TOOL_VERSION = '1.0.0';

/** Where the store lives in the tool cache, and whether it was there already. */
export interface ToolCacheStore {
  dir: string;
  existed: boolean;
}

/**
 * Finds the store in the runner's tool cache (`$RUNNER_TOOL_CACHE/hubcap-layers/1.0.0/<arch>`)
 * or creates it there (an empty folder marked complete). The store is then used in place:
 * on self-hosted runners that folder survives between jobs, so there is nothing to save.
 * Throws when `RUNNER_TOOL_CACHE` is not set; callers turn that into a warning.
 */
export async function openToolCacheStore(arch: string = os.arch()): Promise<ToolCacheStore> {
  const tc = await import('@actions/tool-cache');
  const found = tc.find(TOOL_NAME, TOOL_VERSION, arch);
  if (found !== '') return { dir: found, existed: true };
  const empty = await mkdtemp(path.join(os.tmpdir(), 'hubcap-empty-'));
  try {
    const dir = await tc.cacheDir(empty, TOOL_NAME, TOOL_VERSION, arch);
    return { dir, existed: false };
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
}
