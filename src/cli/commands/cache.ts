import { stat } from 'node:fs/promises';
import {
  CacheStore,
  defaultStoreDir,
  formatBytes,
  loadImages,
  parseByteSize,
  pruneStore,
  pullAndLoad,
  resolveImages,
  storeInventory,
  DEFAULT_CACHE_MAX_BYTES,
} from '../../cache/index.js';
import { imagesToCache } from '../../engine/layer-cache.js';
import { runMainJob } from '../../engine/main-job.js';
import { RegistryAccess } from '../../engine/registry-access.js';
import { parseReference } from '../../reference/parse.js';
import { formatTable } from '../../report/text-table.js';
import { plural } from '../../report/text.js';
import { listFlag, parseCommandArgs, stringFlag, type ParsedArgs } from '../args.js';
import { scanConfigFrom } from '../common-flags.js';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';

export const CACHE_HELP = `Usage: hubcap cache <pull|load|ls|prune> [options]

A content-addressed layer store (an OCI image layout) that keeps image layers between
runs: pull fetches only the blobs the store lacks, load streams images into Docker.

  cache pull [paths...]   pull the images the files name into the store (mirror first);
                          --load also loads them into Docker
  cache load [paths...]   load images into Docker from the store: those the files name
                          (one HEAD each to resolve the tag), or every stored image
  cache ls                list the stored images and their sizes
  cache prune             drop least recently used images beyond --max-size

Options:
  --store DIR             the store folder (default ~/.cache/hubcap/layers)
  --mirror SPEC           pull Docker Hub images through this mirror (repeatable)
  --rule SRC=DST          pull other registries' images through DST (repeatable)
  --insecure-registry H   talk plain HTTP to H (repeatable; loopback always is)
  --max-size SIZE         prune budget (default 2GB)
  --load                  pull: also load the images into Docker
  --files GLOB            scan only files matching GLOB (repeatable)
  --exclude-files GLOB    skip files matching GLOB (repeatable)
  --json                  print one JSON document on stdout
  -h, --help              show this help
`;

const FLAGS = {
  store: { type: 'string' },
  mirror: { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  'insecure-registry': { type: 'string', multiple: true },
  'max-size': { type: 'string' },
  load: { type: 'boolean' },
  json: { type: 'boolean' },
  files: { type: 'string', multiple: true },
  'exclude-files': { type: 'string', multiple: true },
} as const;

type Verb = (args: ParsedArgs, io: CliIo, store: CacheStore) => Promise<string>;

/** `hubcap cache …`: the layer store from the command line. */
export async function cacheCommand(argv: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h') {
    io.stdout(CACHE_HELP);
    return verb === undefined ? 2 : EXIT_OK;
  }
  const run = VERBS[verb];
  if (run === undefined) throw new UsageError(`unknown cache command ${JSON.stringify(verb)}`);
  const args = parseCommandArgs(rest, FLAGS);
  if (args.values['help']) {
    io.stdout(CACHE_HELP);
    return EXIT_OK;
  }
  const dir = stringFlag(args, 'store', defaultStoreDir(io.env));
  const kind = await stat(dir).then(
    (st) => (st.isDirectory() ? 'folder' : 'other'),
    () => 'missing',
  );
  if (kind === 'other') throw new UsageError(`--store ${JSON.stringify(dir)} is not a folder`);
  const pulls = verb === 'pull' || (verb === 'load' && args.positionals.length > 0);
  if (kind === 'missing' && !pulls) {
    // only pulling makes a store: a mistyped folder is not created by ls, load or prune
    io.stdout(`No layer store at ${dir} yet: nothing to ${verb === 'ls' ? 'list' : verb}.\n`);
    return EXIT_OK;
  }
  const store = await CacheStore.open(dir);
  io.stdout(await run(args, io, store));
  return EXIT_OK;
}

/** The images the scanned paths name, with the mirror as first source. */
async function namedImages(args: ParsedArgs, io: CliIo) {
  const result = await runMainJob({
    scan: scanConfigFrom(args, io),
    rewrite: { mirrors: listFlag(args, 'mirror'), rules: listFlag(args, 'rule'), exclude: [] },
    write: false,
  });
  const images = imagesToCache(result);
  const access = new RegistryAccess({
    env: io.env,
    insecureRegistries: listFlag(args, 'insecure-registry'),
  });
  const hosts = images.flatMap((i) =>
    (i.sources ?? [i.ref]).map((s) => parseReference(s).registry),
  );
  return { images, client: await access.clientsFor(hosts) };
}

