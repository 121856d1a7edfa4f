import { createRequire as __hubcapCreateRequire } from 'node:module';
const require = __hubcapCreateRequire(import.meta.url);
import {
  __toESM,
  getExecOutput,
  getProxyUrl,
  require_undici
} from "./chunk-63H2OZK5.js";

// src/util/limiter.ts
var Limiter = class {
  constructor(size) {
    this.size = size;
    if (!Number.isInteger(size) || size < 1) {
      throw new Error(`concurrency must be a positive integer, got ${JSON.stringify(size)}`);
    }
  }
  size;
  active = 0;
  waiting = [];
  /** Runs `task` once a slot is free; the slot is released when it settles. */
  async run(task) {
    if (this.active >= this.size) {
      await new Promise((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next !== void 0) next();
      else this.active--;
    }
  }
};

// src/util/concurrency.ts
function mapLimited(items, n, fn) {
  const limiter = new Limiter(Math.max(1, n));
  return Promise.all(items.map((item) => limiter.run(() => fn(item))));
}

// src/registry/auth-challenge.ts
var TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
var TOKEN68 = /[A-Za-z0-9\-._~+/]/;
function parseWwwAuthenticate(header) {
  const s = header;
  const n = s.length;
  let i = 0;
  const out = [];
  const skip = (re) => {
    while (i < n && re.test(s[i])) i++;
  };
  const readToken = () => {
    const start = i;
    while (i < n && TCHAR.test(s[i])) i++;
    return s.slice(start, i);
  };
  const readQuoted = () => {
    let value2 = "";
    i++;
    while (i < n && s[i] !== '"') {
      if (s[i] === "\\" && i + 1 < n) i++;
      value2 += s[i];
      i++;
    }
    if (i < n) i++;
    return value2;
  };
  const tryToken68 = () => {
    const start = i;
    while (i < n && TOKEN68.test(s[i])) i++;
    if (i === start) return void 0;
    while (i < n && s[i] === "=") i++;
    const value2 = s.slice(start, i);
    skip(/[ \t]/);
    if (i >= n || s[i] === ",") return value2;
    i = start;
    return void 0;
  };
  while (i < n) {
    skip(/[\s,]/);
    if (i >= n) break;
    const scheme = readToken();
    if (scheme === "") {
      i++;
      continue;
    }
    const challenge = { scheme: scheme.toLowerCase(), params: {} };
    out.push(challenge);
    skip(/[ \t]/);
    const token68Start = i;
    const token68 = tryToken68();
    if (token68 !== void 0 && !looksLikeParam(s, token68Start)) {
      challenge.token68 = token68;
      continue;
    }
    i = token68Start;
    for (; ; ) {
      skip(/[\s,]/);
      const save = i;
      const name = readToken();
      skip(/[ \t]/);
      if (name === "" || s[i] !== "=") {
        i = save;
        break;
      }
      i++;
      skip(/[ \t]/);
      const value2 = s[i] === '"' ? readQuoted() : readToken();
      challenge.params[name.toLowerCase()] = value2;
      skip(/[ \t]/);
      if (s[i] !== ",") break;
    }
  }
  return out;
}
function looksLikeParam(s, at) {
  const m = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+[ \t]*=[ \t]*(?:"|[!#$%&'*+\-.^_`|~0-9A-Za-z])/.exec(
    s.slice(at)
  );
  return m !== null;
}
function splitScopes(scope) {
  if (scope === void 0) return [];
  return scope.split(/\s+/).filter((x) => x !== "");
}
function pullScope(repository) {
  return `repository:${repository}:pull`;
}

// src/registry/blobs.ts
import { createHash as createHash2 } from "node:crypto";
import { Transform } from "node:stream";

// src/registry/digest.ts
import { createHash } from "node:crypto";
var DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
function isDigest(ref) {
  return DIGEST.test(ref);
}
function parseDigest(digest) {
  if (!DIGEST.test(digest)) {
    throw new Error(`unsupported or malformed digest ${JSON.stringify(digest)}`);
  }
  const colon = digest.indexOf(":");
  return {
    algorithm: digest.slice(0, colon),
    hex: digest.slice(colon + 1)
  };
}
function computeDigest(bytes, algorithm = "sha256") {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest("hex")}`;
}

// src/registry/errors.ts
var RegistryError = class extends Error {
  registry;
  repository;
  reference;
  kind;
  status;
  code;
  detail;
  retryAfterSeconds;
  constructor(context, details) {
    super(formatMessage(context, details));
    this.name = "RegistryError";
    this.registry = context.registry;
    this.repository = context.repository;
    this.reference = context.reference;
    this.kind = details.kind;
    this.status = details.status;
    this.code = details.code;
    this.detail = details.detail;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
};
function formatMessage(context, details) {
  let where2 = `registry ${context.registry}`;
  if (context.repository !== void 0) where2 += `, repository ${context.repository}`;
  if (context.reference !== void 0) where2 += `, reference ${JSON.stringify(context.reference)}`;
  const parts = [];
  if (details.status !== void 0) parts.push(`HTTP ${details.status}`);
  if (details.code !== void 0) parts.push(details.code);
  const head = parts.length > 0 ? `${parts.join(" ")}: ` : "";
  let message = `${where2}: ${head}${details.detail}`;
  if (details.retryAfterSeconds !== void 0) {
    message += ` (retry after ${details.retryAfterSeconds} s)`;
  }
  return message;
}
function parseErrorBody(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof parsed !== "object" || parsed === null) return [];
  const errors = parsed.errors;
  if (!Array.isArray(errors)) return [];
  const out = [];
  for (const e of errors) {
    if (typeof e !== "object" || e === null) continue;
    const code2 = e.code;
    const message = e.message;
    out.push({
      code: typeof code2 === "string" ? code2 : "",
      message: typeof message === "string" ? message : ""
    });
  }
  return out;
}
function redact(text, secrets) {
  let out = text;
  for (const s of secrets) {
    if (s.length > 3) out = out.split(s).join("***");
  }
  return out;
}

// src/registry/http.ts
import { PassThrough } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";

// src/registry/transport.ts
var import_undici = __toESM(require_undici(), 1);
var undiciTransport = async (req) => {
  const proxy = proxyFor(req.url);
  const res = await (0, import_undici.request)(req.url, {
    method: req.method,
    headers: req.headers,
    body: req.body,
    signal: req.signal,
    ...proxy !== void 0 ? { dispatcher: proxy } : {}
  });
  return { status: res.statusCode, headers: toHeaders(res.headers), body: res.body };
};
var proxyAgents = /* @__PURE__ */ new Map();
function proxyFor(url) {
  const proxy = getProxyUrl(new URL(url));
  if (proxy === void 0) return void 0;
  let agent = proxyAgents.get(proxy.href);
  if (agent === void 0) {
    agent = new import_undici.ProxyAgent(proxy.href);
    proxyAgents.set(proxy.href, agent);
  }
  return agent;
}
function toHeaders(raw) {
  const headers = new Headers();
  for (const [name, value2] of Object.entries(raw)) {
    if (value2 === void 0) continue;
    for (const v of Array.isArray(value2) ? value2 : [value2]) headers.append(name, v);
  }
  return headers;
}
async function readBody(body, max, tooLong) {
  const chunks = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > max) {
      discardBody(body);
      throw tooLong();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
function discardBody(body) {
  body.on("error", () => void 0);
  body.destroy();
}

// src/registry/http.ts
var DEFAULT_HTTP_SETTINGS = {
  timeoutMs: 3e4,
  retries: 3,
  retryBaseMs: 500,
  retryMaxMs: 1e4,
  maxRetryAfterSeconds: 60,
  userAgent: "hubcap"
};
var REDIRECTS = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
var RETRY_STATUS = /* @__PURE__ */ new Set([408, 500, 502, 503, 504]);
var MAX_REDIRECTS = 10;
var DEFAULT_MAX_BODY = 8 * 1024 * 1024;
function classify429(bodyText) {
  const entries = parseErrorBody(bodyText);
  if (entries.some((e) => e.code.toUpperCase() === "TOOMANYREQUESTS")) return "pull-limit";
  if (/toomanyrequests|pull rate limit/i.test(bodyText)) return "pull-limit";
  return "abuse-limit";
}
function parseRetryAfter(value2, now = Date.now()) {
  if (value2 === null) return void 0;
  const v = value2.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (!/^[A-Za-z]{3},? /.test(v)) return void 0;
  const date = Date.parse(v);
  if (Number.isNaN(date)) return void 0;
  return Math.max(0, Math.ceil((date - now) / 1e3));
}
function backoffDelay(attempt, baseMs, maxMs, random = Math.random) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
function safeUrl(url) {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.replace(/[?#].*$/, "");
  }
}
var AttemptTimeout = class extends Error {
};
async function send(req, settings) {
  const retryAllowed = req.retry ?? (req.method === "GET" || req.method === "HEAD");
  const maxAttempts = retryAllowed ? settings.retries + 1 : 1;
  const random = settings.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    const last = attempt + 1 >= maxAttempts;
    let res;
    try {
      res = await attemptOnce(req, settings);
    } catch (err) {
      const failure = toRegistryError(err, req, settings);
      if (last) throw failure;
      const wait = backoffDelay(attempt, settings.retryBaseMs, settings.retryMaxMs, random);
      settings.log?.debug(
        `${req.method} ${safeUrl(req.url)}: ${failure.detail}; retry in ${wait} ms`
      );
      await sleep(wait);
      continue;
    }
    if (last) return res;
    if (RETRY_STATUS.has(res.status)) {
      const wait = backoffDelay(attempt, settings.retryBaseMs, settings.retryMaxMs, random);
      settings.log?.debug(`${req.method} ${res.url}: HTTP ${res.status}; retry in ${wait} ms`);
      await sleep(wait);
      continue;
    }
    if (res.status === 429) {
      const kind = classify429(res.body.toString("utf8"));
      const after = parseRetryAfter(res.headers.get("retry-after"));
      if (after !== void 0 && after > settings.maxRetryAfterSeconds) return res;
      if (kind === "pull-limit" && after === void 0) return res;
      const wait = after !== void 0 ? after * 1e3 : backoffDelay(attempt, settings.retryBaseMs, settings.retryMaxMs, random);
      settings.log?.debug(`${req.method} ${res.url}: HTTP 429 (${kind}); retry in ${wait} ms`);
      await sleep(wait);
      continue;
    }
    return res;
  }
}
async function attemptOnce(req, settings) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new AttemptTimeout(`no response within ${settings.timeoutMs} ms`));
  }, settings.timeoutMs);
  let handedOff = false;
  try {
    const origin = new URL(req.url).origin;
    let url = req.url;
    let method = req.method;
    let body = req.body;
    for (let hop = 0; ; hop++) {
      const headers = { "user-agent": settings.userAgent, ...req.headers };
      if (req.authorization !== void 0 && new URL(url).origin === origin) {
        headers["authorization"] = req.authorization;
      }
      const res = await settings.transport({
        method,
        url,
        headers,
        body,
        signal: controller.signal
      });
      const location = res.headers.get("location");
      if (REDIRECTS.has(res.status) && location !== null) {
        discardBody(res.body);
        if (hop >= MAX_REDIRECTS) {
          throw new RegistryError(req.context, {
            kind: "protocol",
            detail: `more than ${MAX_REDIRECTS} redirects from ${safeUrl(req.url)}`
          });
        }
        const next = new URL(location, url);
        if (next.protocol !== "http:" && next.protocol !== "https:") {
          throw new RegistryError(req.context, {
            kind: "protocol",
            detail: `redirect to unsupported URL scheme ${JSON.stringify(next.protocol)}`
          });
        }
        settings.log?.debug(`${method} ${safeUrl(url)} \u2192 ${res.status} ${safeUrl(next.href)}`);
        if (res.status === 303 || (res.status === 301 || res.status === 302) && method === "POST") {
          method = "GET";
          body = void 0;
        }
        url = next.href;
        continue;
      }
      settings.log?.debug(`${method} ${safeUrl(url)} \u2192 ${res.status}`);
      const base = { status: res.status, headers: res.headers, url: safeUrl(url) };
      if (req.stream === true && res.status >= 200 && res.status < 300) {
        clearTimeout(timer);
        handedOff = true;
        const stream = idleTimeoutStream(res.body, controller, settings.timeoutMs);
        return { ...base, body: Buffer.alloc(0), stream };
      }
      const max = req.maxBodyBytes ?? DEFAULT_MAX_BODY;
      const buffered = await readBody(
        res.body,
        max,
        () => new RegistryError(req.context, {
          kind: "protocol",
          status: res.status,
          detail: `response body larger than ${max} bytes`
        })
      );
      return { ...base, body: buffered };
    }
  } catch (err) {
    if (timedOut) throw new AttemptTimeout(`no response within ${settings.timeoutMs} ms`);
    throw err;
  } finally {
    if (!handedOff) clearTimeout(timer);
  }
}
function idleTimeoutStream(source, controller, timeoutMs) {
  const out = new PassThrough();
  const timer = setTimeout(() => {
    const err = new AttemptTimeout(`no data for ${timeoutMs} ms`);
    controller.abort(err);
    out.destroy(err);
  }, timeoutMs);
  source.on("data", () => timer.refresh());
  source.on("end", () => clearTimeout(timer));
  source.on("error", (err) => {
    clearTimeout(timer);
    out.destroy(err);
  });
  out.on("close", () => {
    clearTimeout(timer);
    if (!source.destroyed) source.destroy();
  });
  source.pipe(out);
  return out;
}
function toRegistryError(err, req, settings) {
  if (err instanceof RegistryError) return err;
  if (err instanceof AttemptTimeout) {
    return new RegistryError(req.context, {
      kind: "timeout",
      detail: `${req.method} ${safeUrl(req.url)}: timed out (${settings.timeoutMs} ms)`
    });
  }
  return new RegistryError(req.context, {
    kind: "network",
    detail: `${req.method} ${safeUrl(req.url)}: ${networkReason(err)}`
  });
}
function networkReason(err) {
  if (err instanceof Error) {
    const cause = err.cause;
    const source = cause instanceof Error ? cause : err;
    const code2 = source.code;
    return code2 !== void 0 ? `${code2} (${source.message})` : source.message;
  }
  return String(err);
}
function streamError(err, context) {
  if (err instanceof RegistryError) return err;
  if (err instanceof AttemptTimeout) {
    return new RegistryError(context, { kind: "timeout", detail: err.message });
  }
  return new RegistryError(context, { kind: "network", detail: networkReason(err) });
}

// src/registry/blobs.ts
function parseContentRange(value2) {
  if (value2 === null) return void 0;
  const m = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(value2.trim());
  if (!m) return void 0;
  return {
    start: Number(m[1]),
    end: Number(m[2]),
    total: m[3] === "*" ? void 0 : Number(m[3])
  };
}
function verifyingStream(source, digest, options, context) {
  const { algorithm, hex } = parseDigest(digest);
  const hash = options.hash ?? createHash2(algorithm);
  let count = options.start;
  const check = new Transform({
    transform(chunk, _enc, done) {
      hash.update(chunk);
      count += chunk.length;
      if (options.size !== void 0 && count > options.size) {
        done(
          new RegistryError(context, {
            kind: "digest-mismatch",
            detail: `blob ${digest} is longer than its ${options.size} bytes`
          })
        );
        return;
      }
      done(null, chunk);
    },
    flush(done) {
      if (options.size !== void 0 && count !== options.size) {
        done(
          new RegistryError(context, {
            kind: "digest-mismatch",
            detail: `blob ${digest} ended after ${count} of ${options.size} bytes`
          })
        );
        return;
      }
      const actual = hash.digest("hex");
      if (actual !== hex) {
        done(
          new RegistryError(context, {
            kind: "digest-mismatch",
            detail: `blob content hashes to ${algorithm}:${actual}, expected ${digest}`
          })
        );
        return;
      }
      done();
    }
  });
  source.on("error", (err) => check.destroy(streamError(err, context)));
  check.on("close", () => {
    if (!source.destroyed) source.destroy();
  });
  source.pipe(check);
  return check;
}

// src/registry/credentials.ts
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
var DOCKER_HUB_HOSTS = /* @__PURE__ */ new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);
function canonicalRegistryHost(host) {
  const lower = host.toLowerCase();
  return DOCKER_HUB_HOSTS.has(lower) ? "docker.io" : lower;
}
function isDockerHubHost(host) {
  return DOCKER_HUB_HOSTS.has(host.toLowerCase());
}
function authKeyHost(key) {
  const noScheme = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  const slash = noScheme.indexOf("/");
  return canonicalRegistryHost(slash < 0 ? noScheme : noScheme.slice(0, slash));
}
function dockerConfigPath(env, home = os.homedir()) {
  const dir = env["DOCKER_CONFIG"];
  if (dir !== void 0 && dir !== "") return path.join(dir, "config.json");
  return path.join(home, ".docker", "config.json");
}
async function readDockerConfig(file) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return void 0;
    throw err;
  }
  return parseDockerConfig(text, file);
}
function parseDockerConfig(text, file) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const message = err.message;
    const pos = /position (\d+)/.exec(message);
    const line = pos ? text.slice(0, Number(pos[1])).split("\n").length : void 0;
    const where2 = line === void 0 ? file : `${file}:${line}`;
    throw new Error(`${where2}: invalid JSON in Docker config: ${message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file}:1: Docker config must be a JSON object`);
  }
  return parsed;
}
function findDockerConfigCredentials(config, registryHost, file = "config.json") {
  const auths = config.auths ?? {};
  const wanted = canonicalRegistryHost(registryHost);
  const keys = Object.keys(auths).filter((k) => authKeyHost(k) === wanted);
  keys.sort((a, b) => rank(a, registryHost) - rank(b, registryHost));
  for (const key of keys) {
    const entry = auths[key];
    if (entry === void 0) continue;
    const creds = entryCredentials(entry, key, file);
    if (creds !== void 0) return creds;
  }
  return void 0;
}
function rank(key, host) {
  if (key === host) return 0;
  if (key.toLowerCase() === host.toLowerCase()) return 1;
  if (key === "https://index.docker.io/v1/") return 2;
  return 3;
}
function entryCredentials(entry, key, file) {
  if (typeof entry.auth === "string" && entry.auth !== "") {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) {
      throw new Error(
        `${file}: auths[${JSON.stringify(key)}].auth is not base64 of "user:password"`
      );
    }
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === "string" && typeof entry.password === "string") {
    if (entry.username !== "" && entry.password !== "") {
      return { username: entry.username, password: entry.password };
    }
  }
  return void 0;
}
async function loadDockerConfigCredentials(registryHost, env, home) {
  const file = dockerConfigPath(env, home);
  const config = await readDockerConfig(file);
  if (config === void 0) return void 0;
  return findDockerConfigCredentials(config, registryHost, file);
}

// src/registry/endpoints.ts
var DOCKER_HUB_REGISTRY = "https://registry-1.docker.io";
var DOCKER_HUB_AUTH = "https://auth.docker.io/token";
var DOCKER_HUB_SERVICE = "registry.docker.io";
function dockerHubEndpoints(env) {
  return {
    registry: urlFromEnv(env, "HUBCAP_DOCKERHUB_REGISTRY", DOCKER_HUB_REGISTRY).replace(/\/+$/, ""),
    auth: urlFromEnv(env, "HUBCAP_DOCKERHUB_AUTH", DOCKER_HUB_AUTH)
  };
}
function urlFromEnv(env, name, fallback) {
  const raw = env[name];
  if (raw === void 0 || raw.trim() === "") return fallback;
  const value2 = raw.trim();
  let url;
  try {
    url = new URL(value2);
  } catch {
    throw new Error(`${name}=${JSON.stringify(raw)}: not a URL (expected https://host[:port])`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`${name}=${JSON.stringify(raw)}: only http:// and https:// URLs are allowed`);
  }
  return value2;
}
function hostName(host) {
  const lower = host.toLowerCase();
  if (lower.startsWith("[")) {
    const end = lower.indexOf("]");
    return end < 0 ? lower : lower.slice(1, end);
  }
  const colon = lower.lastIndexOf(":");
  return colon < 0 ? lower : lower.slice(0, colon);
}
function isLoopbackHost(host) {
  const name = hostName(host);
  if (name === "localhost" || name === "::1") return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}
