import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A token the double accepts: read-only (a fork's `pull_request` token) or read/write. */
export interface DoubleToken {
  access: 'read' | 'write';
  /** Author of the comments this token writes. */
  login?: string | undefined;
}

/** An issue comment as the double stores and returns it (GitHub's fields that matter). */
export interface DoubleComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: { login: string; id: number; type: 'Bot' | 'User' };
  created_at: string;
  updated_at: string;
  author_association: string;
}

/** One request the double received. */
export interface RecordedRequest {
  method: string;
  /** Path without the API prefix and query: `/repos/acme/app/issues/7/comments`. */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
}

/** How the double starts. */
export interface GitHubDoubleOptions {
  /** Accepted tokens. Requests with another token get 401 "Bad credentials". */
  tokens?: Record<string, DoubleToken>;
  /** Path prefix of the API, `/api/v3` like GitHub Enterprise Server; none by default. */
  prefix?: string;
}

/** GitHub's comment size limit, enforced with GitHub's 422 answer. */
const BODY_LIMIT = 65_536;
const DOCS = 'https://docs.github.com/rest/issues/comments';

interface Forced {
  method: string;
  status: number;
  message: string;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const error = (status: number, message: string, extra: object = {}): Answer => ({
  status,
  body: { message, documentation_url: DOCS, status: String(status), ...extra },
});

/**
 * A small GitHub REST server on 127.0.0.1 for the issue-comment endpoints: list (with
 * `per_page`/`page` and a Link header), create and update. It checks tokens, answers 403
 * to a read-only token's writes, 404 to unknown issues and comments, 422 to bodies over
 * 65,536 characters, and records every request.
 */
export class GitHubDouble {
  /** Every request, in order. */
  readonly requests: RecordedRequest[] = [];
  private readonly issues = new Map<string, DoubleComment[]>();
  private readonly forced: Forced[] = [];
  private nextId = 1000;
  private clock = Date.UTC(2026, 0, 1);

  private constructor(
    private readonly server: http.Server,
    private readonly tokens: Record<string, DoubleToken>,
    private readonly prefix: string,
  ) {}

  /** Starts the double on a free port of 127.0.0.1. */
  static async start(options: GitHubDoubleOptions = {}): Promise<GitHubDouble> {
    const server = http.createServer();
    const double = new GitHubDouble(server, options.tokens ?? {}, options.prefix ?? '');
    server.on('request', (req, res) => void double.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return double;
  }

  /** The API base URL to give Octokit (`GITHUB_API_URL`). */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${this.prefix}`;
  }

  /** Makes an issue (pull request) exist, with no comments yet. */
  addIssue(repository: string, issue: number): void {
    if (!this.issues.has(`${repository}#${issue}`)) this.issues.set(`${repository}#${issue}`, []);
  }

  /** Adds comments written by someone else (or by `login`), oldest first. */
  seedComments(repository: string, issue: number, bodies: string[], login = 'octocat'): void {
    this.addIssue(repository, issue);
    for (const body of bodies) this.insert(repository, issue, body, login);
  }

  /** The comments of an issue as stored now. */
  comments(repository: string, issue: number): DoubleComment[] {
    return [...(this.issues.get(`${repository}#${issue}`) ?? [])];
  }

  /** The next request with this method gets this status and message. */
  failNext(method: string, status: number, message: string): void {
    this.forced.push({ method: method.toUpperCase(), status, message });
  }

  /** Forgets the recorded requests (the comments stay). */
  clearRequests(): void {
    this.requests.length = 0;
  }

