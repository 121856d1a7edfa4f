// Archive writer benchmark (issue 4, warm path). Fills a store with an image of at least
// 300 MB in at least 5 layers (pulled from a loopback registry), then streams its archive
// into a named pipe drained by `cat > /dev/null`, and prints the writer's CPU time and
// wall time next to `cat` of the same blob files into the same kind of pipe. The CPU the
// writer spends is CPU `docker load` cannot use for hashing and unpacking on a small
// runner. Needs Debian's docker-registry. Not part of the test suite.
// Run: npx tsx bench/archive-writer.ts [--layers N] [--layer-mb M] [--rounds R]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RegistryClient } from '../src/registry/client.js';
import { CacheStore } from '../src/cache/store/store.js';
import { pullImages } from '../src/cache/pull.js';
import { writeArchive } from '../src/cache/load/archive.js';
import { formatBytes } from '../src/cache/size.js';
import { startRegistry } from '../__tests__/support/registry-service.js';
import { buildImage, busyboxLayer, pushImage } from '../__tests__/support/test-image.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name}: expected a positive number`);
  return v;
}

const LAYERS = flag('layers', 5);
const LAYER_MB = flag('layer-mb', 62);
const ROUNDS = flag('rounds', 7);

interface Sample {
  wallMs: number;
  cpuMs: number;
}

/** Runs `cat > /dev/null` on a new FIFO and resolves with the reader's exit. */
async function drainedFifo(dir: string, n: number): Promise<{ fifo: string; done: Promise<void> }> {
  const fifo = path.join(dir, `pipe-${n}`);
  await new Promise<void>((resolve, reject) => {
    spawn('mkfifo', [fifo]).on('exit', (c) => (c === 0 ? resolve() : reject(new Error('mkfifo'))));
  });
  const cat = spawn('sh', ['-c', `cat "${fifo}" > /dev/null`], { stdio: 'inherit' });
  const done = new Promise<void>((resolve) => cat.on('exit', () => resolve()));
  return { fifo, done };
}

/** Wall and CPU time (user + system) of the child `cat` copying files into a drained FIFO. */
async function catSample(dir: string, n: number, files: string[]): Promise<Sample> {
  const { fifo, done } = await drainedFifo(dir, n);
  const start = performance.now();
  const script = `cat ${files.map((f) => `"${f}"`).join(' ')} > "${fifo}"; times`;
  const out: Buffer[] = [];
  const child = spawn('bash', ['-c', script]);
  child.stdout.on('data', (b: Buffer) => out.push(b));
  await new Promise((r) => child.on('exit', r));
  await done;
  const wallMs = performance.now() - start;
  // `times` prints the shell's then its children's user and system times
  const lines = Buffer.concat(out).toString().trim().split('\n');
  const seconds = (lines[1] ?? '').match(/(\d+)m([\d.]+)s/g) ?? [];
  const cpuMs = seconds
    .map((s) => /(\d+)m([\d.]+)s/.exec(s) as RegExpExecArray)
    .reduce((sum, m) => sum + (Number(m[1]) * 60 + Number(m[2])) * 1000, 0);
  return { wallMs, cpuMs };
}

async function writerSample(dir: string, n: number, store: CacheStore): Promise<Sample> {
  const entry = store.list()[0];
  if (entry === undefined) throw new Error('the store is empty');
  const content = await store.content(entry);
  if (content === undefined) throw new Error('the store lost the image');
  const { fifo, done } = await drainedFifo(dir, n);
  const start = performance.now();
  const cpu = process.cpuUsage();
  const handle = await open(fifo, 'w');
  await writeArchive(store, [{ content, tags: ['bench:1'] }], handle, {
    layers: 'uncompressed',
    verify: 'metadata',
  });
  await handle.close();
  const used = process.cpuUsage(cpu);
  await done;
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const work = await mkdtemp(path.join(os.tmpdir(), 'hubcap-writer-bench-'));
const registry = await startRegistry();
try {
  const layers = [busyboxLayer()];
  for (let i = 0; i < LAYERS; i++) {
    const content = randomBytes(LAYER_MB * 1024 * 1024);
    layers.push({ files: [{ path: `data/layer-${i}.bin`, content }] });
  }
  const image = await buildImage({ layers });
  await pushImage(registry.url, 'library/bench', '1', image);
  const store = await CacheStore.open(path.join(work, 'store'));
  const client = new RegistryClient(registry.host);
  const pulled = await pullImages(
    store,
    [{ ref: 'docker.io/library/bench:1', sources: [`${registry.host}/library/bench:1`] }],
    { client: () => client, platform: { os: 'linux', architecture: 'amd64' } },
  );
  if (pulled.images[0]?.status !== 'miss') throw new Error(JSON.stringify(pulled.images[0]));
  const entry = store.list()[0];
  const content = entry === undefined ? undefined : await store.content(entry);
  if (content === undefined) throw new Error('the store lost the image');
  const files = content.blobs.map((b) => store.blobs.blobPath(b.digest));
  const bytes = content.blobs.reduce((n, b) => n + b.size, 0);

  const writer: Sample[] = [];
  const cat: Sample[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    writer.push(await writerSample(work, round * 2, store));
    cat.push(await catSample(work, round * 2 + 1, files));
  }
  const ms = (xs: number[]): string => `${median(xs).toFixed(0).padStart(5)} ms`;
  console.log(`median of ${ROUNDS} rounds, ${formatBytes(bytes)} of blobs`);
  console.log(`                 wall       cpu`);
  console.log(
    `  hubcap writer ${ms(writer.map((s) => s.wallMs))} ${ms(writer.map((s) => s.cpuMs))}`,
  );
  console.log(`  cat           ${ms(cat.map((s) => s.wallMs))} ${ms(cat.map((s) => s.cpuMs))}`);
  const ratio = median(writer.map((s) => s.cpuMs)) / median(cat.map((s) => s.cpuMs));
  console.log(`  writer cpu / cat cpu = ${ratio.toFixed(2)}`);
} finally {
  await registry.stop();
  await rm(work, { recursive: true, force: true });
}