function ipv4ToInt(ip) {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return void 0;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return void 0;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}
function isInsecureHost(host, insecure) {
  const lower = host.toLowerCase();
  const name = hostName(host);
  for (const raw of insecure) {
    const entry = raw.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "");
    if (entry === "") continue;
    if (entry === lower || entry === name) return true;
    const cidr = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(entry);
    if (cidr) {
      const base = ipv4ToInt(cidr[1]);
      const ip = ipv4ToInt(name);
      const bits = Number(cidr[2]);
      if (base === void 0 || ip === void 0 || bits > 32) continue;
      const mask = bits === 0 ? 0 : 4294967295 << 32 - bits >>> 0;
      if ((base & mask) >>> 0 === (ip & mask) >>> 0) return true;
    }
  }
  return false;
}
function registryBaseUrl(host, options = {}) {
  if (isDockerHubHost(host)) {
    return (options.dockerHub?.registry ?? DOCKER_HUB_REGISTRY).replace(/\/+$/, "");
  }
  const plain = isLoopbackHost(host) || isInsecureHost(host, options.insecure ?? []);
  return `${plain ? "http" : "https"}://${host}`;
}

// src/registry/types.ts
var MEDIA_TYPES = {
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayer: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip"
};
var MANIFEST_MEDIA_TYPES = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.dockerManifestList,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerManifest
];
var MANIFEST_ACCEPT = MANIFEST_MEDIA_TYPES.join(", ");

// src/registry/manifests.ts
var MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
function bareMediaType(contentType) {
  if (contentType === null || contentType === void 0) return void 0;
  const bare = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return bare === "" ? void 0 : bare;
}
function verifyManifestDigest(bytes, reference, headerDigest, context) {
  const mismatch = (expected, actual, what) => new RegistryError(context, {
    kind: "digest-mismatch",
    detail: `manifest body hashes to ${actual}, but ${what} says ${expected}`
  });
  if (isDigest(reference)) {
    const actual = computeDigest(bytes, parseDigest(reference).algorithm);
    if (actual !== reference) throw mismatch(reference, actual, "the requested digest");
  }
  if (headerDigest !== null && headerDigest !== void 0 && headerDigest !== "") {
    let parsed;
    try {
      parsed = parseDigest(headerDigest);
    } catch {
      throw new RegistryError(context, {
        kind: "protocol",
        detail: `unsupported Docker-Content-Digest ${JSON.stringify(headerDigest)}`
      });
    }
    const actual = computeDigest(bytes, parsed.algorithm);
    if (actual !== headerDigest) throw mismatch(headerDigest, actual, "Docker-Content-Digest");
    return isDigest(reference) ? reference : headerDigest;
  }
  return isDigest(reference) ? reference : computeDigest(bytes);
}
var INDEX_TYPES = /* @__PURE__ */ new Set([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList]);
function parseManifest(bytes, digest, contentType, context) {
  let json;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    throw new RegistryError(context, {
      kind: "protocol",
      detail: `manifest ${digest} is not JSON: ${err.message}`
    });
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new RegistryError(context, {
      kind: "protocol",
      detail: `manifest ${digest} is not a JSON object`
    });
  }
  const o = json;
  const header = bareMediaType(contentType);
  const bodyType = typeof o["mediaType"] === "string" ? o["mediaType"] : void 0;
  const headerIsManifest = header !== void 0 && MANIFEST_MEDIA_TYPES.includes(header);
  if (headerIsManifest && bodyType !== void 0 && bodyType !== header) {
    throw new RegistryError(context, {
      kind: "protocol",
      detail: `manifest ${digest}: Content-Type ${JSON.stringify(header)} but mediaType ${JSON.stringify(bodyType)}`
    });
  }
  const mediaType = headerIsManifest ? header : bodyType ?? header ?? "";
  const typed = MANIFEST_MEDIA_TYPES.includes(mediaType);
  const isIndex = INDEX_TYPES.has(mediaType) || !typed && Array.isArray(o["manifests"]);
  if (isIndex) {
    if (!Array.isArray(o["manifests"])) {
      throw new RegistryError(context, {
        kind: "protocol",
        detail: `manifest list ${digest} has no "manifests" array`
      });
    }
    return { kind: "index", digest, mediaType, bytes, manifest: o };
  }
  const hasImageFields = typeof o["config"] === "object" && o["config"] !== null && Array.isArray(o["layers"]);
  if (hasImageFields) {
    return { kind: "image", digest, mediaType, bytes, manifest: o };
  }
  throw new RegistryError(context, {
    kind: "protocol",
    detail: `unsupported manifest ${digest} of type ${JSON.stringify(mediaType || "unknown")}`
  });
}

// src/registry/platform.ts
import os2 from "node:os";
function normalizePlatform(p) {
  let osName = p.os.toLowerCase();
  if (osName === "macos") osName = "darwin";
  let arch = p.architecture.toLowerCase();
  let variant = (p.variant ?? "").toLowerCase();
  switch (arch) {
    case "i386":
      arch = "386";
      variant = "";
      break;
    case "x86_64":
    case "x86-64":
    case "amd64":
      arch = "amd64";
      if (variant === "v1") variant = "";
      break;
    case "aarch64":
    case "arm64":
      arch = "arm64";
      if (variant === "8" || variant === "v8" || variant === "v8.0") variant = "";
      if (variant === "9" || variant === "9.0" || variant === "v9.0") variant = "v9";
      break;
    case "armhf":
      arch = "arm";
      variant = "v7";
      break;
    case "armel":
      arch = "arm";
      variant = "v6";
      break;
    case "arm":
      if (variant === "" || variant === "7") variant = "v7";
      else if (/^[568]$/.test(variant)) variant = `v${variant}`;
      break;
    default:
      break;
  }
  const out = { os: osName, architecture: arch };
  if (variant !== "") out.variant = variant;
  return out;
}
function platformString(p) {
  return [p.os, p.architecture, p.variant].filter((x) => x !== void 0 && x !== "").join("/");
}
function parsePlatform(text) {
  const parts = text.trim().split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((x) => x === "")) {
    throw new Error(`invalid platform ${JSON.stringify(text)}: expected os/arch[/variant]`);
  }
  const [osName, architecture, variant] = parts;
  return normalizePlatform({ os: osName, architecture, variant });
}
function defaultPlatform(platform = process.platform, arch = process.arch, armVersion = armVersionOfNode()) {
  const osName = platform === "win32" ? "windows" : "linux";
  const map = {
    x64: "amd64",
    ia32: "386",
    arm64: "arm64",
    arm: "arm",
    ppc64: os2.endianness() === "LE" ? "ppc64le" : "ppc64",
    s390x: "s390x",
    riscv64: "riscv64",
    loong64: "loong64",
    mips64el: "mips64le"
  };
  const architecture = map[arch] ?? arch;
  const variant = architecture === "arm" && armVersion !== void 0 ? armVersion : void 0;
  return normalizePlatform({ os: osName, architecture, variant });
}
function armVersionOfNode() {
  const vars = process.config.variables;
  const v = vars?.["arm_version"];
  return typeof v === "string" || typeof v === "number" ? String(v) : void 0;
}
function compatiblePlatforms(p) {
  const base = normalizePlatform(p);
  return vector(base).map(normalizePlatform);
}
function vector(p) {
  const out = [p];
  const at = (architecture, variant) => variant === void 0 ? { os: p.os, architecture } : { os: p.os, architecture, variant };
  const major = (variant) => {
    const m = /^v(\d+)$/.exec(variant ?? "");
    return m ? Number(m[1]) : NaN;
  };
  if (p.architecture === "amd64") {
    const v = major(p.variant);
    for (let i = v - 1; i >= 1; i--) out.push(at("amd64", `v${i}`));
    out.push(at("386"));
  } else if (p.architecture === "arm") {
    const v = major(p.variant);
    for (let i = v - 1; i >= 5; i--) out.push(at("arm", `v${i}`));
  } else if (p.architecture === "arm64") {
    let variant = p.variant ?? "v8";
    const m = /^v(\d+)(?:\.(\d+))?$/.exec(variant);
    if (m && Number(m[1]) >= 8) {
      let maj = Number(m[1]);
      let minor = m[2] !== void 0 ? Number(m[2]) : 0;
      const name = (a, b) => b === 0 ? `v${a}` : `v${a}.${b}`;
      if (maj === 9) {
        for (let i = minor - 1; i >= 0; i--) out.push(at("arm64", name(9, i)));
        minor = Math.min(minor + 5, 9);
        maj = 8;
        out.push(at("arm64", name(8, minor)));
      }
      for (let i = minor - 1; i >= 0; i--) out.push(at("arm64", name(maj, i)));
    }
    if (variant.startsWith("v8.") || variant.startsWith("v9.")) variant = "v8";
    out.push(...vector({ os: p.os, architecture: "arm", variant }));
  }
  return out;
}
function samePlatform(a, b) {
  return a.os === b.os && a.architecture === b.architecture && (a.variant ?? "") === (b.variant ?? "");
}
function selectManifest(index, want) {
  const candidates = index.manifests.filter(
    (d) => d.platform !== void 0 && d.annotations?.["vnd.docker.reference.type"] !== "attestation-manifest"
  );
  for (const target of compatiblePlatforms(want)) {
    const hit = candidates.find(
      (d) => samePlatform(normalizePlatform(d.platform), target)
    );
    if (hit !== void 0) return hit;
  }
  return void 0;
}

