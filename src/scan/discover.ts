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

/** A glob without a `/` matches a file name at any depth, as in `.gitignore`. */
export function anyDepth(glob: string): string {
  return glob.includes('/') ? glob : `**/${glob}`;
}

/** Names that are Dockerfiles even when not spelled the standard way (`Dockerfile-prod`). */
const DOCKERFILE_LIKE = /(docker|container)file/i;

/** What a file is, from its path; a file asked for by name may also just look like one. */
function kindOf(rel: string, named: boolean): FileKind | undefined {
  const kind = fileKindOf(rel);
  if (kind !== undefined || !named) return kind;
  return DOCKERFILE_LIKE.test(path.posix.basename(rel)) ? 'dockerfile' : undefined;
}

/** Files found, and files asked for whose kind hubcap cannot tell. */
export interface Discovery {
  files: FoundFile[];
  unknown: string[];
}

/**
 * Finds the files to scan: every file under `paths` (default: root) that matches the file
 * globs and has a known kind. A path named explicitly is scanned when its kind is known.
 * Missing paths are an error naming the path.
 */
export async function discoverFiles(options: DiscoverOptions): Promise<FoundFile[]> {
  return (await discover(options)).files;
}

/**
 * Like {@link discoverFiles}, also naming the files asked for (by path or by a `--files`
 * glob) whose kind cannot be told, so they are reported rather than silently skipped.
 */
export async function discover(options: DiscoverOptions): Promise<Discovery> {
  const root = path.resolve(options.root);
  const rootInfo = await stat(root).catch(() => undefined);
  if (!rootInfo?.isDirectory()) throw new Error(`Folder not found: ${JSON.stringify(root)}`);
  const named = options.files.length > 0;
  const globs = named ? options.files.map(anyDepth) : DEFAULT_FILE_GLOBS;
  const ignore = [...DEFAULT_IGNORE, ...options.excludeFiles.map(anyDepth)];
  const starts = options.paths.length > 0 ? options.paths : ['.'];
  const found = new Map<string, FoundFile>();
  const unknown = new Set<string>();
  for (const start of starts) {
    const absStart = path.resolve(root, start);
    const info = await stat(absStart).catch(() => undefined);
    if (!info) throw new Error(`Path not found: ${JSON.stringify(start)}`);
    const entries = info.isDirectory()
      ? await fg(globs, { cwd: absStart, ignore, dot: true, onlyFiles: true, absolute: true })
      : [absStart];
    for (const absPath of entries) {
      const rel = toPosix(path.relative(root, absPath)) || path.basename(absPath);
      const kind = kindOf(rel, named || !info.isDirectory());
      if (kind !== undefined) found.set(rel, { path: rel, absPath, kind });
      else if (named || !info.isDirectory()) unknown.add(rel);
    }
  }
  const files = [...found.values()].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  return { files, unknown: [...unknown].sort() };
}
