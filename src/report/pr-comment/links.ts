/** Where the pull request's files can be browsed: the repository page at the head commit. */
export interface BlobLinkContext {
  /** `GITHUB_SERVER_URL`: `https://github.com` or a GitHub Enterprise Server URL. */
  serverUrl: string;
  /** `owner/repo` of the repository the pull request targets. */
  repository: string;
  /** The pull request's head commit. */
  headSha: string;
  /** Folder of the scan root inside the repository (`''` for the repository root). */
  rootInRepo?: string | undefined;
}

/** Joins the scan-root folder and a scanned path into a repository path. */
export function repoPath(rootInRepo: string | undefined, file: string): string {
  const parts = [...(rootInRepo ?? '').split('/'), ...file.split('/')];
  const kept: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') kept.pop();
    else kept.push(part);
  }
  return kept.join('/');
}

/**
 * `{server}/{owner}/{repo}/blob/{head_sha}/{path}#L{line}`, each path segment URL-encoded
 * (a file named `a b#1` still links to itself).
 */
export function blobUrl(context: BlobLinkContext, file: string, line: number): string {
  const server = context.serverUrl.replace(/\/+$/u, '');
  const path = repoPath(context.rootInRepo, file).split('/').map(encodeURIComponent).join('/');
  const repository = context.repository.split('/').map(encodeURIComponent).join('/');
  return `${server}/${repository}/blob/${context.headSha}/${path}#L${line}`;
}
