import { createRequire as __hubcapCreateRequire } from 'node:module';
const require = __hubcapCreateRequire(import.meta.url);
import {
  Output,
  WarningBudget,
  debug,
  group,
  info,
  notice,
  quotaBefore,
  readInputs,
  setFailed,
  setOutput,
  summary,
  unpinnedAnnotations
} from "./chunks/chunk-B6R4RQ27.js";
import {
  RegistryAccess,
  imageJson,
  plural,
  policyMessage,
  policyViolations,
  runMainJob
} from "./chunks/chunk-U4WE4EQE.js";
import {
  cell,
  code,
  describeUnpinned,
  markdownTable
} from "./chunks/chunk-T2ZOD2YE.js";

// src/report/summary.ts
var SUMMARY_ROW_LIMIT = 300;
var at = (file, line) => code(`${file}:${line}`);
function section(title, headers, rows) {
  const shown = rows.slice(0, SUMMARY_ROW_LIMIT);
  const more = rows.length - shown.length;
  const tail = more > 0 ? `

\u2026 and ${more} more.` : "";
  return `### ${title} (${rows.length})

${markdownTable(headers, shown)}${tail}`;
}
function mainSummary(result, mirrors, rewrote) {
  const { occurrences } = result.scan;
  const hub = occurrences.filter((o) => o.ref.isDockerHub).length;
  const parts = [
    "## hubcap: image references",
    `Scanned ${plural(result.scan.files.length, "file")}: ${plural(occurrences.length, "image reference")}, ${hub} on Docker Hub.`
  ];
  if (mirrors.length > 0) {
    const verb = rewrote ? "Rewritten" : "To rewrite";
    const target = mirrors.map(code).join(", ");
    if (result.rewritten.length === 0) parts.push(`Nothing to rewrite to ${target}.`);
    else {
      const rows = result.rewritten.map((e) => [at(e.file, e.line), code(e.from), code(e.to)]);
      parts.push(section(`${verb} to ${target}`, ["Where", "From", "To"], rows));
    }
  }
  if (result.skipped.length > 0) {
    const rows = result.skipped.map((s) => [at(s.file, s.line), code(s.ref), cell(s.reason)]);
    parts.push(section("Skipped", ["Where", "Reference", "Reason"], rows));
  }
  if (result.unpinned.length > 0) {
    const rows = result.unpinned.map(({ occurrence: o, reason }) => [
      at(o.file, o.line),
      code(o.image),
      cell(describeUnpinned(reason))
    ]);
    parts.push(section("Unpinned", ["Where", "Reference", "Why"], rows));
  } else if (occurrences.length > 0) {
    parts.push("Every image reference is pinned to a digest.");
  }
  if (result.problems.length > 0) {
    const rows = result.problems.map((p) => [at(p.file, p.line), cell(p.message)]);
    parts.push(section("Problems", ["Where", "Problem"], rows));
  }
  return parts.join("\n\n") + "\n";
}

// src/action/main.ts
async function run(env = process.env) {
  try {
    const inputs = readInputs(env);
    const warnings = new WarningBudget();
    const failures = [];
    if (inputs.quota.enabled) {
      const low = await group("Docker Hub quota", () => quotaBefore(inputs, env, warnings));
      if (low !== void 0) failures.push(low);
    }
    const result = await group("Image references", () => mainJob(inputs, env));
    await group("Report", () => report(inputs, result, warnings));
    const violations = policyViolations(inputs.failOn, result.unpinned);
    if (violations.length > 0) failures.push(policyMessage(inputs.failOn, violations));
    if (failures.length > 0) setFailed(failures.join("\n"));
  } catch (error) {
    setFailed(error instanceof Error ? error.message : String(error));
  }
}
async function mainJob(inputs, env) {
  const { mirrors, rules } = inputs.rewriteConfig;
  const rewriting = inputs.rewrite && mirrors.length + rules.length > 0;
  if (!inputs.rewrite && mirrors.length > 0) info("rewrite is false: scanning only.");
  const access = new RegistryAccess({
    env,
    insecureRegistries: inputs.insecureRegistries,
    dockerHub: inputs.dockerHub,
    log: { debug: (message) => debug(message) }
  });
  const result = await runMainJob({
    scan: inputs.scan,
    rewrite: rewriting ? inputs.rewriteConfig : void 0,
    write: true,
    verify: rewriting && inputs.verifyMirror ? access : void 0
  });
  const { files, occurrences } = result.scan;
  info(
    `Found ${plural(occurrences.length, "image reference")} in ${plural(files.length, "file")}.`
  );
  for (const r of result.rewritten) info(`${r.file}:${r.line}: ${r.from} \u2192 ${r.to}`);
  for (const skip of result.skipped) {
    debug(`${skip.file}:${skip.line}: skipped ${skip.ref}: ${skip.reason}`);
  }
  if (rewriting) {
    info(
      `Rewrote ${plural(result.rewritten.length, "reference")} in ${plural(result.changes.length, "file")}; skipped ${result.skipped.length}.`
    );
  }
  return result;
}
async function report(inputs, result, warnings) {
  for (const problem of result.problems) {
    notice(problem.message, {
      title: "hubcap could not read a reference",
      file: problem.file,
      startLine: problem.line
    });
  }
  for (const a of unpinnedAnnotations(result.unpinned, warnings.left())) {
    warnings.warn(a.message, {
      title: a.title,
      file: a.file,
      startLine: a.line,
      startColumn: a.column
    });
  }
  setOutput(Output.RewrittenFiles, JSON.stringify(result.changes.map((c) => c.file.path)));
  setOutput(Output.Images, JSON.stringify(result.scan.occurrences.map(imageJson)));
  const unpinned = result.unpinned.map(({ occurrence, reason }) => ({
    ...imageJson(occurrence),
    reason
  }));
  setOutput(Output.Unpinned, JSON.stringify(unpinned));
  const rewrote = inputs.rewrite && result.rewritten.length > 0;
  await summary.addRaw(mainSummary(result, inputs.rewriteConfig.mirrors, rewrote)).write();
}

// src/action/main-entry.ts
await run();