// src/registry/token.ts
var DEFAULT_TOKEN_SECONDS = 60;
function parseTokenResponse(json) {
  if (typeof json !== "object" || json === null) return void 0;
  const o = json;
  const token = typeof o["token"] === "string" && o["token"] !== "" ? o["token"] : typeof o["access_token"] === "string" && o["access_token"] !== "" ? o["access_token"] : void 0;
  if (token === void 0) return void 0;
  const raw = o["expires_in"];
  const expiresInSeconds = typeof raw === "number" && Number.isFinite(raw) && raw > 0 ? raw : DEFAULT_TOKEN_SECONDS;
  return { token, expiresInSeconds };
}
function tokenDeadline(receivedAt, seconds) {
  const margin = Math.min(10, seconds / 10);
  return receivedAt + (seconds - margin) * 1e3;
}
async function fetchToken(req, options) {
  const now = options.now ?? Date.now;
  const url = new URL(req.realm);
  if (req.service !== void 0 && req.service !== "") {
    url.searchParams.set("service", req.service);
  }
  for (const scope of req.scopes) url.searchParams.append("scope", scope);
  const creds = options.credentials;
  if (creds !== void 0) url.searchParams.set("account", creds.username);
  const authorization = creds !== void 0 ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}` : void 0;
  const secrets = creds !== void 0 ? [creds.password] : [];
  const res = await send(
    {
      method: "GET",
      url: url.href,
      headers: { accept: "application/json" },
      authorization,
      maxBodyBytes: 1024 * 1024,
      context: options.context
    },
    options.http
  );
  const text = res.body.toString("utf8");
  if (res.status !== 200) {
    const entry = parseErrorBody(text)[0];
    const detail = entry?.message || `token request to ${safeUrl(req.realm)} failed`;
    throw new RegistryError(options.context, {
      kind: res.status === 401 || res.status === 403 ? "auth" : res.status === 429 ? "abuse-limit" : "http",
      status: res.status,
      code: entry?.code || void 0,
      detail: redact(`${detail} (token endpoint ${safeUrl(req.realm)})`, secrets)
    });
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = void 0;
  }
  const parsed = parseTokenResponse(json);
  if (parsed === void 0) {
    throw new RegistryError(options.context, {
      kind: "protocol",
      status: res.status,
      detail: `token endpoint ${safeUrl(req.realm)} answered without "token" or "access_token"`
    });
  }
  return { token: parsed.token, expiresAt: tokenDeadline(now(), parsed.expiresInSeconds) };
}
function tokenKey(req) {
  return [req.realm, req.service ?? "", ...[...new Set(req.scopes)].sort()].join("\n");
}
var TokenCache = class {
  constructor(options) {
    this.options = options;
  }
  options;
  tokens = /* @__PURE__ */ new Map();
  issued = /* @__PURE__ */ new Set();
  fetches = 0;
  /** A valid token for the request: the cached one, or a freshly fetched one. */
  async get(req, context) {
    const key = tokenKey(req);
    const now = this.options.now ?? Date.now;
    for (; ; ) {
      const cached = this.tokens.get(key);
      if (cached === void 0) break;
      const t = await cached.catch(() => void 0);
      if (t !== void 0 && t.expiresAt > now()) return t.token;
      if (this.tokens.get(key) === cached) {
        this.tokens.delete(key);
        break;
      }
    }
    const options = context !== void 0 ? { ...this.options, context } : this.options;
    const pending = fetchToken(req, options).then((t) => {
      this.issued.add(t.token);
      return t;
    });
    this.fetches++;
    this.tokens.set(key, pending);
    try {
      return (await pending).token;
    } catch (err) {
      if (this.tokens.get(key) === pending) this.tokens.delete(key);
      throw err;
    }
  }
  /** Drops the cached token of a request (the registry refused it). */
  invalidate(req) {
    this.tokens.delete(tokenKey(req));
  }
  /** How many tokens were requested from token endpoints so far. */
  get fetchCount() {
    return this.fetches;
  }
  /** Every token seen, for scrubbing error text. */
  secrets() {
    return [...this.issued];
  }
};

// src/registry/client.ts
var RegistryClient = class {
  /** The registry host this client talks to, as given (`docker.io`, `127.0.0.1:5000`). */
  host;
  /** API base URL (`https://registry-1.docker.io`, `http://127.0.0.1:5000`). */
  baseUrl;
  http;
  credentials;
  tokens;
  tokenRealm;
  seenWarnings = /* @__PURE__ */ new Set();
  challenge;
  constructor(host, options = {}) {
    this.host = host;
    const dockerHub = isDockerHubHost(host) ? options.dockerHub : void 0;
    this.baseUrl = registryBaseUrl(host, {
      insecure: options.insecure === true ? [host] : [],
      ...dockerHub !== void 0 ? { dockerHub } : {}
    });
    this.tokenRealm = dockerHub?.auth;
    this.credentials = options.credentials;
    this.http = {
      ...DEFAULT_HTTP_SETTINGS,
      transport: options.transport ?? undiciTransport,
      ...options.timeoutMs !== void 0 ? { timeoutMs: options.timeoutMs } : {},
      ...options.retries !== void 0 ? { retries: options.retries } : {},
      ...options.retryBaseMs !== void 0 ? { retryBaseMs: options.retryBaseMs } : {},
      ...options.maxRetryAfterSeconds !== void 0 ? { maxRetryAfterSeconds: options.maxRetryAfterSeconds } : {},
      ...options.userAgent !== void 0 ? { userAgent: options.userAgent } : {},
      log: options.log
    };
    this.tokens = new TokenCache({
      http: this.http,
      credentials: this.credentials,
      now: options.now,
      context: { registry: host }
    });
  }
  /** How many tokens this client has asked token endpoints for. */
  get tokenFetches() {
    return this.tokens.fetchCount;
  }
  /** `GET /v2/`, authenticating if the registry asks to. Throws unless it ends in 2xx. */
  async ping() {
    const res = await this.request({ method: "GET", path: "/v2/" });
    if (res.status < 200 || res.status >= 300) throw this.failure(res, { registry: this.host });
    return {
      status: res.status,
      authScheme: this.challenge?.scheme,
      apiVersion: res.headers.get("docker-distribution-api-version") ?? void 0
    };
  }
  /**
   * HEAD of a manifest: digest, media type, size and all headers, without downloading it (on
   * Docker Hub this costs no pull). A digest reference must match `Docker-Content-Digest`.
   */
  async headManifest(repository, reference) {
    const context = { registry: this.host, repository, reference };
    const res = await this.request({
      method: "HEAD",
      path: manifestPath(repository, reference),
      repository,
      reference,
      headers: { accept: MANIFEST_ACCEPT }
    });
    if (res.status !== 200) throw this.failure(res, context);
    const digest = res.headers.get("docker-content-digest") ?? void 0;
    if (digest !== void 0 && isDigest(reference) && digest !== reference) {
      throw new RegistryError(context, {
        kind: "digest-mismatch",
        detail: `Docker-Content-Digest ${digest} differs from the requested digest`
      });
    }
    const length = res.headers.get("content-length");
    return {
      digest: digest ?? (isDigest(reference) ? reference : void 0),
      mediaType: bareMediaType(res.headers.get("content-type")),
      size: length !== null && /^\d+$/.test(length) ? Number(length) : void 0,
      headers: res.headers
    };
  }
  /**
   * GET of a manifest (on Docker Hub this counts as a pull), verified against the requested
   * digest and `Docker-Content-Digest`, and parsed.
   */
  async getManifest(repository, reference) {
    const context = { registry: this.host, repository, reference };
    const res = await this.request({
      method: "GET",
      path: manifestPath(repository, reference),
      repository,
      reference,
      headers: { accept: MANIFEST_ACCEPT },
      maxBodyBytes: MAX_MANIFEST_BYTES
    });
    if (res.status !== 200) throw this.failure(res, context);
    const digest = verifyManifestDigest(
      res.body,
      reference,
      res.headers.get("docker-content-digest"),
      context
    );
    return parseManifest(res.body, digest, res.headers.get("content-type"), context);
  }
  /**
   * The image manifest for a platform (default: this runner's): a manifest list or index is
   * resolved to its best matching entry, which is then fetched by digest.
   */
  async getImageManifest(repository, reference, platform = defaultPlatform()) {
    const top = await this.getManifest(repository, reference);
    if (top.kind === "image") return { index: void 0, image: top };
    const chosen = selectManifest(top.manifest, platform);
    if (chosen === void 0) {
      const available = top.manifest.manifests.map((d) => d.platform !== void 0 ? platformString(d.platform) : "unknown").join(", ");
      throw new RegistryError(
        { registry: this.host, repository, reference },
        {
          kind: "not-found",
          detail: `no manifest for platform ${platformString(platform)} (index has: ${available})`
        }
      );
    }
    const child = await this.getManifest(repository, chosen.digest);
    if (child.kind !== "image") {
      throw new RegistryError(
        { registry: this.host, repository, reference: chosen.digest },
        { kind: "protocol", detail: "an index entry points at another index" }
      );
    }
    return { index: top, image: child };
  }
  /**
   * GET of a blob, streamed and verified while streaming. With `resume`, asks for the rest
   * with a `Range` header; `start` says where the stream really begins.
   */
  async getBlob(repository, digest, options = {}) {
    const context = { registry: this.host, repository, reference: digest };
    try {
      parseDigest(digest);
    } catch (err) {
      throw new RegistryError(context, { kind: "protocol", detail: err.message });
    }
    const resume = options.resume !== void 0 && options.resume.offset > 0 ? options.resume : void 0;
    const res = await this.request({
      method: "GET",
      path: `/v2/${repository}/blobs/${digest}`,
      repository,
      reference: digest,
      headers: resume !== void 0 ? { range: `bytes=${resume.offset}-` } : void 0,
      stream: true
    });
    if (res.stream === void 0) throw this.failure(res, context);
    let start = 0;
    let size = options.expectedSize;
    let hash;
    if (res.status === 206 && resume !== void 0) {
      const range = parseContentRange(res.headers.get("content-range"));
      if (range === void 0 || range.start !== resume.offset) {
        res.stream.destroy();
        throw new RegistryError(context, {
          kind: "protocol",
          status: 206,
          detail: `Content-Range ${JSON.stringify(res.headers.get("content-range"))} does not start at ${resume.offset}`
        });
      }
      start = resume.offset;
      size ??= range.total;
      hash = resume.hash.copy();
    } else {
      const length = res.headers.get("content-length");
      if (size === void 0 && length !== null && /^\d+$/.test(length)) size = Number(length);
    }
    const stream = verifyingStream(res.stream, digest, { start, hash, size }, context);
    return { stream, start, size, digest };
  }
  async request(spec) {
    const context = {
      registry: this.host,
      repository: spec.repository,
      reference: spec.reference
    };
    const ownScopes = spec.repository !== void 0 ? [pullScope(spec.repository)] : [];
    const sendWith = (authorization) => send(
      {
        method: spec.method,
        url: `${this.baseUrl}${spec.path}`,
        headers: spec.headers,
        authorization,
        stream: spec.stream,
        maxBodyBytes: spec.maxBodyBytes,
        context
      },
      this.http
    );
    const first = await this.authorization(ownScopes, context);
    let res = await sendWith(first);
    if (res.status !== 401) return this.noteWarnings(res);
    const challenge = pickChallenge(
      parseWwwAuthenticate(res.headers.get("www-authenticate") ?? "")
    );
    if (challenge === void 0) return res;
    if (first !== void 0 && challenge.scheme === "basic") return res;
    if (first !== void 0 && challenge.scheme === "bearer") {
      const previous = this.tokenRequest(this.challenge ?? challenge, ownScopes);
      if (previous !== void 0) this.tokens.invalidate(previous);
    }
    this.challenge = challenge;
    const scopes = ownScopes.length > 0 ? ownScopes : splitScopes(challenge.params["scope"]);
    const second = await this.authorization(scopes, context);
    if (second === void 0) return res;
    res.stream?.destroy();
    res = await sendWith(second);
    return this.noteWarnings(res);
  }
  tokenRequest(challenge, scopes) {
    const realm = this.tokenRealm ?? challenge.params["realm"];
    if (realm === void 0 || realm === "") return void 0;
    return { realm, service: challenge.params["service"], scopes };
  }
  async authorization(scopes, context) {
    const challenge = this.challenge;
    if (challenge === void 0) return void 0;
    if (challenge.scheme === "basic") {
      const c = this.credentials;
      if (c === void 0) return void 0;
      return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString("base64")}`;
    }
    if (challenge.scheme !== "bearer") return void 0;
    const req = this.tokenRequest(challenge, scopes);
    if (req === void 0) {
      throw new RegistryError(context, {
        kind: "protocol",
        detail: "Bearer challenge without a realm"
      });
    }
    return `Bearer ${await this.tokens.get(req, context)}`;
  }
  noteWarnings(res) {
    const warning = res.headers.get("warning");
    if (warning !== null && !this.seenWarnings.has(warning)) {
      this.seenWarnings.add(warning);
      this.http.log?.debug(`registry ${this.host} warns: ${warning.slice(0, 4096)}`);
    }
    return res;
  }
  failure(res, context) {
    res.stream?.destroy();
    const text = res.body.toString("utf8");
    const entry = parseErrorBody(text)[0];
    const status = res.status;
    let kind = "http";
    if (status === 401 || status === 403) kind = "auth";
    else if (status === 404) kind = "not-found";
    else if (status === 429) kind = classify429(text);
    else if (status >= 500) kind = "server";
    const secrets = [...this.tokens.secrets()];
    if (this.credentials !== void 0) secrets.push(this.credentials.password);
    const detail = entry?.message || defaultDetail(status, kind);
    return new RegistryError(context, {
      kind,
      status,
      code: entry?.code || void 0,
      detail: redact(detail, secrets),
      retryAfterSeconds: parseRetryAfter(res.headers.get("retry-after"))
    });
  }
};
function pickChallenge(challenges) {
  return challenges.find((c) => c.scheme === "bearer") ?? challenges.find((c) => c.scheme === "basic");
}
function manifestPath(repository, reference) {
  return `/v2/${repository}/manifests/${reference}`;
}
function defaultDetail(status, kind) {
  switch (kind) {
    case "auth":
      return status === 401 ? "authentication required or refused" : "access denied";
    case "not-found":
      return "not found";
    case "pull-limit":
      return "pull rate limit reached";
    case "abuse-limit":
      return "too many requests";
    case "server":
      return "registry server error";
    default:
      return "unexpected response";
  }
}

// src/reference/regexp.ts
var ALPHANUMERIC = "[a-z0-9]+";
var SEPARATOR = "(?:[._]|__|[-]+)";
var DOMAIN_NAME_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var DOMAIN_NAME = `${DOMAIN_NAME_COMPONENT}(?:\\.${DOMAIN_NAME_COMPONENT})*`;
var IPV6_ADDRESS = "\\[(?:[a-fA-F0-9:]+)\\]";
var HOST = `(?:${DOMAIN_NAME}|${IPV6_ADDRESS})`;
var OPTIONAL_PORT = "(?::[0-9]+)?";
var DOMAIN_AND_PORT = `${HOST}${OPTIONAL_PORT}`;
var PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
var REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
var NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;
var TAG = "[\\w][\\w.-]{0,127}";
var DIGEST2 = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}";
var IDENTIFIER = "[a-f0-9]{64}";
var ANCHORED_DOMAIN_AND_PORT = new RegExp(`^${DOMAIN_AND_PORT}$`);
var ANCHORED_NAME = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);
var ANCHORED_REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST2}))?$`);
var ANCHORED_TAG = new RegExp(`^${TAG}$`);
var ANCHORED_DIGEST = new RegExp(`^${DIGEST2}$`);
var ANCHORED_IDENTIFIER = new RegExp(`^${IDENTIFIER}$`);

// src/reference/types.ts
var InvalidReferenceError = class extends Error {
  constructor(input, reason) {
    super(`invalid image reference ${JSON.stringify(input)}: ${reason}`);
    this.input = input;
    this.reason = reason;
    this.name = "InvalidReferenceError";
  }
  input;
  reason;
};

// src/reference/errors.ts
var REASONS = {
  /** `ErrReferenceInvalidFormat`. */
  invalidFormat: "invalid reference format",
  /** `ErrNameContainsUppercase` (and ParseNormalizedNamed's lowercase check). */
  uppercase: "repository name must be lowercase",
  /** `ErrNameEmpty`. */
  nameEmpty: "repository name must have at least one component",
  /** `ErrNameTooLong`. */
  nameTooLong: "repository name must not be longer than 255 characters",
  /** `ErrNameNotCanonical`. */
  notCanonical: "repository name must be canonical",
  /** `ErrTagInvalidFormat`. */
  tagInvalidFormat: "invalid tag format",
  /** `ErrDigestInvalidFormat` of WithDigest and go-digest. */
  digestInvalidFormat: "invalid checksum digest format",
  /** go-digest `ErrDigestInvalidLength`. */
  digestInvalidLength: "invalid digest length",
  /** go-digest `ErrDigestUnsupported`. */
  digestUnsupported: "unsupported digest algorithm",
  /** ParseNormalizedNamed's refusal of a bare 64-hex repository name. */
  identifier64Hex: "cannot specify 64-byte hexadecimal strings as a repository name"
};
function invalid(input, reason) {
  return new InvalidReferenceError(input, reason);
}

// src/reference/digest.ts
function digestHexLength(algorithm) {
  return algorithm === "sha256" ? 64 : void 0;
}
var GENERAL_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
var LOWER_HEX = /^[a-f0-9]+$/;
function digestProblem(digest) {
  const colon = digest.indexOf(":");
  if (colon <= 0 || colon + 1 === digest.length) return REASONS.digestInvalidFormat;
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const hexLength = digestHexLength(algorithm);
  if (hexLength === void 0) {
    return GENERAL_DIGEST.test(digest) ? REASONS.digestUnsupported : REASONS.digestInvalidFormat;
  }
  if (encoded.length !== hexLength) return REASONS.digestInvalidLength;
  return LOWER_HEX.test(encoded) ? void 0 : REASONS.digestInvalidFormat;
}

// src/reference/grammar.ts
var NAME_PATH_MAX = 255;
function nameOf(ref) {
  return ref.domain === "" ? ref.path : `${ref.domain}/${ref.path}`;
}
function referenceString(ref) {
  let out = nameOf(ref);
  if (ref.tag !== void 0) out += `:${ref.tag}`;
  if (ref.digest !== void 0) out += `@${ref.digest}`;
  return out;
}
function splitName(name) {
  const match = ANCHORED_NAME.exec(name);
  if (match === null) return void 0;
  return { domain: match[1] ?? "", path: match[2] ?? "" };
}
function parse(input, reportAs = input) {
  const match = ANCHORED_REFERENCE.exec(input);
  if (match === null) {
    if (input === "") throw invalid(reportAs, REASONS.nameEmpty);
    if (ANCHORED_REFERENCE.test(input.toLowerCase())) throw invalid(reportAs, REASONS.uppercase);
    throw invalid(reportAs, REASONS.invalidFormat);
  }
  const name = match[1] ?? "";
  const split = splitName(name) ?? { domain: "", path: name };
  if (split.path.length > NAME_PATH_MAX) throw invalid(reportAs, REASONS.nameTooLong);
  const tag = match[2];
  const digest = match[3];
  if (digest !== void 0) {
    const problem = digestProblem(digest);
    if (problem !== void 0) throw invalid(reportAs, problem);
  }
  return { domain: split.domain, path: split.path, tag, digest };
}
function withName(name) {
  const split = splitName(name);
  if (split === void 0) throw invalid(name, REASONS.invalidFormat);
  if (split.path.length > NAME_PATH_MAX) throw invalid(name, REASONS.nameTooLong);
  return split;
}
function withTag(ref, tag) {
  if (!ANCHORED_TAG.test(tag)) throw invalid(tag, REASONS.tagInvalidFormat);
  return { ...ref, tag };
}
function withDigest(ref, digest) {
  if (!ANCHORED_DIGEST.test(digest)) throw invalid(digest, REASONS.digestInvalidFormat);
  return { ...ref, digest };
}

// src/reference/normalize.ts
var DEFAULT_DOMAIN = "docker.io";
var LEGACY_DEFAULT_DOMAIN = "index.docker.io";
var OFFICIAL_REPO_PREFIX = "library/";
function splitDockerDomain(name) {
  const slash = name.indexOf("/");
  if (slash < 0) return { domain: DEFAULT_DOMAIN, remainder: OFFICIAL_REPO_PREFIX + name };
  const first = name.slice(0, slash);
  const rest = name.slice(slash + 1);
  let domain;
  let remainder;
  if (first === "localhost") {
    [domain, remainder] = [first, rest];
  } else if (first === LEGACY_DEFAULT_DOMAIN) {
    [domain, remainder] = [DEFAULT_DOMAIN, rest];
  } else if (first.includes(".") || first.includes(":") || first.toLowerCase() !== first) {
    [domain, remainder] = [first, rest];
  } else {
    [domain, remainder] = [DEFAULT_DOMAIN, name];
  }
  if (domain === DEFAULT_DOMAIN && !remainder.includes("/")) {
    remainder = OFFICIAL_REPO_PREFIX + remainder;
  }
  return { domain, remainder };
}
function parseNormalizedNamed(input) {
  if (ANCHORED_IDENTIFIER.test(input)) throw invalid(input, REASONS.identifier64Hex);
  const { domain, remainder } = splitDockerDomain(input);
  const colon = remainder.indexOf(":");
  const remoteName = colon < 0 ? remainder : remainder.slice(0, colon);
  if (remoteName.toLowerCase() !== remoteName) throw invalid(input, REASONS.uppercase);
  return parse(`${domain}/${remainder}`, input);
}
function familiarName(ref) {
  if (ref.domain !== DEFAULT_DOMAIN) return nameOf(ref);
  if (ref.path.startsWith(OFFICIAL_REPO_PREFIX)) {
    const rest = ref.path.slice(OFFICIAL_REPO_PREFIX.length);
    if (!rest.includes("/")) return rest;
  }
  return ref.path;
}
function familiarString(ref) {
  return referenceString({ ...ref, domain: "", path: familiarName(ref) });
}

// src/reference/parse.ts
function isDockerHubHost2(host) {
  return host === DEFAULT_DOMAIN || host === LEGACY_DEFAULT_DOMAIN || host === "registry-1.docker.io";
}
function parseReference(input) {
  return toImageRef(parseNormalizedNamed(input));
}
function tryParseReference(input) {
  try {
    return { ref: parseReference(input) };
  } catch (error) {
    if (error instanceof InvalidReferenceError) return { error: error.message };
    throw error;
  }
}
function toImageRef(raw) {
  return {
    registry: raw.domain,
    repository: raw.path,
    tag: raw.tag,
    digest: raw.digest,
    normalized: referenceString(raw),
    familiar: familiarString(raw),
    isDockerHub: isDockerHubHost2(raw.domain),
    pinned: raw.digest !== void 0
  };
}
function withTagDigest(name, tag, digest) {
  let ref = withName(name);
  if (tag !== void 0) ref = withTag(ref, tag);
  if (digest !== void 0) ref = withDigest(ref, digest);
  return referenceString(ref);
}

// src/rewrite/registry-prefix.ts
var ANCHORED_PATH = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
function splitRegistryPrefix(text) {
  if (text === "") return { problem: "it is empty" };
  if (/\s/.test(text)) return { problem: "it contains white space" };
  if (text.includes("://")) return { problem: "a URL scheme is not part of an image name" };
  const slash = text.indexOf("/");
  const host = slash < 0 ? text : text.slice(0, slash);
  const path11 = slash < 0 ? "" : text.slice(slash + 1);
  if (!ANCHORED_DOMAIN_AND_PORT.test(host)) {
    return { problem: `${JSON.stringify(host)} is not a registry host[:port]` };
  }
  const port = /:(\d+)$/.exec(host)?.[1];
  if (port !== void 0 && (Number(port) < 1 || Number(port) > 65535)) {
    return { problem: `port ${port} is not between 1 and 65535` };
  }
  if (!host.includes(".") && !host.includes(":") && host !== "localhost") {
    return {
      problem: `${JSON.stringify(host)} has no "." or ":port" and is not "localhost", so Docker would read it as a Docker Hub namespace`
    };
  }
  if (slash >= 0 && !ANCHORED_PATH.test(path11)) {
    return {
      problem: `path ${JSON.stringify(path11)} is not lowercase letters, digits and separators joined by single "/" (no leading, trailing or double "/")`
    };
  }
  return { host, path: path11 };
}
function isHubHost(host) {
  return isDockerHubHost2(host.toLowerCase());
}
function joinPath(...parts) {
  return parts.filter((p) => p !== "").join("/");
}
function restUnder(repository, path11) {
  if (path11 === "") return repository;
  if (repository === path11) return "";
  if (repository.startsWith(`${path11}/`)) return repository.slice(path11.length + 1);
  return void 0;
}
function isUnderPrefix(registry, repository, prefix) {
  if (!sameHost(registry, prefix.host)) return false;
  return restUnder(repository, prefix.path) !== void 0;
}
function sameHost(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || isDockerHubHost2(x) && isDockerHubHost2(y);
}

// src/rewrite/rule.ts
var RuleSpecError = class extends Error {
  constructor(spec, reason) {
    super(
      `invalid rule ${JSON.stringify(spec)}: ${reason}; expected SRC=DST, both <host>[:<port>][/<path>] (e.g. quay.io=mirror.corp/quay, docker.io=mirror.corp/hub)`
    );
    this.spec = spec;
    this.reason = reason;
    this.name = "RuleSpecError";
  }
  spec;
  reason;
};
function parseRule(spec) {
  const parts = spec.split("=");
  if (parts.length !== 2) throw new RuleSpecError(spec, 'it needs exactly one "="');
  const source = side(spec, "source", parts[0] ?? "");
  const target = side(spec, "target", parts[1] ?? "");
  if (isHubHost(source.host)) source.host = "docker.io";
  if (isHubHost(target.host)) {
    throw new RuleSpecError(spec, "the target must not be Docker Hub");
  }
  if (sameHost(source.host, target.host) && source.path === target.path) {
    throw new RuleSpecError(spec, "source and target are the same");
  }
  return { spec, source, target };
}
function side(spec, which, text) {
  const prefix = splitRegistryPrefix(text);
  if ("problem" in prefix) throw new RuleSpecError(spec, `${which}: ${prefix.problem}`);
  return prefix;
}
function ruleName(ref, rule) {
  if (!sameHost(ref.registry, rule.source.host)) return void 0;
  const rest = restUnder(ref.repository, rule.source.path);
  if (rest === void 0) return void 0;
  const repository = joinPath(rule.target.path, rest);
  if (repository === "") return void 0;
  return { registry: rule.target.host, repository };
}

