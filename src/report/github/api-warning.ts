/** What hubcap was doing with the comment when the API failed. */
export type CommentStep = 'list' | 'create' | 'update';

const VERB: Record<CommentStep, string> = {
  list: 'read the comments of',
  create: 'post the review comment on',
  update: 'update the review comment on',
};

interface RequestFailure {
  status?: unknown;
  response?: { data?: unknown } | undefined;
}

/**
 * The HTTP status GitHub answered with. Undefined when no answer came (Octokit reports a
 * network failure as status 500 without a response).
 */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, response } = error as RequestFailure;
  return typeof status === 'number' && response !== undefined ? status : undefined;
}

/** GitHub's `message` from an error response, else the error's own message. */
function apiMessage(error: unknown): string {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as RequestFailure;
  const data = failure.response?.data;
  if (typeof data === 'object' && data !== null && 'message' in data) {
    const { message } = data as { message: unknown };
    if (typeof message === 'string' && message !== '') return message;
  }
  // Octokit puts a network failure's reason (`connect ECONNREFUSED …`) in the message.
  return error instanceof Error ? error.message : String(error);
}

/**
 * The warning for a failed comment request, naming the pull request, the HTTP status and
 * GitHub's quoted message, and saying what to do. Never thrown: a comment is not worth
 * failing the step.
 */
export function apiWarning(step: CommentStep, target: string, error: unknown): string {
  const status = httpStatus(error);
  const message = JSON.stringify(apiMessage(error));
  const what = `hubcap could not ${VERB[step]} ${target}`;
  if (status === 403) {
    return (
      `${what}: GitHub answered 403 ${message}. The token needs \`pull-requests: write\` ` +
      `(pull requests from forks only get a read-only token).`
    );
  }
  if (status === 404) {
    return (
      `${what}: GitHub answered 404 ${message}; the token cannot see that pull request ` +
      `(check \`github-token\` and \`GITHUB_API_URL\`).`
    );
  }
  if (status !== undefined) return `${what}: GitHub answered ${status} ${message}.`;
  return `${what}: ${message}.`;
}
