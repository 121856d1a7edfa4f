import * as core from '@actions/core';
import { readInputs } from './inputs.js';
import { quotaAfter } from './quota-phase.js';
import { WarningBudget } from './warnings.js';

/** The post step: the quota after the job and the pulls it used. Never fails the job. */
export async function runPost(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = readInputs(env);
    if (inputs.quota.enabled) {
      await core.group('Docker Hub quota after the job', () =>
        quotaAfter(inputs, env, new WarningBudget()),
      );
    }
  } catch (error) {
    core.warning(`hubcap post step: ${error instanceof Error ? error.message : String(error)}`);
  }
}
