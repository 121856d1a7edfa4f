import { Octokit } from '@octokit/rest';

/** The public GitHub API; Enterprise Server's is `https://HOST/api/v3` (`GITHUB_API_URL`). */
export const DEFAULT_API_URL = 'https://api.github.com';

/** How to reach the GitHub REST API. */
export interface GitHubClientOptions {
  /** The job's `GITHUB_TOKEN` or another token with `pull-requests: write`. */
  token: string;
  /** `GITHUB_API_URL`; the public API when empty. */
  apiUrl?: string | undefined;
  /** Sent as `User-Agent`. */
  userAgent?: string | undefined;
}

const quiet = (): void => undefined;

/**
 * An Octokit client for the given API base URL. Its own request logging is silenced:
 * failures come back to the caller as results and warnings.
 */
export function createGitHubClient(options: GitHubClientOptions): Octokit {
  const baseUrl = (options.apiUrl || DEFAULT_API_URL).replace(/\/+$/u, '');
  return new Octokit({
    auth: options.token,
    baseUrl,
    userAgent: options.userAgent ?? 'hubcap',
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
}
