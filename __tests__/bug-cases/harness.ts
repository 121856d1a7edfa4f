import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { runMainJob, type MainJobResult } from '../../src/engine/main-job.js';
import type { Occurrence } from '../../src/scan/types.js';
import { readJsonl } from '../support/corpus.js';

/** One entry of the corpus's `bug-cases.jsonl`. */
export interface BugCase {
  id: string;
  category: string;
  construct: string;
  file_name: string;
  input: string;
  expected: string;
  reported_in: string;
}

/** The mirror every case is written for: a plain prefix that keeps `library/`. */
export const MIRROR = 'mirror.example.com';

/** Made-up digests the cases use. */
export const D0 = `sha256:${'0123456789abcdef'.repeat(4)}`;
export const DF = `sha256:${'fedcba9876543210'.repeat(4)}`;

/** Reads one case from the corpus at run time, by id. */
export async function bugCase(id: string): Promise<BugCase> {
  const cases = await readJsonl<BugCase>('bug-cases.jsonl');
  const found = cases.find((c) => c.id === id);
  if (found === undefined) throw new Error(`bug case ${JSON.stringify(id)} not in the corpus`);
  return found;
}

/** What running the main job on one file gave, twice. */
export interface FileRun {
  /** The file's text as written before the run. */
  before: string;
  /** Its bytes after the first run, read back from disk as UTF-8. */
  after: string;
  first: MainJobResult;
  /** The main job run again on the rewritten tree. */
  second: MainJobResult;
  /** The bytes after the second run. */
  afterSecond: string;
}

/**
 * Writes `text` under `fileName` in a fresh temp folder, runs the real main job with the
 * mirror (writing in place), reads the file back, runs the job once more on the result,
 * and removes the folder.
 */
export async function runOnFile(fileName: string, text: string, mirror = MIRROR): Promise<FileRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hubcap-bug-case-'));
  try {
    const file = path.join(dir, fileName);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    const job = () =>
      runMainJob({
        scan: { root: dir, paths: [], files: [], excludeFiles: [] },
        rewrite: { mirrors: [mirror], rules: [], exclude: [] },
        write: true,
      });
    const first = await job();
    const after = await readFile(file, 'utf8');
    const second = await job();
    const afterSecond = await readFile(file, 'utf8');
    return { before: text, after, first, second, afterSecond };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What running the main job in pin mode on one file gave, twice. */
export interface PinRun {
  first: MainJobResult;
  after: string;
  second: MainJobResult;
  afterSecond: string;
  /** The references the resolver was asked about (both runs), by normalized form, in order. */
  asked: string[];
}

/**
 * Writes `text` under `fileName` in a fresh temp folder and runs the real main job in pin
 * mode (writing), tags resolved from `digests` (by normalized reference; others are not
 * found), with the mirror rewrite too when `mirror` is given; then runs it once more.
 */
export async function runPinJob(
  fileName: string,
  text: string,
  digests: Record<string, string>,
  mirror?: string,
): Promise<PinRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hubcap-bug-case-'));
  const asked: string[] = [];
  try {
    const file = path.join(dir, fileName);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    const job = () =>
      runMainJob({
        scan: { root: dir, paths: [], files: [], excludeFiles: [] },
        rewrite: mirror === undefined ? undefined : { mirrors: [mirror], rules: [], exclude: [] },
        write: true,
        pin: {
          write: true,
          resolve: async (ref) => {
            asked.push(ref.normalized);
            return digests[ref.normalized] ?? { error: 'manifest unknown', notFound: true };
          },
        },
      });
    const first = await job();
    const after = await readFile(file, 'utf8');
    const second = await job();
    const afterSecond = await readFile(file, 'utf8');
    return { first, after, second, afterSecond, asked };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes the case's input under its file name and runs the main job on it, twice. */
export async function runCase(c: BugCase): Promise<FileRun> {
  return runOnFile(c.file_name, c.input);
}

/** `[line, kind, image]` of every occurrence, in scan order. */
export function refs(result: MainJobResult): Array<[number, string, string]> {
  return result.scan.occurrences.map((o) => [o.line, o.kind, o.image]);
}

/** `[line, ref, reason]` of every skipped occurrence. */
export function skips(result: MainJobResult): Array<[number, string, string]> {
  return result.skipped.map((s) => [s.line, s.ref, s.reason]);
}

/** `[line, from, to]` of every rewritten reference. */
export function rewrites(result: MainJobResult): Array<[number, string, string]> {
  return result.rewritten.map((r) => [r.line, r.from, r.to]);
}

/** The parts of an occurrence's parsed reference. */
export function parts(o: Occurrence | undefined) {
  if (o === undefined) throw new Error('no such occurrence');
  const { registry, repository, tag, digest, normalized, isDockerHub, pinned } = o.ref;
  return { registry, repository, tag, digest, normalized, isDockerHub, pinned };
}

/**
 * The checks every file case shares: no problems, and a second run on the output plans no
 * edit, writes nothing and changes 0 bytes.
 */
export function expectStable(run: FileRun): void {
  expect(run.first.problems).toEqual([]);
  expect(run.second.problems).toEqual([]);
  expect(run.second.edits).toEqual([]);
  expect(run.second.changes).toEqual([]);
  expect(run.afterSecond).toBe(run.after);
}

/** The 1-based line of an offset of a text. */
export function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
