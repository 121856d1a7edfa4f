import * as core from '@actions/core';
import path from 'node:path';
import type { MainJobResult } from '../engine/main-job.js';
import { runPrReview, type DigestResolver, type PrReviewResult } from '../engine/pr-review.js';
import { createGitHubClient } from '../report/github/client.js';
import { readEventPayload } from '../report/github/event.js';
import { OctokitStickyComments } from '../report/github/sticky-comment.js';
import type { ActionInputs } from './inputs.js';
import type { WarningBudget } from './warnings.js';

/**
 * Reviews the pull request in one sticky comment (see `runPrReview`): skipped on other
 * events, with a warning on a fork's read-only token, never a failed step.
 */
export async function reviewPullRequest(
  inputs: ActionInputs,
  result: MainJobResult,
  resolve: DigestResolver,
  env: NodeJS.ProcessEnv,
  warnings: WarningBudget,
): Promise<PrReviewResult> {
  const eventPath = env['GITHUB_EVENT_PATH'];
  let payload: unknown = undefined;
  if (eventPath) {
    try {
      payload = await readEventPayload(eventPath);
    } catch (error) {
      core.debug(`event payload unreadable: ${String(error)}`);
    }
  }
  const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
  const rootInRepo = path.relative(workspace, inputs.scan.root).split(path.sep).join('/');
  const comments =
    inputs.githubToken === ''
      ? undefined
      : new OctokitStickyComments(
          createGitHubClient({ token: inputs.githubToken, apiUrl: env['GITHUB_API_URL'] }),
        );
  const review = await runPrReview({
    mode: inputs.comment,
    eventName: env['GITHUB_EVENT_NAME'] ?? '',
    payload,
    repository: env['GITHUB_REPOSITORY'],
    serverUrl: env['GITHUB_SERVER_URL'] ?? 'https://github.com',
    workflow: env['GITHUB_WORKFLOW'] ?? 'workflow',
    job: env['GITHUB_JOB'] ?? 'job',
    rootInRepo: rootInRepo === '' ? undefined : rootInRepo,
    findings: result.floating,
    digests: result.digests.size > 0 ? result.digests : resolve,
    comments,
  });
  core.info(review.message);
  for (const warning of review.warnings) warnings.warn(warning, { title: 'Review comment' });
  return review;
}
