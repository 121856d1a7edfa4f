import { createRequire as __hubcapCreateRequire } from 'node:module';
const require = __hubcapCreateRequire(import.meta.url);
import {
  CacheStore,
  ConfigError,
  cell,
  code,
  describeUnpinned,
  dockerHubEndpoints,
  formatBytes,
  imagesToCache,
  isQuotaBelow,
  markdownTable,
  parseBoolean,
  parseByteSize,
  parseCacheBackend,
  parseChoice,
  parseList,
  parsePolicy,
  plural,
  probeQuota,
  pruneStore,
  pullsUsed,
  quotaLine,
  quotaSummary,
  resolveDigests,
  runLayerCache,
  saveStore
} from "./chunk-3KFEY7Y4.js";
import {
  debug,
  getInput,
  getState,
  info,
  saveState,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunk-DT2TIFP6.js";

// src/report/annotations.ts
function advice(occurrence, digests) {
  const digest = digests.get(occurrence.ref.normalized);
  return typeof digest === "string" ? `pin it as ${occurrence.image}@${digest}.` : "pin it with a digest.";
}
var MAX_WARNINGS_PER_STEP = 10;
function unpinnedAnnotations(findings, limit = MAX_WARNINGS_PER_STEP, digests = /* @__PURE__ */ new Map()) {
  if (limit <= 0) return [];
  const fits = findings.length <= limit;
  const shown = fits ? findings : findings.slice(0, limit - 1);
  const annotations = shown.map(({ occurrence, reason }) => ({
    title: "Unpinned image",
    message: `${occurrence.image}: ${describeUnpinned(reason)}; ${advice(occurrence, digests)}`,
    file: occurrence.file,
    line: occurrence.line,
    column: occurrence.column
  }));
  if (!fits) {
    const rest = findings.length - shown.length;
    annotations.push({
      title: "Unpinned images",
      message: `\u2026 and ${rest} more unpinned image references (see the job summary).`
    });
  }
  return annotations;
}

// src/action/constants.ts
var Input = {
  Mirror: "mirror",
  Rules: "rules",
  Files: "files",
  ExcludeFiles: "exclude-files",
  Exclude: "exclude",
  Rewrite: "rewrite",
  FailOn: "fail-on",
  WorkingDirectory: "working-directory",
  VerifyMirror: "verify-mirror",
  InsecureRegistries: "insecure-registries",
  Quota: "quota",
  QuotaWarnBelow: "quota-warn-below",
  QuotaFailBelow: "quota-fail-below",
  DockerHubUsername: "dockerhub-username",
  DockerHubToken: "dockerhub-token",
  Pin: "pin",
  Comment: "comment",
  GitHubToken: "github-token",
  AllowedRegistries: "allowed-registries",
  Cache: "cache",
  CacheBackend: "cache-backend",
  CacheMaxSize: "cache-max-size",
  Load: "load"
};
var Output = {
  RewrittenFiles: "rewritten-files",
  Images: "images",
  Unpinned: "unpinned",
  QuotaLimit: "quota-limit",
  QuotaRemaining: "quota-remaining",
  QuotaWindowSeconds: "quota-window-seconds",
  QuotaSource: "quota-source",
  PullsUsed: "pulls-used",
  Pins: "pins",
  Comment: "comment-url",
  CacheHit: "cache-hit",
  BytesPulled: "bytes-pulled"
};
var State = {
  QuotaBefore: "quota-before",
  LayerCache: "layer-cache"
};

// src/action/inputs.ts
import { existsSync } from "node:fs";
import path from "node:path";

// src/report/github/event.ts
import { readFile } from "node:fs/promises";
var PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"];
var isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
function field(value, path2) {
  let current = value;
  for (const key of path2) current = isObject(current) ? current[key] : void 0;
  return current;
}
function text(value, path2) {
  const found = field(value, path2);
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
function invalid(eventName, payload, path2) {
  const value = JSON.stringify(field(payload, path2.split(".")) ?? null);
  const message = `the ${eventName} event payload has no usable ${path2} (found ${value})`;
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
    return invalid(eventName, payload, "pull_request.number");
  }
  const headSha = text(pr, ["head", "sha"]) ?? `refs/pull/${number}/head`;
  if (base === void 0 || !/^[^/\s]+\/[^/\s]+$/u.test(base)) {
    return invalid(eventName, payload, "pull_request.base.repo.full_name");
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
    body = await readFile(file, "utf8");
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
  const text3 = [head, ...rows.slice(0, best)].join("\n") + `

${more(rows.length - best)}`;
  return { text: text3, omitted: rows.length - best };
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
function shorten(text3) {
  const flat = text3.replace(/\s+/gu, " ").trim();
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
  const where = code(`${occurrence.file}:${occurrence.line}`);
  const url = link ? blobUrl(links, occurrence.file, occurrence.line) : "";
  return [
    link ? `[${where}](${url})` : where,
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
function parseCommentMode(value) {
  return parseChoice("comment", value || "auto", COMMENT_MODES);
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
    const warning2 = `hubcap skipped the review comment: ${context.message}.`;
    return done("invalid-event", warning2, { warnings: [warning2] });
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
  const summary2 = count > 0 ? reviewSummary(report) : void 0;
  const unpinned = plural(count, "unpinned image reference");
  const inSummary = ` The table of ${unpinned} is in the job summary.`;
  if (pr.readOnly) {
    const message = `${pr.readOnly.detail}: no review comment.`;
    if (count === 0 && input.mode === "auto") return done("read-only", message);
    const warning2 = `hubcap skipped the review comment: ${pr.readOnly.detail}.`;
    return done("read-only", message, {
      warnings: [count > 0 ? warning2 + inSummary : warning2],
      summary: summary2
    });
  }
  if (input.comments === void 0) {
    const message = "github-token is empty: no review comment.";
    if (count === 0 && input.mode === "auto") return done("no-token", message);
    const warning2 = "hubcap skipped the review comment: `github-token` is empty.";
    return done("no-token", message, {
      warnings: [count > 0 ? warning2 + inSummary : warning2],
      summary: summary2
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
        summary: summary2
      });
    case "absent":
      return done("not-needed", "Nothing is unpinned and no earlier review comment exists.");
    default: {
      const cut = fitted.omitted > 0 ? ` (${plural(fitted.omitted, "row")} left out to fit GitHub's size limit)` : "";
      return done(result.status, `${written(result)}${cut}`, {
        summary: summary2,
        comment: { id: result.id, url: result.url },
        omittedRows: fitted.omitted
      });
    }
  }
}

// src/config/parse-number.ts
function parseCount(name, value) {
  const text3 = value.trim();
  if (text3 === "") return void 0;
  if (!/^\d+$/.test(text3)) {
    throw new ConfigError(`Input "${name}" must be a whole number, got ${JSON.stringify(value)}`);
  }
  return Number(text3);
}

// src/action/inputs.ts
var PIN_MODES = ["off", "report", "write"];
var text2 = (name) => getInput(name);
var flag = (name, fallback) => parseBoolean(name, text2(name) || fallback);
function readDockerHub() {
  const username = text2(Input.DockerHubUsername).trim();
  const password = text2(Input.DockerHubToken);
  if (password !== "") setSecret(password);
  if (username === "" && password === "") return void 0;
  if (username === "" || password === "") {
    throw new ConfigError(
      `Inputs "${Input.DockerHubUsername}" and "${Input.DockerHubToken}" go together: give both or neither`
    );
  }
  return { username, password };
}
function readInputs(env) {
  const dockerHub = readDockerHub();
  const githubToken = text2(Input.GitHubToken);
  if (githubToken !== "") setSecret(githubToken);
  const workspace = env["GITHUB_WORKSPACE"] ?? process.cwd();
  const folder = text2(Input.WorkingDirectory) || ".";
  const root = path.resolve(workspace, folder);
  if (!existsSync(root)) {
    throw new ConfigError(
      `Input "${Input.WorkingDirectory}": folder ${JSON.stringify(folder)} does not exist in the workspace`
    );
  }
  return {
    scan: {
      root,
      paths: [],
      files: parseList(text2(Input.Files)),
      excludeFiles: parseList(text2(Input.ExcludeFiles))
    },
    rewriteConfig: {
      mirrors: parseList(text2(Input.Mirror)),
      rules: parseList(text2(Input.Rules)),
      exclude: parseList(text2(Input.Exclude))
    },
    rewrite: flag(Input.Rewrite, "true"),
    verifyMirror: flag(Input.VerifyMirror, "false"),
    insecureRegistries: parseList(text2(Input.InsecureRegistries)),
    policy: parsePolicy(text2(Input.FailOn), parseList(text2(Input.AllowedRegistries))),
    quota: {
      enabled: flag(Input.Quota, "true"),
      warnBelow: parseCount(Input.QuotaWarnBelow, text2(Input.QuotaWarnBelow)),
      failBelow: parseCount(Input.QuotaFailBelow, text2(Input.QuotaFailBelow))
    },
    dockerHub,
    pin: parseChoice(Input.Pin, text2(Input.Pin) || "off", PIN_MODES),
    comment: parseCommentMode(text2(Input.Comment)),
    githubToken,
    cache: {
      enabled: flag(Input.Cache, "false"),
      backend: parseCacheBackend(text2(Input.CacheBackend) || "auto", Input.CacheBackend),
      maxBytes: parseByteSize(text2(Input.CacheMaxSize) || "2GB", Input.CacheMaxSize),
      load: parseChoice(Input.Load, text2(Input.Load) || "auto", ["auto", "true", "false"])
    }
  };
}

// src/action/quota-phase.ts
function probe(inputs, env) {
  return probeQuota({
    username: inputs.dockerHub?.username,
    token: inputs.dockerHub?.password,
    endpoints: dockerHubEndpoints(env),
    log: { debug: (message) => debug(message) }
  });
}
function setQuotaOutputs(report) {
  setOutput(Output.QuotaLimit, report.limit ?? "");
  setOutput(Output.QuotaRemaining, report.remaining ?? "");
  setOutput(Output.QuotaWindowSeconds, report.windowSeconds ?? "");
  setOutput(Output.QuotaSource, report.source ?? "");
}
function warnIfUnknown(report, warnings) {
  if (report.status === "unreachable" || report.status === "malformed") {
    warnings.warn(`${quotaLine(report)} The job goes on.`, { title: "Docker Hub quota unknown" });
  } else {
    info(quotaLine(report));
  }
}
async function quotaBefore(inputs, env, warnings) {
  const report = await probe(inputs, env);
  warnIfUnknown(report, warnings);
  setQuotaOutputs(report);
  saveState(State.QuotaBefore, JSON.stringify(report));
  const { warnBelow, failBelow } = inputs.quota;
  const section = quotaSummary(report);
  if (failBelow !== void 0 && isQuotaBelow(report, failBelow)) {
    const failure = `Docker Hub quota is low: ${report.remaining} pulls left, below quota-fail-below (${failBelow}).`;
    return { section, failure };
  }
  if (warnBelow !== void 0 && isQuotaBelow(report, warnBelow)) {
    warnings.warn(
      `Docker Hub quota is low: ${report.remaining} pulls left, below quota-warn-below (${warnBelow}).`,
      { title: "Docker Hub quota low" }
    );
  }
  return { section };
}
async function quotaAfter(inputs, env, warnings) {
  const saved = getState(State.QuotaBefore);
  const after = await probe(inputs, env);
  warnIfUnknown(after, warnings);
  setQuotaOutputs(after);
  const before = saved ? JSON.parse(saved) : void 0;
  const used = before ? pullsUsed(before, after) : void 0;
  setOutput(Output.PullsUsed, used ?? "");
  if (used !== void 0) info(`Pulls used during the job: ${used}.`);
  await summary.addRaw(quotaSummary(before ?? after, before ? after : void 0, used)).write();
  const { warnBelow } = inputs.quota;
  if (warnBelow !== void 0 && isQuotaBelow(after, warnBelow)) {
    warnings.warn(
      `Docker Hub quota is low after the job: ${after.remaining} pulls left (quota-warn-below ${warnBelow}).`,
      { title: "Docker Hub quota low" }
    );
  }
}

// src/report/cache-summary.ts
var WORDS = { hit: "hit", partial: "partial hit", miss: "miss", failed: "failed" };
function cacheSummary(restoreMessage, run, loaded) {
  const loads = new Map((run.load?.outcomes ?? []).map((o) => [o.ref, o.status]));
  const rows = run.pull.images.map((image) => [
    code(image.ref),
    WORDS[image.status] + (image.error ? `: ${cell(image.error)}` : ""),
    formatBytes(image.bytesRestored),
    formatBytes(image.bytesPulled),
    image.pulledFrom.map((f) => `${code(f.source)} (${formatBytes(f.bytes)})`).join(", ") || "\u2014",
    loaded ? loads.get(image.ref) ?? "\u2014" : "not loaded"
  ]);
  const total = formatBytes(run.bytesPulled);
  const hit = {
    true: "every image came from the cache",
    partial: "a partial hit",
    false: "a miss"
  };
  return [
    "### Layer cache",
    `${cell(restoreMessage)}. This run was ${hit[run.hit]}; ${total} pulled from registries.`,
    markdownTable(["Image", "Cache", "Restored", "Pulled", "From", "Docker"], rows)
  ].join("\n\n") + "\n";
}

// src/action/cache-phase.ts
var HIT_WORDS = { true: "hit", partial: "partial hit", false: "miss" };
async function layerCacheMain(inputs, result, access, env, warnings) {
  const images = imagesToCache(result);
  if (images.length === 0) {
    info("No pulled images to cache.");
    setOutput(Output.CacheHit, "false");
    setOutput(Output.BytesPulled, "0");
    return "";
  }
  const run = await runLayerCache(images, {
    backend: inputs.cache.backend,
    load: inputs.cache.load,
    env,
    access
  });
  info(run.restore.message);
  for (const image of run.result.pull.images) {
    const from = image.pulledFrom.map((f) => `${f.source} ${formatBytes(f.bytes)}`).join(", ");
    info(
      `${image.ref}: ${image.status}, restored ${formatBytes(image.bytesRestored)}, pulled ${formatBytes(image.bytesPulled)}${from ? ` from ${from}` : ""}`
    );
  }
  for (const w of run.warnings) warnings.warn(w.message, { title: "Layer cache" });
  info(
    `Layer cache: ${HIT_WORDS[run.result.hit]} for ${plural(images.length, "image")}; ${formatBytes(run.result.bytesPulled)} pulled.`
  );
  setOutput(Output.CacheHit, run.result.hit);
  setOutput(Output.BytesPulled, String(run.result.bytesPulled));
  saveState(State.LayerCache, JSON.stringify(run.restore.state));
  return cacheSummary(run.restore.message, run.result, run.loaded);
}
async function layerCachePost(inputs) {
  const saved = getState(State.LayerCache);
  if (!saved) {
    info("The main step left no layer store to save.");
    return;
  }
  const state = JSON.parse(saved);
  try {
    const store = await CacheStore.open(state.dir);
    const pruned = await pruneStore(store, inputs.cache.maxBytes);
    info(
      `Kept ${plural(pruned.kept.length, "image")} (${formatBytes(pruned.keptBytes)}); removed ${pruned.removed.length}, freeing ${formatBytes(pruned.freedBytes)}.`
    );
  } catch (error) {
    warning(`Layer cache prune: ${error instanceof Error ? error.message : String(error)}`);
  }
  const outcome = await saveStore(state);
  info(outcome.message);
  for (const w of outcome.warnings) warning(w.message, { title: "Layer cache" });
}

// src/action/warnings.ts
var WarningBudget = class {
  used = 0;
  /** Emits a warning annotation and counts it. */
  warn(message, properties) {
    this.used++;
    warning(message, properties);
  }
  /** Warnings still shown in this step. */
  left() {
    return Math.max(0, MAX_WARNINGS_PER_STEP - this.used);
  }
};

export {
  unpinnedAnnotations,
  Output,
  readEventPayload,
  hasMarker,
  runPrReview,
  readInputs,
  quotaBefore,
  quotaAfter,
  layerCacheMain,
  layerCachePost,
  WarningBudget
};
