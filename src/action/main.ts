import * as core from '@actions/core';
import { RegistryAccess } from '../engine/registry-access.js';
import { runMainJob, type MainJobResult } from '../engine/main-job.js';
import { policyMessage, policyViolations } from '../engine/policy.js';
import { unpinnedAnnotations } from '../report/annotations.js';
import { imageJson } from '../report/json.js';
import { mainSummary } from '../report/summary.js';
import { plural } from '../report/text.js';
import { Output } from './constants.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { quotaBefore } from './quota-phase.js';
import { WarningBudget } from './warnings.js';

/** The main step: quota, scan and rewrite, report, then the fail-on policy. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = readInputs(env);
    const warnings = new WarningBudget();
    const failures: string[] = [];
    if (inputs.quota.enabled) {
      const low = await core.group('Docker Hub quota', () => quotaBefore(inputs, env, warnings));
      if (low !== undefined) failures.push(low);
    }
    const result = await core.group('Image references', () => mainJob(inputs, env));
    await core.group('Report', () => report(inputs, result, warnings));
    const violations = policyViolations(inputs.failOn, result.unpinned);
    if (violations.length > 0) failures.push(policyMessage(inputs.failOn, violations));
    if (failures.length > 0) core.setFailed(failures.join('\n'));
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

async function mainJob(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<MainJobResult> {
  const { mirrors, rules } = inputs.rewriteConfig;
  const rewriting = inputs.rewrite && mirrors.length + rules.length > 0;
  if (!inputs.rewrite && mirrors.length > 0) core.info('rewrite is false: scanning only.');
  const access = new RegistryAccess({
    env,
    insecureRegistries: inputs.insecureRegistries,
    dockerHub: inputs.dockerHub,
    log: { debug: (message) => core.debug(message) },
  });
  const result = await runMainJob({
    scan: inputs.scan,
    rewrite: rewriting ? inputs.rewriteConfig : undefined,
    write: true,
    verify: rewriting && inputs.verifyMirror ? access : undefined,
  });
  const { files, occurrences } = result.scan;
  core.info(
    `Found ${plural(occurrences.length, 'image reference')} in ${plural(files.length, 'file')}.`,
  );
  for (const r of result.rewritten) core.info(`${r.file}:${r.line}: ${r.from} → ${r.to}`);
  for (const skip of result.skipped) {
    core.debug(`${skip.file}:${skip.line}: skipped ${skip.ref}: ${skip.reason}`);
  }
  if (rewriting) {
    core.info(
      `Rewrote ${plural(result.rewritten.length, 'reference')} in ` +
        `${plural(result.changes.length, 'file')}; skipped ${result.skipped.length}.`,
    );
  }
  return result;
}

async function report(
  inputs: ActionInputs,
  result: MainJobResult,
  warnings: WarningBudget,
): Promise<void> {
  for (const problem of result.problems) {
    core.notice(problem.message, {
      title: 'hubcap could not read a reference',
      file: problem.file,
      startLine: problem.line,
    });
  }
  for (const a of unpinnedAnnotations(result.unpinned, warnings.left())) {
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
  const rewrote = inputs.rewrite && result.rewritten.length > 0;
  await core.summary.addRaw(mainSummary(result, inputs.rewriteConfig.mirrors, rewrote)).write();
}