// src/rewrite/mirror.ts
var ECR_PUBLIC_REASON = "ECR Public mirrors only Docker Official Images (library/\u2026)";
var MIRROR_FORMS = [
  "mirror.gcr.io",
  "ecr-public",
  "ecr:<account>.dkr.ecr.<region>.amazonaws.com[/<prefix>]",
  "harbor:<host>/<project>",
  "gitlab:<host>/<group>",
  "artifactory:<host>/<repo-key>",
  "<host>[:<port>][/<path>]"
];
var MirrorSpecError = class extends Error {
  constructor(spec, reason) {
    super(
      `invalid mirror ${JSON.stringify(spec)}: ${reason}; expected one of: ${MIRROR_FORMS.join(", ")}`
    );
    this.spec = spec;
    this.reason = reason;
    this.name = "MirrorSpecError";
  }
  spec;
  reason;
};
var ECR_HOST = /^(\d{12})\.dkr\.ecr\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?:\.cn)?$/;
var ONE_SEGMENT = /^[^/]+$/;
var TYPED = /^(ecr|harbor|gitlab|artifactory):(.*)$/s;
function parseMirror(spec) {
  if (spec === "mirror.gcr.io") {
    return { spec, preset: "mirror.gcr.io", base: { host: spec, path: "" }, ...withLibrary };
  }
  if (spec === "ecr-public") {
    const base2 = { host: "public.ecr.aws", path: "docker/library" };
    return { spec, preset: "ecr-public", base: base2, keepLibrary: false, officialOnly: true };
  }
  const typed = TYPED.exec(spec);
  if (typed !== null && !/^\d+(?:\/|$)/.test(typed[2] ?? "")) {
    return parseTyped(spec, typed[1], typed[2] ?? "");
  }
  const base = prefixOrThrow(spec, spec);
  if (isHubHost(base.host)) throw new MirrorSpecError(spec, "Docker Hub cannot mirror itself");
  if (base.host === "public.ecr.aws" && /^docker(?:\/|$)/.test(base.path)) {
    throw new MirrorSpecError(spec, 'use the preset "ecr-public" for public.ecr.aws/docker');
  }
  return { spec, preset: "prefix", base, ...withLibrary };
}
var withLibrary = { keepLibrary: true, officialOnly: false };
function parseTyped(spec, preset, rest) {
  const prefix = prefixOrThrow(spec, rest);
  if (isHubHost(prefix.host)) throw new MirrorSpecError(spec, "Docker Hub cannot mirror itself");
  switch (preset) {
    case "ecr": {
      if (!ECR_HOST.test(prefix.host)) {
        throw new MirrorSpecError(
          spec,
          `${JSON.stringify(prefix.host)} is not <12-digit account>.dkr.ecr.<region>.amazonaws.com`
        );
      }
      const path11 = prefix.path === "" ? "docker-hub" : prefix.path;
      return { spec, preset, base: { host: prefix.host, path: path11 }, ...withLibrary };
    }
    case "harbor":
    case "artifactory": {
      const what = preset === "harbor" ? "project" : "repository key";
      if (!ONE_SEGMENT.test(prefix.path)) {
        throw new MirrorSpecError(spec, `${preset} needs <host>/<${what}> with one path segment`);
      }
      return { spec, preset, base: prefix, ...withLibrary };
    }
    case "gitlab": {
      if (prefix.path === "") throw new MirrorSpecError(spec, "gitlab needs <host>/<group>");
      const path11 = joinPath(prefix.path, "dependency_proxy", "containers");
      return { spec, preset, base: { host: prefix.host, path: path11 }, ...noLibrary };
    }
  }
}
var noLibrary = { keepLibrary: false, officialOnly: false };
function prefixOrThrow(spec, text) {
  const prefix = splitRegistryPrefix(text);
  if ("problem" in prefix) throw new MirrorSpecError(spec, prefix.problem);
  return prefix;
}
function isOfficialImage(ref) {
  return ref.isDockerHub && /^library\/[^/]+$/.test(ref.repository);
}
function mirrorName(ref, mirror) {
  if (!ref.isDockerHub) return { reason: "not Docker Hub" };
  const official = isOfficialImage(ref);
  if (mirror.officialOnly && !official) return { reason: ECR_PUBLIC_REASON };
  const own = official && !mirror.keepLibrary ? ref.repository.slice("library/".length) : ref.repository;
  return { name: { registry: mirror.base.host, repository: joinPath(mirror.base.path, own) } };
}
function mirroredString(name) {
  return `${name.registry}/${name.repository}`;
}

// src/rewrite/target.ts
var ALREADY_MIRRORED = "already on the mirror";
var NOT_DOCKER_HUB = "not Docker Hub";
var NO_HUB_MIRROR = "no mirror for Docker Hub was given";
function isAlreadyMirrored(ref, mirrors, rules) {
  const bases = [...mirrors.map((m) => m.base), ...rules.map((r) => r.target)];
  return bases.some((base) => isUnderPrefix(ref.registry, ref.repository, base));
}
function resolveTarget(ref, mirrors, rules, check = () => void 0) {
  let best;
  for (const rule of rules) {
    const name = ruleName(ref, rule);
    const length = rule.source.path === "" ? 0 : rule.source.path.split("/").length;
    if (name !== void 0 && (best === void 0 || length > best.length)) {
      best = { name, rule, length };
    }
  }
  if (best !== void 0) {
    const refused = check(ref, best.name);
    return refused === void 0 ? { name: best.name, via: best.rule } : { reason: refused };
  }
  if (!ref.isDockerHub) return { reason: NOT_DOCKER_HUB };
  const reasons = [];
  for (const mirror of mirrors) {
    const mapped = mirrorName(ref, mirror);
    const reason = "name" in mapped ? check(ref, mapped.name) : mapped.reason;
    if (reason === void 0 && "name" in mapped) return { name: mapped.name, via: mirror };
    if (reason !== void 0 && !reasons.includes(reason)) reasons.push(reason);
  }
  return { reason: reasons.join("; ") || NO_HUB_MIRROR };
}

