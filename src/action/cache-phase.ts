import * as core from '@actions/core';
import { CacheStore, formatBytes, pruneStore, saveStore } from '../cache/index.js';
import type { PersistState } from '../cache/persist/types.js';
import { imagesToCache, runLayerCache } from '../engine/layer-cache.js';
import type { MainJobResult } from '../engine/main-job.js';
import type { RegistryAccess } from '../engine/registry-access.js';
import { cacheSummary } from '../report/cache-summary.js';
import { plural } from '../report/text.js';
import { Output, State } from './constants.js';
import type { ActionInputs } from './inputs.js';
import type { WarningBudget } from './warnings.js';

const HIT_WORDS = { true: 'hit', partial: 'partial hit', false: 'miss' } as const;

/**
 * Main step: restores the layer store, pulls only what it lacks, loads the images into
 * Docker, and leaves the store's state for the post step. Returns the summary section.
 */
export async function layerCacheMain(
  inputs: ActionInputs,
  result: MainJobResult,
  access: RegistryAccess,
  env: NodeJS.ProcessEnv,
  warnings: WarningBudget,
): Promise<string> {
  const images = imagesToCache(result);
  if (images.length === 0) {
    core.info('No pulled images to cache.');
    core.setOutput(Output.CacheHit, 'false');
    core.setOutput(Output.BytesPulled, '0');
    return '';
  }
  const run = await runLayerCache(images, {
    backend: inputs.cache.backend,
    load: inputs.cache.load,
    env,
    access,
  });
  core.info(run.restore.message);
  for (const image of run.result.pull.images) {
    const from = image.pulledFrom.map((f) => `${f.source} ${formatBytes(f.bytes)}`).join(', ');
    core.info(
      `${image.ref}: ${image.status}, restored ${formatBytes(image.bytesRestored)}, ` +
        `pulled ${formatBytes(image.bytesPulled)}${from ? ` from ${from}` : ''}`,
    );
  }
  for (const w of run.warnings) warnings.warn(w.message, { title: 'Layer cache' });
  core.info(
    `Layer cache: ${HIT_WORDS[run.result.hit]} ` +
      `for ${plural(images.length, 'image')}; ${formatBytes(run.result.bytesPulled)} pulled.`,
  );
  core.setOutput(Output.CacheHit, run.result.hit);
  core.setOutput(Output.BytesPulled, String(run.result.bytesPulled));
  core.saveState(State.LayerCache, JSON.stringify(run.restore.state));
  return cacheSummary(run.restore.message, run.result, run.loaded);
}

/** Post step: prunes the store to its budget (least recently used first), then saves it. */
export async function layerCachePost(inputs: ActionInputs): Promise<void> {
  const saved = core.getState(State.LayerCache);
  if (!saved) {
    core.info('The main step left no layer store to save.');
    return;
  }
  const state = JSON.parse(saved) as PersistState;
  try {
    const store = await CacheStore.open(state.dir);
    const pruned = await pruneStore(store, inputs.cache.maxBytes);
    core.info(
      `Kept ${plural(pruned.kept.length, 'image')} (${formatBytes(pruned.keptBytes)}); ` +
        `removed ${pruned.removed.length}, freeing ${formatBytes(pruned.freedBytes)}.`,
    );
  } catch (error) {
    core.warning(`Layer cache prune: ${error instanceof Error ? error.message : String(error)}`);
  }
  const outcome = await saveStore(state);
  core.info(outcome.message);
  for (const w of outcome.warnings) core.warning(w.message, { title: 'Layer cache' });
}
