import * as core from '@actions/core';
import { runMainJob, type MainJobResult } from '../engine/main-job.js';
import { policyMessage, policyViolations } from '../engine/policy.js';
import { unpinnedAnnotations } from '../report/annotations.js';
import { imageJson } from '../report/json.js';
import { mainSummary } from '../report/summary.js';
import { plural } from '../report/text.js';
import { Output } from './constants.js';
import { readInputs, type ActionInputs } from './inputs.js';

/** The main step: scan, rewrite to the mirror, report, and apply the fail-on policy. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = readInputs(env);
    const result = await core.group('Scanning and rewriting image references', () =>
      mainJob(inputs),
    );
    await core.group('Reporting', () => report(inputs, result));
    const violations = policyViolations(inputs.failOn, result.unpinned);
    if (violations.length > 0) core.setFailed(policyMessage(inputs.failOn, violations));
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

async function mainJob(inputs: ActionInputs): Promise<MainJobResult> {
  const { mirrors, rules } = inputs.rewriteConfig;
  const rewriting = inputs.rewrite && mirrors.length + rules.length > 0;
  if (!inputs.rewrite && mirrors.length > 0) core.info('rewrite is false: scanning only.');
  const result = await runMainJob({
    scan: inputs.scan,
    rewrite: rewriting ? inputs.rewriteConfig : undefined,
    write: true,
  });
  const { files, occurrences } = result.scan;
  core.info(
    `Found ${plural(occurrences.length, 'image reference')} in ${plural(files.length, 'file')}.`,
  );
  for (const r of result.rewritten) core.info(`${r.file}:${r.line}: ${r.from} → ${r.to}`);
  for (const skip of result.skipped)
    core.debug(`${skip.file}:${skip.line}: skipped ${skip.ref}: ${skip.reason}`);
  if (rewriting) {
    const changed = result.changes.length;
    core.info(
      `Rewrote ${plural(result.rewritten.length, 'reference')} in ${plural(changed, 'file')}; ` +
        `skipped ${result.skipped.length}.`,
    );
  }
  return result;
}

async function report(inputs: ActionInputs, result: MainJobResult): Promise<void> {
  for (const problem of result.problems) {
    core.notice(problem.message, {
      title: 'hubcap could not read a reference',
      file: problem.file,
      startLine: problem.line,
    });
  }
  for (const a of unpinnedAnnotations(result.unpinned)) {
    core.warning(a.message, {
      title: a.title,
      file: a.file,
      startLine: a.line,
      startColumn: a.column,
    });
  }
  core.setOutput(Output.RewrittenFiles, JSON.stringify(result.changes.map((c) => c.file.path)));
  core.setOutput(Output.Images, JSON.stringify(result.scan.occurrences.map(imageJson)));
  core.setOutput(
    Output.Unpinned,
    JSON.stringify(
      result.unpinned.map(({ occurrence, reason }) => ({ ...imageJson(occurrence), reason })),
    ),
  );
  const rewrote = inputs.rewrite && result.rewritten.length > 0;
  await core.summary.addRaw(mainSummary(result, inputs.rewriteConfig.mirrors, rewrote)).write();
}
