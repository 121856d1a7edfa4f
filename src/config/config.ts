import { ConfigError } from './errors.js';
import { parseList } from './parse-values.js';

/** Policies `fail-on` can name; `none` (or empty) names none. */
export const FAIL_ON = ['none', 'unpinned', 'latest', 'registry'] as const;
export type FailOnPolicy = Exclude<(typeof FAIL_ON)[number], 'none'>;

/** When a run fails: the policies to enforce and the registries the `registry` one allows. */
export interface Policy {
  failOn: FailOnPolicy[];
  /** `host` or `host/path` prefixes; `docker.io` stands for Docker Hub. */
  allowedRegistries: string[];
}

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

/**
 * Parses `fail-on` (a list: `unpinned, registry`) and `allowed-registries`. `registry`
 * needs a non-empty allow list; errors quote the bad value.
 */
export function parsePolicy(failOn: string, allowedRegistries: string[] = []): Policy {
  const policies: FailOnPolicy[] = [];
  for (const item of parseList(failOn)) {
    if (!(FAIL_ON as readonly string[]).includes(item)) {
      throw new ConfigError(
        `fail-on must be one of ${FAIL_ON.join(', ')}, got ${JSON.stringify(item)}`,
      );
    }
    if (item !== 'none' && !policies.includes(item as FailOnPolicy)) {
      policies.push(item as FailOnPolicy);
    }
  }
  if (policies.includes('registry') && allowedRegistries.length === 0) {
    throw new ConfigError(
      'fail-on registry needs the registries images may come from ' +
        '(input allowed-registries, flag --allowed-registry)',
    );
  }
  return { failOn: policies, allowedRegistries };
}
