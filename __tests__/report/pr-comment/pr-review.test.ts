import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveDigests } from '../../../src/engine/digests.js';
import {
  parseCommentMode,
  runPrReview,
  type PrReviewInput,
} from '../../../src/engine/pr-review.js';
import type { ImageRef } from '../../../src/reference/types.js';
import { createGitHubClient } from '../../../src/report/github/client.js';
import { OctokitStickyComments } from '../../../src/report/github/sticky-comment.js';
import { COMMENT_BODY_LIMIT } from '../../../src/report/pr-comment/fit.js';
import { GitHubDouble } from '../../support/github-double.js';
import { eventPayload } from './events.js';
import { digest, finding } from './findings.js';

const SAME_SHA = '3c9f2b7e41d0a8c6e5f4b3a29187d6c5b4a39281';
const NEXT_SHA = '7d0e4a1b2c3d4e5f60718293a4b5c6d7e8f90a1b';
const blob = (sha: string) => `https://github.com/acme/app/blob/${sha}`;
const MARKER = '<!-- hubcap:review:CI:build -->';

let github: GitHubDouble;

beforeEach(async () => {
  github = await GitHubDouble.start({
    tokens: { 'write-token': { access: 'write' }, 'read-token': { access: 'read' } },
  });
  for (const n of [7, 8, 9]) github.addIssue('acme/app', n);
});

afterEach(async () => {
  await github.close();
});

const client = (token = 'write-token') =>
  new OctokitStickyComments(createGitHubClient({ token, apiUrl: github.url }));

const unpinned = [finding('Dockerfile', 1, 'node:20'), finding('compose.yaml', 4, 'redis:latest')];
const digests = new Map([
  ['docker.io/library/node:20', digest('1f')],
  ['docker.io/library/redis:latest', digest('2e')],
]);

async function input(event: string, fixture: string, extra: Partial<PrReviewInput> = {}) {
  return {
    mode: 'auto',
    eventName: event,
    payload: await eventPayload(fixture),
    repository: 'acme/app',
    serverUrl: 'https://github.com',
    workflow: 'CI',
    job: 'build',
    findings: unpinned,
    digests,
    comments: client(),
    ...extra,
  } satisfies PrReviewInput;
}

/** The same-repo fixture after another push: a new head commit. */
async function pushedAgain(): Promise<unknown> {
  const payload = (await eventPayload('pull_request.same-repo.json')) as {
    pull_request: { head: { sha: string } };
  };
  payload.pull_request.head.sha = NEXT_SHA;
  return payload;
}

const row = (sha: string, file: string, line: number, ref: string, pin: string, flags = '') =>
  `| [\`${file}:${line}\`](${blob(sha)}/${file}#L${line}) | \`${ref}\` | \`${pin}\` | ${flags} |`;

