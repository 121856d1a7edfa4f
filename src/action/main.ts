import * as core from '@actions/core';
import { digestResolver } from '../engine/digests.js';
import { runMainJob, type MainJobResult } from '../engine/main-job.js';
import { policyFailures } from '../engine/policy.js';
import type { PrReviewResult } from '../engine/pr-review.js';
import { RegistryAccess } from '../engine/registry-access.js';
import { unpinnedAnnotations } from '../report/annotations.js';
import { imageJson, pinJson } from '../report/json.js';
import { mainSummary } from '../report/summary.js';
import { plural } from '../report/text.js';
import { Output } from './constants.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { quotaBefore } from './quota-phase.js';
import { layerCacheMain } from './cache-phase.js';
import { reviewPullRequest } from './review-phase.js';
import { WarningBudget } from './warnings.js';

/** The main step: quota, image references, review, report, then the fail-on policies. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = readInputs(env);
    const warnings = new WarningBudget();
    const failures: string[] = [];
    let quotaSection = '';
    if (inputs.quota.enabled) {
      const quota = await core.group('Docker Hub quota', () => quotaBefore(inputs, env, warnings));
      quotaSection = quota.section;
      if (quota.failure !== undefined) failures.push(quota.failure);
    }
    const access = new RegistryAccess({
      env,
      insecureRegistries: inputs.insecureRegistries,
      dockerHub: inputs.dockerHub,
      log: { debug: (message) => core.debug(message) },
    });
    const resolve = digestResolver(access, rewriteOf(inputs));
    const result = await core.group('Image references', () => mainJob(inputs, access, resolve));
    const cacheSection = inputs.cache.enabled
      ? await core.group('Layer cache', () => layerCacheMain(inputs, result, access, env, warnings))
      : '';
    const review = await core.group('Pull request review', () =>
      reviewPullRequest(inputs, result, resolve, env, warnings),
    );
    const sections = [quotaSection, cacheSection];
    await core.group('Report', () => report(inputs, result, review, warnings, sections));
    failures.push(...policyFailures(inputs.policy, result));
    if (failures.length > 0) core.setFailed(failures.join('\n'));
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

/** The rewrite settings when the step rewrites, else undefined. */
function rewriteOf(inputs: ActionInputs): ActionInputs['rewriteConfig'] | undefined {
  const { mirrors, rules } = inputs.rewriteConfig;
  return inputs.rewrite && mirrors.length + rules.length > 0 ? inputs.rewriteConfig : undefined;
}

async function mainJob(
  inputs: ActionInputs,
  access: RegistryAccess,
  resolve: ReturnType<typeof digestResolver>,
): Promise<MainJobResult> {
  const rewrite = rewriteOf(inputs);
  if (!inputs.rewrite && inputs.rewriteConfig.mirrors.length > 0) {
    core.info('rewrite is false: scanning only.');
  }
  const result = await runMainJob({
    scan: inputs.scan,
    rewrite,
    write: true,
    verify: rewrite && inputs.verifyMirror ? access : undefined,
    pin: inputs.pin === 'off' ? undefined : { resolve, write: inputs.pin === 'write' },
  });
  const { files, occurrences } = result.scan;
  core.info(
    `Found ${plural(occurrences.length, 'image reference')} in ${plural(files.length, 'file')}.`,
  );
  for (const r of result.rewritten) core.info(`${r.file}:${r.line}: ${r.from} → ${r.to}`);
  for (const skip of result.skipped) {
    core.debug(`${skip.file}:${skip.line}: skipped ${skip.ref}: ${skip.reason}`);
  }
  if (rewrite) {
    core.info(
      `Rewrote ${plural(result.rewritten.length, 'reference')} in ` +
        `${plural(result.changes.length, 'file')}; skipped ${result.skipped.length}.`,
    );
  }
  if (inputs.pin !== 'off') {
    const verb = inputs.pin === 'write' ? 'Pinned' : 'Can pin';
    core.info(`${verb} ${plural(result.pins.length, 'reference')} to a digest.`);
  }
  return result;
}

async function report(
  inputs: ActionInputs,
  result: MainJobResult,
  review: PrReviewResult,
  warnings: WarningBudget,
  sections: string[],
): Promise<void> {
  for (const problem of result.problems) {
    core.notice(problem.message, {
      title: 'hubcap could not read a reference',
      file: problem.file,
      startLine: problem.line,
    });
  }
  for (const a of unpinnedAnnotations(result.unpinned, warnings.left(), result.digests)) {
    warnings.warn(a.message, {
      title: a.title,
      file: a.file,
      startLine: a.line,
      startColumn: a.column,
    });
  }
  core.setOutput(Output.RewrittenFiles, JSON.stringify(result.changes.map((c) => c.file.path)));
  core.setOutput(Output.Images, JSON.stringify(result.scan.occurrences.map(imageJson)));
  const unpinned = result.unpinned.map(({ occurrence, reason }) => ({
    ...imageJson(occurrence),
    reason,
  }));
  core.setOutput(Output.Unpinned, JSON.stringify(unpinned));
  core.setOutput(Output.Pins, JSON.stringify(result.pins.map(pinJson)));
  core.setOutput(Output.Comment, review.comment?.url ?? '');
  const rewrote = inputs.rewrite && result.rewritten.length > 0;
  let summary = mainSummary(result, inputs.rewriteConfig.mirrors, rewrote, inputs.pin);
  for (const section of sections) if (section) summary += `\n${section}`;
  if (review.summary) summary += `\n### Pull request review\n\n${review.summary}\n`;
  await core.summary.addRaw(summary).write();
}
