import { createRequire as __hubcapCreateRequire } from 'node:module';
const require = __hubcapCreateRequire(import.meta.url);

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
  return problems.map((p) => `${where(p.file, p.line)}: ${p.message}`).join("\n");
}
function countLine(count, noun, files) {
  return `${plural(count, noun)} in ${plural(files, "file")}`;
}
function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
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
function parseErrorBody(text2) {
  let parsed;
  try {
    parsed = JSON.parse(text2);
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
function redact(text2, secrets) {
  let out = text2;
  for (const s of secrets) {
    if (s.length > 3) out = out.split(s).join("***");
  }
  return out;
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
  let text2;
  try {
    text2 = await readFile(file, "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return void 0;
    throw err;
  }
  return parseDockerConfig(text2, file);
}
function parseDockerConfig(text2, file) {
  let parsed;
  try {
    parsed = JSON.parse(text2);
  } catch (err) {
    const message = err.message;
    const pos = /position (\d+)/.exec(message);
    const line = pos ? text2.slice(0, Number(pos[1])).split("\n").length : void 0;
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

// src/registry/http.ts
import { PassThrough, Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
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
      const init = { method, headers, redirect: "manual", signal: controller.signal };
      if (body !== void 0) init.body = body;
      const res = await settings.fetch(url, init);
      const location = res.headers.get("location");
      if (REDIRECTS.has(res.status) && location !== null) {
        await res.body?.cancel().catch(() => void 0);
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
      if (req.stream === true && res.status >= 200 && res.status < 300 && res.body !== null) {
        clearTimeout(timer);
        handedOff = true;
        const stream = idleTimeoutStream(res.body, controller, settings.timeoutMs);
        return { ...base, body: Buffer.alloc(0), stream };
      }
      const buffered = await readLimited(res, req.maxBodyBytes ?? DEFAULT_MAX_BODY, req);
      return { ...base, body: buffered };
    }
  } catch (err) {
    if (timedOut) throw new AttemptTimeout(`no response within ${settings.timeoutMs} ms`);
    throw err;
  } finally {
    if (!handedOff) clearTimeout(timer);
  }
}
async function readLimited(res, max, req) {
  if (res.body === null) return Buffer.alloc(0);
  const chunks = [];
  let total = 0;
  const reader = res.body.getReader();
  for (; ; ) {
    const { done: done2, value: value2 } = await reader.read();
    if (done2) break;
    total += value2.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => void 0);
      throw new RegistryError(req.context, {
        kind: "protocol",
        status: res.status,
        detail: `response body larger than ${max} bytes`
      });
    }
    chunks.push(Buffer.from(value2));
  }
  return Buffer.concat(chunks);
}
function idleTimeoutStream(body, controller, timeoutMs) {
  const source = Readable.fromWeb(body);
  const out = new PassThrough();
  let timer;
  const arm = () => {
    if (timer !== void 0) clearTimeout(timer);
    timer = setTimeout(() => {
      const err = new AttemptTimeout(`no data for ${timeoutMs} ms`);
      controller.abort(err);
      out.destroy(err);
    }, timeoutMs);
  };
  arm();
  source.on("data", arm);
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
    if (cause instanceof Error) {
      const code2 = cause.code;
      return code2 !== void 0 ? `${code2} (${cause.message})` : cause.message;
    }
    return err.message;
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
    transform(chunk, _enc, done2) {
      hash.update(chunk);
      count += chunk.length;
      if (options.size !== void 0 && count > options.size) {
        done2(
          new RegistryError(context, {
            kind: "digest-mismatch",
            detail: `blob ${digest} is longer than its ${options.size} bytes`
          })
        );
        return;
      }
      done2(null, chunk);
    },
    flush(done2) {
      if (options.size !== void 0 && count !== options.size) {
        done2(
          new RegistryError(context, {
            kind: "digest-mismatch",
            detail: `blob ${digest} ended after ${count} of ${options.size} bytes`
          })
        );
        return;
      }
      const actual = hash.digest("hex");
      if (actual !== hex) {
        done2(
          new RegistryError(context, {
            kind: "digest-mismatch",
            detail: `blob content hashes to ${algorithm}:${actual}, expected ${digest}`
          })
        );
        return;
      }
      done2();
    }
  });
  source.on("error", (err) => check.destroy(streamError(err, context)));
  check.on("close", () => {
    if (!source.destroyed) source.destroy();
  });
  source.pipe(check);
  return check;
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
function parsePlatform(text2) {
  const parts = text2.trim().split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((x) => x === "")) {
    throw new Error(`invalid platform ${JSON.stringify(text2)}: expected os/arch[/variant]`);
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
  const text2 = res.body.toString("utf8");
  if (res.status !== 200) {
    const entry = parseErrorBody(text2)[0];
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
    json = JSON.parse(text2);
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
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
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
    const text2 = res.body.toString("utf8");
    const entry = parseErrorBody(text2)[0];
    const status = res.status;
    let kind = "http";
    if (status === 401 || status === 403) kind = "auth";
    else if (status === 404) kind = "not-found";
    else if (status === 429) kind = classify429(text2);
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

// src/report/github/event.ts
import { readFile as readFile2 } from "node:fs/promises";
var PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"];
var isObject = (value2) => typeof value2 === "object" && value2 !== null && !Array.isArray(value2);
function field(value2, path2) {
  let current = value2;
  for (const key of path2) current = isObject(current) ? current[key] : void 0;
  return current;
}
function text(value2, path2) {
  const found = field(value2, path2);
  return typeof found === "string" && found !== "" ? found : void 0;
}
function readOnlyToken(event, payload, base, head) {
  if (event !== "pull_request") return void 0;
  if (head === void 0 || head.toLowerCase() !== base.toLowerCase()) {
    const from = head === void 0 ? "a deleted fork" : `the fork ${head}`;
    return {
      reason: "fork",
      detail: `this pull request comes from ${from}, so the job's token is read-only`
    };
  }
  if (text(payload, ["sender", "login"]) === "dependabot[bot]") {
    return {
      reason: "dependabot",
      detail: "this run was started by Dependabot, so the job's token is read-only"
    };
  }
  return void 0;
}
function invalid2(eventName, payload, path2) {
  const value2 = JSON.stringify(field(payload, path2.split(".")) ?? null);
  const message = `the ${eventName} event payload has no usable ${path2} (found ${value2})`;
  return { kind: "invalid", message };
}
function readEventContext(eventName, payload, repository) {
  const event = PULL_REQUEST_EVENTS.find((e) => e === eventName);
  if (event === void 0) return { kind: "other", eventName };
  if (!isObject(payload) || !isObject(payload["pull_request"])) {
    return { kind: "invalid", message: `the ${eventName} event payload has no "pull_request"` };
  }
  const pr = payload["pull_request"];
  const number = pr["number"];
  const base = text(pr, ["base", "repo", "full_name"]) ?? repository;
  if (typeof number !== "number" || !Number.isInteger(number) || number < 1) {
    return invalid2(eventName, payload, "pull_request.number");
  }
  const headSha = text(pr, ["head", "sha"]) ?? `refs/pull/${number}/head`;
  if (base === void 0 || !/^[^/\s]+\/[^/\s]+$/u.test(base)) {
    return invalid2(eventName, payload, "pull_request.base.repo.full_name");
  }
  const [owner = "", repo = ""] = base.split("/");
  const headRepository = text(pr, ["head", "repo", "full_name"]);
  return {
    kind: "pull-request",
    pullRequest: {
      event,
      number,
      owner,
      repo,
      headRepository,
      headSha,
      readOnly: readOnlyToken(event, payload, base, headRepository)
    }
  };
}
async function readEventPayload(file) {
  let body;
  try {
    body = await readFile2(file, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read the event payload ${JSON.stringify(file)}: ${reason}`);
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the event payload ${JSON.stringify(file)} is not JSON: ${reason}`);
  }
}

// src/report/markdown.ts
function cell(text2) {
  return text2.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
function code(text2) {
  const fence = text2.includes("`") ? "``" : "`";
  const pad = text2.startsWith("`") || text2.endsWith("`") ? " " : "";
  return `${fence}${pad}${cell(text2)}${pad}${fence}`;
}
function markdownTable(headers, rows) {
  const head = `| ${headers.join(" | ")} |`;
  const rule = `| ${headers.map(() => "---").join(" | ")} |`;
  return [head, rule, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

// src/util/concurrency.ts
function limiter(n) {
  const most = Math.max(1, n);
  let active = 0;
  const queue = [];
  const next = () => {
    active--;
    queue.shift()?.();
  };
  return (task) => new Promise((resolve, reject) => {
    const start = () => {
      active++;
      task().then(resolve, reject).finally(next);
    };
    if (active < most) start();
    else queue.push(start);
  });
}
function mapLimited(items, n, fn) {
  const limit = limiter(n);
  return Promise.all(items.map((item) => limit(() => fn(item))));
}

// src/report/pr-comment/fit.ts
var COMMENT_BODY_LIMIT = 65536;
function moreLine(count) {
  return `\u2026 and ${count} more (see the job summary)`;
}
function fitRows(head, rows, limit, more = moreLine) {
  const full = [head, ...rows].join("\n");
  if (full.length <= limit) return { text: full, omitted: 0 };
  let used = head.length;
  let shown = 0;
  let best = head.length + 2 + more(rows.length).length <= limit ? 0 : -1;
  for (const row of rows) {
    used += 1 + row.length;
    shown += 1;
    const omitted = rows.length - shown;
    if (omitted === 0) break;
    if (used + 2 + more(omitted).length > limit) break;
    best = shown;
  }
  if (best < 0) {
    throw new Error(`comment head of ${head.length} characters is over the limit of ${limit}`);
  }
  const text2 = [head, ...rows.slice(0, best)].join("\n") + `

${more(rows.length - best)}`;
  return { text: text2, omitted: rows.length - best };
}

// src/report/pr-comment/links.ts
function repoPath(rootInRepo, file) {
  const parts = [...(rootInRepo ?? "").split("/"), ...file.split("/")];
  const kept = [];
  for (const part of parts) {
    if (part === "" || part === ".") continue;
    if (part === "..") kept.pop();
    else kept.push(part);
  }
  return kept.join("/");
}
function blobUrl(context, file, line) {
  const server = context.serverUrl.replace(/\/+$/u, "");
  const path2 = repoPath(context.rootInRepo, file).split("/").map(encodeURIComponent).join("/");
  const repository = context.repository.split("/").map(encodeURIComponent).join("/");
  return `${server}/${repository}/blob/${context.headSha}/${path2}#L${line}`;
}

// src/report/pr-comment/rows.ts
var REVIEW_HEADERS = ["Where", "Reference", "Pin to", "Flags"];
var MAX_ERROR_CHARS = 160;
function writtenForm(occurrence) {
  return occurrence.derivation === "fields" ? occurrence.image : occurrence.raw;
}
function pinnedForm(occurrence, digest) {
  return `${writtenForm(occurrence)}@${digest}`;
}
function shorten(text2) {
  const flat = text2.replace(/\s+/gu, " ").trim();
  return flat.length <= MAX_ERROR_CHARS ? flat : `${flat.slice(0, MAX_ERROR_CHARS - 1)}\u2026`;
}
function pinCell(occurrence, result) {
  if (result === void 0) return "_not resolved_";
  if (typeof result === "string") return code(pinnedForm(occurrence, result));
  return `cannot resolve: ${cell(shorten(result.error))}`;
}
function reviewFlags(finding, result) {
  const flags = [];
  if (finding.reason === "latest") flags.push("`latest`");
  if (finding.reason === "no-tag") flags.push("no tag (pulls `latest`)");
  if (typeof result === "object" && result.notFound === true) flags.push("tag not found");
  return flags;
}
function reviewCells(finding, digests, links, link = true) {
  const { occurrence } = finding;
  const result = digests.get(occurrence.ref.normalized);
  const where2 = code(`${occurrence.file}:${occurrence.line}`);
  const url = link ? blobUrl(links, occurrence.file, occurrence.line) : "";
  return [
    link ? `[${where2}](${url})` : where2,
    code(writtenForm(occurrence)),
    pinCell(occurrence, result),
    reviewFlags(finding, result).join(", ")
  ];
}
function reviewTable(findings, digests, links, link = true) {
  const cells = findings.map((f) => reviewCells(f, digests, links, link));
  const [head = "", rule = "", ...rows] = markdownTable([...REVIEW_HEADERS], cells).split("\n");
  return { header: `${head}
${rule}`, rows };
}

// src/report/pr-comment/body.ts
var SUMMARY_TABLE_LIMIT = 768 * 1024;
var shortSha = (sha) => code(sha.slice(0, 7));
function intro(report) {
  const count = report.findings.length;
  const floating = report.findings.filter((f) => f.reason !== "tag").length;
  const verb = floating === 1 ? "uses" : "use";
  const latest = floating > 0 ? ` ${floating} of them ${verb} \`latest\` or no tag.` : "";
  return `${plural(count, "image reference")} ${count === 1 ? "floats" : "float"} on a tag, so a rebuild can pull different content.${latest} Pin each to the digest shown (resolved for commit ${shortSha(report.links.headSha)}).`;
}
function reviewCommentBody(marker, report, limit = COMMENT_BODY_LIMIT) {
  const { header, rows } = reviewTable(report.findings, report.digests, report.links);
  const count = report.findings.length;
  const head = [
    marker,
    `### hubcap: ${plural(count, "unpinned image reference")}`,
    "",
    intro(report),
    "",
    header
  ].join("\n");
  return fitRows(head, rows, limit);
}
function allClearBody(marker, links) {
  return [
    marker,
    "### hubcap: image pins",
    "",
    `Every image reference is pinned to a digest (commit ${shortSha(links.headSha)}).`
  ].join("\n");
}
function reviewSummary(report, limit = SUMMARY_TABLE_LIMIT) {
  const { header, rows } = reviewTable(report.findings, report.digests, report.links, false);
  const head = [
    `### hubcap: digests for ${plural(report.findings.length, "unpinned reference")}`,
    "",
    header
  ].join("\n");
  return fitRows(head, rows, limit, (n) => `\u2026 and ${n} more.`).text + "\n";
}

// src/report/pr-comment/marker.ts
var SAFE = /[A-Za-z0-9 _.()[\]{}+,=@#&'/~-]/u;
function markerPart(name) {
  const hex = (byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  let out = "";
  for (const ch of name) {
    if (SAFE.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, "utf8")) out += hex(byte);
  }
  return out.trim() === "" ? "_" : out;
}
function reviewMarker(workflow, job) {
  return `<!-- hubcap:review:${markerPart(workflow)}:${markerPart(job)} -->`;
}
function hasMarker(body, marker) {
  if (!body) return false;
  const firstLine = body.replace(/^\uFEFF/u, "").split(/\r?\n/u, 1)[0] ?? "";
  return firstLine.trim() === marker;
}

// src/engine/pr-review.ts
var COMMENT_MODES = ["auto", "always", "off"];
function parseCommentMode(value2) {
  return parseChoice("comment", value2 || "auto", COMMENT_MODES);
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
var done = (outcome, message, extra = {}) => ({ outcome, message, warnings: [], omittedRows: 0, ...extra });
function written(result) {
  switch (result.status) {
    case "created":
      return `Posted the review comment: ${result.url}`;
    case "updated":
      return `Updated the review comment: ${result.url}`;
    case "unchanged":
      return `The review comment is up to date: ${result.url}`;
  }
}
async function runPrReview(input) {
  if (input.mode === "off") return done("off", "comment is off: no review comment.");
  const context = readEventContext(input.eventName, input.payload, input.repository);
  if (context.kind === "other") {
    return done("not-pull-request", `No review comment on a ${context.eventName} event.`);
  }
  if (context.kind === "invalid") {
    const warning = `hubcap skipped the review comment: ${context.message}.`;
    return done("invalid-event", warning, { warnings: [warning] });
  }
  const pr = context.pullRequest;
  const count = input.findings.length;
  const digests = typeof input.digests === "function" ? await resolveDigests(input.findings, input.digests) : input.digests;
  const report = {
    findings: input.findings,
    digests,
    links: {
      serverUrl: input.serverUrl,
      repository: `${pr.owner}/${pr.repo}`,
      headSha: pr.headSha,
      rootInRepo: input.rootInRepo
    }
  };
  const summary = count > 0 ? reviewSummary(report) : void 0;
  const unpinned = plural(count, "unpinned image reference");
  const inSummary = ` The table of ${unpinned} is in the job summary.`;
  if (pr.readOnly) {
    const message = `${pr.readOnly.detail}: no review comment.`;
    if (count === 0 && input.mode === "auto") return done("read-only", message);
    const warning = `hubcap skipped the review comment: ${pr.readOnly.detail}.`;
    return done("read-only", message, {
      warnings: [count > 0 ? warning + inSummary : warning],
      summary
    });
  }
  if (input.comments === void 0) {
    const message = "github-token is empty: no review comment.";
    if (count === 0 && input.mode === "auto") return done("no-token", message);
    const warning = "hubcap skipped the review comment: `github-token` is empty.";
    return done("no-token", message, {
      warnings: [count > 0 ? warning + inSummary : warning],
      summary
    });
  }
  const marker = reviewMarker(input.workflow, input.job);
  const fitted = count > 0 ? reviewCommentBody(marker, report) : { text: allClearBody(marker, report.links), omitted: 0 };
  const result = await input.comments.upsert({
    owner: pr.owner,
    repo: pr.repo,
    issueNumber: pr.number,
    marker,
    body: fitted.text,
    create: count > 0 || input.mode === "always"
  });
  switch (result.status) {
    case "failed":
      return done("failed", "The review comment was not written.", {
        warnings: [count > 0 ? result.warning + inSummary : result.warning],
        summary
      });
    case "absent":
      return done("not-needed", "Nothing is unpinned and no earlier review comment exists.");
    default: {
      const cut = fitted.omitted > 0 ? ` (${plural(fitted.omitted, "row")} left out to fit GitHub's size limit)` : "";
      return done(result.status, `${written(result)}${cut}`, {
        summary,
        comment: { id: result.id, url: result.url },
        omittedRows: fitted.omitted
      });
    }
  }
}

// src/config/config.ts
var FAIL_ON = ["none", "unpinned", "latest", "registry"];
function parsePolicy(failOn, allowedRegistries = []) {
  const policies = [];
  for (const item of parseList(failOn)) {
    if (!FAIL_ON.includes(item)) {
      throw new ConfigError(
        `Input "fail-on" must be one of ${FAIL_ON.join(", ")}, got ${JSON.stringify(item)}`
      );
    }
    if (item !== "none" && !policies.includes(item)) {
      policies.push(item);
    }
  }
  if (policies.includes("registry") && allowedRegistries.length === 0) {
    throw new ConfigError(
      'fail-on registry needs "allowed-registries": the registries images may come from'
    );
  }
  return { failOn: policies, allowedRegistries };
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
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
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

export {
  RegistryError,
  isDockerHubHost,
  loadDockerConfigCredentials,
  dockerHubEndpoints,
  isInsecureHost,
  platformString,
  parsePlatform,
  defaultPlatform,
  selectManifest,
  RegistryClient,
  PATH_COMPONENT,
  ANCHORED_DOMAIN_AND_PORT,
  ANCHORED_DIGEST,
  InvalidReferenceError,
  parseNormalizedNamed,
  familiarName,
  isDockerHubHost2,
  parseReference,
  tryParseReference,
  withTagDigest,
  limiter,
  mapLimited,
  ConfigError,
  parseList,
  parseBoolean,
  parseChoice,
  readEventPayload,
  cell,
  code,
  markdownTable,
  findUnpinned,
  describeUnpinned,
  formatTable,
  scanText,
  rewriteText,
  problemsText,
  plural,
  hasMarker,
  parseCommentMode,
  resolveDigests,
  runPrReview,
  parsePolicy,
  probeQuota,
  pullsUsed,
  isQuotaBelow,
  quotaLine,
  quotaSummary
};
