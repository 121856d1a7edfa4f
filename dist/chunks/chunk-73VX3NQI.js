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
  parseCommentMode,
  parseList,
  parsePolicy,
  plural,
  probeQuota,
  pruneStore,
  pullsUsed,
  quotaLine,
  quotaSummary,
  runLayerCache,
  saveStore
} from "./chunk-ARUR72EF.js";
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
} from "./chunk-4CXUHJAG.js";

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

// src/config/parse-number.ts
function parseCount(name, value) {
  const text2 = value.trim();
  if (text2 === "") return void 0;
  if (!/^\d+$/.test(text2)) {
    throw new ConfigError(`Input "${name}" must be a whole number, got ${JSON.stringify(value)}`);
  }
  return Number(text2);
}

// src/action/inputs.ts
var PIN_MODES = ["off", "report", "write"];
var text = (name) => getInput(name);
var flag = (name, fallback) => parseBoolean(name, text(name) || fallback);
function readDockerHub() {
  const username = text(Input.DockerHubUsername).trim();
  const password = text(Input.DockerHubToken);
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
  const githubToken = text(Input.GitHubToken);
  if (githubToken !== "") setSecret(githubToken);
  const workspace = env["GITHUB_WORKSPACE"] ?? process.cwd();
  const folder = text(Input.WorkingDirectory) || ".";
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
      files: parseList(text(Input.Files)),
      excludeFiles: parseList(text(Input.ExcludeFiles))
    },
    rewriteConfig: {
      mirrors: parseList(text(Input.Mirror)),
      rules: parseList(text(Input.Rules)),
      exclude: parseList(text(Input.Exclude))
    },
    rewrite: flag(Input.Rewrite, "true"),
    verifyMirror: flag(Input.VerifyMirror, "false"),
    insecureRegistries: parseList(text(Input.InsecureRegistries)),
    policy: parsePolicy(text(Input.FailOn), parseList(text(Input.AllowedRegistries))),
    quota: {
      enabled: flag(Input.Quota, "true"),
      warnBelow: parseCount(Input.QuotaWarnBelow, text(Input.QuotaWarnBelow)),
      failBelow: parseCount(Input.QuotaFailBelow, text(Input.QuotaFailBelow))
    },
    dockerHub,
    pin: parseChoice(Input.Pin, text(Input.Pin) || "off", PIN_MODES),
    comment: parseCommentMode(text(Input.Comment)),
    githubToken,
    cache: {
      enabled: flag(Input.Cache, "false"),
      backend: parseCacheBackend(text(Input.CacheBackend) || "auto", Input.CacheBackend),
      maxBytes: parseByteSize(text(Input.CacheMaxSize) || "2GB", Input.CacheMaxSize),
      load: parseChoice(Input.Load, text(Input.Load) || "auto", ["auto", "true", "false"])
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
  readInputs,
  quotaBefore,
  quotaAfter,
  layerCacheMain,
  layerCachePost,
  WarningBudget
};
