import { parseChoice } from './parse-values.js';

/** What makes a run fail: nothing, any unpinned reference, or a `latest`/missing tag. */
export const FAIL_ON = ['none', 'unpinned', 'latest'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** The main job's settings, read once from action inputs or CLI flags. */
export interface ScanConfig {
  /** Folder everything is relative to (the workspace). */
  root: string;
  /** Paths (files or folders, relative to root) to scan; empty means the whole root. */
  paths: string[];
  /** File globs to include; empty means the built-in defaults. */
  files: string[];
  /** File globs never scanned or edited. */
  excludeFiles: string[];
}

/** Settings for rewriting references to a mirror. */
export interface RewriteConfig {
  /** Mirror specs, in order of preference. */
  mirrors: string[];
  /** `SRC=DST` rules for any registry. */
  rules: string[];
  /** Image-name patterns (with `*`) never rewritten. */
  exclude: string[];
}

/** Parses the `fail-on` value. */
export function parseFailOn(value: string): FailOn {
  return parseChoice('fail-on', value || 'none', FAIL_ON);
}
