import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEventContext, readEventPayload } from '../../../src/report/github/event.js';
import { EVENTS, eventPayload } from './events.js';

describe('readEventContext', () => {
  it('reads a pull request from the same repository as writable', async () => {
    const payload = await eventPayload('pull_request.same-repo.json');
    expect(readEventContext('pull_request', payload)).toEqual({
      kind: 'pull-request',
      pullRequest: {
        event: 'pull_request',
        number: 7,
        owner: 'acme',
        repo: 'app',
        headRepository: 'acme/app',
        headSha: '3c9f2b7e41d0a8c6e5f4b3a29187d6c5b4a39281',
        readOnly: undefined,
      },
    });
  });

  it('sees the read-only token of a fork pull request (bug case 16)', async () => {
    const payload = await eventPayload('pull_request.fork.json');
    expect(readEventContext('pull_request', payload)).toEqual({
      kind: 'pull-request',
      pullRequest: {
        event: 'pull_request',
        number: 8,
        owner: 'acme',
        repo: 'app',
        headRepository: 'contributor/app',
        headSha: 'a41b7c2d9e8f6a5b4c3d2e1f0a9b8c7d6e5f4a3b',
        readOnly: {
          reason: 'fork',
          detail:
            "this pull request comes from the fork contributor/app, so the job's token " +
            'is read-only',
        },
      },
    });
  });

  it('trusts pull_request_target, which runs with the base repository token', async () => {
    const payload = await eventPayload('pull_request_target.fork.json');
    const context = readEventContext('pull_request_target', payload);
    expect(context.kind === 'pull-request' && context.pullRequest.readOnly).toBe(undefined);
  });

  it('treats Dependabot runs like forks', async () => {
    const payload = await eventPayload('pull_request.dependabot.json');
    const context = readEventContext('pull_request', payload);
    expect(context.kind === 'pull-request' && context.pullRequest.readOnly).toEqual({
      reason: 'dependabot',
      detail: "this run was started by Dependabot, so the job's token is read-only",
    });
  });

  it('treats a deleted fork (head.repo null) as a fork', async () => {
    const payload = (await eventPayload('pull_request.fork.json')) as {
      pull_request: { head: { repo: unknown } };
    };
    payload.pull_request.head.repo = null;
    const context = readEventContext('pull_request', payload);
    expect(context.kind === 'pull-request' && context.pullRequest.readOnly).toEqual({
      reason: 'fork',
      detail: "this pull request comes from a deleted fork, so the job's token is read-only",
    });
  });

  it('does not take a pull request inside a forked repository for a fork', async () => {
    const payload = (await eventPayload('pull_request.same-repo.json')) as {
      pull_request: { head: { repo: { fork: boolean } }; base: { repo: { fork: boolean } } };
    };
    payload.pull_request.head.repo.fork = true;
    payload.pull_request.base.repo.fork = true;
    const context = readEventContext('pull_request', payload);
    expect(context.kind === 'pull-request' && context.pullRequest.readOnly).toBe(undefined);
  });

  it('passes over other events', async () => {
    const payload = await eventPayload('push.json');
    expect(readEventContext('push', payload)).toEqual({ kind: 'other', eventName: 'push' });
    expect(readEventContext('workflow_dispatch', {})).toEqual({
      kind: 'other',
      eventName: 'workflow_dispatch',
    });
  });

  it('names what a broken payload lacks, quoting the value', () => {
    expect(readEventContext('pull_request', { action: 'opened' })).toEqual({
      kind: 'invalid',
      message: 'the pull_request event payload has no "pull_request"',
    });
    expect(readEventContext('pull_request', { pull_request: { number: '7' } })).toEqual({
      kind: 'invalid',
      message: 'the pull_request event payload has no usable pull_request.number (found "7")',
    });
  });

  it('links to the pull request head ref when the payload names no head commit', () => {
    const noSha = { pull_request: { number: 7, head: {}, base: { repo: { full_name: 'a/b' } } } };
    const context = readEventContext('pull_request', noSha);
    expect(context.kind === 'pull-request' && context.pullRequest.headSha).toBe('refs/pull/7/head');
  });

  it('falls back to GITHUB_REPOSITORY for the base repository', () => {
    const payload = { pull_request: { number: 3, head: { sha: 'abc', repo: null } } };
    const context = readEventContext('pull_request_target', payload, 'acme/app');
    expect(context).toEqual({
      kind: 'pull-request',
      pullRequest: {
        event: 'pull_request_target',
        number: 3,
        owner: 'acme',
        repo: 'app',
        headRepository: undefined,
        headSha: 'abc',
        readOnly: undefined,
      },
    });
  });
});

describe('readEventPayload', () => {
  it('parses the event file', async () => {
    const payload = await readEventPayload(path.join(EVENTS, 'push.json'));
    expect((payload as { ref: string }).ref).toBe('refs/heads/main');
  });

  it('names the file when it is missing or not JSON', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hubcap-event-'));
    const bad = path.join(dir, 'event.json');
    await writeFile(bad, '{"pull_request": ');
    await expect(readEventPayload(bad)).rejects.toThrow(
      `the event payload ${JSON.stringify(bad)} is not JSON`,
    );
    const missing = path.join(dir, 'nope.json');
    await expect(readEventPayload(missing)).rejects.toThrow(
      `cannot read the event payload ${JSON.stringify(missing)}: ENOENT`,
    );
  });
});
