import { parseFailOn, type FailOn, type ScanConfig } from '../config/config.js';
import { listFlag, stringFlag, type ParsedArgs } from './args.js';
import type { CliIo } from './io.js';

/** Flags every scanning command takes. */
export const SCAN_FLAGS = {
  files: { type: 'string', multiple: true },
  'exclude-files': { type: 'string', multiple: true },
  json: { type: 'boolean' },
  'fail-on': { type: 'string' },
} as const;

/** Help lines for SCAN_FLAGS. */
export const SCAN_FLAGS_HELP = `  --files GLOB          only scan files matching GLOB (repeatable; default: all known kinds)
  --exclude-files GLOB  never scan or edit files matching GLOB (repeatable)
  --fail-on POLICY      none (default), unpinned or latest: exit 1 when the policy fails
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

/** The `--fail-on` policy. */
export function failOnFrom(args: ParsedArgs): FailOn {
  return parseFailOn(stringFlag(args, 'fail-on', 'none'));
}
