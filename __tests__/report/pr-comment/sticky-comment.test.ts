import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../../src/report/github/client.js';
import { OctokitStickyComments } from '../../../src/report/github/sticky-comment.js';
import { reviewMarker } from '../../../src/report/pr-comment/marker.js';
import { GitHubDouble } from '../../support/github-double.js';

const marker = reviewMarker('CI', 'build');
const target = { owner: 'acme', repo: 'app', issueNumber: 7, marker };
const TOKENS = {
  'write-token': { access: 'write' as const },
  'fork-token': { access: 'read' as const },
};

let github: GitHubDouble;

beforeEach(async () => {
  github = await GitHubDouble.start({ tokens: TOKENS });
  github.addIssue('acme/app', 7);
});

afterEach(async () => {
  await github.close();
});

const sticky = (token = 'write-token', apiUrl = github.url) =>
  new OctokitStickyComments(createGitHubClient({ token, apiUrl }));

const calls = () => github.requests.map((r) => `${r.method} ${r.path}`);

describe('OctokitStickyComments', () => {
  it('creates the comment, then updates it in place', async () => {
    const first = await sticky().upsert({ ...target, body: `${marker}\none`, create: true });
    const [created] = github.comments('acme/app', 7);
    expect(first).toEqual({ status: 'created', id: created?.id, url: created?.html_url });
    expect(github.requests[1]?.authorization).toBe('token write-token');

    github.clearRequests();
    const second = await sticky().upsert({ ...target, body: `${marker}\ntwo`, create: true });
    expect(second).toEqual({ status: 'updated', id: created?.id, url: created?.html_url });
    expect(calls()).toEqual([
      'GET /repos/acme/app/issues/7/comments',
      `PATCH /repos/acme/app/issues/comments/${created?.id}`,
    ]);
    expect(github.comments('acme/app', 7).map((c) => c.body)).toEqual([`${marker}\ntwo`]);
  });

  it('sends nothing when the body is already the same', async () => {
    github.seedComments('acme/app', 7, [`${marker}\nsame`], 'github-actions[bot]');
    const result = await sticky().upsert({ ...target, body: `${marker}\nsame`, create: true });
    expect(result.status).toBe('unchanged');
    expect(calls()).toEqual(['GET /repos/acme/app/issues/7/comments']);
  });

  it('leaves other jobs’ comments and quotes alone', async () => {
    const other = reviewMarker('CI', 'build-2');
    github.seedComments('acme/app', 7, [`${other}\nx`, `> ${marker}\nquoted`]);
    await sticky().upsert({ ...target, body: `${marker}\nmine`, create: true });
    expect(github.comments('acme/app', 7).map((c) => c.body)).toEqual([
      `${other}\nx`,
      `> ${marker}\nquoted`,
      `${marker}\nmine`,
    ]);
  });

  it('follows the Link header to find the marker on page 2, then stops', async () => {
    const chatter = Array.from({ length: 250 }, (_, i) => `comment ${i}`);
    chatter[130] = `${marker}\nold`;
    github.seedComments('acme/app', 7, chatter);
    const result = await sticky().upsert({ ...target, body: `${marker}\nnew`, create: true });
    expect(result.status).toBe('updated');
    const gets = github.requests.filter((r) => r.method === 'GET').map((r) => r.query);
    expect(gets).toEqual([{ per_page: '100' }, { per_page: '100', page: '2' }]);
    const bodies = github.comments('acme/app', 7).map((c) => c.body);
    expect(bodies.length).toBe(250);
    expect(bodies[130]).toBe(`${marker}\nnew`);
  });

  it('reads every page before creating when no comment has the marker', async () => {
    github.seedComments(
      'acme/app',
      7,
      Array.from({ length: 5 }, (_, i) => `c${i}`),
    );
    const pages = new OctokitStickyComments(
      createGitHubClient({ token: 'write-token', apiUrl: github.url }),
      2,
    );
    const result = await pages.upsert({ ...target, body: `${marker}\nnew`, create: true });
    expect(result.status).toBe('created');
    expect(github.requests.map((r) => `${r.method} ${r.query['page'] ?? '1'}`)).toEqual([
      'GET 1',
      'GET 2',
      'GET 3',
      'POST 1',
    ]);
  });

  it('does not create a comment when only an update is allowed', async () => {
    const result = await sticky().upsert({ ...target, body: `${marker}\nfine`, create: false });
    expect(result).toEqual({ status: 'absent' });
    expect(calls()).toEqual(['GET /repos/acme/app/issues/7/comments']);
  });

  it('turns a 403 for a read-only token into a warning', async () => {
    const result = await sticky('fork-token').upsert({
      ...target,
      body: `${marker}\nx`,
      create: true,
    });
    expect(result).toEqual({
      status: 'failed',
      step: 'create',
      httpStatus: 403,
      warning:
        'hubcap could not post the review comment on acme/app#7: GitHub answered 403 ' +
        '"Resource not accessible by integration". The token needs `pull-requests: write` ' +
        '(pull requests from forks only get a read-only token).',
    });
    expect(github.comments('acme/app', 7)).toEqual([]);
  });

  it('turns a 404 into a warning', async () => {
    const result = await sticky().upsert({ ...target, issueNumber: 99, body: 'x', create: true });
    expect(result).toEqual({
      status: 'failed',
      step: 'list',
      httpStatus: 404,
      warning:
        'hubcap could not read the comments of acme/app#99: GitHub answered 404 "Not Found"; ' +
        'the token cannot see that pull request (check `github-token` and `GITHUB_API_URL`).',
    });
  });

  it('turns other answers and a dead server into warnings', async () => {
    github.failNext('GET', 502, 'Server Error');
    const bad = await sticky().upsert({ ...target, body: 'x', create: true });
    expect(bad.status === 'failed' && bad.warning).toBe(
      'hubcap could not read the comments of acme/app#7: GitHub answered 502 "Server Error".',
    );
    const tooLong = await sticky().upsert({ ...target, body: 'x'.repeat(65_537), create: true });
    expect(tooLong.status === 'failed' && tooLong.warning).toBe(
      'hubcap could not post the review comment on acme/app#7: GitHub answered 422 ' +
        '"Validation Failed".',
    );
    const gone = await GitHubDouble.start({ tokens: TOKENS });
    const url = gone.url;
    await gone.close();
    const down = await sticky('write-token', url).upsert({ ...target, body: 'x', create: true });
    expect(down.status === 'failed' && down.httpStatus).toBe(undefined);
    expect(down.status === 'failed' && down.warning).toMatch(
      /^hubcap could not read the comments of acme\/app#7: "connect ECONNREFUSED [\d.:]+"\.$/u,
    );
  });

  it('creates the comment again when it was deleted after being found', async () => {
    github.seedComments('acme/app', 7, [`${marker}\nold`], 'github-actions[bot]');
    github.failNext('PATCH', 404, 'Not Found');
    const result = await sticky().upsert({ ...target, body: `${marker}\nnew`, create: true });
    expect(result.status).toBe('created');
    expect(calls().map((c) => c.split(' ')[0])).toEqual(['GET', 'PATCH', 'POST']);
  });

  it('works against a GitHub Enterprise Server API path', async () => {
    const ghes = await GitHubDouble.start({ tokens: TOKENS, prefix: '/api/v3' });
    try {
      ghes.addIssue('acme/app', 7);
      expect(ghes.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/u);
      const client = new OctokitStickyComments(
        createGitHubClient({ token: 'write-token', apiUrl: `${ghes.url}/` }),
      );
      const result = await client.upsert({ ...target, body: `${marker}\nghes`, create: true });
      expect(result.status).toBe('created');
      expect(ghes.comments('acme/app', 7).map((c) => c.body)).toEqual([`${marker}\nghes`]);
    } finally {
      await ghes.close();
    }
  });
});
