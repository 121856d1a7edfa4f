import type { RewriteConfig, ScanConfig } from '../config/config.js';
import { applyEdits } from '../rewrite/apply.js';
import { parseMirror, parseRule } from '../rewrite/mirror.js';
import { planPins, planRewrite, type Edit, type Rewritten, type Skip } from '../rewrite/plan.js';
import type { DigestResult } from '../report/pr-comment/digests.js';
import { resolveDigests, type DigestResolver } from './digests.js';
import { writeFileAtomic } from '../rewrite/write.js';
import { discover } from '../scan/discover.js';
import { encodeFile } from '../scan/file-text.js';
import { findUnpinned, type UnpinnedFinding } from '../scan/pinning.js';
import { scanFiles, type ScanResult, type ScannedFile } from '../scan/scan-files.js';
import type { Occurrence, Problem } from '../scan/types.js';
import type { Mirror, Rule } from '../rewrite/mirror.js';
import { verifyTargets } from '../rewrite/verify.js';
import type { TargetCheck } from '../rewrite/target.js';
import type { RegistryAccess } from './registry-access.js';

/** Why a file asked for by name was not read. */
export const UNKNOWN_KIND =
  'not a file kind hubcap reads (Dockerfile*, *.Dockerfile, Containerfile*, compose*.yml, ' +
  '*.yaml, .gitlab-ci.yml, devcontainer.json, …): not scanned';

/** What the main job does: scan, and optionally rewrite (in place or as a dry run). */
export interface MainJobInput {
  scan: ScanConfig;
  rewrite?: RewriteConfig | undefined;
  /** Write the edited files; false computes the new text only (dry run). */
  write: boolean;
  /** Check with a HEAD that the mirror has each image before pointing a reference at it. */
  verify?: RegistryAccess | undefined;
  /** Resolve each unpinned tag to its digest; with `write`, pin the files too. */
  pin?: { resolve: DigestResolver; write: boolean } | undefined;
}

/** One reference pinned (or to pin) to the digest its tag resolved to. */
export interface Pinned {
  file: string;
  line: number;
  ref: string;
  digest: string;
  occurrence: Occurrence;
}

/** One file whose text the rewrite changes. */
export interface FileChange {
  file: ScannedFile;
  after: string;
}

/** Everything the main job found and did. */
export interface MainJobResult {
  scan: ScanResult;
  edits: Edit[];
  /** The references rewritten, whole, before and after. */
  rewritten: Rewritten[];
  skipped: Skip[];
  changes: FileChange[];
  /** Scan problems plus files whose edits could not be applied. */
  problems: Problem[];
  /** References without a digest as the files were written (what a review lists). */
  floating: UnpinnedFinding[];
  /** References still without a digest after the run (pin mode `write` pins some). */
  unpinned: UnpinnedFinding[];
  /** Digest lookups of the unpinned references (pin mode only), by `ref.normalized`. */
  digests: Map<string, DigestResult>;
  /** References whose digest was found (and written, when pinning writes). */
  pins: Pinned[];
}

/** Scans the tree, plans the mirror rewrite and the pins, and applies them file by file. */
export async function runMainJob(input: MainJobInput): Promise<MainJobResult> {
  const { files, unknown } = await discover(input.scan);
  const scan = await scanFiles(files);
  const floating = findUnpinned(scan.occurrences);
  const result: MainJobResult = {
    scan,
    edits: [],
    rewritten: [],
    skipped: [],
    changes: [],
    problems: [
      ...unknown.map((file) => ({ file, line: 1, message: UNKNOWN_KIND })),
      ...scan.problems,
    ],
    floating,
    unpinned: floating,
    digests: new Map(),
    pins: [],
  };
  const texts = new Map(scan.files.map((f) => [f.path, f.text]));
  const planned = [
    ...(await planMirrorEdits(input, result, texts)),
    ...(await planPinEdits(input, result, texts)),
  ];
  const applied = await applyPlanned(planned, input.write, result);
  result.rewritten = result.rewritten.filter((r) => applied.has(r.file));
  if (input.pin?.write) {
    result.pins = result.pins.filter((p) => applied.has(p.file));
    const pinned = new Set(result.pins.map((p) => p.occurrence));
    result.unpinned = floating.filter((f) => !pinned.has(f.occurrence));
  }
  return result;
}

/** The rewrite's edits; records what is rewritten and what is skipped in `result`. */
async function planMirrorEdits(
  input: MainJobInput,
  result: MainJobResult,
  texts: ReadonlyMap<string, string>,
): Promise<Edit[]> {
  const rewrite = input.rewrite;
  if (!rewrite || rewrite.mirrors.length + rewrite.rules.length === 0) return [];
  const { occurrences } = result.scan;
  const mirrors = rewrite.mirrors.map(parseMirror);
  const rules = rewrite.rules.map(parseRule);
  const plan = planRewrite(occurrences, {
    mirrors,
    rules,
    exclude: rewrite.exclude,
    texts,
    check: input.verify && (await verifier(occurrences, mirrors, rules, input.verify)),
  });
  result.skipped = plan.skipped;
  result.rewritten = plan.rewritten;
  return plan.edits;
}

/** Pin mode: looks up digests, records the pins found, and returns edits when writing. */
async function planPinEdits(
  input: MainJobInput,
  result: MainJobResult,
  texts: ReadonlyMap<string, string>,
): Promise<Edit[]> {
  if (!input.pin) return [];
  result.digests = await resolveDigests(result.floating, input.pin.resolve);
  const found = new Map<string, string>();
  for (const [key, value] of result.digests) if (typeof value === 'string') found.set(key, value);
  const pinnable = result.floating.map((f) => f.occurrence).filter((o) => !o.locked);
  result.pins = pinnable.flatMap((occurrence) => {
    const digest = found.get(occurrence.ref.normalized);
    if (digest === undefined) return [];
    const { file, line, image: ref } = occurrence;
    return [{ file, line, ref, digest, occurrence }];
  });
  return input.pin.write ? planPins(pinnable, found, texts) : [];
}

/**
 * Applies the edits file by file, writing each atomically when `write`; a file whose
 * edits cannot be applied becomes a problem and stays as it was. Returns the files changed.
 */
async function applyPlanned(
  planned: Edit[],
  write: boolean,
  result: MainJobResult,
): Promise<Set<string>> {
  const applied = new Set<string>();
  for (const file of result.scan.files) {
    const edits = planned.filter((e) => e.file === file.path);
    if (edits.length === 0) continue;
    try {
      const after = applyEdits(file.text, edits);
      if (write) await writeFileAtomic(file.absPath, encodeFile(after, file.encoding));
      result.changes.push({ file, after });
      result.edits.push(...edits);
      applied.add(file.path);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result.problems.push({ file: file.path, line: edits[0]?.line ?? 1, message });
    }
  }
  return applied;
}

/** Verifies mirror targets with manifest HEADs through the run's registry clients. */
function verifier(
  occurrences: Occurrence[],
  mirrors: Mirror[],
  rules: Rule[],
  access: RegistryAccess,
): Promise<TargetCheck> {
  const refs = occurrences.filter((o) => o.locked === undefined).map((o) => o.ref);
  return verifyTargets(refs, mirrors, rules, async (registry, repository, reference) => {
    await (await access.client(registry)).headManifest(repository, reference);
  });
}
