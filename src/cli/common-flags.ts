import { parsePolicy, type Policy, type ScanConfig } from '../config/config.js';
import { listFlag, stringFlag, type ParsedArgs } from './args.js';
import type { CliIo } from './io.js';

/** Flags every scanning command takes. */
export const SCAN_FLAGS = {
  files: { type: 'string', multiple: true },
  'exclude-files': { type: 'string', multiple: true },
  json: { type: 'boolean' },
  'fail-on': { type: 'string' },
  'allowed-registry': { type: 'string', multiple: true },
} as const;

/** Help lines for SCAN_FLAGS. */
export const SCAN_FLAGS_HELP = `  --files GLOB          only scan files matching GLOB (repeatable; default: every
                        known kind; a glob without / matches at any depth)
  --exclude-files GLOB  never scan or edit files matching GLOB (repeatable)
  --fail-on POLICIES    none (default), or unpinned, latest, registry (comma-separated):
                        exit 1 when one fails
  --allowed-registry R  a registry (host or host/path) images may come from, for
                        --fail-on registry (repeatable; docker.io means Docker Hub)
  --json                print one JSON document on stdout
  -h, --help            show this help`;

/** The scan settings from flags and positional paths, relative to the working directory. */
export function scanConfigFrom(args: ParsedArgs, io: CliIo): ScanConfig {
  return {
    root: io.cwd,
    paths: args.positionals,
    files: listFlag(args, 'files'),
    excludeFiles: listFlag(args, 'exclude-files'),
  };
}

/** The `--fail-on` policies and their allow list. */
export function policyFrom(args: ParsedArgs): Policy {
  return parsePolicy(stringFlag(args, 'fail-on', 'none'), listFlag(args, 'allowed-registry'));
}