// src/engine/digests.ts
function lookups(ref, rewrite) {
  const own = [ref.registry, ref.repository];
  if (!rewrite) return [own];
  const target = resolveTarget(ref, rewrite.mirrors.map(parseMirror), rewrite.rules.map(parseRule));
  return "name" in target ? [[target.name.registry, target.name.repository], own] : [own];
}
function digestResolver(access, rewrite) {
  return async (ref) => {
    const tag = ref.tag ?? "latest";
    const failures = [];
    for (const [registry, repository] of lookups(ref, rewrite)) {
      try {
        const head = await (await access.client(registry)).headManifest(repository, tag);
        if (head.digest !== void 0) return head.digest;
        failures.push(new Error(`${registry}/${repository}:${tag}: no Docker-Content-Digest`));
      } catch (error) {
        failures.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    const last = failures[failures.length - 1];
    const notFound = last instanceof RegistryError && last.kind === "not-found";
    return {
      error: failures.map((f) => f.message).join("; then ") || "no registry to ask",
      notFound
    };
  };
}
var RESOLVE_CONCURRENCY = 4;
async function resolveDigests(findings, resolve, concurrency = RESOLVE_CONCURRENCY) {
  const refs = /* @__PURE__ */ new Map();
  for (const { occurrence } of findings) refs.set(occurrence.ref.normalized, occurrence.ref);
  const results = await mapLimited([...refs.values()], concurrency, async (ref) => {
    try {
      return await resolve(ref);
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  });
  return new Map([...refs.keys()].map((key, i) => [key, results[i]]));
}

// src/scan/pinning.ts
function unpinnedReason(occurrence) {
  const { ref } = occurrence;
  if (ref.pinned) return void 0;
  if (ref.tag === void 0) return "no-tag";
  if (ref.tag === "latest") return "latest";
  return "tag";
}
function findUnpinned(occurrences) {
  const findings = [];
  for (const occurrence of occurrences) {
    if (occurrence.builtLocally) continue;
    const reason = unpinnedReason(occurrence);
    if (reason !== void 0) findings.push({ occurrence, reason });
  }
  return findings;
}
function describeUnpinned(reason) {
  switch (reason) {
    case "latest":
      return "uses the floating `latest` tag";
    case "no-tag":
      return "has no tag, so Docker pulls `latest`";
    case "tag":
      return "tag without digest";
  }
}

// src/report/text-table.ts
function formatTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells) => cells.map((cell2, i) => i === cells.length - 1 ? cell2 : cell2.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}

// src/report/text.ts
var where = (file, line) => `${file}:${line}`;
function scanText(occurrences, problems) {
  const rows = occurrences.map((o) => [
    where(o.file, o.line),
    o.kind,
    o.raw,
    o.ref.normalized,
    pinColumn(o)
  ]);
  const parts = [];
  if (rows.length > 0)
    parts.push(formatTable(["FILE", "KIND", "AS WRITTEN", "IMAGE", "PINNED"], rows));
  parts.push(
    countLine(occurrences.length, "image reference", new Set(occurrences.map((o) => o.file)).size)
  );
  if (problems.length > 0) parts.push(problemsText(problems));
  return parts.join("\n\n") + "\n";
}
function rewriteText(edits, skipped, problems, dryRun) {
  const parts = [];
  if (edits.length > 0) {
    const rows = edits.map((e) => [where(e.file, e.line), e.from, e.to]);
    parts.push(formatTable(["FILE", "FROM", "TO"], rows));
  }
  if (skipped.length > 0) {
    const rows = skipped.map((s) => [where(s.file, s.line), s.ref, s.reason]);
    parts.push(formatTable(["FILE", "SKIPPED", "REASON"], rows));
  }
  const files = new Set(edits.map((e) => e.file)).size;
  const verb = dryRun ? "would rewrite" : "rewrote";
  parts.push(
    `${verb} ${plural(edits.length, "reference")} in ${plural(files, "file")}; skipped ${skipped.length}`
  );
  if (problems.length > 0) parts.push(problemsText(problems));
  return parts.join("\n\n") + "\n";
}
var PIN_WORDS = { latest: "no (latest)", "no-tag": "no (no tag)", tag: "no" };
function pinColumn(o) {
  const reason = unpinnedReason(o);
  return reason === void 0 ? "yes" : PIN_WORDS[reason];
}
function problemsText(problems) {
  const lines = problems.map((p) => `  ${where(p.file, p.line)}: ${p.message}`);
  return [`problems (${problems.length}), not edited:`, ...lines].join("\n");
}
function countLine(count, noun, files) {
  return `${plural(count, noun)} in ${plural(files, "file")}`;
}
function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

// src/report/markdown.ts
function cell(text) {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
function code(text) {
  const fence = text.includes("`") ? "``" : "`";
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${cell(text)}${pad}${fence}`;
}
function markdownTable(headers, rows) {
  const head = `| ${headers.join(" | ")} |`;
  const rule = `| ${headers.map(() => "---").join(" | ")} |`;
  return [head, rule, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

// src/config/errors.ts
var ConfigError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ConfigError";
  }
};

// src/config/parse-values.ts
function parseList(value2) {
  if (!value2) return [];
  return value2.split(/[\n,]/).map((item) => item.trim()).filter((item) => item !== "" && !item.startsWith("#"));
}
var TRUE = /* @__PURE__ */ new Set(["true", "True", "TRUE"]);
var FALSE = /* @__PURE__ */ new Set(["false", "False", "FALSE"]);
function parseBoolean(name, value2) {
  if (TRUE.has(value2.trim())) return true;
  if (FALSE.has(value2.trim())) return false;
  throw new ConfigError(`Input "${name}" must be true or false, got ${JSON.stringify(value2)}`);
}
function parseChoice(name, value2, choices) {
  const found = choices.find((c) => c === value2.trim());
  if (found === void 0) {
    throw new ConfigError(
      `Input "${name}" must be one of ${choices.join(", ")}, got ${JSON.stringify(value2)}`
    );
  }
  return found;
}

// src/config/config.ts
var FAIL_ON = ["none", "unpinned", "latest", "registry"];
function parsePolicy(failOn, allowedRegistries = []) {
  const policies = [];
  for (const item of parseList(failOn)) {
    if (!FAIL_ON.includes(item)) {
      throw new ConfigError(
        `fail-on must be one of ${FAIL_ON.join(", ")}, got ${JSON.stringify(item)}`
      );
    }
    if (item !== "none" && !policies.includes(item)) {
      policies.push(item);
    }
  }
  if (policies.includes("registry") && allowedRegistries.length === 0) {
    throw new ConfigError(
      "fail-on registry needs the registries images may come from (input allowed-registries, flag --allowed-registry)"
    );
  }
  return { failOn: policies, allowedRegistries };
}

// src/cache/store/store.ts
import { mkdir as mkdir2 } from "node:fs/promises";
import path4 from "node:path";

// src/cache/store/digest.ts
import { createHash as createHash3 } from "node:crypto";
var SHA256 = /^sha256:[a-f0-9]{64}$/;
function isSha256Digest(value2) {
  return SHA256.test(value2);
}
function digestHex(digest) {
  if (!SHA256.test(digest)) {
    throw new Error(`not a sha256 digest: ${JSON.stringify(digest)}`);
  }
  return digest.slice("sha256:".length);
}
function sha256Digest(bytes) {
  return `sha256:${createHash3("sha256").update(bytes).digest("hex")}`;
}

// src/cache/manifest.ts
var DOCKER_MANIFEST = MEDIA_TYPES.dockerManifest;
var DOCKER_MANIFEST_LIST = MEDIA_TYPES.dockerManifestList;
var OCI_MANIFEST = MEDIA_TYPES.ociManifest;
var OCI_INDEX = MEDIA_TYPES.ociIndex;
function isIndexMediaType(mediaType) {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}
function isManifestMediaType(mediaType) {
  return mediaType === OCI_MANIFEST || mediaType === DOCKER_MANIFEST;
}
function parseManifest2(bytes, where2, contentType) {
  const text = typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("utf8");
  let body;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new Error(`${where2}: manifest is not JSON: ${err.message}`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new Error(`${where2}: manifest is not a JSON object`);
  }
  const obj = body;
  const declared = typeof obj["mediaType"] === "string" ? obj["mediaType"] : void 0;
  const header = contentType?.split(";")[0]?.trim();
  const mediaType = declared ?? (header || (Array.isArray(obj["manifests"]) ? OCI_INDEX : OCI_MANIFEST));
  if (isIndexMediaType(mediaType)) {
    const list = obj["manifests"];
    if (!Array.isArray(list)) throw new Error(`${where2}: index has no "manifests" array`);
    return {
      index: {
        mediaType,
        manifests: list.map((d, i) => descriptor(d, `${where2} manifests[${i}]`))
      }
    };
  }
  if (!isManifestMediaType(mediaType)) {
    throw new Error(`${where2}: unsupported manifest media type ${JSON.stringify(mediaType)}`);
  }
  const layers = obj["layers"];
  if (!Array.isArray(layers)) throw new Error(`${where2}: manifest has no "layers" array`);
  return {
    manifest: {
      mediaType,
      config: descriptor(obj["config"], `${where2} config`),
      layers: layers.map((d, i) => descriptor(d, `${where2} layers[${i}]`))
    }
  };
}
function descriptor(value2, where2) {
  if (typeof value2 !== "object" || value2 === null) {
    throw new Error(`${where2}: descriptor is not an object`);
  }
  const d = value2;
  const digest = d["digest"];
  const size = d["size"];
  const mediaType = d["mediaType"];
  if (typeof digest !== "string" || !isSha256Digest(digest)) {
    throw new Error(`${where2}: bad digest ${JSON.stringify(digest)}`);
  }
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    throw new Error(`${where2}: bad size ${JSON.stringify(size)}`);
  }
  const out = {
    mediaType: typeof mediaType === "string" ? mediaType : "",
    digest,
    size
  };
  const p = d["platform"];
  if (typeof p === "object" && p !== null) {
    const pl = p;
    if (typeof pl["os"] === "string" && typeof pl["architecture"] === "string") {
      out.platform = { os: pl["os"], architecture: pl["architecture"] };
      if (typeof pl["variant"] === "string") out.platform.variant = pl["variant"];
    }
  }
  const a = d["annotations"];
  if (typeof a === "object" && a !== null) out.annotations = a;
  return out;
}

// src/cache/store/blob-store.ts
import { createHash as createHash4, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile as readFile2, rename, rm, stat, truncate, writeFile } from "node:fs/promises";
import path2 from "node:path";
import { Readable } from "node:stream";
var BlobDigestError = class extends Error {
  constructor(digest, actual, size, where2) {
    super(`${where2}: blob ${digest} hashed to ${actual} (${size} bytes); discarded`);
    this.digest = digest;
    this.actual = actual;
    this.size = size;
    this.name = "BlobDigestError";
  }
  digest;
  actual;
  size;
};
var BlobStore = class {
  constructor(root) {
    this.root = root;
  }
  root;
  inflight = /* @__PURE__ */ new Map();
  /** Folder of the final blobs. */
  get blobDir() {
    return path2.join(this.root, "blobs", "sha256");
  }
  /** Folder of partial downloads. */
  get ingestDir() {
    return path2.join(this.root, "ingest");
  }
  /** Where a blob lives (whether or not it is there). */
  blobPath(digest) {
    return path2.join(this.blobDir, digestHex(digest));
  }
  /** Creates the folders. */
  async init() {
    await mkdir(this.blobDir, { recursive: true });
    await mkdir(this.ingestDir, { recursive: true });
  }
  /** Size of a stored blob, or undefined when it is absent. */
  async size(digest) {
    try {
      const s = await stat(this.blobPath(digest));
      return s.isFile() ? s.size : void 0;
    } catch (err) {
      if (err.code === "ENOENT") return void 0;
      throw err;
    }
  }
  /**
   * True when the blob is stored, with `size` bytes when a size is given. A blob of the
   * wrong size is truncated or corrupt: it is deleted, so it gets fetched again.
   */
  async has(digest, size) {
    const have = await this.size(digest);
    if (have === void 0) return false;
    if (size !== void 0 && have !== size) {
      await rm(this.blobPath(digest), { force: true });
      return false;
    }
    return true;
  }
  /** Reads a whole blob and checks its digest; a mismatch deletes it and throws. */
  async read(digest) {
    const file = this.blobPath(digest);
    const bytes = await readFile2(file);
    const actual = sha256Digest(bytes);
    if (actual !== digest) {
      await rm(file, { force: true });
      throw new BlobDigestError(digest, actual, bytes.length, file);
    }
    return bytes;
  }
  /** Stores bytes whose digest must be `digest` (checked first); returns true if new. */
  async put(digest, bytes) {
    const actual = sha256Digest(bytes);
    const final = this.blobPath(digest);
    if (actual !== digest) throw new BlobDigestError(digest, actual, bytes.length, final);
    if (await this.size(digest) === bytes.length) return false;
    const tmp = path2.join(this.ingestDir, `${digestHex(digest)}.put-${randomUUID()}`);
    await writeFile(tmp, bytes);
    await rename(tmp, final);
    return true;
  }
  /**
   * Makes sure a blob is stored: returns at once when it is (with the right size),
   * otherwise fetches it, resuming a partial download from an earlier attempt, and renames
   * it into place once size and digest check out. A digest mismatch deletes the partial
   * file and throws {@link BlobDigestError}; any other failure keeps it for a resume.
   */
  ensure(digest, size, fetch) {
    const running = this.inflight.get(digest);
    if (running !== void 0) {
      return running.then((r) => ({ ...r, existed: true, fetched: 0, resumedFrom: 0 }));
    }
    const job = this.download(digest, size, fetch).finally(() => this.inflight.delete(digest));
    this.inflight.set(digest, job);
    return job;
  }
  async download(digest, size, fetch) {
    const final = this.blobPath(digest);
    if (await this.has(digest, size)) {
      const have = await this.size(digest) ?? 0;
      return { digest, size: have, existed: true, fetched: 0, resumedFrom: 0 };
    }
    const partial = path2.join(this.ingestDir, digestHex(digest));
    let offset = await fileSize(partial) ?? 0;
    if (size !== void 0 && offset >= size) {
      await rm(partial, { force: true });
      offset = 0;
    }
    let hash = createHash4("sha256");
    if (offset > 0) await hashFile(partial, hash);
    const got = await fetch(offset, hash.copy());
    if (got.offset !== offset) {
      if (got.offset !== 0) {
        throw new Error(`${final}: asked for bytes from ${offset}, got a body from ${got.offset}`);
      }
      offset = 0;
      hash = createHash4("sha256");
      await truncateOrCreate(partial);
    }
    const limit = size === void 0 ? void 0 : size - offset;
    const checking = got.verified === true ? void 0 : hash;
    const written = await writeBody(got.body, partial, offset > 0, checking, limit, final);
    if (written.tooLong) {
      await rm(partial, { force: true });
      throw new Error(`${final}: blob body is longer than its descriptor says`);
    }
    if (written.sourceError !== void 0) {
      if (written.sourceError.kind === "digest-mismatch") {
        await rm(partial, { force: true });
      }
      throw written.sourceError;
    }
    const total = offset + written.bytes;
    if (size !== void 0 && total < size) {
      throw new Error(`${final}: body ended after ${total} of ${size} bytes; kept to resume`);
    }
    if (checking !== void 0) {
      const actual = `sha256:${checking.digest("hex")}`;
      if (actual !== digest || size !== void 0 && total !== size) {
        await rm(partial, { force: true });
        throw new BlobDigestError(digest, actual, total, final);
      }
    }
    await rename(partial, final);
    return { digest, size: total, existed: false, fetched: written.bytes, resumedFrom: offset };
  }
  /**
   * Hashes a stored blob. A blob that does not match its digest is deleted and false is
   * returned; true means it is intact. An absent blob gives false.
   */
  async verify(digest) {
    const file = this.blobPath(digest);
    const hash = createHash4("sha256");
    try {
      await hashFile(file, hash);
    } catch (err) {
      if (err.code === "ENOENT") return false;
      throw err;
    }
    if (`sha256:${hash.digest("hex")}` === digest) return true;
    await rm(file, { force: true });
    return false;
  }
  /** Every stored blob with its size. */
  async list() {
    const out = /* @__PURE__ */ new Map();
    let names;
    try {
      names = await readdir(this.blobDir);
    } catch (err) {
      if (err.code === "ENOENT") return out;
      throw err;
    }
    for (const name of names) {
      if (!/^[a-f0-9]{64}$/.test(name)) continue;
      const s = await fileSize(path2.join(this.blobDir, name));
      if (s !== void 0) out.set(`sha256:${name}`, s);
    }
    return out;
  }
  /** Deletes a blob (no error when it is absent). */
  async remove(digest) {
    await rm(this.blobPath(digest), { force: true });
  }
  /** Deletes every partial download; returns the bytes freed. */
  async clearIngest() {
    let freed = 0;
    let names = [];
    try {
      names = await readdir(this.ingestDir);
    } catch (err) {
      if (err.code !== "ENOENT") throw err;
    }
    for (const name of names) {
      const file = path2.join(this.ingestDir, name);
      freed += await fileSize(file) ?? 0;
      await rm(file, { force: true, recursive: true });
    }
    return freed;
  }
};
async function fileSize(file) {
  try {
    return (await stat(file)).size;
  } catch (err) {
    if (err.code === "ENOENT") return void 0;
    throw err;
  }
}
async function truncateOrCreate(file) {
  try {
    await truncate(file, 0);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
}
async function hashFile(file, hash) {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk);
  }
}
function writeBody(body, file, append, hash, limit, where2) {
  const src = body instanceof Readable ? body : Readable.from(body, { objectMode: false });
  return new Promise((resolve, reject) => {
    const state = { bytes: 0, tooLong: false, sourceError: void 0 };
    const out = createWriteStream(file, { flags: append ? "a" : "w", highWaterMark: 1 << 20 });
    let ended = false;
    let failed = false;
    const end = () => {
      if (!ended) {
        ended = true;
        out.end();
      }
    };
    src.on("data", (chunk) => {
      if (ended) return;
      state.bytes += chunk.length;
      if (limit !== void 0 && state.bytes > limit) {
        state.bytes -= chunk.length;
        state.tooLong = true;
        src.destroy();
        end();
        return;
      }
      hash?.update(chunk);
      if (!out.write(chunk)) src.pause();
    });
    out.on("drain", () => src.resume());
    src.on("end", end);
    src.on("error", (err) => {
      state.sourceError = err ?? new Error(`${where2}: blob body failed`);
      end();
    });
    out.on("error", (err) => {
      failed = true;
      src.destroy();
      reject(err);
    });
    out.on("close", () => {
      if (!failed) resolve(state);
    });
  });
}

// src/cache/store/image-index.ts
import { randomUUID as randomUUID2 } from "node:crypto";
import { readFile as readFile3, rename as rename2, writeFile as writeFile2 } from "node:fs/promises";
var IMAGE_INDEX_FILE = "hubcap-images.json";
var VERSION = 1;
async function readImageIndex(file) {
  let text;
  try {
    text = await readFile3(file, "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return { images: [], problems: [] };
    throw err;
  }
  let body;
  try {
    body = JSON.parse(text);
  } catch (err) {
    return { images: [], problems: [`${file}: not JSON (${err.message}); ignored`] };
  }
  const obj = body;
  if (obj === null || typeof obj !== "object" || !Array.isArray(obj.images)) {
    return { images: [], problems: [`${file}: no "images" array; ignored`] };
  }
  if (obj.version !== VERSION) {
    return {
      images: [],
      problems: [`${file}: unknown version ${JSON.stringify(obj.version)}; ignored`]
    };
  }
  const images = [];
  const problems = [];
  obj.images.forEach((entry, i) => {
    const image = toImage(entry);
    if (image === void 0) problems.push(`${file}: images[${i}] is malformed; ignored`);
    else images.push(image);
  });
  return { images, problems };
}
async function writeImageIndex(file, images) {
  const sorted = [...images].sort(
    (a, b) => a.ref === b.ref ? cmp(a.platform, b.platform) : cmp(a.ref, b.ref)
  );
  const tmp = `${file}.tmp-${process.pid}-${randomUUID2()}`;
  await writeFile2(tmp, `${JSON.stringify({ version: VERSION, images: sorted }, null, 2)}
`);
  await rename2(tmp, file);
}
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function toImage(value2) {
  if (typeof value2 !== "object" || value2 === null) return void 0;
  const v = value2;
  const { ref, platform, digest, manifest, source, lastUsed } = v;
  if (typeof ref !== "string" || ref === "") return void 0;
  if (typeof platform !== "string" || platform === "") return void 0;
  if (typeof digest !== "string" || !isSha256Digest(digest)) return void 0;
  if (typeof manifest !== "string" || !isSha256Digest(manifest)) return void 0;
  if (typeof lastUsed !== "string" || Number.isNaN(Date.parse(lastUsed))) return void 0;
  if (source !== void 0 && typeof source !== "string") return void 0;
  const image = { ref, platform, digest, manifest, lastUsed };
  if (source !== void 0) image.source = source;
  return image;
}

// src/cache/store/layout.ts
import { randomUUID as randomUUID3 } from "node:crypto";
import { readFile as readFile4, rename as rename3, writeFile as writeFile3 } from "node:fs/promises";
import path3 from "node:path";
var OCI_LAYOUT_CONTENT = '{"imageLayoutVersion":"1.0.0"}';
var REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
var CONTAINERD_NAME_ANNOTATION = "io.containerd.image.name";
async function ensureOciLayoutFile(root) {
  const file = path3.join(root, "oci-layout");
  let current;
  try {
    current = await readFile4(file, "utf8");
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
  if (current !== OCI_LAYOUT_CONTENT) await writeFile3(file, OCI_LAYOUT_CONTENT);
}
function ociIndexJson(manifests) {
  return JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests });
}
async function writeOciIndex(root, manifests) {
  const file = path3.join(root, "index.json");
  const tmp = `${file}.tmp-${process.pid}-${randomUUID3()}`;
  await writeFile3(tmp, `${ociIndexJson(manifests)}
`);
  await rename3(tmp, file);
}
function tagOf(ref) {
  const at = ref.indexOf("@");
  const name = at < 0 ? ref : ref.slice(0, at);
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  return colon > slash ? name.slice(colon + 1) : void 0;
}
function layoutDescriptor(manifest, ref) {
  const annotations = { [CONTAINERD_NAME_ANNOTATION]: ref };
  const tag = tagOf(ref);
  if (tag !== void 0) annotations[REF_NAME_ANNOTATION] = tag;
  return { ...manifest, annotations };
}

// src/cache/store/store.ts
var CacheStore = class _CacheStore {
  constructor(root, images, warnings) {
    this.root = root;
    this.blobs = new BlobStore(root);
    this.images = images;
    this.warnings = warnings;
  }
  root;
  /** Blobs of the store. */
  blobs;
  /** Problems found while opening (a damaged image index), to show as warnings. */
  warnings;
  images;
  saving = Promise.resolve();
  /** Opens (creating when needed) the store at `root`. */
  static async open(root) {
    const abs = path4.resolve(root);
    await mkdir2(abs, { recursive: true });
    const read = await readImageIndex(path4.join(abs, IMAGE_INDEX_FILE));
    const store = new _CacheStore(
      abs,
      read.images,
      read.problems.map((message) => ({ message }))
    );
    await store.blobs.init();
    await ensureOciLayoutFile(abs);
    return store;
  }
  /** Every image entry, newest use first. */
  list() {
    return [...this.images].sort((a, b) => Date.parse(b.lastUsed) - Date.parse(a.lastUsed));
  }
  /** The entry of a reference on a platform. */
  find(ref, platform) {
    return this.images.find((i) => i.ref === ref && i.platform === platform);
  }
  /** Adds or replaces the entry of `image.ref` on `image.platform`, and saves the index. */
  async record(image) {
    this.images = this.images.filter(
      (i) => !(i.ref === image.ref && i.platform === image.platform)
    );
    this.images.push({ ...image });
    await this.save();
  }
  /** Sets the last-use time of entries (by ref and platform) and saves the index. */
  async touch(keys, now = /* @__PURE__ */ new Date()) {
    const when = now.toISOString();
    let changed = false;
    for (const k of keys) {
      const found = this.find(k.ref, k.platform);
      if (found !== void 0) {
        found.lastUsed = when;
        changed = true;
      }
    }
    if (changed) await this.save();
  }
  /** Drops entries (their blobs stay until {@link pruneStore} collects them). */
  async forget(keys) {
    const drop = new Set(keys.map((k) => `${k.ref}
${k.platform}`));
    this.images = this.images.filter((i) => !drop.has(`${i.ref}
${i.platform}`));
    await this.save();
  }
  /**
   * Reads an image's manifest (digest-checked) and lists its blobs. Undefined when the
   * manifest is missing or damaged (a damaged one is deleted).
   */
  async content(image) {
    let bytes;
    try {
      bytes = await this.blobs.read(image.manifest);
    } catch (err) {
      const code2 = err.code;
      if (code2 === "ENOENT" || err instanceof BlobDigestError) return void 0;
      throw err;
    }
    let parsed;
    try {
      parsed = parseManifest2(bytes, this.blobs.blobPath(image.manifest));
    } catch {
      return void 0;
    }
    if (!("manifest" in parsed)) return void 0;
    const manifest = parsed.manifest;
    const manifestDescriptor = {
      mediaType: manifest.mediaType,
      digest: image.manifest,
      size: bytes.length
    };
    const blobs = [];
    if (image.digest !== image.manifest) {
      const size = await this.blobs.size(image.digest);
      if (size !== void 0) blobs.push({ mediaType: "", digest: image.digest, size });
    }
    blobs.push(manifestDescriptor, manifest.config, ...manifest.layers);
    return { image, manifestDescriptor, manifest, blobs };
  }
  /**
   * Writes `hubcap-images.json` and regenerates the layout's `index.json`. Concurrent calls
   * run one after the other, each writing the entries as they are when it starts.
   */
  save() {
    const run = this.saving.then(
      () => this.writeIndexes(),
      () => this.writeIndexes()
    );
    this.saving = run;
    return run;
  }
  async writeIndexes() {
    await writeImageIndex(path4.join(this.root, IMAGE_INDEX_FILE), this.images);
    const manifests = [];
    for (const image of [...this.images].sort((a, b) => a.ref < b.ref ? -1 : 1)) {
      const size = await this.blobs.size(image.manifest);
      if (size === void 0) continue;
      const content = await this.content(image);
      if (content === void 0) continue;
      const desc = layoutDescriptor(content.manifestDescriptor, image.ref);
      try {
        desc.platform = parsePlatform(image.platform);
      } catch {
      }
      manifests.push(desc);
    }
    await writeOciIndex(this.root, manifests);
  }
};

// src/cache/store/prune.ts
async function pruneStore(store, maxBytes) {
  const sizes = await store.blobs.list();
  const kept = [];
  const removed = [];
  const live = /* @__PURE__ */ new Set();
  let keptBytes = 0;
  let full = false;
  for (const image of store.list()) {
    const content = full ? void 0 : await store.content(image);
    if (content === void 0) {
      removed.push(image);
      continue;
    }
    const missing = content.blobs.filter((b) => !sizes.has(b.digest));
    if (missing.length > 0) {
      removed.push(image);
      continue;
    }
    let extra = 0;
    const fresh = /* @__PURE__ */ new Set();
    for (const b of content.blobs) {
      if (live.has(b.digest) || fresh.has(b.digest)) continue;
      fresh.add(b.digest);
      extra += sizes.get(b.digest) ?? 0;
    }
    if (keptBytes + extra > maxBytes) {
      full = true;
      removed.push(image);
      continue;
    }
    keptBytes += extra;
    for (const d of fresh) live.add(d);
    kept.push(image);
  }
  let removedBlobs = 0;
  let freedBytes = 0;
  for (const [digest, size] of sizes) {
    if (live.has(digest)) continue;
    await store.blobs.remove(digest);
    removedBlobs++;
    freedBytes += size;
  }
  freedBytes += await store.blobs.clearIngest();
  if (removed.length > 0) {
    await store.forget(removed);
  } else {
    await store.save();
  }
  return { kept, removed, removedBlobs, freedBytes, keptBytes };
}

// src/cache/pull.ts
async function pullImages(store, images, options) {
  const platform = options.platform ?? defaultPlatform();
  const ctx = {
    store,
    options,
    platform,
    platformText: platformString(platform),
    limiter: new Limiter(options.concurrency ?? 4),
    attempts: options.attempts ?? 3,
    counter: { newBlobs: 0 },
    turns: /* @__PURE__ */ new Map()
  };
  const results = await Promise.all(images.map((image) => pullOne(ctx, image)));
  return { images: results, newBlobs: ctx.counter.newBlobs };
}
async function pullOne(ctx, image) {
  const result = {
    ref: image.ref,
    platform: ctx.platformText,
    status: "failed",
    bytesRestored: 0,
    bytesPulled: 0,
    pulledFrom: [],
    manifestGets: 0,
    resumed: 0,
    warnings: []
  };
  try {
    const sources = (image.sources ?? [image.ref]).map(parseSource);
    if (sources.length === 0) throw new Error(`${image.ref}: no source to pull from`);
    const resolved = image.digest !== void 0 ? {
      digest: image.digest,
      by: image.resolvedBy ?? "given",
      source: sources.find((x) => x.text === image.resolvedBy)
    } : await resolveDigest(ctx, image.ref, sources, result);
    result.digest = resolved.digest;
    result.resolvedBy = resolved.by;
    const ordered = resolved.source ? [resolved.source, ...sources.filter((s) => s !== resolved.source)] : sources;
    const before = ctx.turns.get(resolved.digest);
    const turn = (before ?? Promise.resolve()).then(
      () => pullDigest(ctx, image, resolved.digest, ordered, result)
    );
    ctx.turns.set(
      resolved.digest,
      turn.catch(() => void 0)
    );
    await turn;
  } catch (err) {
    result.status = "failed";
    result.error = err.message;
  }
  return result;
}
async function pullDigest(ctx, image, digest, ordered, result) {
  const found = await manifestFromStore(ctx, digest, result) ?? await manifestFromRegistry(ctx, digest, ordered, result);
  result.manifest = found.digest;
  const blobs = [found.manifest.config, ...found.manifest.layers];
  await Promise.all(blobs.map((d) => ensureBlob(ctx, d, ordered, result)));
  const mirror = (image.sources ?? []).find((s) => s !== image.ref);
  await ctx.store.record({
    ref: image.ref,
    platform: ctx.platformText,
    digest,
    manifest: found.digest,
    ...mirror !== void 0 ? { source: parseSource(mirror).ref.normalized } : {},
    lastUsed: (ctx.options.now ?? /* @__PURE__ */ new Date()).toISOString()
  });
  result.status = result.bytesPulled === 0 && result.manifestGets === 0 ? "hit" : result.bytesRestored > 0 ? "partial" : "miss";
}
function parseSource(text) {
  return { text, ref: parseReference(text) };
}
async function resolveImages(images, options) {
  const limiter = new Limiter(options.concurrency ?? 4);
  const out = { images: [], digests: [], problems: [] };
  const results = await Promise.all(
    images.map(async (image) => {
      try {
        const sources = (image.sources ?? [image.ref]).map(parseSource);
        const pinned = sources.find((x) => x.ref.digest !== void 0)?.ref.digest;
        if (pinned !== void 0) return { image: { ...image, digest: pinned } };
        const problems = [];
        for (const source of sources) {
          try {
            const head = await limiter.run(
              () => options.client(source.ref.registry).headManifest(source.ref.repository, source.ref.tag ?? "latest")
            );
            if (head.digest !== void 0) {
              return { image: { ...image, digest: head.digest, resolvedBy: source.text } };
            }
            problems.push(`${source.text}: no Docker-Content-Digest header`);
          } catch (err) {
            problems.push(err.message);
          }
        }
        return {
          image,
          problem: `${image.ref}: could not resolve the tag: ${problems.join("; ")}`
        };
      } catch (err) {
        return { image, problem: err.message };
      }
    })
  );
  for (const r of results) {
    out.images.push(r.image);
    if (r.image.digest !== void 0) out.digests.push(r.image.digest);
    if (r.problem !== void 0) out.problems.push({ ref: r.image.ref, message: r.problem });
  }
  return out;
}
async function resolveDigest(ctx, ref, sources, result) {
  const pinned = sources.find((s) => s.ref.digest !== void 0);
  if (pinned?.ref.digest !== void 0) return { digest: pinned.ref.digest, by: "reference" };
  const problems = [];
  for (const source of sources) {
    const tag = source.ref.tag ?? "latest";
    try {
      const head = await ctx.limiter.run(
        () => ctx.options.client(source.ref.registry).headManifest(source.ref.repository, tag)
      );
      if (head.digest !== void 0) return { digest: head.digest, by: source.text, source };
      const got = await ctx.limiter.run(
        () => ctx.options.client(source.ref.registry).getManifest(source.ref.repository, tag)
      );
      result.manifestGets++;
      await keepManifest(ctx, got.digest, got.bytes, source, result);
      return { digest: got.digest, by: source.text, source };
    } catch (err) {
      problems.push(err.message);
    }
  }
  const known = ctx.store.find(ref, ctx.platformText);
  if (known !== void 0) {
    result.warnings.push({
      message: `${ref}: could not resolve the tag (${problems.join("; ")}); using the last digest the cache knows, ${known.digest}`
    });
    return { digest: known.digest, by: "store" };
  }
  throw new Error(`${ref}: could not resolve the tag: ${problems.join("; ")}`);
}
async function manifestFromStore(ctx, digest, result) {
  const top = await readStoredManifest(ctx, digest);
  if (top === void 0) return void 0;
  if ("manifest" in top.parsed) {
    result.bytesRestored += top.size;
    return { digest, manifest: top.parsed.manifest };
  }
  const manifests = top.parsed.index.manifests;
  const chosen = selectManifest({ schemaVersion: 2, manifests }, ctx.platform);
  if (chosen === void 0) return void 0;
  const child = await readStoredManifest(ctx, chosen.digest);
  if (child === void 0 || !("manifest" in child.parsed)) return void 0;
  result.bytesRestored += top.size + child.size;
  return { digest: chosen.digest, manifest: child.parsed.manifest };
}
async function readStoredManifest(ctx, digest) {
  if (!await ctx.store.blobs.has(digest)) return void 0;
  try {
    const bytes = await ctx.store.blobs.read(digest);
    return { parsed: parseManifest2(bytes, ctx.store.blobs.blobPath(digest)), size: bytes.length };
  } catch (err) {
    if (err instanceof BlobDigestError) return void 0;
    if (err.code === "ENOENT") return void 0;
    await ctx.store.blobs.remove(digest);
    return void 0;
  }
}
async function manifestFromRegistry(ctx, digest, sources, result) {
  const problems = [];
  for (const source of sources) {
    const client = ctx.options.client(source.ref.registry);
    const repo = source.ref.repository;
    try {
      const top = await ctx.limiter.run(() => client.getManifest(repo, digest));
      result.manifestGets++;
      await keepManifest(ctx, top.digest, top.bytes, source, result);
      if (top.kind === "image") return { digest: top.digest, manifest: toImageManifest(top) };
      const chosen = selectManifest(top.manifest, ctx.platform);
      if (chosen === void 0) {
        const have = top.manifest.manifests.map((d) => d.platform ? platformString(d.platform) : "unknown").join(", ");
        throw new Error(
          `${source.text}: no manifest for platform ${ctx.platformText} (index has: ${have})`
        );
      }
      const stored = await readStoredManifest(ctx, chosen.digest);
      if (stored !== void 0 && "manifest" in stored.parsed) {
        result.bytesRestored += stored.size;
        return { digest: chosen.digest, manifest: stored.parsed.manifest };
      }
      const child = await ctx.limiter.run(() => client.getManifest(repo, chosen.digest));
      result.manifestGets++;
      if (child.kind !== "image") {
        throw new Error(`${source.text}: index entry ${chosen.digest} is not an image manifest`);
      }
      await keepManifest(ctx, child.digest, child.bytes, source, result);
      return { digest: child.digest, manifest: toImageManifest(child) };
    } catch (err) {
      problems.push(err.message);
    }
  }
  throw new Error(problems.join("; "));
}
function toImageManifest(m) {
  const parsed = parseManifest2(m.bytes, m.digest, m.mediaType);
  if (!("manifest" in parsed)) throw new Error(`${m.digest}: expected an image manifest`);
  return parsed.manifest;
}
async function keepManifest(ctx, digest, bytes, source, result) {
  if (await ctx.store.blobs.put(digest, bytes)) ctx.counter.newBlobs++;
  addPulled(result, source.text, bytes.length);
}
function addPulled(result, source, bytes) {
  result.bytesPulled += bytes;
  const entry = result.pulledFrom.find((p) => p.source === source);
  if (entry !== void 0) entry.bytes += bytes;
  else result.pulledFrom.push({ source, bytes });
}
var GIVE_UP_ON_SOURCE = /* @__PURE__ */ new Set(["not-found", "auth", "pull-limit", "abuse-limit"]);
async function ensureBlob(ctx, d, sources, result) {
  const blobs = ctx.store.blobs;
  if (ctx.options.verify === "full" && await blobs.size(d.digest) !== void 0) {
    if (!await blobs.verify(d.digest)) {
      result.warnings.push({
        message: `${result.ref}: stored blob ${d.digest} was corrupt; deleted and pulled again`
      });
    }
  }
  if (await blobs.has(d.digest, d.size)) {
    result.bytesRestored += d.size;
    return;
  }
  const problems = [];
  for (const source of sources) {
    const client = ctx.options.client(source.ref.registry);
    const fetcher = async (offset, partialHash) => {
      const dl = await client.getBlob(source.ref.repository, d.digest, {
        expectedSize: d.size,
        resume: offset > 0 ? { offset, hash: partialHash } : void 0
      });
      return { body: dl.stream, offset: dl.start, verified: true };
    };
    for (let attempt = 1; attempt <= ctx.attempts; attempt++) {
      try {
        const r = await ctx.limiter.run(() => blobs.ensure(d.digest, d.size, fetcher));
        if (r.existed) {
          result.bytesRestored += d.size;
        } else {
          ctx.counter.newBlobs++;
          addPulled(result, source.text, r.fetched);
          if (r.resumedFrom > 0) result.resumed++;
        }
        return;
      } catch (err) {
        problems.push(`${source.text} attempt ${attempt}: ${err.message}`);
        if (err instanceof RegistryError && GIVE_UP_ON_SOURCE.has(err.kind)) break;
      }
    }
  }
  throw new Error(`${result.ref}: blob ${d.digest} could not be pulled: ${problems.join("; ")}`);
}

// src/cache/load/archive.ts
import { createHash as createHash5 } from "node:crypto";
import { createReadStream as createReadStream2 } from "node:fs";
import { open as open2 } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";

// src/cache/load/archive-plan.ts
import { open } from "node:fs/promises";
var GZIP_LAYERS = /* @__PURE__ */ new Set([
  "application/vnd.docker.image.rootfs.diff.tar.gzip",
  "application/vnd.oci.image.layer.v1.tar+gzip"
]);
var INCOMPRESSIBLE = 1.05;
var OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
var OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
async function planImage(store, content, tags, options = {}) {
  const verifyLayers = (options.verify ?? "all") === "all";
  const m = content.manifest;
  const stored = (d, verify) => ({
    digest: d.digest,
    size: d.size,
    source: { kind: "stored", verify }
  });
  const asStored = {
    ref: content.image.ref,
    tags,
    manifest: content.manifestDescriptor,
    config: m.config.digest,
    layers: m.layers.map((l) => l.digest),
    blobs: [
      stored(content.manifestDescriptor, true),
      stored(m.config, true),
      ...m.layers.map((l) => stored(l, verifyLayers))
    ]
  };
  if (options.layers !== "uncompressed") return asStored;
  const diffIds = await readDiffIds(store, m.config.digest);
  if (diffIds === void 0 || diffIds.length !== m.layers.length) return asStored;
  const layerBlobs = [];
  const layerDescriptors = [];
  for (const [i, layer] of m.layers.entries()) {
    const diffId = diffIds[i];
    const size = GZIP_LAYERS.has(layer.mediaType) ? await gzipTrailerSize(store.blobs.blobPath(layer.digest)) : void 0;
    if (size === void 0 || size <= layer.size * INCOMPRESSIBLE) {
      layerBlobs.push(stored(layer, verifyLayers));
      layerDescriptors.push({ mediaType: layer.mediaType, digest: layer.digest, size: layer.size });
    } else {
      layerBlobs.push({ digest: diffId, size, source: { kind: "gunzip", stored: layer.digest } });
      layerDescriptors.push({ mediaType: OCI_LAYER_TAR, digest: diffId, size });
    }
  }
  if (layerBlobs.every((b) => b.source.kind === "stored")) return asStored;
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_CONFIG, digest: m.config.digest, size: m.config.size },
      layers: layerDescriptors
    })
  );
  const manifest = {
    mediaType: OCI_MANIFEST,
    digest: sha256Digest(bytes),
    size: bytes.length
  };
  return {
    ref: content.image.ref,
    tags,
    manifest,
    config: m.config.digest,
    layers: layerBlobs.map((b) => b.digest),
    blobs: [
      { digest: manifest.digest, size: bytes.length, source: { kind: "bytes", bytes } },
      stored(m.config, true),
      ...layerBlobs
    ]
  };
}
async function readDiffIds(store, config) {
  const bytes = await store.blobs.read(config);
  try {
    const parsed = JSON.parse(bytes.toString("utf8"));
    const ids = parsed.rootfs?.diff_ids;
    if (!Array.isArray(ids)) return void 0;
    if (!ids.every((d) => typeof d === "string" && /^sha256:[a-f0-9]{64}$/.test(d))) {
      return void 0;
    }
    return ids;
  } catch {
    return void 0;
  }
}
async function gzipTrailerSize(file) {
  const fh = await open(file, "r");
  try {
    const { size } = await fh.stat();
    if (size < 18) return void 0;
    const head = Buffer.alloc(2);
    await fh.read(head, 0, 2, 0);
    if (head[0] !== 31 || head[1] !== 139) return void 0;
    const tail = Buffer.alloc(4);
    await fh.read(tail, 0, 4, size - 4);
    return tail.readUInt32LE(0);
  } finally {
    await fh.close();
  }
}

// src/cache/load/names.ts
function dockerTag(ref) {
  const raw = parseNormalizedNamed(ref);
  if (raw.tag !== void 0) return `${familiarName(raw)}:${raw.tag}`;
  if (raw.digest !== void 0) return void 0;
  return `${familiarName(raw)}:latest`;
}
function splitTag(nameTag) {
  const slash = nameTag.lastIndexOf("/");
  const colon = nameTag.lastIndexOf(":");
  if (colon <= slash) return { name: nameTag, tag: "latest" };
  return { name: nameTag.slice(0, colon), tag: nameTag.slice(colon + 1) };
}
function dockerTags(refs) {
  const out = [];
  for (const ref of refs) {
    if (ref === void 0) continue;
    const tag = dockerTag(ref);
    if (tag !== void 0 && !out.includes(tag)) out.push(tag);
  }
  return out;
}

// src/cache/load/archive-sink.ts
import { Writable } from "node:stream";
import { once } from "node:events";
function archiveSink(out) {
  return out instanceof Writable ? streamSink(out) : handleSink(out);
}
function handleSink(handle) {
  return {
    async write(bytes) {
      let done = 0;
      while (done < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
        done += bytesWritten;
      }
    },
    end: () => Promise.resolve(),
    abort: () => void 0
  };
}
function streamSink(out) {
  let failure;
  out.on("error", (err) => {
    failure ??= err;
  });
  const check = () => {
    if (failure !== void 0) throw failure;
    if (out.destroyed) throw new Error("the archive output was closed");
  };
  return {
    async write(bytes) {
      check();
      if (!out.write(Buffer.from(bytes))) {
        await drainedOrClosed(out);
        check();
      }
    },
    async end() {
      check();
      out.end();
      if (!out.writableFinished) await once(out, "finish");
    },
    abort(err) {
      out.destroy(err);
    }
  };
}
function drainedOrClosed(out) {
  return new Promise((resolve) => {
    const done = () => {
      out.off("drain", done);
      out.off("close", done);
      resolve();
    };
    out.on("drain", done);
    out.on("close", done);
  });
}

// src/cache/load/tar-header.ts
var TAR_BLOCK = 512;
var TAR_END = Buffer.alloc(2 * TAR_BLOCK);
var OCTAL_SIZE_MAX = 8 ** 11 - 1;
function tarHeader(entry) {
  const name = entry.type === "directory" ? `${entry.name.replace(/\/$/, "")}/` : entry.name;
  if (Buffer.byteLength(name) > 100) {
    throw new Error(`tar entry name longer than 100 bytes: ${JSON.stringify(name)}`);
  }
  if (!Number.isSafeInteger(entry.size) || entry.size < 0) {
    throw new Error(`tar entry ${JSON.stringify(name)}: bad size ${entry.size}`);
  }
  const h = Buffer.alloc(TAR_BLOCK);
  h.write(name, 0, 100, "utf8");
  octal(h, 100, 8, entry.type === "directory" ? 493 : 420);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  if (entry.size <= OCTAL_SIZE_MAX) octal(h, 124, 12, entry.size);
  else base256(h, 124, 12, entry.size);
  octal(h, 136, 12, entry.mtime ?? 0);
  h.write(entry.type === "directory" ? "5" : "0", 156, 1, "ascii");
  h.write("ustar\x0000", 257, 8, "ascii");
  octal(h, 329, 8, 0);
  octal(h, 337, 8, 0);
  h.fill(32, 148, 156);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8, "ascii");
  return h;
}
function tarPadding(size) {
  const rest = size % TAR_BLOCK;
  return rest === 0 ? EMPTY : PADDING.subarray(0, TAR_BLOCK - rest);
}
var EMPTY = Buffer.alloc(0);
var PADDING = Buffer.alloc(TAR_BLOCK);
function octal(h, offset, length, value2) {
  h.write(`${value2.toString(8).padStart(length - 1, "0")}\0`, offset, length, "ascii");
}
function base256(h, offset, length, value2) {
  let v = BigInt(value2);
  for (let i = offset + length - 1; i > offset; i--) {
    h[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  h[offset] = 128;
}

// src/cache/load/archive.ts
function dockerManifestJson(plans) {
  return JSON.stringify(
    plans.map((p) => ({
      Config: blobName(p.config),
      RepoTags: p.tags,
      Layers: p.layers.map(blobName)
    }))
  );
}
function repositoriesJson(plans) {
  const repos = {};
  for (const p of plans) {
    const id = digestHex(p.config);
    for (const t of p.tags) {
      const { name, tag } = splitTag(t);
      (repos[name] ??= {})[tag] = id;
    }
  }
  return JSON.stringify(repos);
}
function blobName(digest) {
  return `blobs/sha256/${digestHex(digest)}`;
}
var UncompressedSizeError = class extends Error {
  constructor(digest, where2) {
    super(`${where2}: decompressed size differs from the gzip trailer's`);
    this.digest = digest;
    this.name = "UncompressedSizeError";
  }
  digest;
};
async function writeArchive(store, images, out, options = {}) {
  const plans = [];
  for (const i of images) plans.push(await planImage(store, i.content, i.tags, options));
  const sink = archiveSink(out);
  const stats = { blobBytes: 0, blobs: 0 };
  try {
    const indexEntries = plans.map((p) => layoutDescriptor(p.manifest, p.ref));
    await addBytes(sink, "oci-layout", Buffer.from(OCI_LAYOUT_CONTENT));
    await addBytes(sink, "index.json", Buffer.from(ociIndexJson(indexEntries)));
    await addBytes(sink, "manifest.json", Buffer.from(dockerManifestJson(plans)));
    await addBytes(sink, "repositories", Buffer.from(repositoriesJson(plans)));
    await sink.write(tarHeader({ name: "blobs", type: "directory", size: 0 }));
    await sink.write(tarHeader({ name: "blobs/sha256", type: "directory", size: 0 }));
    const buffers = new ChunkBuffers();
    const seen = /* @__PURE__ */ new Set();
    for (const plan of plans) {
      for (const blob of plan.blobs) {
        if (seen.has(blob.digest)) continue;
        seen.add(blob.digest);
        stats.blobBytes += await addBlob(sink, store, blob, buffers);
        stats.blobs++;
      }
    }
    await sink.write(TAR_END);
    await sink.end();
  } catch (err) {
    sink.abort(err);
    throw err;
  }
  return stats;
}
var ChunkBuffers = class {
  pair = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  turn = 0;
  next() {
    this.turn ^= 1;
    return this.pair[this.turn];
  }
};
var CHUNK = 1 << 20;
async function addBytes(sink, name, bytes) {
  await sink.write(tarHeader({ name, type: "file", size: bytes.length }));
  await sink.write(bytes);
  await sink.write(tarPadding(bytes.length));
}
async function addBlob(sink, store, blob, buffers) {
  const name = blobName(blob.digest);
  const source = blob.source;
  if (source.kind === "bytes") {
    await addBytes(sink, name, source.bytes);
    return source.bytes.length;
  }
  if (source.kind === "gunzip") {
    const file2 = store.blobs.blobPath(source.stored);
    const sizeError = () => new UncompressedSizeError(source.stored, file2);
    await sink.write(tarHeader({ name, type: "file", size: blob.size }));
    let seen = 0;
    const inflate = createGunzip({ chunkSize: CHUNK });
    const reading = pipeline(createReadStream2(file2, { highWaterMark: CHUNK }), inflate);
    reading.catch(() => void 0);
    for await (const chunk of inflate) {
      seen += chunk.length;
      if (seen > blob.size) throw sizeError();
      await sink.write(chunk);
    }
    await reading;
    if (seen !== blob.size) throw sizeError();
    await sink.write(tarPadding(blob.size));
    return blob.size;
  }
  const file = store.blobs.blobPath(blob.digest);
  const handle = await open2(file, "r");
  try {
    const { size } = await handle.stat();
    await sink.write(tarHeader({ name, type: "file", size }));
    const hash = source.verify ? createHash5("sha256") : void 0;
    let offset = 0;
    let writing = Promise.resolve();
    while (offset < size) {
      const buffer = buffers.next();
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, size - offset), offset);
      await writing;
      if (bytesRead === 0) throw new Error(`${file}: ended at ${offset} of ${size} bytes`);
      const chunk = buffer.subarray(0, bytesRead);
      offset += bytesRead;
      hash?.update(chunk);
      if (hash !== void 0 && offset === size) {
        const actual = `sha256:${hash.digest("hex")}`;
        if (actual !== blob.digest) {
          await store.blobs.remove(blob.digest);
          throw new BlobDigestError(blob.digest, actual, size, file);
        }
      }
      writing = sink.write(chunk);
    }
    await writing;
    await sink.write(tarPadding(size));
    return size;
  } finally {
    await handle.close();
  }
}

