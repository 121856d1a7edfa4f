/** What went wrong, in a form callers can branch on. */
export type RegistryErrorKind =
  | 'auth'
  | 'not-found'
  | 'pull-limit'
  | 'abuse-limit'
  | 'digest-mismatch'
  | 'timeout'
  | 'network'
  | 'server'
  | 'protocol'
  | 'http';

/** Where a failed request was aimed; every field ends up in the message. */
export interface RegistryErrorContext {
  /** Registry host (with port), e.g. `docker.io`, `127.0.0.1:5000`. */
  registry: string;
  /** Repository path, e.g. `library/node`. */
  repository?: string | undefined;
  /** Tag or digest being fetched. */
  reference?: string | undefined;
}

/** Everything a `RegistryError` carries besides its context. */
export interface RegistryErrorDetails {
  kind: RegistryErrorKind;
  /** HTTP status, when a response came back. */
  status?: number | undefined;
  /** The registry's error code (`MANIFEST_UNKNOWN`, `TOOMANYREQUESTS`, …). */
  code?: string | undefined;
  /** The registry's own message, or a description of the local failure. */
  detail: string;
  /** Seconds the registry asked us to wait (`Retry-After`). */
  retryAfterSeconds?: number | undefined;
}

/**
 * A failed registry operation. The message names the registry, repository, reference, the
 * HTTP status and the registry's error code and message. It never holds a token or password:
 * build it only from values that went through {@link redact}.
 */
export class RegistryError extends Error {
  readonly registry: string;
  readonly repository: string | undefined;
  readonly reference: string | undefined;
  readonly kind: RegistryErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly detail: string;
  readonly retryAfterSeconds: number | undefined;

  constructor(context: RegistryErrorContext, details: RegistryErrorDetails) {
    super(formatMessage(context, details));
    this.name = 'RegistryError';
    this.registry = context.registry;
    this.repository = context.repository;
    this.reference = context.reference;
    this.kind = details.kind;
    this.status = details.status;
    this.code = details.code;
    this.detail = details.detail;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

function formatMessage(context: RegistryErrorContext, details: RegistryErrorDetails): string {
  let where = `registry ${context.registry}`;
  if (context.repository !== undefined) where += `, repository ${context.repository}`;
  if (context.reference !== undefined) where += `, reference ${JSON.stringify(context.reference)}`;
  const parts: string[] = [];
  if (details.status !== undefined) parts.push(`HTTP ${details.status}`);
  if (details.code !== undefined) parts.push(details.code);
  const head = parts.length > 0 ? `${parts.join(' ')}: ` : '';
  let message = `${where}: ${head}${details.detail}`;
  if (details.retryAfterSeconds !== undefined) {
    message += ` (retry after ${details.retryAfterSeconds} s)`;
  }
  return message;
}

/** One entry of the distribution error body `{"errors":[{code,message,detail}]}`. */
export interface RegistryErrorEntry {
  code: string;
  message: string;
}

/** Reads the registry error body; returns an empty list for anything else. */
export function parseErrorBody(text: string): RegistryErrorEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const errors = (parsed as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  const out: RegistryErrorEntry[] = [];
  for (const e of errors) {
    if (typeof e !== 'object' || e === null) continue;
    const code = (e as { code?: unknown }).code;
    const message = (e as { message?: unknown }).message;
    out.push({
      code: typeof code === 'string' ? code : '',
      message: typeof message === 'string' ? message : '',
    });
  }
  return out;
}

/** Replaces every secret (longer than 3 characters) found in `text` with `***`. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) {
    if (s.length > 3) out = out.split(s).join('***');
  }
  return out;
}
