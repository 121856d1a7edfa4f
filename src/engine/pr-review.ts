import { resolveDigests, type DigestResolver } from './digests.js';
export type { DigestResolver } from './digests.js';
import { parseChoice } from '../config/parse-values.js';
import { readEventContext } from '../report/github/event.js';
import type { StickyCommentResult, StickyComments } from '../report/github/sticky-comment.js';
import {
  allClearBody,
  reviewCommentBody,
  reviewSummary,
  type ReviewReport,
} from '../report/pr-comment/body.js';
import type { DigestResults } from '../report/pr-comment/digests.js';
import { reviewMarker } from '../report/pr-comment/marker.js';
import { plural } from '../report/text.js';
import type { UnpinnedFinding } from '../scan/pinning.js';

/** `comment` input: post when something is unpinned (`auto`), every time, or never. */
export const COMMENT_MODES = ['auto', 'always', 'off'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** Parses the `comment` input (empty means `auto`); errors quote the value. */
export function parseCommentMode(value: string): CommentMode {
  return parseChoice('comment', value || 'auto', COMMENT_MODES);
}

/** Everything the review decides on; the action fills it from inputs and `GITHUB_*`. */
export interface PrReviewInput {
  mode: CommentMode;
  /** `GITHUB_EVENT_NAME`. */
  eventName: string;
  /** The parsed `GITHUB_EVENT_PATH` file. */
  payload: unknown;
  /** `GITHUB_REPOSITORY`, used when the payload does not name the base repository. */
  repository?: string | undefined;
  /** `GITHUB_SERVER_URL`, for links to the files. */
  serverUrl: string;
  /** `GITHUB_WORKFLOW` and `GITHUB_JOB`: one comment per workflow and job. */
  workflow: string;
  job: string;
  /** Folder of the scan root inside the repository (`working-directory`). */
  rootInRepo?: string | undefined;
  findings: UnpinnedFinding[];
  /** Digests by `ref.normalized`, or a resolver called only when a review is made. */
  digests: DigestResults | DigestResolver;
  /** The comment API; undefined when there is no token. */
  comments?: StickyComments | undefined;
}

/** How the review ended. */
export type PrReviewOutcome =
  | 'off'
  | 'not-pull-request'
  | 'invalid-event'
  | 'read-only'
  | 'no-token'
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'not-needed'
  | 'failed';

/** A plain result the action logs: one info line, warnings, and the job-summary section. */
export interface PrReviewResult {
  outcome: PrReviewOutcome;
  /** One line for the log. */
  message: string;
  /** Each one a warning annotation; never a failed step. */
  warnings: string[];
  /** The review table for the job summary, when there is something unpinned on a PR. */
  summary?: string | undefined;
  /** The comment written or found. */
  comment?: { id: number; url: string } | undefined;
  /** Rows left out of the comment to stay under GitHub's size limit. */
  omittedRows: number;
}

const done = (
  outcome: PrReviewOutcome,
  message: string,
  extra: Partial<PrReviewResult> = {},
): PrReviewResult => ({ outcome, message, warnings: [], omittedRows: 0, ...extra });

function written(result: Extract<StickyCommentResult, { id: number }>): string {
  switch (result.status) {
    case 'created':
      return `Posted the review comment: ${result.url}`;
    case 'updated':
      return `Updated the review comment: ${result.url}`;
    case 'unchanged':
      return `The review comment is up to date: ${result.url}`;
  }
}

/**
 * Reviews a pull request in one sticky comment per workflow and job: decides from the
 * event and `comment` mode whether to write, skips a fork's read-only token with one
 * warning, and turns every API failure into a warning. The summary table comes back for
 * the job summary whenever something is unpinned on a pull request.
 */
export async function runPrReview(input: PrReviewInput): Promise<PrReviewResult> {
  if (input.mode === 'off') return done('off', 'comment is off: no review comment.');
  const context = readEventContext(input.eventName, input.payload, input.repository);
  if (context.kind === 'other') {
    return done('not-pull-request', `No review comment on a ${context.eventName} event.`);
  }
  if (context.kind === 'invalid') {
    const warning = `hubcap skipped the review comment: ${context.message}.`;
    return done('invalid-event', warning, { warnings: [warning] });
  }
  const pr = context.pullRequest;
  const count = input.findings.length;
  const digests =
    typeof input.digests === 'function'
      ? await resolveDigests(input.findings, input.digests)
      : input.digests;
  const report: ReviewReport = {
    findings: input.findings,
    digests,
    links: {
      serverUrl: input.serverUrl,
      repository: `${pr.owner}/${pr.repo}`,
      headSha: pr.headSha,
      rootInRepo: input.rootInRepo,
    },
  };
  const summary = count > 0 ? reviewSummary(report) : undefined;
  const unpinned = plural(count, 'unpinned image reference');
  const inSummary = ` The table of ${unpinned} is in the job summary.`;
  if (pr.readOnly) {
    const message = `${pr.readOnly.detail}: no review comment.`;
    if (count === 0 && input.mode === 'auto') return done('read-only', message);
    const warning = `hubcap skipped the review comment: ${pr.readOnly.detail}.`;
    return done('read-only', message, {
      warnings: [count > 0 ? warning + inSummary : warning],
      summary,
    });
  }
  if (input.comments === undefined) {
    const message = 'github-token is empty: no review comment.';
    if (count === 0 && input.mode === 'auto') return done('no-token', message);
    const warning = 'hubcap skipped the review comment: `github-token` is empty.';
    return done('no-token', message, {
      warnings: [count > 0 ? warning + inSummary : warning],
      summary,
    });
  }
  const marker = reviewMarker(input.workflow, input.job);
  const fitted =
    count > 0
      ? reviewCommentBody(marker, report)
      : { text: allClearBody(marker, report.links), omitted: 0 };
  const result = await input.comments.upsert({
    owner: pr.owner,
    repo: pr.repo,
    issueNumber: pr.number,
    marker,
    body: fitted.text,
    create: count > 0 || input.mode === 'always',
  });
  switch (result.status) {
    case 'failed':
      return done('failed', 'The review comment was not written.', {
        warnings: [count > 0 ? result.warning + inSummary : result.warning],
        summary,
      });
    case 'absent':
      return done('not-needed', 'Nothing is unpinned and no earlier review comment exists.');
    default: {
      const cut =
        fitted.omitted > 0
          ? ` (${plural(fitted.omitted, 'row')} left out to fit GitHub's size limit)`
          : '';
      return done(result.status, `${written(result)}${cut}`, {
        summary,
        comment: { id: result.id, url: result.url },
        omittedRows: fitted.omitted,
      });
    }
  }
}
