import type { Octokit } from '@octokit/rest';
import { hasMarker } from '../pr-comment/marker.js';
import { apiWarning, httpStatus, type CommentStep } from './api-warning.js';

/** Which comment to write, and whether a missing one may be created. */
export interface StickyCommentRequest {
  owner: string;
  repo: string;
  issueNumber: number;
  /** The hidden marker on the body's first line that finds the comment again. */
  marker: string;
  body: string;
  /** Create the comment when none carries the marker; otherwise only update one. */
  create: boolean;
}

/** What happened to the sticky comment. Failures are data, never thrown. */
export type StickyCommentResult =
  | { status: 'created' | 'updated' | 'unchanged'; id: number; url: string }
  | { status: 'absent' }
  | { status: 'failed'; step: CommentStep; httpStatus: number | undefined; warning: string };

/** Finds a comment by marker and creates or updates it. */
export interface StickyComments {
  upsert(request: StickyCommentRequest): Promise<StickyCommentResult>;
}

/** A comment found by its marker. */
export interface FoundComment {
  id: number;
  body: string;
  url: string;
}

class StepError extends Error {
  constructor(
    readonly step: CommentStep,
    readonly original: unknown,
  ) {
    super(step);
  }
}

async function step<T>(name: CommentStep, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StepError(name, error);
  }
}

/** Sticky comments through the REST API (issue comments), with Link-header pagination. */
export class OctokitStickyComments implements StickyComments {
  constructor(
    private readonly octokit: Octokit,
    private readonly perPage = 100,
  ) {}

  /** The first comment of the issue whose first line is the marker, reading page by page. */
  async find(
    owner: string,
    repo: string,
    issueNumber: number,
    marker: string,
  ): Promise<FoundComment | undefined> {
    const pages = this.octokit.paginate.iterator(this.octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: issueNumber,
      per_page: this.perPage,
    });
    for await (const page of pages) {
      const found = page.data.find((c) => hasMarker(c.body, marker));
      if (found) return { id: found.id, body: found.body ?? '', url: found.html_url };
    }
    return undefined;
  }

  /**
   * Updates the comment carrying the marker (no request when the body is the same), or
   * creates it when allowed. A comment deleted between finding and updating is created
   * afresh. Any API failure (403 for a read-only token, 404, …) becomes a warning.
   */
  async upsert(request: StickyCommentRequest): Promise<StickyCommentResult> {
    const { owner, repo, issueNumber, marker, body } = request;
    const { issues } = this.octokit.rest;
    try {
      const found = await step('list', () => this.find(owner, repo, issueNumber, marker));
      if (found) {
        if (found.body === body) return { status: 'unchanged', id: found.id, url: found.url };
        try {
          const { data } = await issues.updateComment({
            owner,
            repo,
            comment_id: found.id,
            body,
          });
          return { status: 'updated', id: data.id, url: data.html_url };
        } catch (error) {
          if (httpStatus(error) !== 404 || !request.create) throw new StepError('update', error);
        }
      }
      if (!request.create) return { status: 'absent' };
      const { data } = await step('create', () =>
        issues.createComment({ owner, repo, issue_number: issueNumber, body }),
      );
      return { status: 'created', id: data.id, url: data.html_url };
    } catch (error) {
      if (!(error instanceof StepError)) throw error;
      const target = `${owner}/${repo}#${issueNumber}`;
      return {
        status: 'failed',
        step: error.step,
        httpStatus: httpStatus(error.original),
        warning: apiWarning(error.step, target, error.original),
      };
    }
  }
}