// src/cache/load/docker-cli.ts
import { closeSync, constants, openSync } from "node:fs";
import { mkdtemp, open as open3, rm as rm2 } from "node:fs/promises";
import os3 from "node:os";
import path5 from "node:path";
async function runDocker(cli, args) {
  const options = { silent: true, ignoreReturnCode: true };
  if (cli.env !== void 0) options.env = cli.env;
  return getExecOutput(cli.command ?? "docker", args, options);
}
async function dockerAvailable(cli) {
  try {
    const r = await runDocker(cli, ["version", "--format", "{{.Server.Version}}"]);
    return r.exitCode === 0 && r.stdout.trim() !== "";
  } catch {
    return false;
  }
}
async function dockerLoadStream(cli, write) {
  const dir = await mkdtemp(path5.join(os3.tmpdir(), "hubcap-load-"));
  const fifo = path5.join(dir, "image.tar");
  try {
    const made = await getExecOutput("mkfifo", ["-m", "600", fifo], {
      silent: true,
      ignoreReturnCode: true
    });
    if (made.exitCode !== 0) {
      throw new Error(`mkfifo ${JSON.stringify(fifo)} failed: ${made.stderr.trim()}`);
    }
    const state = { opened: false };
    let writeError;
    const writing = open3(fifo, "w").then(async (handle) => {
      state.opened = true;
      try {
        await write(handle);
      } finally {
        await handle.close();
      }
    }).catch((err) => {
      writeError = err;
    });
    let run;
    try {
      run = await runDocker(cli, ["load", "-i", fifo]);
    } catch (err) {
      run = { exitCode: -1, stdout: "", stderr: err.message };
    }
    for (let i = 0; i < 250 && !state.opened; i++) {
      releaseWriter(fifo);
      await new Promise((r) => setTimeout(r, 20));
    }
    await writing;
    return writeError === void 0 ? run : { ...run, writeError };
  } finally {
    await rm2(dir, { recursive: true, force: true });
  }
}
function releaseWriter(fifo) {
  try {
    closeSync(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
  } catch {
  }
}

// src/cache/load/engine-api.ts
var import_undici2 = __toESM(require_undici(), 1);
import { existsSync, readFileSync } from "node:fs";
import os4 from "node:os";
import path6 from "node:path";
import { PassThrough as PassThrough2 } from "node:stream";
var DEFAULT_DOCKER_SOCKET = "/var/run/docker.sock";
function localEngineSocket(cli) {
  if (cli.command !== void 0 && path6.basename(cli.command) !== "docker") return void 0;
  const env = cli.env ?? process.env;
  const host = env["DOCKER_HOST"];
  if (host !== void 0 && host !== "") {
    return host.startsWith("unix://") ? host.slice("unix://".length) : void 0;
  }
  if ((env["DOCKER_CONTEXT"] ?? "") !== "" || currentContext(env) !== void 0) return void 0;
  return existsSync(DEFAULT_DOCKER_SOCKET) ? DEFAULT_DOCKER_SOCKET : void 0;
}
function currentContext(env) {
  const dir = env["DOCKER_CONFIG"] || path6.join(env["HOME"] || os4.homedir(), ".docker");
  try {
    const config = JSON.parse(readFileSync(path6.join(dir, "config.json"), "utf8"));
    const name = config.currentContext;
    return typeof name === "string" && name !== "" && name !== "default" ? name : void 0;
  } catch {
    return void 0;
  }
}
async function engineLoadStream(socket, write) {
  const body = new PassThrough2({ highWaterMark: 1 << 20 });
  const abort = new AbortController();
  let writeError;
  const writing = write(body).catch((err) => {
    writeError = err;
    abort.abort(err);
  });
  const run = await onEngine(socket, async (dispatcher) => {
    try {
      const res = await (0, import_undici2.request)("http://docker/images/load?quiet=1", {
        method: "POST",
        headers: { "content-type": "application/x-tar" },
        body,
        dispatcher,
        signal: abort.signal
      });
      return loadAnswer(res.statusCode, await res.body.text());
    } catch (err) {
      return { exitCode: 1, stdout: "", stderr: err.message };
    }
  });
  if (run.exitCode !== 0) body.destroy(new Error(`docker load failed: ${run.stderr}`));
  await writing;
  return writeError === void 0 ? run : { ...run, writeError };
}
async function engineImageTags(socket, ids) {
  const out = /* @__PURE__ */ new Map();
  await onEngine(socket, async (dispatcher) => {
    for (const id of ids) {
      const res = await (0, import_undici2.request)(`http://docker/images/${encodeURIComponent(id)}/json`, {
        dispatcher
      });
      if (res.statusCode !== 200) {
        await res.body.dump();
        continue;
      }
      const image = await res.body.json();
      const tags = Array.isArray(image.RepoTags) ? image.RepoTags : [];
      out.set(
        String(image.Id),
        tags.filter((t) => typeof t === "string")
      );
    }
  }).catch(() => void 0);
  return out;
}
async function onEngine(socket, fn) {
  const agent = new import_undici2.Agent({ connect: { socketPath: socket } });
  try {
    return await fn(agent);
  } finally {
    await agent.close().catch(() => void 0);
  }
}
function loadAnswer(status, text) {
  const lines = [];
  let error;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      error ??= line.trim();
      continue;
    }
    if (typeof message.stream === "string") lines.push(message.stream.trimEnd());
    const problem = message.error ?? (status >= 400 ? message.message : void 0);
    if (typeof problem === "string") error ??= problem;
  }
  if (status >= 400) error ??= `HTTP ${status}`;
  const stdout = lines.length > 0 ? `${lines.join("\n")}
` : "";
  return error === void 0 ? { exitCode: 0, stdout, stderr: "" } : { exitCode: 1, stdout, stderr: error };
}

