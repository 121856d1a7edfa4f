import { probeQuota } from '../../quota/index.js';
import { dockerHubEndpoints } from '../../registry/index.js';
import { quotaLine } from '../../report/quota.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';

export const QUOTA_HELP = `Usage: hubcap quota [--json]

Show how many Docker Hub pulls are left, the way \`regctl image ratelimit\` does: a token
for ratelimitpreview/test, then a HEAD of its manifest, which costs no pull.

Authenticated when HUBCAP_DOCKERHUB_USERNAME and HUBCAP_DOCKERHUB_TOKEN are set.
HUBCAP_DOCKERHUB_REGISTRY and HUBCAP_DOCKERHUB_AUTH (full URLs) override Docker Hub's
registry and token endpoints, e.g. for a proxy.

Options:
  --json       print {"status","limit","remaining","windowSeconds","source",
               "policies","authenticated","error"} (null when unknown)
  -h, --help   show this help

Exit code 0 even when Docker Hub cannot be reached: the status says so.
`;

/** `hubcap quota`: probe and print the Docker Hub pull quota. */
export async function quotaCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, { json: { type: 'boolean' } });
  if (args.values['help']) {
    io.stdout(QUOTA_HELP);
    return EXIT_OK;
  }
  if (args.positionals.length > 0) {
    throw new UsageError(`quota takes no arguments, got ${JSON.stringify(args.positionals[0])}`);
  }
  const report = await probeQuota({
    username: io.env['HUBCAP_DOCKERHUB_USERNAME'],
    token: io.env['HUBCAP_DOCKERHUB_TOKEN'],
    endpoints: dockerHubEndpoints(io.env),
  });
  if (args.values['json']) {
    const { status, limit, remaining, windowSeconds, source, policies, authenticated, error } =
      report;
    const json = {
      status,
      limit,
      remaining,
      windowSeconds,
      source,
      policies,
      authenticated,
      error,
    };
    io.stdout(JSON.stringify(json, null, 2) + '\n');
  } else {
    io.stdout(quotaLine(report) + '\n');
  }
  return EXIT_OK;
}
