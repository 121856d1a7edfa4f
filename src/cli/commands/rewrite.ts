import { runMainJob } from '../../engine/main-job.js';
import { skipRows } from '../../report/skips.js';
import { RegistryAccess } from '../../engine/registry-access.js';
import { policyFailures } from '../../engine/policy.js';
import { rewriteJson } from '../../report/json.js';
import { rewriteText } from '../../report/text.js';
import { unifiedDiff } from '../../rewrite/diff.js';
import { listFlag, parseCommandArgs } from '../args.js';
import { policyFrom, SCAN_FLAGS, SCAN_FLAGS_HELP, scanConfigFrom } from '../common-flags.js';
import { EXIT_OK, EXIT_POLICY, UsageError, type CliIo } from '../io.js';

export const REWRITE_HELP = `Usage: hubcap rewrite [paths...] --mirror SPEC [options]

Point Docker Hub image references at a mirror, editing only the bytes of each reference.
A second run changes nothing. References the mirror cannot serve are listed as skipped.

Mirror specs:
  mirror.gcr.io                          Google's Docker Hub cache
  ecr-public                             public.ecr.aws/docker/library (official images only)
  ecr:ACCOUNT.dkr.ecr.REGION.amazonaws.com[/PREFIX]
                                         ECR pull-through cache (default prefix docker-hub)
  harbor:HOST/PROJECT                    Harbor proxy-cache project
  gitlab:HOST/GROUP                      GitLab dependency proxy
  artifactory:HOST/REPO-KEY              Artifactory remote Docker repository
  HOST[:PORT][/PATH]                     any registry that mirrors Docker Hub

Options:
  --mirror SPEC         mirror for Docker Hub images (repeatable: first that applies wins)
  --rule SRC=DST        rewrite another registry, e.g. quay.io=mirror.corp/quay (repeatable)
  --exclude PATTERN     leave images matching PATTERN alone, * matches any text (repeatable)
  --dry-run             print a unified diff instead of editing files
  --verify              check with a manifest HEAD that the mirror has each image first
  --insecure-registry HOST
                        talk plain HTTP to HOST (repeatable; loopback hosts always are)
${SCAN_FLAGS_HELP}
`;

/** The flags of `rewrite`. */
export const REWRITE_FLAGS = {
  ...SCAN_FLAGS,
  mirror: { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  verify: { type: 'boolean' },
  'insecure-registry': { type: 'string', multiple: true },
} as const;

/** `hubcap rewrite`: edit references in place, or print the diff with `--dry-run`. */
export async function rewriteCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, REWRITE_FLAGS);
  if (args.values['help']) {
    io.stdout(REWRITE_HELP);
    return EXIT_OK;
  }
  const mirrors = listFlag(args, 'mirror');
  const rules = listFlag(args, 'rule');
  if (mirrors.length + rules.length === 0) {
    throw new UsageError('rewrite needs --mirror SPEC or --rule SRC=DST');
  }
  const policy = policyFrom(args);
  const dryRun = args.values['dry-run'] === true;
  const result = await runMainJob({
    scan: scanConfigFrom(args, io),
    rewrite: { mirrors, rules, exclude: listFlag(args, 'exclude') },
    write: !dryRun,
    verify:
      args.values['verify'] === true
        ? new RegistryAccess({
            env: io.env,
            insecureRegistries: listFlag(args, 'insecure-registry'),
          })
        : undefined,
  });
  if (args.values['json']) {
    io.stdout(rewriteJson(result.rewritten, skipRows(result), result.problems) + '\n');
  } else {
    if (dryRun) {
      for (const change of result.changes) {
        io.stdout(unifiedDiff(change.file.path, change.file.text, change.after));
      }
    }
    io.stdout(rewriteText(result.rewritten, skipRows(result), result.problems, dryRun));
  }
  const failures = policyFailures(policy, result);
  if (failures.length === 0) return EXIT_OK;
  io.stderr(failures.join('\n') + '\n');
  return EXIT_POLICY;
}