// src/cache/load/load-images.ts
async function loadImages(store, images, options = {}) {
  const cli = options.docker ?? {};
  const warnings = [];
  const outcomes = [];
  const toLoad = [];
  const contents = [];
  for (const image of images) {
    const outcome = {
      ref: image.ref,
      platform: image.platform,
      imageId: void 0,
      status: "failed",
      tags: [],
      bytes: 0
    };
    outcomes.push(outcome);
    const content = await store.content(image);
    if (content === void 0) {
      outcome.error = `${image.ref}: manifest ${image.manifest} is not in the store`;
      continue;
    }
    outcome.imageId = content.manifest.config.digest;
    let tags;
    try {
      tags = dockerTags([image.ref, image.source]);
    } catch (err) {
      outcome.error = err.message;
      continue;
    }
    if (tags.length === 0) {
      warnings.push({
        message: `${image.ref}: docker load cannot record a digest-only reference; the image is loaded untagged and a pull by digest still goes to the registry`
      });
    }
    contents.push({ outcome, content, tags });
  }
  const socket = options.via === "cli" ? void 0 : localEngineSocket(cli);
  const ids = [...new Set(contents.map((c) => c.content.manifest.config.digest))];
  const present = socket !== void 0 ? await engineImageTags(socket, ids) : await daemonTags(cli, ids);
  for (const c of contents) {
    const have = present.get(c.content.manifest.config.digest);
    if (have === void 0) {
      c.outcome.tags = c.tags;
      toLoad.push({ outcome: c.outcome, archive: { content: c.content, tags: c.tags } });
      continue;
    }
    const missing = c.tags.filter((t) => !have.includes(t));
    const failedTags = [];
    for (const tag of missing) {
      const r = await runDocker(cli, ["tag", c.content.manifest.config.digest, tag]);
      if (r.exitCode !== 0) failedTags.push(`${tag}: ${r.stderr.trim()}`);
    }
    c.outcome.tags = [...have.filter((t) => t !== "<none>:<none>"), ...missing];
    if (failedTags.length > 0) {
      c.outcome.error = `docker tag failed: ${failedTags.join("; ")}`;
    } else {
      c.outcome.status = missing.length === 0 ? "present" : "tagged";
    }
  }
  const result = { outcomes, warnings, corrupt: [] };
  if (toLoad.length > 0) {
    await streamLoad(store, { cli, socket }, toLoad, result, options.verify ?? "docker");
  }
  const used = outcomes.filter((o) => o.status !== "failed");
  await store.touch(used, options.now ?? /* @__PURE__ */ new Date());
  return result;
}
async function streamLoad(store, target, toLoad, result, verify) {
  const seen = /* @__PURE__ */ new Set();
  for (const { outcome, archive } of toLoad) {
    const c = archive.content;
    for (const d of [c.manifestDescriptor, c.manifest.config, ...c.manifest.layers]) {
      if (seen.has(d.digest)) continue;
      seen.add(d.digest);
      outcome.bytes += d.size;
    }
  }
  const archives = toLoad.map((t) => t.archive);
  const load = (layers) => {
    const write = (out) => writeArchive(store, archives, out, {
      verify: verify === "stream" ? "all" : "metadata",
      layers
    });
    return target.socket !== void 0 ? engineLoadStream(target.socket, write) : dockerLoadStream(target.cli, write);
  };
  let run = await load(verify === "docker" ? "uncompressed" : "stored");
  if (run.writeError instanceof UncompressedSizeError) run = await load("stored");
  let failure;
  if (run.writeError instanceof BlobDigestError) {
    result.corrupt.push(run.writeError.digest);
    failure = `corrupt blob in the store (deleted; pull again): ${run.writeError.message}`;
  } else if (run.exitCode !== 0) {
    failure = `docker load failed (exit ${run.exitCode}): ${lastLine(run.stderr || run.stdout)}`;
  } else if (run.writeError !== void 0) {
    failure = `streaming the archive failed: ${run.writeError.message}`;
  }
  if (failure !== void 0 && verify === "docker") {
    const corrupt = await findCorrupt(
      store,
      toLoad.map((t) => t.archive)
    );
    if (corrupt.length > 0) {
      result.corrupt.push(...corrupt);
      const blobs = corrupt.join(", ");
      failure = `corrupt blob in the store (deleted; pull again): ${blobs}; ${failure}`;
    }
  }
  for (const { outcome } of toLoad) {
    if (failure === void 0) {
      outcome.status = "loaded";
    } else {
      outcome.error = failure;
      outcome.bytes = 0;
    }
  }
}
async function findCorrupt(store, images) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const { content: c } of images) {
    for (const d of [c.manifestDescriptor, c.manifest.config, ...c.manifest.layers]) {
      if (seen.has(d.digest)) continue;
      seen.add(d.digest);
      if (await store.blobs.size(d.digest) === void 0) continue;
      if (!await store.blobs.verify(d.digest)) out.push(d.digest);
    }
  }
  return out;
}
async function daemonTags(cli, ids) {
  const out = /* @__PURE__ */ new Map();
  if (ids.length === 0) return out;
  const r = await runDocker(cli, [
    "image",
    "inspect",
    "--format",
    "{{.Id}} {{json .RepoTags}}",
    ...ids
  ]).catch(() => void 0);
  if (r === void 0) return out;
  for (const line of r.stdout.split("\n")) {
    const space = line.indexOf(" ");
    if (space < 0) continue;
    const id = line.slice(0, space);
    try {
      const tags = JSON.parse(line.slice(space + 1));
      out.set(id, Array.isArray(tags) ? tags.filter((t) => typeof t === "string") : []);
    } catch {
      out.set(id, []);
    }
  }
  return out;
}
function lastLine(text) {
  const lines = text.trim().split("\n");
  return lines[lines.length - 1] ?? "";
}

// src/cache/persist/choose-backend.ts
import os5 from "node:os";
import path7 from "node:path";
var NAMES = ["auto", "actions", "tool-cache", "local", "off"];
function parseCacheBackend(value2, input = "cache-backend") {
  const v = value2.trim().toLowerCase();
  if (v === "") return "auto";
  if (NAMES.includes(v)) return v;
  throw new Error(`${input}: expected one of ${NAMES.join(", ")}, got ${JSON.stringify(value2)}`);
}
function resolveBackend(backend, env) {
  if (backend !== "auto") return backend;
  if (env["RUNNER_ENVIRONMENT"] === "self-hosted" && nonEmpty(env["RUNNER_TOOL_CACHE"])) {
    return "tool-cache";
  }
  if (nonEmpty(env["ACTIONS_RESULTS_URL"]) || nonEmpty(env["ACTIONS_CACHE_URL"])) return "actions";
  return "local";
}
function defaultStoreDir(env, home = os5.homedir()) {
  const xdg = env["XDG_CACHE_HOME"];
  const base = nonEmpty(xdg) ? xdg : path7.join(home, ".cache");
  return path7.join(base, "hubcap", "layers");
}
function nonEmpty(v) {
  return v !== void 0 && v !== "";
}

// src/cache/persist/persist.ts
import { mkdir as mkdir3 } from "node:fs/promises";
import os7 from "node:os";
import path10 from "node:path";

// src/cache/persist/actions-backend.ts
async function restoreFromActions(dir, primaryKey, keys) {
  try {
    const cache = await import("./cache-GGPO2N4D.js");
    if (!cache.isFeatureAvailable()) {
      return { matchedKey: void 0, error: "the Actions cache service is not configured" };
    }
    return { matchedKey: await cache.restoreCache([dir], primaryKey, keys) };
  } catch (err) {
    return {
      matchedKey: void 0,
      error: `restore of ${JSON.stringify(primaryKey)} failed: ${err.message}`
    };
  }
}
async function saveToActions(dir, key) {
  try {
    const cache = await import("./cache-GGPO2N4D.js");
    if (!cache.isFeatureAvailable()) {
      return { saved: false, error: "the Actions cache service is not configured" };
    }
    const id = await cache.saveCache([dir], key);
    if (id === -1) {
      return {
        saved: false,
        error: `could not save key ${JSON.stringify(key)} (the cache service refused or failed)`
      };
    }
    return { saved: true };
  } catch (err) {
    return {
      saved: false,
      error: `save of ${JSON.stringify(key)} failed: ${err.message}`
    };
  }
}

// src/cache/persist/blob-snapshot.ts
import { readFile as readFile5, writeFile as writeFile4 } from "node:fs/promises";
import path8 from "node:path";
var SNAPSHOT_FILE = "hubcap-restored-blobs.json";
async function writeBlobSnapshot(blobs) {
  const digests = [...(await blobs.list()).keys()].sort();
  await writeFile4(path8.join(blobs.root, SNAPSHOT_FILE), `${JSON.stringify(digests)}
`);
}
async function blobsAddedSinceSnapshot(blobs) {
  const now = [...(await blobs.list()).keys()];
  let before = /* @__PURE__ */ new Set();
  try {
    const parsed = JSON.parse(await readFile5(path8.join(blobs.root, SNAPSHOT_FILE), "utf8"));
    if (Array.isArray(parsed)) before = new Set(parsed.filter((d) => typeof d === "string"));
  } catch {
  }
  return now.filter((d) => !before.has(d)).sort();
}

// src/cache/persist/cache-key.ts
import { createHash as createHash6 } from "node:crypto";
var DEFAULT_KEY_PREFIX = "hubcap-layers-v1";
function cacheKey(platform, manifestDigests, prefix = DEFAULT_KEY_PREFIX) {
  const sorted = [...new Set(manifestDigests)].sort();
  const hash = createHash6("sha256").update(sorted.join("\n")).digest("hex").slice(0, 16);
  return `${keyBase(platform, prefix)}${hash}`;
}
function restoreKeys(platform, prefix = DEFAULT_KEY_PREFIX) {
  return [keyBase(platform, prefix)];
}
function keyBase(platform, prefix) {
  const slug = platform.replace(/[^A-Za-z0-9._-]+/g, "-");
  return `${prefix}-${slug}-`;
}

// src/cache/persist/tool-cache-backend.ts
import { mkdtemp as mkdtemp2, rm as rm3 } from "node:fs/promises";
import os6 from "node:os";
import path9 from "node:path";
var TOOL_NAME = "hubcap-layers";
var TOOL_VERSION = "1.0.0";
async function openToolCacheStore(arch = os6.arch()) {
  const tc = await import("./tool-cache-4MCOXIRG.js");
  const found = tc.find(TOOL_NAME, TOOL_VERSION, arch);
  if (found !== "") return { dir: found, existed: true };
  const empty = await mkdtemp2(path9.join(os6.tmpdir(), "hubcap-empty-"));
  try {
    const dir = await tc.cacheDir(empty, TOOL_NAME, TOOL_VERSION, arch);
    return { dir, existed: false };
  } finally {
    await rm3(empty, { recursive: true, force: true });
  }
}

