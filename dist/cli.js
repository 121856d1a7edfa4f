import { createRequire as __hubcapCreateRequire } from 'node:module';
const require = __hubcapCreateRequire(import.meta.url);
import {
  RegistryAccess,
  pinJson,
  policyFailures,
  problemJson,
  rewriteJson,
  runMainJob,
  scanJson,
  skipRows
} from "./chunks/chunk-WIMGRSNJ.js";
import {
  CacheStore,
  DEFAULT_CACHE_MAX_BYTES,
  defaultStoreDir,
  digestResolver,
  dockerHubEndpoints,
  formatBytes,
  formatTable,
  imagesToCache,
  loadImages,
  parseByteSize,
  parsePolicy,
  parseReference,
  plural,
  probeQuota,
  problemsText,
  pruneStore,
  pullAndLoad,
  quotaLine,
  resolveImages,
  rewriteText,
  scanText,
  storeInventory
} from "./chunks/chunk-3KFEY7Y4.js";
import "./chunks/chunk-63H2OZK5.js";

// node_modules/diff/libesm/diff/base.js
var Diff = class {
  diff(oldStr, newStr, options = {}) {
    let callback;
    if (typeof options === "function") {
      callback = options;
      options = {};
    } else if ("callback" in options) {
      callback = options.callback;
    }
    const oldString = this.castInput(oldStr, options);
    const newString = this.castInput(newStr, options);
    const oldTokens = this.removeEmpty(this.tokenize(oldString, options));
    const newTokens = this.removeEmpty(this.tokenize(newString, options));
    return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
  }
  diffWithOptionsObj(oldTokens, newTokens, options, callback) {
    var _a;
    const done = (value) => {
      value = this.postProcess(value, options);
      if (callback) {
        setTimeout(function() {
          callback(value);
        }, 0);
        return void 0;
      } else {
        return value;
      }
    };
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let editLength = 1;
    let maxEditLength = newLen + oldLen;
    if (options.maxEditLength != null) {
      maxEditLength = Math.min(maxEditLength, options.maxEditLength);
    }
    const maxExecutionTime = (_a = options.timeout) !== null && _a !== void 0 ? _a : Infinity;
    const abortAfterTimestamp = Date.now() + maxExecutionTime;
    const bestPath = [{ oldPos: -1, lastComponent: void 0 }];
    let newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
    if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
      return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
    }
    let minDiagonalToConsider = -Infinity, maxDiagonalToConsider = Infinity;
    const execEditLength = () => {
      for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
        let basePath;
        const removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
        if (removePath) {
          bestPath[diagonalPath - 1] = void 0;
        }
        let canAdd = false;
        if (addPath) {
          const addPathNewPos = addPath.oldPos - diagonalPath;
          canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
        }
        const canRemove = removePath && removePath.oldPos + 1 < oldLen;
        if (!canAdd && !canRemove) {
          bestPath[diagonalPath] = void 0;
          continue;
        }
        if (!canRemove || canAdd && removePath.oldPos < addPath.oldPos) {
          basePath = this.addToPath(addPath, true, false, 0, options);
        } else {
          basePath = this.addToPath(removePath, false, true, 1, options);
        }
        newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options);
        if (basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
          return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || true;
        } else {
          bestPath[diagonalPath] = basePath;
          if (basePath.oldPos + 1 >= oldLen) {
            maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1);
          }
          if (newPos + 1 >= newLen) {
            minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1);
          }
        }
      }
      editLength++;
    };
    if (callback) {
      (function exec() {
        setTimeout(function() {
          if (editLength > maxEditLength || Date.now() > abortAfterTimestamp) {
            return callback(void 0);
          }
          if (!execEditLength()) {
            exec();
          }
        }, 0);
      })();
    } else {
      while (editLength <= maxEditLength && Date.now() <= abortAfterTimestamp) {
        const ret = execEditLength();
        if (ret) {
          return ret;
        }
      }
    }
  }
  addToPath(path, added, removed, oldPosInc, options) {
    const last = path.lastComponent;
    if (last && !options.oneChangePerToken && last.added === added && last.removed === removed) {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: last.count + 1, added, removed, previousComponent: last.previousComponent }
      };
    } else {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: 1, added, removed, previousComponent: last }
      };
    }
  }
  extractCommon(basePath, newTokens, oldTokens, diagonalPath, options) {
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options)) {
      newPos++;
      oldPos++;
      commonCount++;
      if (options.oneChangePerToken) {
        basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: false, removed: false };
      }
    }
    if (commonCount && !options.oneChangePerToken) {
      basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: false, removed: false };
    }
    basePath.oldPos = oldPos;
    return newPos;
  }
  equals(left, right, options) {
    if (options.comparator) {
      return options.comparator(left, right);
    } else {
      return left === right || !!options.ignoreCase && left.toLowerCase() === right.toLowerCase();
    }
  }
  removeEmpty(array) {
    const ret = [];
    for (let i = 0; i < array.length; i++) {
      if (array[i]) {
        ret.push(array[i]);
      }
    }
    return ret;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  castInput(value, options) {
    return value;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  tokenize(value, options) {
    return Array.from(value);
  }
  join(chars) {
    return chars.join("");
  }
  postProcess(changeObjects, options) {
    return changeObjects;
  }
  get useLongestToken() {
    return false;
  }
  buildValues(lastComponent, newTokens, oldTokens) {
    const components = [];
    let nextComponent;
    while (lastComponent) {
      components.push(lastComponent);
      nextComponent = lastComponent.previousComponent;
      delete lastComponent.previousComponent;
      lastComponent = nextComponent;
    }
    components.reverse();
    const componentLen = components.length;
    let componentPos = 0, newPos = 0, oldPos = 0;
    for (; componentPos < componentLen; componentPos++) {
      const component = components[componentPos];
      if (!component.removed) {
        if (!component.added && this.useLongestToken) {
          let value = newTokens.slice(newPos, newPos + component.count);
          value = value.map(function(value2, i) {
            const oldValue = oldTokens[oldPos + i];
            return oldValue.length > value2.length ? oldValue : value2;
          });
          component.value = this.join(value);
        } else {
          component.value = this.join(newTokens.slice(newPos, newPos + component.count));
        }
        newPos += component.count;
        if (!component.added) {
          oldPos += component.count;
        }
      } else {
        component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count));
        oldPos += component.count;
      }
    }
    return components;
  }
};