describe('runPrReview on a pull request from the same repository', () => {
  it('creates the comment, then updates it in place on the next push', async () => {
    const first = await runPrReview(await input('pull_request', 'pull_request.same-repo.json'));
    const [comment] = github.comments('acme/app', 7);
    expect(first).toMatchObject({
      outcome: 'created',
      message: `Posted the review comment: ${comment?.html_url}`,
      warnings: [],
      comment: { id: comment?.id, url: comment?.html_url },
      omittedRows: 0,
    });
    expect(comment?.body).toBe(
      [
        MARKER,
        '### hubcap: 2 unpinned image references',
        '',
        '2 image references float on a tag, so a rebuild can pull different content. ' +
          '1 of them uses `latest` or no tag. ' +
          'Pin each to the digest shown (resolved for commit `3c9f2b7`).',
        '',
        '| Where | Reference | Pin to | Flags |',
        '| --- | --- | --- | --- |',
        row(SAME_SHA, 'Dockerfile', 1, 'node:20', `node:20@${digest('1f')}`),
        row(
          SAME_SHA,
          'compose.yaml',
          4,
          'redis:latest',
          `redis:latest@${digest('2e')}`,
          '`latest`',
        ),
      ].join('\n'),
    );

    github.clearRequests();
    const second = await runPrReview(
      await input('pull_request', 'pull_request.same-repo.json', { payload: await pushedAgain() }),
    );
    expect(second.outcome).toBe('updated');
    expect(github.requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    const comments = github.comments('acme/app', 7);
    expect(comments.length).toBe(1);
    expect(comments[0]?.id).toBe(comment?.id);
    expect(comments[0]?.body).toContain(
      row(NEXT_SHA, 'Dockerfile', 1, 'node:20', `node:20@${digest('1f')}`),
    );
    expect(comments[0]?.body).not.toContain(SAME_SHA);
  });

  it('updates the existing comment to the all-clear text once everything is pinned', async () => {
    await runPrReview(await input('pull_request', 'pull_request.same-repo.json'));
    const result = await runPrReview(
      await input('pull_request', 'pull_request.same-repo.json', {
        payload: await pushedAgain(),
        findings: [],
      }),
    );
    expect(result.outcome).toBe('updated');
    expect(result.summary).toBe(undefined);
    expect(github.comments('acme/app', 7).map((c) => c.body)).toEqual([
      `${MARKER}\n### hubcap: image pins\n\n` +
        'Every image reference is pinned to a digest (commit `7d0e4a1`).',
    ]);
  });

  it('with auto, creates no comment just to say all is fine; with always, it does', async () => {
    const auto = await runPrReview(
      await input('pull_request', 'pull_request.same-repo.json', { findings: [] }),
    );
    expect(auto).toEqual({
      outcome: 'not-needed',
      message: 'Nothing is unpinned and no earlier review comment exists.',
      warnings: [],
      omittedRows: 0,
    });
    expect(github.requests.map((r) => r.method)).toEqual(['GET']);
    const always = await runPrReview(
      await input('pull_request', 'pull_request.same-repo.json', { findings: [], mode: 'always' }),
    );
    expect(always.outcome).toBe('created');
    expect(github.comments('acme/app', 7).length).toBe(1);
  });

  it('keeps one comment per workflow and job', async () => {
    await runPrReview(await input('pull_request', 'pull_request.same-repo.json'));
    await runPrReview(await input('pull_request', 'pull_request.same-repo.json', { job: 'e2e' }));
    await runPrReview(await input('pull_request', 'pull_request.same-repo.json', { job: 'e2e' }));
    expect(github.comments('acme/app', 7).map((c) => c.body.split('\n')[0])).toEqual([
      MARKER,
      '<!-- hubcap:review:CI:e2e -->',
    ]);
  });

  it('turns a 403 from the API into a warning, with the table for the summary', async () => {
    const result = await runPrReview(
      await input('pull_request', 'pull_request.same-repo.json', {
        comments: client('read-token'),
      }),
    );
    expect(result.outcome).toBe('failed');
    expect(result.warnings).toEqual([
      'hubcap could not post the review comment on acme/app#7: GitHub answered 403 ' +
        '"Resource not accessible by integration". The token needs `pull-requests: write` ' +
        '(pull requests from forks only get a read-only token). ' +
        'The table of 2 unpinned image references is in the job summary.',
    ]);
    expect(result.summary).toContain('### hubcap: digests for 2 unpinned references');
    expect(github.comments('acme/app', 7)).toEqual([]);
  });

  it('posts a huge report cut under the limit, which GitHub accepts', async () => {
    const findings = Array.from({ length: 3000 }, (_, i) =>
      finding(`svc-${i % 400}/k8s/deployment.yaml`, 10 + i, `acme/app-${i}:1.${i}`),
    );
    const many = new Map(findings.map((f) => [f.occurrence.ref.normalized, digest('ab')]));
    const result = await runPrReview(
      await input('pull_request', 'pull_request.same-repo.json', { findings, digests: many }),
    );
    expect(result.outcome).toBe('created');
    expect(result.omittedRows).toBeGreaterThan(2000);
    expect(result.message).toBe(
      `Posted the review comment: ${result.comment?.url} ` +
        `(${result.omittedRows} rows left out to fit GitHub's size limit)`,
    );
    const [comment] = github.comments('acme/app', 7);
    expect(comment?.body.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT);
    expect(comment?.body.endsWith(`… and ${result.omittedRows} more (see the job summary)`)).toBe(
      true,
    );
    expect(result.summary?.split('\n').filter((l) => l.startsWith('| `svc-')).length).toBe(3000);
  });
});

describe('runPrReview on pull requests whose token cannot write', () => {
  it('skips a fork PR without any API call: one warning, table for the summary', async () => {
    const result = await runPrReview(await input('pull_request', 'pull_request.fork.json'));
    expect(github.requests).toEqual([]);
    expect(result.outcome).toBe('read-only');
    expect(result.warnings).toEqual([
      'hubcap skipped the review comment: this pull request comes from the fork ' +
        "contributor/app, so the job's token is read-only. " +
        'The table of 2 unpinned image references is in the job summary.',
    ]);
    expect(result.summary).toBe(
      [
        '### hubcap: digests for 2 unpinned references',
        '',
        '| Where | Reference | Pin to | Flags |',
        '| --- | --- | --- | --- |',
        `| \`Dockerfile:1\` | \`node:20\` | \`node:20@${digest('1f')}\` |  |`,
        `| \`compose.yaml:4\` | \`redis:latest\` | \`redis:latest@${digest('2e')}\` | \`latest\` |`,
        '',
      ].join('\n'),
    );
  });

  it('skips Dependabot runs the same way', async () => {
    const result = await runPrReview(await input('pull_request', 'pull_request.dependabot.json'));
    expect(github.requests).toEqual([]);
    expect(result.outcome).toBe('read-only');
    expect(result.warnings.length).toBe(1);
  });

  it('says nothing on a fork when nothing is unpinned', async () => {
    const result = await runPrReview(
      await input('pull_request', 'pull_request.fork.json', { findings: [] }),
    );
    expect(result).toEqual({
      outcome: 'read-only',
      message:
        "this pull request comes from the fork contributor/app, so the job's token is " +
        'read-only: no review comment.',
      warnings: [],
      omittedRows: 0,
    });
  });

  it('comments on pull_request_target, which has a writable token', async () => {
    const result = await runPrReview(
      await input('pull_request_target', 'pull_request_target.fork.json'),
    );
    expect(result.outcome).toBe('created');
    const [comment] = github.comments('acme/app', 8);
    expect(comment?.body).toContain(
      '](https://github.com/acme/app/blob/a41b7c2d9e8f6a5b4c3d2e1f0a9b8c7d6e5f4a3b/Dockerfile#L1)',
    );
  });

  it('warns when there is no token', async () => {
    const result = await runPrReview(
      await input('pull_request', 'pull_request.same-repo.json', { comments: undefined }),
    );
    expect(result.outcome).toBe('no-token');
    expect(result.warnings).toEqual([
      'hubcap skipped the review comment: `github-token` is empty. ' +
        'The table of 2 unpinned image references is in the job summary.',
    ]);
  });
});

describe('runPrReview outside pull requests', () => {
  it('writes no comment on a push', async () => {
    const result = await runPrReview(await input('push', 'push.json'));
    expect(result).toEqual({
      outcome: 'not-pull-request',
      message: 'No review comment on a push event.',
      warnings: [],
      omittedRows: 0,
    });
    expect(github.requests).toEqual([]);
  });

  it('does nothing when comment is off', async () => {
    const result = await runPrReview(
      await input('pull_request', 'pull_request.same-repo.json', { mode: 'off' }),
    );
    expect(result.outcome).toBe('off');
    expect(github.requests).toEqual([]);
  });

  it('warns about a payload it cannot read', async () => {
    const result = await runPrReview(
      await input('pull_request', 'push.json', { payload: { action: 'opened' } }),
    );
    expect(result.outcome).toBe('invalid-event');
    expect(result.warnings).toEqual([
      'hubcap skipped the review comment: the pull_request event payload has no "pull_request".',
    ]);
    expect(github.requests).toEqual([]);
  });
});

describe('digest resolution', () => {
  it('asks the resolver once per distinct reference and keeps failures as errors', async () => {
    const asked: string[] = [];
    const resolver = async (ref: ImageRef) => {
      asked.push(ref.normalized);
      if (ref.tag === 'latest') throw new Error('manifest unknown: redis:latest');
      return digest('3d');
    };
    const twice = [...unpinned, finding('Dockerfile.dev', 2, 'node:20')];
    const results = await resolveDigests(twice, resolver, 2);
    expect([...results.entries()]).toEqual([
      ['docker.io/library/node:20', digest('3d')],
      ['docker.io/library/redis:latest', { error: 'manifest unknown: redis:latest' }],
    ]);
    expect(asked.sort()).toEqual(['docker.io/library/node:20', 'docker.io/library/redis:latest']);
  });

  it('resolves only when a review is made', async () => {
    let calls = 0;
    const resolver = async () => {
      calls += 1;
      return digest('4c');
    };
    await runPrReview(await input('push', 'push.json', { digests: resolver }));
    expect(calls).toBe(0);
    await runPrReview(
      await input('pull_request', 'pull_request.same-repo.json', { digests: resolver }),
    );
    expect(calls).toBe(2);
    expect(github.comments('acme/app', 7)[0]?.body).toContain(`\`node:20@${digest('4c')}\``);
  });
});

describe('parseCommentMode', () => {
  it('accepts auto, always and off, empty meaning auto', () => {
    expect(['', 'auto', 'always', 'off'].map(parseCommentMode)).toEqual([
      'auto',
      'auto',
      'always',
      'off',
    ]);
    expect(() => parseCommentMode('yes')).toThrow(
      'Input "comment" must be one of auto, always, off, got "yes"',
    );
  });
});