// src/cache/persist/persist.ts
async function restoreStore(options) {
  const warnings = [];
  const backend = resolveBackend(options.backend, options.env);
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  let dir = options.dir ?? defaultStoreDir(options.env);
  const state = { backend, dir };
  let message;
  switch (backend) {
    case "actions": {
      const primaryKey = cacheKey(options.platform, options.manifestDigests, prefix);
      state.primaryKey = primaryKey;
      const made = await mkdir3(dir, { recursive: true }).then(
        () => void 0,
        (err) => err.message
      );
      const r = made === void 0 ? await restoreFromActions(dir, primaryKey, restoreKeys(options.platform, prefix)) : { matchedKey: void 0, error: `cannot create ${dir}: ${made}` };
      if (r.error !== void 0) warnings.push({ message: `layer cache: ${r.error}` });
      state.matchedKey = r.matchedKey;
      message = r.matchedKey === void 0 ? `no Actions cache entry for ${primaryKey}` : r.matchedKey === primaryKey ? `restored Actions cache ${primaryKey}` : `restored Actions cache ${r.matchedKey} (partial: wanted ${primaryKey})`;
      break;
    }
    case "tool-cache": {
      try {
        const tc = await openToolCacheStore();
        dir = tc.dir;
        state.dir = dir;
        message = tc.existed ? `using the store in the runner's tool cache: ${dir}` : `created a store in the runner's tool cache: ${dir}`;
      } catch (err) {
        const fallback = path10.join(options.env["RUNNER_TEMP"] || os7.tmpdir(), "hubcap-layers");
        warnings.push({
          message: `layer cache: tool cache unusable (${err.message}); using ${fallback}`
        });
        dir = fallback;
        state.dir = dir;
        state.backend = "local";
        message = `using a temporary store: ${dir}`;
      }
      break;
    }
    case "local":
      if (options.dir === void 0) {
        warnings.push({ message: `layer cache: no store folder given; using ${dir}` });
      }
      message = `using the store in ${dir}`;
      break;
    case "off":
      message = "layer cache persistence is off";
      break;
  }
  let hit = "false";
  try {
    const store = await CacheStore.open(dir);
    warnings.push(...store.warnings.map((w) => ({ message: `layer cache: ${w.message}` })));
    hit = await manifestHit(store, options.manifestDigests);
    await writeBlobSnapshot(store.blobs);
  } catch (err) {
    warnings.push({
      message: `layer cache: cannot open the store ${dir}: ${err.message}`
    });
  }
  return { state, hit, message, warnings };
}
async function manifestHit(store, digests) {
  const unique = [...new Set(digests)];
  if (unique.length === 0) return "false";
  let have = 0;
  for (const d of unique) if (await store.blobs.has(d)) have++;
  return have === unique.length ? "true" : have > 0 ? "partial" : "false";
}
async function saveStore(state) {
  const warnings = [];
  let added = [];
  try {
    const store = await CacheStore.open(state.dir);
    added = await blobsAddedSinceSnapshot(store.blobs);
  } catch (err) {
    return {
      saved: false,
      newBlobs: 0,
      message: `not saved: cannot read the store ${state.dir}`,
      warnings: [{ message: `layer cache: cannot read ${state.dir}: ${err.message}` }]
    };
  }
  const newBlobs = added.length;
  if (state.backend !== "actions") {
    const where2 = state.backend === "off" ? "persistence is off" : "the store is kept in place";
    return { saved: false, newBlobs, message: `nothing to save: ${where2}`, warnings };
  }
  const key = state.primaryKey;
  if (key === void 0) {
    return { saved: false, newBlobs, message: "not saved: no cache key", warnings };
  }
  if (newBlobs === 0) {
    return { saved: false, newBlobs, key, message: "not saved: no new blobs", warnings };
  }
  if (state.matchedKey === key) {
    return {
      saved: false,
      newBlobs,
      key,
      message: `not saved: ${key} already exists (cache keys are immutable)`,
      warnings
    };
  }
  const r = await saveToActions(state.dir, key);
  if (!r.saved) {
    warnings.push({ message: `layer cache: ${r.error ?? "not saved"}` });
    return { saved: false, newBlobs, key, message: `not saved: ${r.error}`, warnings };
  }
  return { saved: true, newBlobs, key, message: `saved ${newBlobs} new blobs as ${key}`, warnings };
}

// src/cache/run.ts
async function pullAndLoad(store, images, options) {
  let pull = await pullImages(store, images, options);
  const warnings = [];
  let load;
  if (options.load !== false) {
    const loadable = () => pull.images.filter((r) => r.status !== "failed").map((r) => store.find(r.ref, r.platform)).filter((x) => x !== void 0);
    load = await loadImages(store, loadable(), { docker: options.docker, now: options.now });
    if (load.corrupt.length > 0) {
      warnings.push({
        message: `corrupt blobs in the layer cache (${load.corrupt.join(", ")}); pulled again`
      });
      const again = await pullImages(store, images, { ...options, verify: "full" });
      pull = mergePulls(pull, again);
      load = await loadImages(store, loadable(), { docker: options.docker, now: options.now });
    }
    warnings.push(...load.warnings);
  }
  for (const r of pull.images) warnings.push(...r.warnings);
  return {
    pull,
    load,
    hit: cacheHit(pull),
    bytesPulled: pull.images.reduce((n, r) => n + r.bytesPulled, 0),
    warnings
  };
}
function cacheHit(pull) {
  const rs = pull.images;
  if (rs.length > 0 && rs.every((r) => r.status === "hit")) return "true";
  if (rs.some((r) => r.status === "hit" || r.status === "partial")) return "partial";
  return "false";
}
function mergePulls(first, second) {
  return {
    newBlobs: first.newBlobs + second.newBlobs,
    images: second.images.map((r, i) => {
      const before = first.images[i];
      if (before === void 0) return r;
      return {
        ...r,
        bytesPulled: before.bytesPulled + r.bytesPulled,
        manifestGets: before.manifestGets + r.manifestGets,
        status: r.status === "hit" && before.status !== "failed" ? before.status : r.status,
        warnings: [...before.warnings, ...r.warnings]
      };
    })
  };
}

// src/cache/inventory.ts
async function storeInventory(store) {
  const sizes = await store.blobs.list();
  const images = [];
  for (const image of store.list()) {
    const content = await store.content(image);
    let bytes = 0;
    let missingBlobs = 0;
    for (const b of content?.blobs ?? []) {
      const size = sizes.get(b.digest);
      if (size === void 0) missingBlobs++;
      else bytes += size;
    }
    if (content === void 0) missingBlobs++;
    images.push({ ...image, bytes, missingBlobs });
  }
  let totalBytes = 0;
  for (const s of sizes.values()) totalBytes += s;
  return { images, totalBytes, blobs: sizes.size };
}

// src/cache/size.ts
var UNITS = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4
};
var DEFAULT_CACHE_MAX_BYTES = 2 * 1024 ** 3;
function parseByteSize(text, input = "cache-max-size") {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[(m[2] ?? "").toLowerCase()] : void 0;
  if (!m || unit === void 0) {
    throw new Error(
      `${input}: expected a size such as 2GB, 500MB or a byte count, got ${JSON.stringify(text)}`
    );
  }
  return Math.floor(Number(m[1]) * unit);
}
function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value2 = bytes / 1024;
  let i = 0;
  while (value2 >= 1024 && i < units.length - 1) {
    value2 /= 1024;
    i++;
  }
  return `${value2.toFixed(1)} ${units[i]}`;
}

// src/quota/parse.ts
function getHeader(headers, name) {
  if (headers instanceof Headers) return headers.get(name) ?? void 0;
  const values = [];
  for (const [key, value2] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value2 === void 0) continue;
    values.push(...Array.isArray(value2) ? value2 : [value2]);
  }
  return values.length > 0 ? values.join(", ") : void 0;
}
function parseValue(name, value2) {
  const items = value2.split(",").map((x) => x.trim()).filter((x) => x !== "");
  let count;
  let window;
  let problem;
  const policies = [];
  items.forEach((item, index) => {
    const [head = "", ...params] = item.split(";").map((x) => x.trim());
    const isInt = /^\d+$/.test(head);
    if (index === 0) {
      if (isInt) count = Number(head);
      else problem = `${name}: no count in ${JSON.stringify(value2)}`;
    }
    for (const p of params) {
      const m = /^w\s*=\s*(\d+)$/i.exec(p);
      if (m && window === void 0) window = Number(m[1]);
    }
    if (params.length > 0 && isInt) policies.push(item);
  });
  if (items.length === 0) problem = `${name}: empty value ${JSON.stringify(value2)}`;
  return { count, window, policies, problem };
}
function parseRateLimit(headers) {
  const limitRaw = getHeader(headers, "ratelimit-limit");
  const remainingRaw = getHeader(headers, "ratelimit-remaining");
  const sourceRaw = getHeader(headers, "docker-ratelimit-source")?.trim();
  const source = sourceRaw === void 0 || sourceRaw === "" ? void 0 : sourceRaw;
  if (limitRaw === void 0 && remainingRaw === void 0) {
    return { present: false, source, policies: [], malformed: false, problems: [] };
  }
  const problems = [];
  const limit = limitRaw !== void 0 ? parseValue("ratelimit-limit", limitRaw) : void 0;
  const remaining = remainingRaw !== void 0 ? parseValue("ratelimit-remaining", remainingRaw) : void 0;
  if (limit === void 0) problems.push("ratelimit-limit: missing");
  else if (limit.problem !== void 0) problems.push(limit.problem);
  if (remaining === void 0) problems.push("ratelimit-remaining: missing");
  else if (remaining.problem !== void 0) problems.push(remaining.problem);
  return {
    present: true,
    limit: limit?.count,
    remaining: remaining?.count,
    windowSeconds: limit?.window ?? remaining?.window,
    source,
    policies: limit?.policies ?? [],
    malformed: problems.length > 0,
    problems
  };
}

// src/quota/probe.ts
var PROBE_REPOSITORY = "ratelimitpreview/test";
async function probeQuota(options) {
  const http = {
    ...DEFAULT_HTTP_SETTINGS,
    timeoutMs: options.timeoutMs ?? 15e3,
    retries: options.retries ?? 2,
    retryBaseMs: options.retryBaseMs ?? DEFAULT_HTTP_SETTINGS.retryBaseMs,
    userAgent: options.userAgent ?? DEFAULT_HTTP_SETTINGS.userAgent,
    transport: options.transport ?? undiciTransport,
    log: options.log
  };
  const hasCredentials = options.username !== void 0 && options.username !== "" && options.token !== void 0 && options.token !== "";
  const credentials = hasCredentials ? { username: options.username, password: options.token } : void 0;
  const secrets = credentials !== void 0 ? [credentials.password] : [];
  const registry = new URL(options.endpoints.registry).host;
  const context = { registry, repository: PROBE_REPOSITORY, reference: "latest" };
  const unreachable = (error) => ({
    status: "unreachable",
    policies: [],
    authenticated: false,
    error: redact(error, secrets)
  });
  let token;
  try {
    const issued = await fetchToken(
      {
        realm: options.endpoints.auth,
        service: DOCKER_HUB_SERVICE,
        scopes: [`repository:${PROBE_REPOSITORY}:pull`]
      },
      { http, credentials, context }
    );
    token = issued.token;
  } catch (err) {
    return unreachable(err instanceof RegistryError ? err.message : String(err));
  }
  secrets.push(token);
  const registryBase = options.endpoints.registry.replace(/\/+$/, "");
  let res;
  try {
    res = await send(
      {
        method: "HEAD",
        url: `${registryBase}/v2/${PROBE_REPOSITORY}/manifests/latest`,
        headers: { accept: MANIFEST_ACCEPT },
        authorization: `Bearer ${token}`,
        context
      },
      http
    );
  } catch (err) {
    return unreachable(err instanceof RegistryError ? err.message : String(err));
  }
  const authenticated = credentials !== void 0;
  const parsed = parseRateLimit(res.headers);
  const base = {
    limit: parsed.limit,
    remaining: parsed.remaining,
    windowSeconds: parsed.windowSeconds,
    source: parsed.source,
    policies: parsed.policies,
    authenticated
  };
  if (res.status === 429 && classify429(res.body.toString("utf8")) === "pull-limit") {
    const remaining = parsed.remaining ?? 0;
    return { ...base, status: "limited", remaining, error: "pull rate limit reached" };
  }
  if (res.status !== 200) {
    const entry = parseErrorBody(res.body.toString("utf8"))[0];
    const why = new RegistryError(context, {
      kind: res.status === 429 ? "abuse-limit" : res.status >= 500 ? "server" : "http",
      status: res.status,
      code: entry?.code || void 0,
      detail: entry?.message || "quota probe failed"
    });
    if (!parsed.present) return unreachable(why.message);
    return {
      ...base,
      status: parsed.malformed ? "malformed" : "limited",
      error: redact(why.message, secrets)
    };
  }
  if (!parsed.present) return { ...base, status: "unlimited" };
  if (parsed.malformed) {
    return {
      ...base,
      status: "malformed",
      error: `rate-limit headers present but malformed: ${parsed.problems.join("; ")}`
    };
  }
  return { ...base, status: "limited" };
}

// src/quota/pulls.ts
function pullsUsed(before, after) {
  if (before.remaining === void 0 || after.remaining === void 0) return void 0;
  if (before.windowSeconds !== after.windowSeconds) return void 0;
  if (before.limit !== after.limit) return void 0;
  if (before.authenticated !== after.authenticated) return void 0;
  if (before.source !== void 0 && after.source !== void 0 && before.source !== after.source) {
    return void 0;
  }
  const used = before.remaining - after.remaining;
  return used >= 0 ? used : void 0;
}
function isQuotaBelow(report, threshold) {
  return report.status === "limited" && report.remaining !== void 0 && report.remaining < threshold;
}

// src/report/quota.ts
var SHARED_IP_NOTE = "Anonymous quota is counted per IP address (or IPv6 /64): on a shared runner IP it also counts other jobs' pulls.";
function formatWindow(seconds) {
  if (seconds === void 0) return "unknown";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor(seconds % 3600 / 60);
  const s = seconds % 60;
  const parts = [h ? `${h} h` : "", m ? `${m} min` : "", s || !h && !m ? `${s} s` : ""];
  return parts.filter(Boolean).join(" ");
}
function quotaLine(report) {
  const who = report.authenticated ? "authenticated" : "anonymous";
  switch (report.status) {
    case "limited":
      return `Docker Hub quota (${who}): ${report.remaining ?? "?"} of ${report.limit ?? "?"} pulls left in a ${formatWindow(report.windowSeconds)} window` + (report.source ? `, counted against ${report.source}` : "");
    case "unlimited":
      return `Docker Hub quota (${who}): no rate-limit headers, so no pull limit applies.`;
    case "malformed":
      return `Docker Hub quota (${who}): the rate-limit headers were present but malformed (${report.error ?? "unreadable"}); quota unknown.`;
    case "unreachable":
      return `Docker Hub quota: Docker Hub could not be reached (${report.error ?? "unknown"}).`;
  }
}
var value = (n) => n === void 0 ? "unknown" : String(n);
function quotaSummary(before, after, used) {
  const parts = ["### Docker Hub pull quota"];
  if (before.status === "unreachable" && (after === void 0 || after.status === "unreachable")) {
    parts.push(`${quotaLine(after ?? before)} The quota is unknown; the job went on.`);
    return parts.join("\n\n") + "\n";
  }
  const rows = [
    ["Limit", value(before.limit), after ? value(after.limit) : ""],
    ["Remaining", value(before.remaining), after ? value(after.remaining) : ""],
    ["Window", formatWindow(before.windowSeconds), after ? formatWindow(after.windowSeconds) : ""],
    [
      "Counted against",
      before.source ? code(before.source) : "unknown",
      after?.source ? code(after.source) : after ? "unknown" : ""
    ]
  ];
  const header = after ? "| | Before the job | After the job |" : "| | Now |";
  const rule = after ? "| --- | --- | --- |" : "| --- | --- |";
  const lines = rows.map(([k, b, a]) => after ? `| ${k} | ${b} | ${a} |` : `| ${k} | ${b} |`);
  if (before.status === "unlimited") {
    parts.push("Docker Hub sent no rate-limit headers: no pull limit applies to this runner.");
  } else {
    parts.push([header, rule, ...lines].join("\n"));
  }
  if (after !== void 0) {
    parts.push(`Pulls used during the job: **${used === void 0 ? "unknown" : used}**.`);
  }
  for (const r of [before, after]) {
    if (r?.status === "malformed") parts.push(`Note: ${quotaLine(r)}`);
    if (r?.status === "unreachable") parts.push(`Note: ${quotaLine(r)}`);
  }
  if (!before.authenticated) parts.push(SHARED_IP_NOTE);
  return parts.join("\n\n") + "\n";
}

// src/engine/layer-cache.ts
var NOT_LOADED = /* @__PURE__ */ new Set([
  "syntax",
  "workflow-container",
  "workflow-service",
  "workflow-uses",
  "gitlab-ci"
]);
function imagesToCache(result) {
  const mirrored = new Map(result.rewritten.map((r) => [r.occurrence, r.to]));
  const images = /* @__PURE__ */ new Map();
  for (const o of result.scan.occurrences) {
    if (o.builtLocally || NOT_LOADED.has(o.kind)) continue;
    const original = o.ref.normalized;
    const to = mirrored.get(o);
    const sources = to === void 0 ? [original] : [parseReference(to).normalized, original];
    if (!images.has(original)) images.set(original, { ref: original, sources });
  }
  return [...images.values()];
}
async function runLayerCache(images, options) {
  const hosts = images.flatMap(
    (i) => (i.sources ?? [i.ref]).map((s) => parseReference(s).registry)
  );
  const client = await options.access.clientsFor(hosts);
  const platform = options.platform ?? defaultPlatform();
  const resolved = await resolveImages(images, { client });
  const restore = await restoreStore({
    backend: options.backend,
    env: options.env,
    dir: options.dir,
    manifestDigests: resolved.digests,
    platform: platformString(platform)
  });
  const warnings = [...restore.warnings];
  const load = options.load === "true" || options.load === "auto" && await dockerAvailable({});
  const store = await CacheStore.open(restore.state.dir);
  const result = await pullAndLoad(store, resolved.images, { client, platform, load });
  warnings.push(...result.warnings);
  return { restore, result, loaded: load, warnings };
}

export {
  Limiter,
  mapLimited,
  RegistryError,
  isDockerHubHost,
  loadDockerConfigCredentials,
  dockerHubEndpoints,
  isInsecureHost,
  RegistryClient,
  ANCHORED_DIGEST,
  InvalidReferenceError,
  familiarName,
  isDockerHubHost2,
  parseReference,
  tryParseReference,
  withTagDigest,
  sameHost,
  parseRule,
  parseMirror,
  mirrorName,
  mirroredString,
  ALREADY_MIRRORED,
  isAlreadyMirrored,
  resolveTarget,
  digestResolver,
  resolveDigests,
  findUnpinned,
  describeUnpinned,
  cell,
  code,
  markdownTable,
  formatTable,
  scanText,
  rewriteText,
  problemsText,
  plural,
  ConfigError,
  parseList,
  parseBoolean,
  parseChoice,
  parsePolicy,
  CacheStore,
  pruneStore,
  resolveImages,
  loadImages,
  parseCacheBackend,
  defaultStoreDir,
  saveStore,
  pullAndLoad,
  storeInventory,
  DEFAULT_CACHE_MAX_BYTES,
  parseByteSize,
  formatBytes,
  probeQuota,
  pullsUsed,
  isQuotaBelow,
  quotaLine,
  quotaSummary,
  imagesToCache,
  runLayerCache
};