const pull: Verb = async (args, io, store) => {
  const { images, client } = await namedImages(args, io);
  const resolved = await resolveImages(images, { client });
  const load = args.values['load'] === true;
  const run = await pullAndLoad(store, resolved.images, { client, load });
  if (args.values['json']) return JSON.stringify(run.pull, null, 2) + '\n';
  const rows = run.pull.images.map((i) => [
    i.ref,
    i.status,
    formatBytes(i.bytesRestored),
    formatBytes(i.bytesPulled),
    i.pulledFrom.map((f) => f.source).join(', ') || '-',
  ]);
  const failed = run.pull.images.filter((i) => i.error !== undefined);
  const warnings = [
    ...failed.map((i) => `failed: ${i.ref}: ${i.error}`),
    ...run.warnings.map((w) => `warning: ${w.message}`),
  ];
  const loaded =
    run.load === undefined ? [] : ['', loadText(run.load.outcomes, [], args).trimEnd()];
  return [
    formatTable(['IMAGE', 'CACHE', 'RESTORED', 'PULLED', 'FROM'], rows),
    '',
    `${plural(rows.length, 'image')}; ${formatBytes(run.bytesPulled)} pulled from registries`,
    ...warnings,
    ...loaded,
    '',
  ].join('\n');
};

const load: Verb = async (args, io, store) => {
  let stored = store.list();
  if (args.positionals.length > 0) {
    const { images, client } = await namedImages(args, io);
    const resolved = await resolveImages(images, { client });
    const run = await pullAndLoad(store, resolved.images, { client, load: true });
    const outcomes = run.load?.outcomes ?? [];
    return loadText(
      outcomes,
      run.warnings.map((w) => w.message),
      args,
    );
  }
  if (stored.length === 0) return 'The store holds no images.\n';
  stored = stored.filter((s, i) => stored.findIndex((t) => t.ref === s.ref) === i);
  const result = await loadImages(store, stored, {});
  return loadText(
    result.outcomes,
    result.warnings.map((w) => w.message),
    args,
  );
};

function loadText(
  outcomes: Array<{ ref: string; status: string; tags: string[]; error?: string | undefined }>,
  warnings: string[],
  args: ParsedArgs,
): string {
  if (args.values['json']) return JSON.stringify({ outcomes, warnings }, null, 2) + '\n';
  const rows = outcomes.map((o) => [o.ref, o.status, o.tags.join(', ')]);
  return [
    formatTable(['IMAGE', 'DOCKER', 'TAGS'], rows),
    ...outcomes.flatMap((o) => (o.error !== undefined ? [`failed: ${o.ref}: ${o.error}`] : [])),
    ...warnings.map((w) => `warning: ${w}`),
    '',
  ].join('\n');
}

const ls: Verb = async (args, _io, store) => {
  const inventory = await storeInventory(store);
  if (args.values['json']) return JSON.stringify(inventory, null, 2) + '\n';
  const rows = inventory.images.map((i) => [
    i.ref,
    i.platform,
    formatBytes(i.bytes),
    i.lastUsed,
    i.missingBlobs > 0 ? `${i.missingBlobs} blobs missing` : 'ok',
  ]);
  return [
    formatTable(['IMAGE', 'PLATFORM', 'SIZE', 'LAST USED', 'STATE'], rows),
    '',
    `${plural(inventory.images.length, 'image')}, ${plural(inventory.blobs, 'blob')}, ` +
      `${formatBytes(inventory.totalBytes)} on disk`,
    '',
  ].join('\n');
};

const prune: Verb = async (args, _io, store) => {
  const size = stringFlag(args, 'max-size', '');
  const budget = size === '' ? DEFAULT_CACHE_MAX_BYTES : parseByteSize(size, '--max-size');
  const result = await pruneStore(store, budget);
  if (args.values['json']) return JSON.stringify(result, null, 2) + '\n';
  return (
    `kept ${plural(result.kept.length, 'image')} (${formatBytes(result.keptBytes)}); ` +
    `removed ${plural(result.removed.length, 'image')} and ` +
    `${plural(result.removedBlobs, 'blob')}, ` +
    `freeing ${formatBytes(result.freedBytes)}\n`
  );
};

const VERBS: Record<string, Verb> = { pull, load, ls, prune };
