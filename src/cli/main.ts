import { rewriteCommand } from './commands/rewrite.js';
import { scanCommand } from './commands/scan.js';
import { quotaCommand } from './commands/quota.js';
import { pinCommand } from './commands/pin.js';
import { cacheCommand } from './commands/cache.js';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io.js';
import { VERSION } from './version.js';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  scan: scanCommand,
  rewrite: rewriteCommand,
  quota: quotaCommand,
  pin: pinCommand,
  cache: cacheCommand,
};

export const MAIN_HELP = `Usage: hubcap <command> [options]

Keep CI pipelines alive under Docker Hub's pull rate limits.

Commands:
  scan [paths...]      list image references, their pin status and problems
  rewrite [paths...]   point Docker Hub references at a mirror (--dry-run for a diff)
  pin [paths...]       resolve unpinned tags to digests (--write to pin the files)
  quota                show the Docker Hub pull quota left (costs no pull)
  cache <verb>         the layer store: pull, load, ls, prune

Run \`hubcap <command> --help\` for a command's options, \`hubcap --version\` for the version.
Exit codes: 0 ok, 1 a --fail-on policy failed, 2 usage or input error.
`;

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    io.stdout(`hubcap ${VERSION}\n`);
    return EXIT_OK;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(MAIN_HELP);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`hubcap: unknown command ${JSON.stringify(name)}\n\n${MAIN_HELP}`);
    return EXIT_USAGE;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof UsageError ? `\nRun \`hubcap ${name} --help\` for usage.` : '';
    io.stderr(`hubcap ${name}: ${message}${hint}\n`);
    return EXIT_USAGE;
  }
}
