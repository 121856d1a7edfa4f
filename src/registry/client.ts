import type { AuthChallenge } from './auth-challenge.js';
import { parseWwwAuthenticate, pullScope, splitScopes } from './auth-challenge.js';
import type { BlobDownload, BlobOptions } from './blobs.js';
import { parseContentRange, verifyingStream } from './blobs.js';
import type { Credentials } from './credentials.js';
import { isDockerHubHost } from './credentials.js';
import { isDigest, parseDigest } from './digest.js';
import type { DockerHubEndpoints } from './endpoints.js';
import { registryBaseUrl } from './endpoints.js';
import type { RegistryErrorContext } from './errors.js';
import { RegistryError, parseErrorBody, redact } from './errors.js';
import type { DebugLog, HttpResponse, HttpSettings } from './http.js';
import { DEFAULT_HTTP_SETTINGS, classify429, parseRetryAfter, send } from './http.js';
import { undiciTransport, type HttpTransport } from './transport.js';
import {
  MAX_MANIFEST_BYTES,
  bareMediaType,
  parseManifest,
  verifyManifestDigest,
} from './manifests.js';
import { defaultPlatform, platformString, selectManifest } from './platform.js';
import type { TokenRequest } from './token.js';
import { TokenCache } from './token.js';
import type { FetchedManifest, ManifestHead, Platform } from './types.js';
import { MANIFEST_ACCEPT } from './types.js';

/** Options of a {@link RegistryClient}. */
export interface RegistryClientOptions {
  /** Credentials of this registry (never sent anywhere else). Anonymous without. */
  credentials?: Credentials | undefined;
  /** Talk plain HTTP to this host (loopback hosts always do). */
  insecure?: boolean | undefined;
  /** Per-attempt timeout in ms (default 30 000). */
  timeoutMs?: number | undefined;
  /** Extra attempts on network errors, 5xx and bare 429 (default 3). */
  retries?: number | undefined;
  /** First backoff step in ms (default 500). */
  retryBaseMs?: number | undefined;
  /** Longest `Retry-After` waited for, in seconds (default 60). */
  maxRetryAfterSeconds?: number | undefined;
  /** How requests reach the network (default: `undiciTransport`). */
  transport?: HttpTransport | undefined;
  userAgent?: string | undefined;
  log?: DebugLog | undefined;
  /** Docker Hub's endpoints (see `dockerHubEndpoints`), used when the host is Docker Hub. */
  dockerHub?: DockerHubEndpoints | undefined;
  /** Clock for token lifetimes (default `Date.now`). */
  now?: (() => number) | undefined;
}

/** What `GET /v2/` told. */
export interface PingResult {
  /** Final HTTP status (200 after a successful authentication). */
  status: number;
  /** The scheme the registry asked for (`bearer`, `basic`), if it asked. */
  authScheme: string | undefined;
  /** `Docker-Distribution-API-Version` header. */
  apiVersion: string | undefined;
}

/** An image manifest for one platform, and the index it was picked from (if any). */
export interface ResolvedImage {
  index: Extract<FetchedManifest, { kind: 'index' }> | undefined;
  image: Extract<FetchedManifest, { kind: 'image' }>;
}

interface RequestSpec {
  method: 'GET' | 'HEAD';
  path: string;
  repository?: string | undefined;
  reference?: string | undefined;
  headers?: Record<string, string> | undefined;
  stream?: boolean | undefined;
  maxBodyBytes?: number | undefined;
}

/**
 * An OCI distribution client for one registry host: token and Basic auth (tokens cached per
 * scope until they expire), manifests by HEAD and GET with digests verified, blobs streamed
 * and verified, retries and timeouts on every request.
 */
export class RegistryClient {
  /** The registry host this client talks to, as given (`docker.io`, `127.0.0.1:5000`). */
  readonly host: string;
  /** API base URL (`https://registry-1.docker.io`, `http://127.0.0.1:5000`). */
  readonly baseUrl: string;
  private readonly http: HttpSettings;
  private readonly credentials: Credentials | undefined;
  private readonly tokens: TokenCache;
  private readonly tokenRealm: string | undefined;
  private readonly seenWarnings = new Set<string>();
  private challenge: AuthChallenge | undefined;

  constructor(host: string, options: RegistryClientOptions = {}) {
    this.host = host;
    const dockerHub = isDockerHubHost(host) ? options.dockerHub : undefined;
    this.baseUrl = registryBaseUrl(host, {
      insecure: options.insecure === true ? [host] : [],
      ...(dockerHub !== undefined ? { dockerHub } : {}),
    });
    this.tokenRealm = dockerHub?.auth;
    this.credentials = options.credentials;
    this.http = {
      ...DEFAULT_HTTP_SETTINGS,
      transport: options.transport ?? undiciTransport,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
      ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
      ...(options.maxRetryAfterSeconds !== undefined
        ? { maxRetryAfterSeconds: options.maxRetryAfterSeconds }
        : {}),
      ...(options.userAgent !== undefined ? { userAgent: options.userAgent } : {}),
      log: options.log,
    };
    this.tokens = new TokenCache({
      http: this.http,
      credentials: this.credentials,
      now: options.now,
      context: { registry: host },
    });
  }