  /** Stops the server. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private insert(repository: string, issue: number, body: string, login: string): DoubleComment {
    const id = this.nextId++;
    const time = new Date((this.clock += 1000)).toISOString().replace('.000Z', 'Z');
    const comment: DoubleComment = {
      id,
      node_id: `IC_double${id}`,
      url: `${this.url}/repos/${repository}/issues/comments/${id}`,
      html_url: `https://github.test/${repository}/pull/${issue}#issuecomment-${id}`,
      issue_url: `${this.url}/repos/${repository}/issues/${issue}`,
      body,
      user: {
        login,
        id: login.length * 1000,
        type: login.endsWith('[bot]') ? 'Bot' : 'User',
      },
      created_at: time,
      updated_at: time,
      author_association: 'NONE',
    };
    this.issues.get(`${repository}#${issue}`)?.push(comment);
    return comment;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.startsWith(this.prefix)
      ? url.pathname.slice(this.prefix.length)
      : url.pathname;
    let body: unknown;
    try {
      body = raw === '' ? undefined : (JSON.parse(raw) as unknown);
    } catch {
      body = raw;
    }
    const method = req.method ?? 'GET';
    this.requests.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body,
    });
    const answer = url.pathname.startsWith(this.prefix)
      ? this.route(method, path, url.searchParams, req.headers.authorization, body)
      : error(404, 'Not Found');
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      ...answer.headers,
    });
    res.end(answer.status === 204 ? undefined : JSON.stringify(answer.body));
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    authorization: string | undefined,
    body: unknown,
  ): Answer {
    const forced = this.forced.findIndex((f) => f.method === method);
    if (forced >= 0) {
      const [f] = this.forced.splice(forced, 1);
      if (f) return error(f.status, f.message);
    }
    const token = /^(?:token|bearer) (.+)$/iu.exec(authorization ?? '')?.[1];
    const access = token === undefined ? undefined : this.tokens[token];
    if (access === undefined) return error(401, 'Bad credentials');
    const list = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/u.exec(path);
    const one = /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/u.exec(path);
    if (list && method === 'GET') return this.list(list[1] ?? '', Number(list[2]), query);
    if (list && method === 'POST') {
      return this.write(access, body, (text) => {
        const key = `${list[1]}#${list[2]}`;
        if (!this.issues.has(key)) return error(404, 'Not Found');
        const login = access.login ?? 'github-actions[bot]';
        return { status: 201, body: this.insert(list[1] ?? '', Number(list[2]), text, login) };
      });
    }
    if (one && method === 'PATCH') {
      return this.write(access, body, (text) => {
        const comment = this.find(one[1] ?? '', Number(one[2]));
        if (!comment) return error(404, 'Not Found');
        comment.body = text;
        comment.updated_at = new Date((this.clock += 1000)).toISOString().replace('.000Z', 'Z');
        return { status: 200, body: comment };
      });
    }
    return error(404, 'Not Found');
  }

  private write(token: DoubleToken, body: unknown, run: (text: string) => Answer): Answer {
    if (token.access !== 'write') return error(403, 'Resource not accessible by integration');
    const text = (body as { body?: unknown } | undefined)?.body;
    if (typeof text !== 'string' || text === '') {
      return error(422, 'Invalid request.\n\n"body" wasn\'t supplied.');
    }
    if (text.length > BODY_LIMIT) {
      return error(422, 'Validation Failed', {
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: `Body is too long (maximum is ${BODY_LIMIT} characters)`,
          },
        ],
      });
    }
    return run(text);
  }

  private find(repository: string, id: number): DoubleComment | undefined {
    for (const [key, comments] of this.issues) {
      if (!key.startsWith(`${repository}#`)) continue;
      const found = comments.find((c) => c.id === id);
      if (found) return found;
    }
    return undefined;
  }

  private list(repository: string, issue: number, query: URLSearchParams): Answer {
    const comments = this.issues.get(`${repository}#${issue}`);
    if (!comments) return error(404, 'Not Found');
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(comments.length / perPage));
    const link = (n: number, rel: string): string =>
      `<${this.url}/repos/${repository}/issues/${issue}/comments` +
      `?per_page=${perPage}&page=${n}>; rel="${rel}"`;
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    return {
      status: 200,
      body: comments.slice((page - 1) * perPage, page * perPage),
      headers: links.length > 0 ? { link: links.join(', ') } : {},
    };
  }
}