// node_modules/diff/libesm/diff/line.js
var LineDiff = class extends Diff {
  constructor() {
    super(...arguments);
    this.tokenize = tokenize;
  }
  equals(left, right, options) {
    if (options.ignoreWhitespace) {
      if (!options.newlineIsToken || !left.includes("\n")) {
        left = left.trim();
      }
      if (!options.newlineIsToken || !right.includes("\n")) {
        right = right.trim();
      }
    } else if (options.ignoreNewlineAtEof && !options.newlineIsToken) {
      if (left.endsWith("\n")) {
        left = left.slice(0, -1);
      }
      if (right.endsWith("\n")) {
        right = right.slice(0, -1);
      }
    }
    return super.equals(left, right, options);
  }
};
var lineDiff = new LineDiff();
function diffLines(oldStr, newStr, options) {
  return lineDiff.diff(oldStr, newStr, options);
}
function tokenize(value, options) {
  if (options.stripTrailingCr) {
    value = value.replace(/\r\n/g, "\n");
  }
  const retLines = [], linesAndNewlines = value.split(/(\n|\r\n)/);
  if (!linesAndNewlines[linesAndNewlines.length - 1]) {
    linesAndNewlines.pop();
  }
  for (let i = 0; i < linesAndNewlines.length; i++) {
    const line = linesAndNewlines[i];
    if (i % 2 && !options.newlineIsToken) {
      retLines[retLines.length - 1] += line;
    } else {
      retLines.push(line);
    }
  }
  return retLines;
}

