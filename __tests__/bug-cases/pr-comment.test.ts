import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPrReview, type PrReviewInput } from '../../src/engine/pr-review.js';
import { createGitHubClient } from '../../src/report/github/client.js';
import { OctokitStickyComments } from '../../src/report/github/sticky-comment.js';
import { extractDockerfile } from '../../src/scan/dockerfile/extract.js';
import { findUnpinned, type UnpinnedFinding } from '../../src/scan/pinning.js';
import { ROOT } from '../support/corpus.js';
import { GitHubDouble } from '../support/github-double.js';
import { bugCase, D0 } from './harness.js';

/** What the case-16 input says: the event, its payload, and the API's answer to a POST. */
interface ForkCase {
  eventName: string;
  payload: unknown;
  request: { method: string; path: string };
  reply: { status: number; message: string };
}

function readForkCase(input: string): ForkCase {
  const lines = input.split('\n');
  const eventName = /^GITHUB_EVENT_NAME=(\S+)$/.exec(lines[0] ?? '')?.[1];
  const requestAt = lines.findIndex((l) => /^(GET|POST|PATCH) \//.test(l));
  const [method = '', requestPath = ''] = (lines[requestAt] ?? '').split(' ');
  const reply = /^-> (\d{3}) (.*)$/.exec(lines[requestAt + 1] ?? '');
  if (eventName === undefined || requestAt < 0 || reply === null) {
    throw new Error(`case-16 input is not in the expected shape: ${JSON.stringify(input)}`);
  }
  return {
    eventName,
    payload: JSON.parse(lines.slice(1, requestAt).join('\n')) as unknown,
    request: { method, path: requestPath },
    reply: {
      status: Number(reply[1]),
      message: (JSON.parse(reply[2] ?? '') as { message: string }).message,
    },
  };
}

const SAME_REPO_SHA = '3c9f2b7e41d0a8c6e5f4b3a29187d6c5b4a39281';
const MARKER = '<!-- hubcap:review:CI:build -->';

async function eventFixture(name: string): Promise<unknown> {
  const file = path.join(ROOT, '__tests__/fixtures/events', name);
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

const sameRepoPayload = () => eventFixture('pull_request.same-repo.json');

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `base` with every field of `overlay` put over it, objects merged key by key. */
function overlaid(base: unknown, overlay: unknown): unknown {
  if (!isRecord(base) || !isRecord(overlay)) return overlay;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) out[key] = overlaid(base[key], value);
  return out;
}

/** Unpinned findings from real Dockerfiles, one `FROM` line each. */
function findingsOf(files: Array<[string, string[]]>): UnpinnedFinding[] {
  return files.flatMap(([file, images]) => {
    const text = images.map((image) => `FROM ${image}\n`).join('');
    const result = extractDockerfile(text, file);
    expect(result.problems).toEqual([]);
    return findUnpinned(result.occurrences);
  });
}

let github: GitHubDouble;

beforeEach(async () => {
  github = await GitHubDouble.start({
    tokens: { 'write-token': { access: 'write' }, 'read-token': { access: 'read' } },
  });
});

afterEach(async () => {
  await github.close();
});

function review(extra: Partial<PrReviewInput> & Pick<PrReviewInput, 'payload' | 'findings'>) {
  return runPrReview({
    mode: 'auto',
    eventName: 'pull_request',
    repository: 'acme/app',
    serverUrl: 'https://github.com',
    workflow: 'CI',
    job: 'build',
    digests: new Map(extra.findings.map((f) => [f.occurrence.ref.normalized, D0])),
    ...extra,
  });
}

const client = (token: string) =>
  new OctokitStickyComments(createGitHubClient({ token, apiUrl: github.url }));

describe('case-16: a pull request from a fork, whose token is read-only', () => {
  const findings = () => findingsOf([['Dockerfile', ['node:20', 'redis']]]);
  const summary =
    '### hubcap: digests for 2 unpinned references\n\n' +
    '| Where | Reference | Pin to | Flags |\n' +
    '| --- | --- | --- | --- |\n' +
    `| \`Dockerfile:1\` | \`node:20\` | \`node:20@${D0}\` |  |\n` +
    `| \`Dockerfile:2\` | \`redis\` | \`redis@${D0}\` | no tag (pulls \`latest\`) |\n`;

  it('is seen up front: no API call, one warning, the table in the summary', async () => {
    const c = readForkCase((await bugCase('case-16')).input);
    // The case's payload holds only the fields the fork decision reads; GitHub always also
    // sends the head commit, so the case is laid over a full fork payload.
    const payload = overlaid(await eventFixture('pull_request.fork.json'), c.payload);
    github.addIssue('acme/app', 7);
    github.failNext(c.request.method, c.reply.status, c.reply.message);
    const result = await review({
      eventName: c.eventName,
      payload,
      findings: findings(),
      comments: client('read-token'),
    });
    expect(result).toEqual({
      outcome: 'read-only',
      message:
        "this pull request comes from the fork contributor/app, so the job's token is " +
        'read-only: no review comment.',
      warnings: [
        'hubcap skipped the review comment: this pull request comes from the fork ' +
          "contributor/app, so the job's token is read-only. The table of 2 unpinned image " +
          'references is in the job summary.',
      ],
      summary,
      omittedRows: 0,
    });
    expect(github.requests).toEqual([]);
    expect(github.comments('acme/app', 7)).toEqual([]);
  });

  it('skips the bare payload of the case up front too, though it lacks the head commit', async () => {
    const c = readForkCase((await bugCase('case-16')).input);
    github.addIssue('acme/app', 7);
    const result = await review({
      eventName: c.eventName,
      payload: c.payload,
      findings: findings(),
      comments: client('read-token'),
    });
    expect(result.outcome).toBe('read-only');
    expect(result.warnings).toEqual([
      'hubcap skipped the review comment: this pull request comes from the fork ' +
        "contributor/app, so the job's token is read-only. The table of 2 unpinned image " +
        'references is in the job summary.',
    ]);
    expect(result.summary).toContain('| `Dockerfile:2` | `redis` |');
    expect(github.requests).toEqual([]);
  });

  it('turns the 403 into one warning when the API is asked (same-repo payload)', async () => {
    const c = readForkCase((await bugCase('case-16')).input);
    github.addIssue('acme/app', 7);
    github.failNext(c.request.method, c.reply.status, c.reply.message);
    const result = await review({
      payload: await sameRepoPayload(),
      findings: findings(),
      comments: client('write-token'),
    });
    expect(result).toEqual({
      outcome: 'failed',
      message: 'The review comment was not written.',
      warnings: [
        'hubcap could not post the review comment on acme/app#7: GitHub answered 403 ' +
          '"Resource not accessible by integration". The token needs `pull-requests: write` ' +
          '(pull requests from forks only get a read-only token). The table of 2 unpinned ' +
          'image references is in the job summary.',
      ],
      summary,
      omittedRows: 0,
    });
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/app/issues/7/comments',
      `${c.request.method} ${c.request.path}`,
    ]);
  });
});