  /** How many tokens this client has asked token endpoints for. */
  get tokenFetches(): number {
    return this.tokens.fetchCount;
  }

  /** `GET /v2/`, authenticating if the registry asks to. Throws unless it ends in 2xx. */
  async ping(): Promise<PingResult> {
    const res = await this.request({ method: 'GET', path: '/v2/' });
    if (res.status < 200 || res.status >= 300) throw this.failure(res, { registry: this.host });
    return {
      status: res.status,
      authScheme: this.challenge?.scheme,
      apiVersion: res.headers.get('docker-distribution-api-version') ?? undefined,
    };
  }

  /**
   * HEAD of a manifest: digest, media type, size and all headers, without downloading it (on
   * Docker Hub this costs no pull). A digest reference must match `Docker-Content-Digest`.
   */
  async headManifest(repository: string, reference: string): Promise<ManifestHead> {
    const context = { registry: this.host, repository, reference };
    const res = await this.request({
      method: 'HEAD',
      path: manifestPath(repository, reference),
      repository,
      reference,
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (res.status !== 200) throw this.failure(res, context);
    const digest = res.headers.get('docker-content-digest') ?? undefined;
    if (digest !== undefined && isDigest(reference) && digest !== reference) {
      throw new RegistryError(context, {
        kind: 'digest-mismatch',
        detail: `Docker-Content-Digest ${digest} differs from the requested digest`,
      });
    }
    const length = res.headers.get('content-length');
    return {
      digest: digest ?? (isDigest(reference) ? reference : undefined),
      mediaType: bareMediaType(res.headers.get('content-type')),
      size: length !== null && /^\d+$/.test(length) ? Number(length) : undefined,
      headers: res.headers,
    };
  }

  /**
   * GET of a manifest (on Docker Hub this counts as a pull), verified against the requested
   * digest and `Docker-Content-Digest`, and parsed.
   */
  async getManifest(repository: string, reference: string): Promise<FetchedManifest> {
    const context = { registry: this.host, repository, reference };
    const res = await this.request({
      method: 'GET',
      path: manifestPath(repository, reference),
      repository,
      reference,
      headers: { accept: MANIFEST_ACCEPT },
      maxBodyBytes: MAX_MANIFEST_BYTES,
    });
    if (res.status !== 200) throw this.failure(res, context);
    const digest = verifyManifestDigest(
      res.body,
      reference,
      res.headers.get('docker-content-digest'),
      context,
    );
    return parseManifest(res.body, digest, res.headers.get('content-type'), context);
  }

  /**
   * The image manifest for a platform (default: this runner's): a manifest list or index is
   * resolved to its best matching entry, which is then fetched by digest.
   */
  async getImageManifest(
    repository: string,
    reference: string,
    platform: Platform = defaultPlatform(),
  ): Promise<ResolvedImage> {
    const top = await this.getManifest(repository, reference);
    if (top.kind === 'image') return { index: undefined, image: top };
    const chosen = selectManifest(top.manifest, platform);
    if (chosen === undefined) {
      const available = top.manifest.manifests
        .map((d) => (d.platform !== undefined ? platformString(d.platform) : 'unknown'))
        .join(', ');
      throw new RegistryError(
        { registry: this.host, repository, reference },
        {
          kind: 'not-found',
          detail: `no manifest for platform ${platformString(platform)} (index has: ${available})`,
        },
      );
    }
    const child = await this.getManifest(repository, chosen.digest);
    if (child.kind !== 'image') {
      throw new RegistryError(
        { registry: this.host, repository, reference: chosen.digest },
        { kind: 'protocol', detail: 'an index entry points at another index' },
      );
    }
    return { index: top, image: child };
  }

  /**
   * GET of a blob, streamed and verified while streaming. With `resume`, asks for the rest
   * with a `Range` header; `start` says where the stream really begins.
   */
  async getBlob(
    repository: string,
    digest: string,
    options: BlobOptions = {},
  ): Promise<BlobDownload> {
    const context = { registry: this.host, repository, reference: digest };
    try {
      parseDigest(digest);
    } catch (err) {
      throw new RegistryError(context, { kind: 'protocol', detail: (err as Error).message });
    }
    const resume =
      options.resume !== undefined && options.resume.offset > 0 ? options.resume : undefined;
    const res = await this.request({
      method: 'GET',
      path: `/v2/${repository}/blobs/${digest}`,
      repository,
      reference: digest,
      headers: resume !== undefined ? { range: `bytes=${resume.offset}-` } : undefined,
      stream: true,
    });
    if (res.stream === undefined) throw this.failure(res, context);
    let start = 0;
    let size = options.expectedSize;
    let hash;
    if (res.status === 206 && resume !== undefined) {
      const range = parseContentRange(res.headers.get('content-range'));
      if (range === undefined || range.start !== resume.offset) {
        res.stream.destroy();
        throw new RegistryError(context, {
          kind: 'protocol',
          status: 206,
          detail:
            `Content-Range ${JSON.stringify(res.headers.get('content-range'))} ` +
            `does not start at ${resume.offset}`,
        });
      }
      start = resume.offset;
      size ??= range.total;
      hash = resume.hash.copy();
    } else {
      const length = res.headers.get('content-length');
      if (size === undefined && length !== null && /^\d+$/.test(length)) size = Number(length);
    }
    const stream = verifyingStream(res.stream, digest, { start, hash, size }, context);
    return { stream, start, size, digest };
  }

  private async request(spec: RequestSpec): Promise<HttpResponse> {
    const context: RegistryErrorContext = {
      registry: this.host,
      repository: spec.repository,
      reference: spec.reference,
    };
    const ownScopes = spec.repository !== undefined ? [pullScope(spec.repository)] : [];
    const sendWith = (authorization: string | undefined): Promise<HttpResponse> =>
      send(
        {
          method: spec.method,
          url: `${this.baseUrl}${spec.path}`,
          headers: spec.headers,
          authorization,
          stream: spec.stream,
          maxBodyBytes: spec.maxBodyBytes,
          context,
        },
        this.http,
      );
    const first = await this.authorization(ownScopes, context);
    let res = await sendWith(first);
    if (res.status !== 401) return this.noteWarnings(res);
    const challenge = pickChallenge(
      parseWwwAuthenticate(res.headers.get('www-authenticate') ?? ''),
    );
    if (challenge === undefined) return res;
    if (first !== undefined && challenge.scheme === 'basic') return res; // credentials refused
    if (first !== undefined && challenge.scheme === 'bearer') {
      const previous = this.tokenRequest(this.challenge ?? challenge, ownScopes);
      if (previous !== undefined) this.tokens.invalidate(previous);
    }
    this.challenge = challenge;
    const scopes = ownScopes.length > 0 ? ownScopes : splitScopes(challenge.params['scope']);
    const second = await this.authorization(scopes, context);
    if (second === undefined) return res;
    res.stream?.destroy();
    res = await sendWith(second);
    return this.noteWarnings(res);
  }

  private tokenRequest(challenge: AuthChallenge, scopes: string[]): TokenRequest | undefined {
    const realm = this.tokenRealm ?? challenge.params['realm'];
    if (realm === undefined || realm === '') return undefined;
    return { realm, service: challenge.params['service'], scopes };
  }

  private async authorization(
    scopes: string[],
    context: RegistryErrorContext,
  ): Promise<string | undefined> {
    const challenge = this.challenge;
    if (challenge === undefined) return undefined;
    if (challenge.scheme === 'basic') {
      const c = this.credentials;
      if (c === undefined) return undefined;
      return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
    }
    if (challenge.scheme !== 'bearer') return undefined;
    const req = this.tokenRequest(challenge, scopes);
    if (req === undefined) {
      throw new RegistryError(context, {
        kind: 'protocol',
        detail: 'Bearer challenge without a realm',
      });
    }
    return `Bearer ${await this.tokens.get(req, context)}`;
  }

  private noteWarnings(res: HttpResponse): HttpResponse {
    const warning = res.headers.get('warning');
    if (warning !== null && !this.seenWarnings.has(warning)) {
      this.seenWarnings.add(warning);
      this.http.log?.debug(`registry ${this.host} warns: ${warning.slice(0, 4096)}`);
    }
    return res;
  }

  private failure(res: HttpResponse, context: RegistryErrorContext): RegistryError {
    res.stream?.destroy();
    const text = res.body.toString('utf8');
    const entry = parseErrorBody(text)[0];
    const status = res.status;
    let kind: RegistryError['kind'] = 'http';
    if (status === 401 || status === 403) kind = 'auth';
    else if (status === 404) kind = 'not-found';
    else if (status === 429) kind = classify429(text);
    else if (status >= 500) kind = 'server';
    const secrets = [...this.tokens.secrets()];
    if (this.credentials !== undefined) secrets.push(this.credentials.password);
    const detail = entry?.message || defaultDetail(status, kind);
    return new RegistryError(context, {
      kind,
      status,
      code: entry?.code || undefined,
      detail: redact(detail, secrets),
      retryAfterSeconds: parseRetryAfter(res.headers.get('retry-after')),
    });
  }
}

function pickChallenge(challenges: AuthChallenge[]): AuthChallenge | undefined {
  return (
    challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic')
  );
}

function manifestPath(repository: string, reference: string): string {
  return `/v2/${repository}/manifests/${reference}`;
}

function defaultDetail(status: number, kind: RegistryError['kind']): string {
  switch (kind) {
    case 'auth':
      return status === 401 ? 'authentication required or refused' : 'access denied';
    case 'not-found':
      return 'not found';
    case 'pull-limit':
      return 'pull rate limit reached';
    case 'abuse-limit':
      return 'too many requests';
    case 'server':
      return 'registry server error';
    default:
      return 'unexpected response';
  }
}
