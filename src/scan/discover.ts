import fg from 'fast-glob';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_FILE_GLOBS, DEFAULT_IGNORE, fileKindOf } from './detect.js';
import type { FileKind } from './types.js';

/** A file to scan: its path for reports (relative to root, `/`-separated) and its kind. */
export interface FoundFile {
  path: string;
  absPath: string;
  kind: FileKind;
}

/** Where to look and what to skip. */
export interface DiscoverOptions {
  root: string;
  paths: string[];
  files: string[];
  excludeFiles: string[];
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

/**
 * Finds the files to scan: every file under `paths` (default: root) that matches the file
 * globs and has a known kind. A path named explicitly is scanned when its kind is known.
 * Missing paths are an error naming the path.
 */
export async function discoverFiles(options: DiscoverOptions): Promise<FoundFile[]> {
  const root = path.resolve(options.root);
  const globs = options.files.length > 0 ? options.files : DEFAULT_FILE_GLOBS;
  const ignore = [...DEFAULT_IGNORE, ...options.excludeFiles];
  const starts = options.paths.length > 0 ? options.paths : ['.'];
  const found = new Map<string, FoundFile>();
  for (const start of starts) {
    const absStart = path.resolve(root, start);
    const info = await stat(absStart).catch(() => undefined);
    if (!info) throw new Error(`Path not found: ${JSON.stringify(start)}`);
    const entries = info.isDirectory()
      ? await fg(globs, { cwd: absStart, ignore, dot: true, onlyFiles: true, absolute: true })
      : [absStart];
    for (const absPath of entries) {
      const rel = toPosix(path.relative(root, absPath)) || path.basename(absPath);
      const kind = fileKindOf(rel);
      if (kind !== undefined) found.set(rel, { path: rel, absPath, kind });
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
