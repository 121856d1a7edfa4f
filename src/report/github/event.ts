import { readFile } from 'node:fs/promises';

/** The events on which hubcap reviews a pull request. */
export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'] as const;
export type PullRequestEventName = (typeof PULL_REQUEST_EVENTS)[number];

/** Why the job's token cannot write to the pull request. */
export interface ReadOnlyToken {
  reason: 'fork' | 'dependabot';
  /** One sentence saying so, for the warning. */
  detail: string;
}

/** What the review needs from a `pull_request` or `pull_request_target` payload. */
export interface PullRequestContext {
  event: PullRequestEventName;
  number: number;
  /** The repository the pull request targets, where the comment goes. */
  owner: string;
  repo: string;
  /** `owner/repo` of the head branch's repository; undefined when it was deleted. */
  headRepository: string | undefined;
  headSha: string;
  /** Set when the job's token is read-only here, so posting would 403. */
  readOnly?: ReadOnlyToken | undefined;
}

/** The event, read: a pull request, another event, or a payload missing what is needed. */
export type EventContext =
  | { kind: 'pull-request'; pullRequest: PullRequestContext }
  | { kind: 'other'; eventName: string }
  | { kind: 'invalid'; message: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function field(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) current = isObject(current) ? current[key] : undefined;
  return current;
}

function text(value: unknown, path: string[]): string | undefined {
  const found = field(value, path);
  return typeof found === 'string' && found !== '' ? found : undefined;
}

/**
 * Decides whether the job's token is read-only for this pull request. On `pull_request`,
 * GitHub gives a read-only token when the head branch lives in another repository (a
 * fork, also when the fork was deleted) and on Dependabot's runs. `head.repo.fork` alone
 * is not used: a pull request between two branches of a fork is not from a fork.
 * `pull_request_target` runs with the base repository's token.
 */
function readOnlyToken(
  event: PullRequestEventName,
  payload: Json,
  base: string,
  head: string | undefined,
): ReadOnlyToken | undefined {
  if (event !== 'pull_request') return undefined;
  if (head === undefined || head.toLowerCase() !== base.toLowerCase()) {
    const from = head === undefined ? 'a deleted fork' : `the fork ${head}`;
    return {
      reason: 'fork',
      detail: `this pull request comes from ${from}, so the job's token is read-only`,
    };
  }
  if (text(payload, ['sender', 'login']) === 'dependabot[bot]') {
    return {
      reason: 'dependabot',
      detail: "this run was started by Dependabot, so the job's token is read-only",
    };
  }
  return undefined;
}

function invalid(eventName: string, payload: unknown, path: string): EventContext {
  const value = JSON.stringify(field(payload, path.split('.')) ?? null);
  const message = `the ${eventName} event payload has no usable ${path} (found ${value})`;
  return { kind: 'invalid', message };
}

/**
 * Reads the pull request from an event: its number, target repository, head commit and
 * whether the token can write. `repository` (`GITHUB_REPOSITORY`) stands in when the
 * payload does not name the base repository.
 */
export function readEventContext(
  eventName: string,
  payload: unknown,
  repository?: string | undefined,
): EventContext {
  const event = PULL_REQUEST_EVENTS.find((e) => e === eventName);
  if (event === undefined) return { kind: 'other', eventName };
  if (!isObject(payload) || !isObject(payload['pull_request'])) {
    return { kind: 'invalid', message: `the ${eventName} event payload has no "pull_request"` };
  }
  const pr = payload['pull_request'];
  const number = pr['number'];
  const base = text(pr, ['base', 'repo', 'full_name']) ?? repository;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    return invalid(eventName, payload, 'pull_request.number');
  }
  // Links point at the head commit; a payload without one falls back to the PR's head ref.
  const headSha = text(pr, ['head', 'sha']) ?? `refs/pull/${number}/head`;
  if (base === undefined || !/^[^/\s]+\/[^/\s]+$/u.test(base)) {
    return invalid(eventName, payload, 'pull_request.base.repo.full_name');
  }
  const [owner = '', repo = ''] = base.split('/');
  const headRepository = text(pr, ['head', 'repo', 'full_name']);
  return {
    kind: 'pull-request',
    pullRequest: {
      event,
      number,
      owner,
      repo,
      headRepository,
      headSha,
      readOnly: readOnlyToken(event, payload, base, headRepository),
    },
  };
}

/** Reads and parses the event payload file (`GITHUB_EVENT_PATH`); errors name the file. */
export async function readEventPayload(file: string): Promise<unknown> {
  let body: string;
  try {
    body = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read the event payload ${JSON.stringify(file)}: ${reason}`);
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the event payload ${JSON.stringify(file)} is not JSON: ${reason}`);
  }
}
