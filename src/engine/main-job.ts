import type { RewriteConfig, ScanConfig } from '../config/config.js';
import { applyEdits } from '../rewrite/apply.js';
import { parseMirror, parseRule } from '../rewrite/mirror.js';
import { planRewrite, type Edit, type Rewritten, type Skip } from '../rewrite/plan.js';
import { writeFileAtomic } from '../rewrite/write.js';
import { discoverFiles } from '../scan/discover.js';
import { encodeFile } from '../scan/file-text.js';
import { findUnpinned, type UnpinnedFinding } from '../scan/pinning.js';
import { scanFiles, type ScanResult, type ScannedFile } from '../scan/scan-files.js';
import type { Occurrence, Problem } from '../scan/types.js';
import type { Mirror, Rule } from '../rewrite/mirror.js';
import { verifyTargets } from '../rewrite/verify.js';
import type { TargetCheck } from '../rewrite/target.js';
import type { RegistryAccess } from './registry-access.js';

/** What the main job does: scan, and optionally rewrite (in place or as a dry run). */
export interface MainJobInput {
  scan: ScanConfig;
  rewrite?: RewriteConfig | undefined;
  /** Write the edited files; false computes the new text only (dry run). */
  write: boolean;
  /** Check with a HEAD that the mirror has each image before pointing a reference at it. */
  verify?: RegistryAccess | undefined;
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
  unpinned: UnpinnedFinding[];
}

/** Scans the tree, plans the mirror rewrite, and applies it file by file, atomically. */
export async function runMainJob(input: MainJobInput): Promise<MainJobResult> {
  const files = await discoverFiles(input.scan);
  const scan = await scanFiles(files);
  const problems = [...scan.problems];
  const result: MainJobResult = {
    scan,
    edits: [],
    rewritten: [],
    skipped: [],
    changes: [],
    problems,
    unpinned: findUnpinned(scan.occurrences),
  };
  if (!input.rewrite || input.rewrite.mirrors.length + input.rewrite.rules.length === 0) {
    return result;
  }
  const mirrors = input.rewrite.mirrors.map(parseMirror);
  const rules = input.rewrite.rules.map(parseRule);
  const plan = planRewrite(scan.occurrences, {
    mirrors,
    rules,
    exclude: input.rewrite.exclude,
    texts: new Map(scan.files.map((f) => [f.path, f.text])),
    check: input.verify && (await verifier(scan.occurrences, mirrors, rules, input.verify)),
  });
  result.skipped = plan.skipped;
  for (const file of scan.files) {
    const edits = plan.edits.filter((e) => e.file === file.path);
    if (edits.length === 0) continue;
    try {
      const after = applyEdits(file.text, edits);
      if (input.write) await writeFileAtomic(file.absPath, encodeFile(after, file.encoding));
      result.changes.push({ file, after });
      result.edits.push(...edits);
      result.rewritten.push(...plan.rewritten.filter((r) => r.file === file.path));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push({ file: file.path, line: edits[0]?.line ?? 1, message });
    }
  }
  return result;
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
