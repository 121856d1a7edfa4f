import * as core from '@actions/core';
import { isQuotaBelow, probeQuota, pullsUsed, type QuotaReport } from '../quota/index.js';
import { dockerHubEndpoints } from '../registry/index.js';
import { quotaLine, quotaSummary } from '../report/quota.js';
import { Output, State } from './constants.js';
import type { WarningBudget } from './warnings.js';
import type { ActionInputs } from './inputs.js';

/** Probes Docker Hub with a HEAD (no pull spent), with the inputs' login if given. */
function probe(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<QuotaReport> {
  return probeQuota({
    username: inputs.dockerHub?.username,
    token: inputs.dockerHub?.password,
    endpoints: dockerHubEndpoints(env),
    log: { debug: (message) => core.debug(message) },
  });
}

function setQuotaOutputs(report: QuotaReport): void {
  core.setOutput(Output.QuotaLimit, report.limit ?? '');
  core.setOutput(Output.QuotaRemaining, report.remaining ?? '');
  core.setOutput(Output.QuotaWindowSeconds, report.windowSeconds ?? '');
  core.setOutput(Output.QuotaSource, report.source ?? '');
}

/** Says in a warning that Docker Hub could not be read; unknown is never low. */
function warnIfUnknown(report: QuotaReport, warnings: WarningBudget): void {
  if (report.status === 'unreachable' || report.status === 'malformed') {
    warnings.warn(`${quotaLine(report)} The job goes on.`, { title: 'Docker Hub quota unknown' });
  } else {
    core.info(quotaLine(report));
  }
}

/** The quota before the job: its summary section, and a failure when it is too low. */
export interface QuotaBefore {
  section: string;
  failure?: string | undefined;
}

/**
 * Main step: probes the quota before the job pulls, sets the outputs, keeps the report
 * for the post step, and applies the warn and fail thresholds.
 */
export async function quotaBefore(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  warnings: WarningBudget,
): Promise<QuotaBefore> {
  const report = await probe(inputs, env);
  warnIfUnknown(report, warnings);
  setQuotaOutputs(report);
  core.saveState(State.QuotaBefore, JSON.stringify(report));
  const { warnBelow, failBelow } = inputs.quota;
  const section = quotaSummary(report);
  if (failBelow !== undefined && isQuotaBelow(report, failBelow)) {
    const failure =
      `Docker Hub quota is low: ${report.remaining} pulls left, ` +
      `below quota-fail-below (${failBelow}).`;
    return { section, failure };
  }
  if (warnBelow !== undefined && isQuotaBelow(report, warnBelow)) {
    warnings.warn(
      `Docker Hub quota is low: ${report.remaining} pulls left, ` +
        `below quota-warn-below (${warnBelow}).`,
      { title: 'Docker Hub quota low' },
    );
  }
  return { section };
}

/** Post step: probes again, reports the pulls used since the main step. */
export async function quotaAfter(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  warnings: WarningBudget,
): Promise<void> {
  const saved = core.getState(State.QuotaBefore);
  const after = await probe(inputs, env);
  warnIfUnknown(after, warnings);
  setQuotaOutputs(after);
  const before = saved ? (JSON.parse(saved) as QuotaReport) : undefined;
  const used = before ? pullsUsed(before, after) : undefined;
  core.setOutput(Output.PullsUsed, used ?? '');
  if (used !== undefined) core.info(`Pulls used during the job: ${used}.`);
  await core.summary
    .addRaw(quotaSummary(before ?? after, before ? after : undefined, used))
    .write();
  const { warnBelow } = inputs.quota;
  if (warnBelow !== undefined && isQuotaBelow(after, warnBelow)) {
    warnings.warn(
      `Docker Hub quota is low after the job: ${after.remaining} pulls left ` +
        `(quota-warn-below ${warnBelow}).`,
      { title: 'Docker Hub quota low' },
    );
  }
}