// node_modules/diff/libesm/patch/create.js
function needsQuoting(s) {
  for (let i = 0; i < s.length; i++) {
    if (s[i] < " " || s[i] > "~" || s[i] === '"' || s[i] === "\\") {
      return true;
    }
  }
  return false;
}
function quoteFileNameIfNeeded(s) {
  if (!needsQuoting(s)) {
    return s;
  }
  let result = '"';
  const bytes = new TextEncoder().encode(s);
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === 7) {
      result += "\\a";
    } else if (b === 8) {
      result += "\\b";
    } else if (b === 9) {
      result += "\\t";
    } else if (b === 10) {
      result += "\\n";
    } else if (b === 11) {
      result += "\\v";
    } else if (b === 12) {
      result += "\\f";
    } else if (b === 13) {
      result += "\\r";
    } else if (b === 34) {
      result += '\\"';
    } else if (b === 92) {
      result += "\\\\";
    } else if (b >= 32 && b <= 126) {
      result += String.fromCharCode(b);
    } else {
      result += "\\" + b.toString(8).padStart(3, "0");
    }
    i++;
  }
  result += '"';
  return result;
}
var INCLUDE_HEADERS = {
  includeIndex: true,
  includeUnderline: true,
  includeFileHeaders: true
};
var FILE_HEADERS_ONLY = {
  includeIndex: false,
  includeUnderline: false,
  includeFileHeaders: true
};
function structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  let optionsObj;
  if (!options) {
    optionsObj = {};
  } else if (typeof options === "function") {
    optionsObj = { callback: options };
  } else {
    optionsObj = options;
  }
  if (typeof optionsObj.context === "undefined") {
    optionsObj.context = 4;
  }
  const context = optionsObj.context;
  if (optionsObj.newlineIsToken) {
    throw new Error("newlineIsToken may not be used with patch-generation functions, only with diffing functions");
  }
  if (!optionsObj.callback) {
    return diffLinesResultToPatch(diffLines(oldStr, newStr, optionsObj));
  } else {
    const { callback } = optionsObj;
    diffLines(oldStr, newStr, Object.assign(Object.assign({}, optionsObj), { callback: (diff) => {
      const patch = diffLinesResultToPatch(diff);
      callback(patch);
    } }));
  }
  function diffLinesResultToPatch(diff) {
    if (!diff) {
      return;
    }
    diff.push({ value: "", lines: [] });
    function contextLines(lines) {
      return lines.map(function(entry) {
        return " " + entry;
      });
    }
    const hunks = [];
    let oldRangeStart = 0, newRangeStart = 0, curRange = [], oldLine = 1, newLine = 1;
    for (let i = 0; i < diff.length; i++) {
      const current = diff[i], lines = current.lines || splitLines(current.value);
      current.lines = lines;
      if (current.added || current.removed) {
        if (!oldRangeStart) {
          const prev = diff[i - 1];
          oldRangeStart = oldLine;
          newRangeStart = newLine;
          if (prev) {
            curRange = context > 0 ? contextLines(prev.lines.slice(-context)) : [];
            oldRangeStart -= curRange.length;
            newRangeStart -= curRange.length;
          }
        }
        for (const line of lines) {
          curRange.push((current.added ? "+" : "-") + line);
        }
        if (current.added) {
          newLine += lines.length;
        } else {
          oldLine += lines.length;
        }
      } else {
        if (oldRangeStart) {
          if (lines.length <= context * 2 && i < diff.length - 2) {
            for (const line of contextLines(lines)) {
              curRange.push(line);
            }
          } else {
            const contextSize = Math.min(lines.length, context);
            for (const line of contextLines(lines.slice(0, contextSize))) {
              curRange.push(line);
            }
            const hunk = {
              oldStart: oldRangeStart,
              oldLines: oldLine - oldRangeStart + contextSize,
              newStart: newRangeStart,
              newLines: newLine - newRangeStart + contextSize,
              lines: curRange
            };
            hunks.push(hunk);
            oldRangeStart = 0;
            newRangeStart = 0;
            curRange = [];
          }
        }
        oldLine += lines.length;
        newLine += lines.length;
      }
    }
    for (const hunk of hunks) {
      for (let i = 0; i < hunk.lines.length; i++) {
        if (hunk.lines[i].endsWith("\n")) {
          hunk.lines[i] = hunk.lines[i].slice(0, -1);
        } else {
          hunk.lines.splice(i + 1, 0, "\\ No newline at end of file");
          i++;
        }
      }
    }
    return {
      oldFileName,
      newFileName,
      oldHeader,
      newHeader,
      hunks
    };
  }
}
function formatPatch(patch, headerOptions) {
  var _a, _b, _c, _d, _e, _f;
  if (!headerOptions) {
    headerOptions = INCLUDE_HEADERS;
  }
  if (Array.isArray(patch)) {
    if (patch.length > 1 && !headerOptions.includeFileHeaders && !patch.every((p) => p.isGit)) {
      throw new Error("Cannot omit file headers on a multi-file patch. (The result would be unparseable; how would a tool trying to apply the patch know which changes are to which file?)");
    }
    return patch.map((p) => formatPatch(p, headerOptions)).join("\n");
  }
  const ret = [];
  if (patch.isGit) {
    headerOptions = INCLUDE_HEADERS;
    if (!patch.oldFileName) {
      throw new Error("oldFileName must be specified for Git patches");
    }
    if (!patch.newFileName) {
      throw new Error("newFileName must be specified for Git patches");
    }
    let gitOldName = patch.oldFileName;
    let gitNewName = patch.newFileName;
    if (patch.isCreate && gitOldName === "/dev/null") {
      gitOldName = gitNewName.replace(/^b\//, "a/");
    } else if (patch.isDelete && gitNewName === "/dev/null") {
      gitNewName = gitOldName.replace(/^a\//, "b/");
    }
    ret.push("diff --git " + quoteFileNameIfNeeded(gitOldName) + " " + quoteFileNameIfNeeded(gitNewName));
    if (patch.isDelete) {
      ret.push("deleted file mode " + ((_a = patch.oldMode) !== null && _a !== void 0 ? _a : "100644"));
    }
    if (patch.isCreate) {
      ret.push("new file mode " + ((_b = patch.newMode) !== null && _b !== void 0 ? _b : "100644"));
    }
    if (patch.oldMode && patch.newMode && !patch.isDelete && !patch.isCreate) {
      ret.push("old mode " + patch.oldMode);
      ret.push("new mode " + patch.newMode);
    }
    if (patch.isRename) {
      ret.push("rename from " + quoteFileNameIfNeeded(((_c = patch.oldFileName) !== null && _c !== void 0 ? _c : "").replace(/^a\//, "")));
      ret.push("rename to " + quoteFileNameIfNeeded(((_d = patch.newFileName) !== null && _d !== void 0 ? _d : "").replace(/^b\//, "")));
    }
    if (patch.isCopy) {
      ret.push("copy from " + quoteFileNameIfNeeded(((_e = patch.oldFileName) !== null && _e !== void 0 ? _e : "").replace(/^a\//, "")));
      ret.push("copy to " + quoteFileNameIfNeeded(((_f = patch.newFileName) !== null && _f !== void 0 ? _f : "").replace(/^b\//, "")));
    }
  } else {
    if (headerOptions.includeIndex && patch.oldFileName == patch.newFileName && patch.oldFileName !== void 0) {
      ret.push("Index: " + patch.oldFileName);
    }
    if (headerOptions.includeUnderline) {
      ret.push("===================================================================");
    }
  }
  const hasHunks = patch.hunks.length > 0;
  if (headerOptions.includeFileHeaders && patch.oldFileName !== void 0 && patch.newFileName !== void 0 && (!patch.isGit || hasHunks)) {
    ret.push("--- " + quoteFileNameIfNeeded(patch.oldFileName) + (patch.oldHeader ? "	" + patch.oldHeader : ""));
    ret.push("+++ " + quoteFileNameIfNeeded(patch.newFileName) + (patch.newHeader ? "	" + patch.newHeader : ""));
  }
  for (let i = 0; i < patch.hunks.length; i++) {
    const hunk = patch.hunks[i];
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    ret.push("@@ -" + oldStart + "," + hunk.oldLines + " +" + newStart + "," + hunk.newLines + " @@");
    for (const line of hunk.lines) {
      ret.push(line);
    }
  }
  return ret.join("\n") + "\n";
}
function createTwoFilesPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  if (typeof options === "function") {
    options = { callback: options };
  }
  if (!(options === null || options === void 0 ? void 0 : options.callback)) {
    const patchObj = structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options);
    if (!patchObj) {
      return;
    }
    return formatPatch(patchObj, options === null || options === void 0 ? void 0 : options.headerOptions);
  } else {
    const { callback } = options;
    structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, Object.assign(Object.assign({}, options), { callback: (patchObj) => {
      if (!patchObj) {
        callback(void 0);
      } else {
        callback(formatPatch(patchObj, options.headerOptions));
      }
    } }));
  }
}
function splitLines(text) {
  const hasTrailingNl = text.endsWith("\n");
  const result = text.split("\n").map((line) => line + "\n");
  if (hasTrailingNl) {
    result.pop();
  } else {
    result.push(result.pop().slice(0, -1));
  }
  return result;
}

// src/rewrite/diff.ts
function unifiedDiff(file, before, after) {
  if (before === after) return "";
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, void 0, void 0, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY
  });
}

// src/cli/args.ts
import { parseArgs } from "node:util";

// src/cli/io.ts
var EXIT_OK = 0;
var EXIT_POLICY = 1;
var EXIT_USAGE = 2;
var UsageError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
};

// src/cli/args.ts
function parseCommandArgs(argv, options) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true
    });
    return { values, positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
function listFlag(args, name) {
  const value = args.values[name];
  if (value === void 0 || typeof value === "boolean") return [];
  return Array.isArray(value) ? value : [value];
}
function stringFlag(args, name, fallback) {
  const value = args.values[name];
  return typeof value === "string" ? value : fallback;
}

// src/cli/common-flags.ts
var SCAN_FLAGS = {
  files: { type: "string", multiple: true },
  "exclude-files": { type: "string", multiple: true },
  json: { type: "boolean" },
  "fail-on": { type: "string" },
  "allowed-registry": { type: "string", multiple: true }
};
var SCAN_FLAGS_HELP = `  --files GLOB          only scan files matching GLOB (repeatable; default: every
                        known kind; a glob without / matches at any depth)
  --exclude-files GLOB  never scan or edit files matching GLOB (repeatable)
  --fail-on POLICIES    none (default), or unpinned, latest, registry (comma-separated):
                        exit 1 when one fails
  --allowed-registry R  a registry (host or host/path) images may come from, for
                        --fail-on registry (repeatable; docker.io means Docker Hub)
  --json                print one JSON document on stdout
  -h, --help            show this help`;
function scanConfigFrom(args, io) {
  return {
    root: io.cwd,
    paths: args.positionals,
    files: listFlag(args, "files"),
    excludeFiles: listFlag(args, "exclude-files")
  };
}
function policyFrom(args) {
  return parsePolicy(stringFlag(args, "fail-on", "none"), listFlag(args, "allowed-registry"));
}

// src/cli/commands/rewrite.ts
var REWRITE_HELP = `Usage: hubcap rewrite [paths...] --mirror SPEC [options]

Point Docker Hub image references at a mirror, editing only the bytes of each reference.
A second run changes nothing. References the mirror cannot serve are listed as skipped.

Mirror specs:
  mirror.gcr.io                          Google's Docker Hub cache
  ecr-public                             public.ecr.aws/docker/library (official images only)
  ecr:ACCOUNT.dkr.ecr.REGION.amazonaws.com[/PREFIX]
                                         ECR pull-through cache (default prefix docker-hub)
  harbor:HOST/PROJECT                    Harbor proxy-cache project
  gitlab:HOST/GROUP                      GitLab dependency proxy
  artifactory:HOST/REPO-KEY              Artifactory remote Docker repository
  HOST[:PORT][/PATH]                     any registry that mirrors Docker Hub

Options:
  --mirror SPEC         mirror for Docker Hub images (repeatable: first that applies wins)
  --rule SRC=DST        rewrite another registry, e.g. quay.io=mirror.corp/quay (repeatable)
  --exclude PATTERN     leave images matching PATTERN alone, * matches any text (repeatable)
  --dry-run             print a unified diff instead of editing files
  --verify              check with a manifest HEAD that the mirror has each image first
  --insecure-registry HOST
                        talk plain HTTP to HOST (repeatable; loopback hosts always are)
${SCAN_FLAGS_HELP}
`;
var REWRITE_FLAGS = {
  ...SCAN_FLAGS,
  mirror: { type: "string", multiple: true },
  rule: { type: "string", multiple: true },
  exclude: { type: "string", multiple: true },
  "dry-run": { type: "boolean" },
  verify: { type: "boolean" },
  "insecure-registry": { type: "string", multiple: true }
};
async function rewriteCommand(argv, io) {
  const args = parseCommandArgs(argv, REWRITE_FLAGS);
  if (args.values["help"]) {
    io.stdout(REWRITE_HELP);
    return EXIT_OK;
  }
  const mirrors = listFlag(args, "mirror");
  const rules = listFlag(args, "rule");
  if (mirrors.length + rules.length === 0) {
    throw new UsageError("rewrite needs --mirror SPEC or --rule SRC=DST");
  }
  const policy = policyFrom(args);
  const dryRun = args.values["dry-run"] === true;
  const result = await runMainJob({
    scan: scanConfigFrom(args, io),
    rewrite: { mirrors, rules, exclude: listFlag(args, "exclude") },
    write: !dryRun,
    verify: args.values["verify"] === true ? new RegistryAccess({
      env: io.env,
      insecureRegistries: listFlag(args, "insecure-registry")
    }) : void 0
  });
  if (args.values["json"]) {
    io.stdout(rewriteJson(result.rewritten, skipRows(result), result.problems) + "\n");
  } else {
    if (dryRun) {
      for (const change of result.changes) {
        io.stdout(unifiedDiff(change.file.path, change.file.text, change.after));
      }
    }
    io.stdout(rewriteText(result.rewritten, skipRows(result), result.problems, dryRun));
  }
  const failures = policyFailures(policy, result);
  if (failures.length === 0) return EXIT_OK;
  io.stderr(failures.join("\n") + "\n");
  return EXIT_POLICY;
}

// src/cli/commands/scan.ts
var SCAN_HELP = `Usage: hubcap scan [paths...] [options]

List every image reference in Dockerfiles, Compose, Kubernetes, Helm values, GitHub and
GitLab workflows, devcontainer.json and kustomizations, with pin status and problems.
Paths are files or folders (default: the current folder).

Options:
${SCAN_FLAGS_HELP}
`;
async function scanCommand(argv, io) {
  const args = parseCommandArgs(argv, SCAN_FLAGS);
  if (args.values["help"]) {
    io.stdout(SCAN_HELP);
    return EXIT_OK;
  }
  const policy = policyFrom(args);
  const result = await runMainJob({ scan: scanConfigFrom(args, io), write: false });
  const { occurrences } = result.scan;
  io.stdout(
    args.values["json"] ? scanJson(occurrences, result.problems) + "\n" : scanText(occurrences, result.problems)
  );
  const failures = policyFailures(policy, result);
  if (failures.length === 0) return EXIT_OK;
  io.stderr(failures.join("\n") + "\n");
  return EXIT_POLICY;
}

// src/cli/commands/quota.ts
var QUOTA_HELP = `Usage: hubcap quota [--json]

Show how many Docker Hub pulls are left, the way \`regctl image ratelimit\` does: a token
for ratelimitpreview/test, then a HEAD of its manifest, which costs no pull.

Authenticated when HUBCAP_DOCKERHUB_USERNAME and HUBCAP_DOCKERHUB_TOKEN are set.
HUBCAP_DOCKERHUB_REGISTRY and HUBCAP_DOCKERHUB_AUTH (full URLs) override Docker Hub's
registry and token endpoints, e.g. for a proxy.

Options:
  --json       print {"status","limit","remaining","windowSeconds","source",
               "policies","authenticated","error"} (null when unknown)
  -h, --help   show this help

Exit code 0 even when Docker Hub cannot be reached: the status says so.
`;
async function quotaCommand(argv, io) {
  const args = parseCommandArgs(argv, { json: { type: "boolean" } });
  if (args.values["help"]) {
    io.stdout(QUOTA_HELP);
    return EXIT_OK;
  }
  if (args.positionals.length > 0) {
    throw new UsageError(`quota takes no arguments, got ${JSON.stringify(args.positionals[0])}`);
  }
  const report = await probeQuota({
    username: io.env["HUBCAP_DOCKERHUB_USERNAME"],
    token: io.env["HUBCAP_DOCKERHUB_TOKEN"],
    endpoints: dockerHubEndpoints(io.env)
  });
  if (args.values["json"]) {
    const { status, limit, remaining, windowSeconds, source, policies, authenticated, error } = report;
    const json = {
      status,
      limit,
      remaining,
      windowSeconds,
      source,
      policies,
      authenticated,
      error
    };
    io.stdout(JSON.stringify(json, null, 2) + "\n");
  } else {
    io.stdout(quotaLine(report) + "\n");
  }
  return EXIT_OK;
}

// src/cli/commands/pin.ts
var PIN_HELP = `Usage: hubcap pin [paths...] [--write] [options]

Resolve every image reference without a digest to the digest its tag points at now,
with a manifest HEAD (no Docker Hub pull spent; the mirror is asked first when given),
and print the pins. With --write, write tag@digest into the files, byte-exact; a tag that
cannot be resolved is reported and left as written. A second run changes nothing.

Options:
  --write               write the pins into the files
  --mirror SPEC         ask this mirror first (repeatable)
  --rule SRC=DST        ask the rule's target first (repeatable)
  --insecure-registry HOST
                        talk plain HTTP to HOST (repeatable; loopback hosts always are)
${SCAN_FLAGS_HELP}
`;
var PIN_FLAGS = {
  ...SCAN_FLAGS,
  write: { type: "boolean" },
  mirror: { type: "string", multiple: true },
  rule: { type: "string", multiple: true },
  "insecure-registry": { type: "string", multiple: true }
};
async function pinCommand(argv, io) {
  const args = parseCommandArgs(argv, PIN_FLAGS);
  if (args.values["help"]) {
    io.stdout(PIN_HELP);
    return EXIT_OK;
  }
  const policy = policyFrom(args);
  const write = args.values["write"] === true;
  const rewrite = { mirrors: listFlag(args, "mirror"), rules: listFlag(args, "rule"), exclude: [] };
  const access = new RegistryAccess({
    env: io.env,
    insecureRegistries: listFlag(args, "insecure-registry")
  });
  const result = await runMainJob({
    scan: scanConfigFrom(args, io),
    write,
    pin: { resolve: digestResolver(access, rewrite), write }
  });
  const failed = result.floating.flatMap(({ occurrence: o }) => {
    const found = result.digests.get(o.ref.normalized);
    return found === void 0 || typeof found === "string" ? [] : [{ file: o.file, line: o.line, ref: o.image, reason: found.error }];
  });
  if (args.values["json"]) {
    const json = {
      pins: result.pins.map(pinJson),
      unresolved: failed,
      problems: result.problems.map(problemJson)
    };
    io.stdout(JSON.stringify(json, null, 2) + "\n");
  } else {
    const parts = [];
    const rows = result.pins.map((p) => [`${p.file}:${p.line}`, p.ref, p.digest]);
    if (rows.length > 0) parts.push(formatTable(["FILE", "REFERENCE", "DIGEST"], rows));
    const bad = failed.map((f) => [`${f.file}:${f.line}`, f.ref, f.reason]);
    if (bad.length > 0) parts.push(formatTable(["FILE", "NOT RESOLVED", "REASON"], bad));
    const verb = write ? "pinned" : "can pin";
    parts.push(`${verb} ${plural(result.pins.length, "reference")}; ${failed.length} not resolved`);
    if (result.problems.length > 0) parts.push(problemsText(result.problems));
    io.stdout(parts.join("\n\n") + "\n");
  }
  const failures = policyFailures(policy, result);
  if (failures.length === 0) return EXIT_OK;
  io.stderr(failures.join("\n") + "\n");
  return EXIT_POLICY;
}

// src/cli/commands/cache.ts
import { stat } from "node:fs/promises";
var CACHE_HELP = `Usage: hubcap cache <pull|load|ls|prune> [options]

A content-addressed layer store (an OCI image layout) that keeps image layers between
runs: pull fetches only the blobs the store lacks, load streams images into Docker.

  cache pull [paths...]   pull the images the files name into the store (mirror first);
                          --load also loads them into Docker
  cache load [paths...]   load images into Docker from the store: those the files name
                          (one HEAD each to resolve the tag), or every stored image
  cache ls                list the stored images and their sizes
  cache prune             drop least recently used images beyond --max-size

Options:
  --store DIR             the store folder (default ~/.cache/hubcap/layers)
  --mirror SPEC           pull Docker Hub images through this mirror (repeatable)
  --rule SRC=DST          pull other registries' images through DST (repeatable)
  --insecure-registry H   talk plain HTTP to H (repeatable; loopback always is)
  --max-size SIZE         prune budget (default 2GB)
  --load                  pull: also load the images into Docker
  --files GLOB            scan only files matching GLOB (repeatable)
  --exclude-files GLOB    skip files matching GLOB (repeatable)
  --json                  print one JSON document on stdout
  -h, --help              show this help
`;
var FLAGS = {
  store: { type: "string" },
  mirror: { type: "string", multiple: true },
  rule: { type: "string", multiple: true },
  "insecure-registry": { type: "string", multiple: true },
  "max-size": { type: "string" },
  load: { type: "boolean" },
  json: { type: "boolean" },
  files: { type: "string", multiple: true },
  "exclude-files": { type: "string", multiple: true }
};
async function cacheCommand(argv, io) {
  const [verb, ...rest] = argv;
  if (verb === void 0 || verb === "--help" || verb === "-h") {
    io.stdout(CACHE_HELP);
    return verb === void 0 ? 2 : EXIT_OK;
  }
  const run = VERBS[verb];
  if (run === void 0) throw new UsageError(`unknown cache command ${JSON.stringify(verb)}`);
  const args = parseCommandArgs(rest, FLAGS);
  if (args.values["help"]) {
    io.stdout(CACHE_HELP);
    return EXIT_OK;
  }
  const dir = stringFlag(args, "store", defaultStoreDir(io.env));
  const kind = await stat(dir).then(
    (st) => st.isDirectory() ? "folder" : "other",
    () => "missing"
  );
  if (kind === "other") throw new UsageError(`--store ${JSON.stringify(dir)} is not a folder`);
  const pulls = verb === "pull" || verb === "load" && args.positionals.length > 0;
  if (kind === "missing" && !pulls) {
    io.stdout(`No layer store at ${dir} yet: nothing to ${verb === "ls" ? "list" : verb}.
`);
    return EXIT_OK;
  }
  const store = await CacheStore.open(dir);
  io.stdout(await run(args, io, store));
  return EXIT_OK;
}
async function namedImages(args, io) {
  const result = await runMainJob({
    scan: scanConfigFrom(args, io),
    rewrite: { mirrors: listFlag(args, "mirror"), rules: listFlag(args, "rule"), exclude: [] },
    write: false
  });
  const images = imagesToCache(result);
  const access = new RegistryAccess({
    env: io.env,
    insecureRegistries: listFlag(args, "insecure-registry")
  });
  const hosts = images.flatMap(
    (i) => (i.sources ?? [i.ref]).map((s) => parseReference(s).registry)
  );
  return { images, client: await access.clientsFor(hosts) };
}
var pull = async (args, io, store) => {
  const { images, client } = await namedImages(args, io);
  const resolved = await resolveImages(images, { client });
  const load2 = args.values["load"] === true;
  const run = await pullAndLoad(store, resolved.images, { client, load: load2 });
  if (args.values["json"]) return JSON.stringify(run.pull, null, 2) + "\n";
  const rows = run.pull.images.map((i) => [
    i.ref,
    i.status,
    formatBytes(i.bytesRestored),
    formatBytes(i.bytesPulled),
    i.pulledFrom.map((f) => f.source).join(", ") || "-"
  ]);
  const failed = run.pull.images.filter((i) => i.error !== void 0);
  const warnings = [
    ...failed.map((i) => `failed: ${i.ref}: ${i.error}`),
    ...run.warnings.map((w) => `warning: ${w.message}`)
  ];
  const loaded = run.load === void 0 ? [] : ["", loadText(run.load.outcomes, [], args).trimEnd()];
  return [
    formatTable(["IMAGE", "CACHE", "RESTORED", "PULLED", "FROM"], rows),
    "",
    `${plural(rows.length, "image")}; ${formatBytes(run.bytesPulled)} pulled from registries`,
    ...warnings,
    ...loaded,
    ""
  ].join("\n");
};
var load = async (args, io, store) => {
  let stored = store.list();
  if (args.positionals.length > 0) {
    const { images, client } = await namedImages(args, io);
    const resolved = await resolveImages(images, { client });
    const run = await pullAndLoad(store, resolved.images, { client, load: true });
    const outcomes = run.load?.outcomes ?? [];
    return loadText(
      outcomes,
      run.warnings.map((w) => w.message),
      args
    );
  }
  if (stored.length === 0) return "The store holds no images.\n";
  stored = stored.filter((s, i) => stored.findIndex((t) => t.ref === s.ref) === i);
  const result = await loadImages(store, stored, {});
  return loadText(
    result.outcomes,
    result.warnings.map((w) => w.message),
    args
  );
};
function loadText(outcomes, warnings, args) {
  if (args.values["json"]) return JSON.stringify({ outcomes, warnings }, null, 2) + "\n";
  const rows = outcomes.map((o) => [o.ref, o.status, o.tags.join(", ")]);
  return [
    formatTable(["IMAGE", "DOCKER", "TAGS"], rows),
    ...outcomes.flatMap((o) => o.error !== void 0 ? [`failed: ${o.ref}: ${o.error}`] : []),
    ...warnings.map((w) => `warning: ${w}`),
    ""
  ].join("\n");
}
var ls = async (args, _io, store) => {
  const inventory = await storeInventory(store);
  if (args.values["json"]) return JSON.stringify(inventory, null, 2) + "\n";
  const rows = inventory.images.map((i) => [
    i.ref,
    i.platform,
    formatBytes(i.bytes),
    i.lastUsed,
    i.missingBlobs > 0 ? `${i.missingBlobs} blobs missing` : "ok"
  ]);
  return [
    formatTable(["IMAGE", "PLATFORM", "SIZE", "LAST USED", "STATE"], rows),
    "",
    `${plural(inventory.images.length, "image")}, ${plural(inventory.blobs, "blob")}, ${formatBytes(inventory.totalBytes)} on disk`,
    ""
  ].join("\n");
};
var prune = async (args, _io, store) => {
  const size = stringFlag(args, "max-size", "");
  const budget = size === "" ? DEFAULT_CACHE_MAX_BYTES : parseByteSize(size, "--max-size");
  const result = await pruneStore(store, budget);
  if (args.values["json"]) return JSON.stringify(result, null, 2) + "\n";
  return `kept ${plural(result.kept.length, "image")} (${formatBytes(result.keptBytes)}); removed ${plural(result.removed.length, "image")} and ${plural(result.removedBlobs, "blob")}, freeing ${formatBytes(result.freedBytes)}
`;
};
var VERBS = { pull, load, ls, prune };

// package.json
var package_default = {
  name: "hubcap",
  version: "0.1.0",
  description: "Keep CI alive under Docker Hub pull rate limits: rewrite image references to a mirror, cache layers, report quota, review pins.",
  type: "module",
  license: "MIT",
  private: true,
  engines: {
    node: ">=20"
  },
  bin: {
    hubcap: "bin/hubcap.js"
  },
  scripts: {
    build: "tsc -p tsconfig.json --noEmit",
    bundle: "node scripts/bundle.mjs",
    test: "vitest run",
    "test:unit": "vitest run --project unit",
    lint: "eslint .",
    format: "prettier --write .",
    "format:check": "prettier --check .",
    all: "npm run format:check && npm run lint && npm run build && npm run bundle && npm test",
    "bench:scan": "tsx bench/scan.ts",
    readme: "node scripts/readme-tables.mjs"
  },
  dependencies: {
    "@actions/cache": "^6.3.0",
    "@actions/core": "^3.0.1",
    "@actions/exec": "^3.0.0",
    "@actions/tool-cache": "^4.0.0",
    "@octokit/rest": "^22.0.1",
    diff: "^9.0.0",
    "fast-glob": "^3.3.3",
    "jsonc-parser": "^3.3.1",
    picomatch: "^4.0.7",
    "tar-stream": "^3.3.0",
    undici: "^6.29.1",
    yaml: "^2.9.1"
  },
  devDependencies: {
    "@eslint/js": "^9.39.5",
    "@types/node": "^20.19.43",
    "@types/picomatch": "^4.0.3",
    "@types/tar-stream": "^3.1.5",
    azurite: "^3.35.0",
    esbuild: "^0.28.2",
    eslint: "^9.39.5",
    "fast-check": "^4.11.0",
    prettier: "^3.10.1",
    tsx: "^4.23.15",
    typescript: "^5.9.3",
    "typescript-eslint": "^8.74.0",
    vitest: "4.1"
  }
};

// src/cli/version.ts
var VERSION = package_default.version;

// src/cli/main.ts
var COMMANDS = {
  scan: scanCommand,
  rewrite: rewriteCommand,
  quota: quotaCommand,
  pin: pinCommand,
  cache: cacheCommand
};
var MAIN_HELP = `Usage: hubcap <command> [options]

Keep CI pipelines alive under Docker Hub's pull rate limits.

Commands:
  scan [paths...]      list image references, their pin status and problems
  rewrite [paths...]   point Docker Hub references at a mirror (--dry-run for a diff)
  pin [paths...]       resolve unpinned tags to digests (--write to pin the files)
  quota                show the Docker Hub pull quota left (costs no pull)
  cache <verb>         the layer store: pull, load, ls, prune

Run \`hubcap <command> --help\` for a command's options, \`hubcap --version\` for the version.
Exit codes: 0 ok, 1 a --fail-on policy failed, 2 usage or input error.
`;
async function runCli(argv, io) {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-V") {
    io.stdout(`hubcap ${VERSION}
`);
    return EXIT_OK;
  }
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    io.stdout(MAIN_HELP);
    return name === void 0 ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`hubcap: unknown command ${JSON.stringify(name)}

${MAIN_HELP}`);
    return EXIT_USAGE;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof UsageError ? `
Run \`hubcap ${name} --help\` for usage.` : "";
    io.stderr(`hubcap ${name}: ${message}${hint}
`);
    return EXIT_USAGE;
  }
}

// src/cli/cli-entry.ts
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env
});
