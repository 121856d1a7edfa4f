import { digestResolver } from '../../engine/digests.js';
import { runMainJob } from '../../engine/main-job.js';
import { policyFailures } from '../../engine/policy.js';
import { RegistryAccess } from '../../engine/registry-access.js';
import { pinJson, problemJson } from '../../report/json.js';
import { formatTable } from '../../report/text-table.js';
import { plural, problemsText } from '../../report/text.js';
import { listFlag, parseCommandArgs } from '../args.js';
import { policyFrom, SCAN_FLAGS, SCAN_FLAGS_HELP, scanConfigFrom } from '../common-flags.js';
import { EXIT_OK, EXIT_POLICY, type CliIo } from '../io.js';

export const PIN_HELP = `Usage: hubcap pin [paths...] [--write] [options]

Resolve every image reference without a digest to the digest its tag points at now,
with a manifest HEAD (no Docker Hub pull spent; the mirror is asked first when given),
and print the pins. With --write, write tag@digest into the files, byte-exact; a tag that
cannot be resolved is reported and left as written. A second run changes nothing.

Options:
  --write               write the pins into the files
  --mirror SPEC         ask this mirror first (repeatable)
  --rule SRC=DST        ask the rule's target first (repeatable)
  --insecure-registry HOST
                        talk plain HTTP to HOST (repeatable; loopback hosts always are)
${SCAN_FLAGS_HELP}
`;

const PIN_FLAGS = {
  ...SCAN_FLAGS,
  write: { type: 'boolean' },
  mirror: { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  'insecure-registry': { type: 'string', multiple: true },
} as const;

/** `hubcap pin`: find digests for unpinned references, and write them with --write. */
export async function pinCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, PIN_FLAGS);
  if (args.values['help']) {
    io.stdout(PIN_HELP);
    return EXIT_OK;
  }
  const policy = policyFrom(args);
  const write = args.values['write'] === true;
  const rewrite = { mirrors: listFlag(args, 'mirror'), rules: listFlag(args, 'rule'), exclude: [] };
  const access = new RegistryAccess({
    env: io.env,
    insecureRegistries: listFlag(args, 'insecure-registry'),
  });
  const result = await runMainJob({
    scan: scanConfigFrom(args, io),
    write,
    pin: { resolve: digestResolver(access, rewrite), write },
  });
  const failed = result.floating.flatMap(({ occurrence: o }) => {
    const found = result.digests.get(o.ref.normalized);
    return found === undefined || typeof found === 'string'
      ? []
      : [{ file: o.file, line: o.line, ref: o.image, reason: found.error }];
  });
  if (args.values['json']) {
    const json = {
      pins: result.pins.map(pinJson),
      unresolved: failed,
      problems: result.problems.map(problemJson),
    };
    io.stdout(JSON.stringify(json, null, 2) + '\n');
  } else {
    const parts: string[] = [];
    const rows = result.pins.map((p) => [`${p.file}:${p.line}`, p.ref, p.digest]);
    if (rows.length > 0) parts.push(formatTable(['FILE', 'REFERENCE', 'DIGEST'], rows));
    const bad = failed.map((f) => [`${f.file}:${f.line}`, f.ref, f.reason]);
    if (bad.length > 0) parts.push(formatTable(['FILE', 'NOT RESOLVED', 'REASON'], bad));
    const verb = write ? 'pinned' : 'can pin';
    parts.push(`${verb} ${plural(result.pins.length, 'reference')}; ${failed.length} not resolved`);
    if (result.problems.length > 0) parts.push(problemsText(result.problems));
    io.stdout(parts.join('\n\n') + '\n');
  }
  const failures = policyFailures(policy, result);
  if (failures.length === 0) return EXIT_OK;
  io.stderr(failures.join('\n') + '\n');
  return EXIT_POLICY;
}