describe('case-17: a report longer than GitHub allows in a comment', () => {
  /** Reads the sizes the case describes: references, files, and the row size. */
  async function sizes(): Promise<{ references: number; files: number }> {
    const input = (await bugCase('case-17')).input;
    const m = /([\d,]+) unpinned references across ([\d,]+) files/.exec(input);
    if (m === null) throw new Error(`case-17 input names no sizes: ${JSON.stringify(input)}`);
    return { references: Number(m[1]?.replace(/,/g, '')), files: Number(m[2]?.replace(/,/g, '')) };
  }

  /** `files` Dockerfiles holding `references` images between them, in scan order. */
  function manyFindings(references: number, files: number): UnpinnedFinding[] {
    const spread: Array<[string, string[]]> = [];
    let n = 0;
    for (let f = 0; f < files; f++) {
      const count = Math.floor(references / files) + (f < references % files ? 1 : 0);
      const images = Array.from(
        { length: count },
        () => `acme/service-${String(++n).padStart(4, '0')}:1.0.0`,
      );
      spread.push([`services/svc-${String(f + 1).padStart(3, '0')}/Dockerfile`, images]);
    }
    return findingsOf(spread);
  }

  const row = (file: string, line: number, ref: string) =>
    `| [\`${file}:${line}\`](https://github.com/acme/app/blob/${SAME_REPO_SHA}/${file}#L${line}) ` +
    `| \`${ref}\` | \`${ref}@${D0}\` |  |`;

  it('posts at most 65,536 characters, cut at a row, the full table in the summary', async () => {
    const { references, files } = await sizes();
    expect([references, files]).toEqual([3000, 400]);
    const findings = manyFindings(references, files);
    expect(findings.length).toBe(3000);
    const rows = findings.map(({ occurrence: o }) => row(o.file, o.line, o.raw));
    github.addIssue('acme/app', 7);
    const result = await review({
      payload: await sameRepoPayload(),
      findings,
      comments: client('write-token'),
    });
    const [comment] = github.comments('acme/app', 7);
    const body = comment?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(65_536);
    const lines = body.split('\n');
    const head = [
      MARKER,
      '### hubcap: 3000 unpinned image references',
      '',
      '3000 image references float on a tag, so a rebuild can pull different content. ' +
        'Pin each to the digest shown (resolved for commit `3c9f2b7`).',
      '',
      '| Where | Reference | Pin to | Flags |',
      '| --- | --- | --- | --- |',
    ];
    expect(lines.slice(0, head.length)).toEqual(head);
    const shown = lines.length - head.length - 2;
    const omitted = 3000 - shown;
    expect(shown).toBeGreaterThan(0);
    expect(lines.slice(head.length, head.length + shown)).toEqual(rows.slice(0, shown));
    expect(lines.slice(-2)).toEqual(['', `… and ${omitted} more (see the job summary)`]);
    // Cut at the last row that fits: one more row and its shorter last line would not.
    const oneMore = [...head, ...rows.slice(0, shown + 1)].join('\n').length;
    const lastLine = `\n\n… and ${omitted - 1} more (see the job summary)`;
    expect(oneMore + lastLine.length).toBeGreaterThan(65_536);
    expect(result.outcome).toBe('created');
    expect(result.warnings).toEqual([]);
    expect(result.omittedRows).toBe(omitted);
    expect(result.message).toBe(
      `Posted the review comment: ${comment?.html_url} (${omitted} rows left out to fit ` +
        "GitHub's size limit)",
    );
    const summaryRows = (result.summary ?? '').split('\n').filter((l) => l.startsWith('| `'));
    expect(summaryRows.length).toBe(3000);
    expect(summaryRows[2999]).toBe(
      `| \`services/svc-400/Dockerfile:7\` | \`acme/service-3000:1.0.0\` | ` +
        `\`acme/service-3000:1.0.0@${D0}\` |  |`,
    );
    expect(result.summary).not.toContain('… and');
    expect(github.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
  });

  it('updates the same comment on the next run and stays under the limit', async () => {
    const { references, files } = await sizes();
    github.addIssue('acme/app', 7);
    const input = {
      payload: await sameRepoPayload(),
      findings: manyFindings(references, files),
      comments: client('write-token'),
    };
    expect((await review(input)).outcome).toBe('created');
    const fewer = { ...input, findings: input.findings.slice(0, 2500) };
    const second = await review(fewer);
    expect(second.outcome).toBe('updated');
    const comments = github.comments('acme/app', 7);
    expect(comments.length).toBe(1);
    expect(comments[0]?.body.length).toBeLessThanOrEqual(65_536);
    expect(comments[0]?.body).toContain('### hubcap: 2500 unpinned image references');
  });
});
