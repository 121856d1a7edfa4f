import * as core from '@actions/core';
import { readInputs } from './inputs.js';
import { quotaAfter } from './quota-phase.js';
import { layerCachePost } from './cache-phase.js';
import { WarningBudget } from './warnings.js';

/** The post step: save the layer store, then the quota and the pulls used. Never fails. */
export async function runPost(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = readInputs(env);
    if (inputs.cache.enabled) {
      await core.group('Layer cache: prune and save', () => layerCachePost(inputs));
    }
    if (inputs.quota.enabled) {
      await core.group('Docker Hub quota after the job', () =>
        quotaAfter(inputs, env, new WarningBudget()),
      );
    }
  } catch (error) {
    core.warning(`hubcap post step: ${error instanceof Error ? error.message : String(error)}`);
  }
}
