import { readFile } from 'node:fs/promises';
import { extractorFor } from './extractors/index.js';
import { decodeFile, type TextEncodingName } from './file-text.js';
import type { FoundFile } from './discover.js';
import { mapLimited } from '../util/concurrency.js';
import type { NotAnImage, Occurrence, Problem } from './types.js';

/** One scanned file: its text (kept for rewriting) and what was found in it. */
export interface ScannedFile extends FoundFile {
  text: string;
  encoding: TextEncodingName;
  occurrences: Occurrence[];
  problems: Problem[];
  notImages: NotAnImage[];
}

/** Everything a scan found, in file order. */
export interface ScanResult {
  files: ScannedFile[];
  occurrences: Occurrence[];
  problems: Problem[];
  notImages: NotAnImage[];
}

const READ_CONCURRENCY = 16;

/** Reads and extracts one file; an unexpected failure becomes a problem, never a crash. */
export async function scanFile(file: FoundFile): Promise<ScannedFile> {
  let text = '';
  let encoding: TextEncodingName = 'utf8';
  try {
    ({ text, encoding } = decodeFile(await readFile(file.absPath)));
    const result = extractorFor(file.kind)(text, file.path);
    return { ...file, text, encoding, ...result, notImages: result.notImages ?? [] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const problem = { file: file.path, line: 1, message: `cannot read ${file.kind}: ${message}` };
    return { ...file, text, encoding, occurrences: [], problems: [problem], notImages: [] };
  }
}

/** Scans files with bounded concurrency, keeping their order. */
export async function scanFiles(files: FoundFile[]): Promise<ScanResult> {
  const scanned = await mapLimited(files, READ_CONCURRENCY, scanFile);
  return {
    files: scanned,
    occurrences: scanned.flatMap((f) => f.occurrences),
    problems: scanned.flatMap((f) => f.problems),
    notImages: scanned.flatMap((f) => f.notImages),
  };
}
