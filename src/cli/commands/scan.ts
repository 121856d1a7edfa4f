import { runMainJob } from '../../engine/main-job.js';
import { policyFailures } from '../../engine/policy.js';
import { scanJson } from '../../report/json.js';
import { scanText } from '../../report/text.js';
import { parseCommandArgs } from '../args.js';
import { policyFrom, SCAN_FLAGS, SCAN_FLAGS_HELP, scanConfigFrom } from '../common-flags.js';
import { EXIT_OK, EXIT_POLICY, type CliIo } from '../io.js';

export const SCAN_HELP = `Usage: hubcap scan [paths...] [options]

List every image reference in Dockerfiles, Compose, Kubernetes, Helm values, GitHub and
GitLab workflows, devcontainer.json and kustomizations, with pin status and problems.
Paths are files or folders (default: the current folder).

Options:
${SCAN_FLAGS_HELP}
`;

/** `hubcap scan`: report images and problems; never edits. */
export async function scanCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, SCAN_FLAGS);
  if (args.values['help']) {
    io.stdout(SCAN_HELP);
    return EXIT_OK;
  }
  const policy = policyFrom(args);
  const result = await runMainJob({ scan: scanConfigFrom(args, io), write: false });
  const { occurrences } = result.scan;
  io.stdout(
    args.values['json']
      ? scanJson(occurrences, result.problems) + '\n'
      : scanText(occurrences, result.problems),
  );
  const failures = policyFailures(policy, result);
  if (failures.length === 0) return EXIT_OK;
  io.stderr(failures.join('\n') + '\n');
  return EXIT_POLICY;
}
