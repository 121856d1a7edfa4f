import type { DockerHubEndpoints } from '../registry/endpoints.js';
import { DOCKER_HUB_SERVICE } from '../registry/endpoints.js';
import { RegistryError, parseErrorBody, redact } from '../registry/errors.js';
import type { DebugLog, HttpSettings } from '../registry/http.js';
import { DEFAULT_HTTP_SETTINGS, classify429, send } from '../registry/http.js';
import { fetchToken } from '../registry/token.js';
import { undiciTransport, type HttpTransport } from '../registry/transport.js';
import { MANIFEST_ACCEPT } from '../registry/types.js';
import { parseRateLimit } from './parse.js';
import type { QuotaReport } from './types.js';

/** The repository Docker documents for checking the quota. */
export const PROBE_REPOSITORY = 'ratelimitpreview/test';

/** Options of {@link probeQuota}. */
export interface ProbeOptions {
  /** Docker Hub user; with `token`, the probe reports that account's quota. */
  username?: string | undefined;
  /** Docker Hub personal access token (or password). */
  token?: string | undefined;
  /** Docker Hub's registry and token endpoints (see `dockerHubEndpoints`). */
  endpoints: DockerHubEndpoints;
  /** How requests reach the network (default: `undiciTransport`). */
  transport?: HttpTransport | undefined;
  /** Per-request timeout in ms (default 15 000). */
  timeoutMs?: number | undefined;
  /** Extra attempts on network errors and 5xx (default 2). */
  retries?: number | undefined;
  retryBaseMs?: number | undefined;
  userAgent?: string | undefined;
  log?: DebugLog | undefined;
}

/**
 * Asks Docker Hub how much pull quota is left, as `regctl image ratelimit` does: a token for
 * `ratelimitpreview/test` (anonymous, or Basic with username and token), then a HEAD of its
 * manifest, which costs no pull. Never sends a manifest GET and never throws: when Docker Hub
 * cannot be reached the status is `unreachable` with the reason in `error`.
 */
export async function probeQuota(options: ProbeOptions): Promise<QuotaReport> {
  const http: HttpSettings = {
    ...DEFAULT_HTTP_SETTINGS,
    timeoutMs: options.timeoutMs ?? 15_000,
    retries: options.retries ?? 2,
    retryBaseMs: options.retryBaseMs ?? DEFAULT_HTTP_SETTINGS.retryBaseMs,
    userAgent: options.userAgent ?? DEFAULT_HTTP_SETTINGS.userAgent,
    transport: options.transport ?? undiciTransport,
    log: options.log,
  };
  const hasCredentials =
    options.username !== undefined &&
    options.username !== '' &&
    options.token !== undefined &&
    options.token !== '';
  const credentials = hasCredentials
    ? { username: options.username as string, password: options.token as string }
    : undefined;
  const secrets = credentials !== undefined ? [credentials.password] : [];
  const registry = new URL(options.endpoints.registry).host;
  const context = { registry, repository: PROBE_REPOSITORY, reference: 'latest' };
  const unreachable = (error: string): QuotaReport => ({
    status: 'unreachable',
    policies: [],
    authenticated: false,
    error: redact(error, secrets),
  });

  let token: string;
  try {
    const issued = await fetchToken(
      {
        realm: options.endpoints.auth,
        service: DOCKER_HUB_SERVICE,
        scopes: [`repository:${PROBE_REPOSITORY}:pull`],
      },
      { http, credentials, context },
    );
    token = issued.token;
  } catch (err) {
    return unreachable(err instanceof RegistryError ? err.message : String(err));
  }
  secrets.push(token);

  const registryBase = options.endpoints.registry.replace(/\/+$/, '');
  let res;
  try {
    res = await send(
      {
        method: 'HEAD',
        url: `${registryBase}/v2/${PROBE_REPOSITORY}/manifests/latest`,
        headers: { accept: MANIFEST_ACCEPT },
        authorization: `Bearer ${token}`,
        context,
      },
      http,
    );
  } catch (err) {
    return unreachable(err instanceof RegistryError ? err.message : String(err));
  }

  const authenticated = credentials !== undefined;
  const parsed = parseRateLimit(res.headers);
  const base = {
    limit: parsed.limit,
    remaining: parsed.remaining,
    windowSeconds: parsed.windowSeconds,
    source: parsed.source,
    policies: parsed.policies,
    authenticated,
  };
  if (res.status === 429 && classify429(res.body.toString('utf8')) === 'pull-limit') {
    const remaining = parsed.remaining ?? 0;
    return { ...base, status: 'limited', remaining, error: 'pull rate limit reached' };
  }
  if (res.status !== 200) {
    const entry = parseErrorBody(res.body.toString('utf8'))[0];
    const why = new RegistryError(context, {
      kind: res.status === 429 ? 'abuse-limit' : res.status >= 500 ? 'server' : 'http',
      status: res.status,
      code: entry?.code || undefined,
      detail: entry?.message || 'quota probe failed',
    });
    if (!parsed.present) return unreachable(why.message);
    return {
      ...base,
      status: parsed.malformed ? 'malformed' : 'limited',
      error: redact(why.message, secrets),
    };
  }
  if (!parsed.present) return { ...base, status: 'unlimited' };
  if (parsed.malformed) {
    return {
      ...base,
      status: 'malformed',
      error: `rate-limit headers present but malformed: ${parsed.problems.join('; ')}`,
    };
  }
  return { ...base, status: 'limited' };
}
