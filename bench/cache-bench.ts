// Layer-cache benchmark (issue 4). Builds an image of at least 300 MB in at least 5 layers,
// pushes it to a loopback registry, then prints side by side:
//   cold: hubcap pull into an empty store  vs  skopeo copy docker://… oci:  vs  docker pull
//   warm: hubcap pull (store hit) + load    vs  docker load of `docker save`'s tar
// and the registry requests the warm hubcap path sent. Needs root (a private dockerd),
// Debian's docker-registry, docker.io and skopeo. Not part of the test suite.
// Run: npx tsx bench/cache-bench.ts [--layers N] [--layer-mb M] [--rounds R] [--text] [--disk]
// (--text: layers of base64 text, which gzip shrinks by a quarter, instead of random bytes;
// --disk: the daemon's data root on disk under /tmp instead of the tmpfs /dev/shm, where the
// virtual disk's write-back no longer blurs the timings of both sides)
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { RegistryClient } from '../src/registry/client.js';
import { undiciTransport, type HttpTransport } from '../src/registry/transport.js';
import { CacheStore } from '../src/cache/store/store.js';
import { pullImages } from '../src/cache/pull.js';
import { loadImages } from '../src/cache/load/load-images.js';
import { runDocker, type DockerCli } from '../src/cache/load/docker-cli.js';
import { formatBytes } from '../src/cache/size.js';
import { startRegistry } from '../__tests__/support/registry-service.js';
import { dockerdUnavailable, startDockerd } from '../__tests__/support/dockerd-service.js';
import { buildImage, busyboxLayer, pushImage } from '../__tests__/support/test-image.js';

const run = promisify(execFile);

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name}: expected a positive number`);
  return v;
}

const LAYERS = flag('layers', 5);
const TEXT = process.argv.includes('--text');
// gzip leaves random bytes as they are and shrinks base64 text to about 76 %
const LAYER_MB = flag('layer-mb', TEXT ? 82 : 62);
const ROUNDS = flag('rounds', 7);
const DAEMON_PARENT =
  process.argv.includes('--disk') || !existsSync('/dev/shm') ? '/tmp' : '/dev/shm';

const why = dockerdUnavailable();
if (why !== undefined) {
  console.error(`cache-bench: ${why}`);
  process.exit(2);
}

/**
 * Times `fn` after a `sync`, so dirty pages left by the step before (a deleted image is a
 * gigabyte of vfs files) are not written back on this step's clock.
 */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  await run('sync');
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

async function docker(cli: DockerCli, args: string[]): Promise<string> {
  const r = await runDocker(cli, args);
  if (r.exitCode !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout;
}

const work = await mkdtemp(path.join(os.tmpdir(), 'hubcap-bench-'));
const registry = await startRegistry();
const daemon = await startDockerd({ parentDir: DAEMON_PARENT });
const cli: DockerCli = { env: daemon.env };
try {
  const kind = TEXT ? 'base64 text' : 'random data';
  console.log(`building an image: busybox + ${LAYERS} layers of ${LAYER_MB} MB ${kind}…`);
  const layers = [busyboxLayer()];
  const bytes = LAYER_MB * 1024 * 1024;
  for (let i = 0; i < LAYERS; i++) {
    const content = TEXT
      ? Buffer.from(randomBytes(Math.floor((bytes * 3) / 4)).toString('base64'))
      : randomBytes(bytes);
    layers.push({ files: [{ path: `data/layer-${i}.bin`, content }] });
  }
  const image = await buildImage({ layers });
  const imageBytes =
    image.manifest.size + image.config.size + image.layers.reduce((n, l) => n + l.size, 0);
  await pushImage(registry.url, 'library/bench', '1', image);
  const mirrorRef = `${registry.host}/library/bench:1`;
  const original = 'docker.io/library/bench:1';
  console.log(`dockerd data root under ${DAEMON_PARENT}`);
  console.log(
    `image: ${image.layers.length} layers, ${formatBytes(imageBytes)} compressed, at ${mirrorRef}`,
  );

  const sent: string[] = [];
  const counting: HttpTransport = (req) => {
    sent.push(`${req.method} ${req.url.replace(/^https?:\/\/[^/]+/, '')}`);
    return undiciTransport(req);
  };
  const clientFor = () => {
    const clients = new Map<string, RegistryClient>();
    return (host: string): RegistryClient => {
      let c = clients.get(host);
      if (c === undefined) {
        c = new RegistryClient(host, { transport: counting });
        clients.set(host, c);
      }
      return c;
    };
  };
  const platform = { os: 'linux', architecture: 'amd64' };
  const request = [{ ref: original, sources: [mirrorRef] }];

  const cold = { hubcap: [] as number[], skopeo: [] as number[], dockerPull: [] as number[] };
  let storeDir = '';
  for (let round = 0; round < ROUNDS; round++) {
    storeDir = path.join(work, `store-${round}`);
    const store = await CacheStore.open(storeDir);
    const ociDir = path.join(work, `oci-${round}`);
    const hubcapPull = async (): Promise<void> => {
      const h = await timed(() => pullImages(store, request, { client: clientFor(), platform }));
      const result = h.value.images[0];
      if (result?.status !== 'miss') throw new Error(`cold hubcap pull: ${JSON.stringify(result)}`);
      cold.hubcap.push(h.ms);
    };
    const skopeoCopy = async (): Promise<void> => {
      const s = await timed(() =>
        run('skopeo', [
          'copy',
          '--quiet',
          '--src-tls-verify=false',
          `docker://${mirrorRef}`,
          `oci:${ociDir}:bench`,
        ]),
      );
      cold.skopeo.push(s.ms);
    };
    // alternate who goes first, so neither always gets the warmer page cache
    if (round % 2 === 0) {
      await hubcapPull();
      await skopeoCopy();
    } else {
      await skopeoCopy();
      await hubcapPull();
    }
    await rm(ociDir, { recursive: true, force: true });

    const d = await timed(() => docker(cli, ['pull', '--quiet', mirrorRef]));
    cold.dockerPull.push(d.ms);
    await docker(cli, ['rmi', mirrorRef]);
    if (round < ROUNDS - 1) await rm(storeDir, { recursive: true, force: true });
  }

  // warm: the store holds the image; Docker does not.
  const tarFile = path.join(work, 'saved.tar');
  const store = await CacheStore.open(storeDir);
  const warm = {
    hubcapPull: [] as number[],
    hubcapLoad: [] as number[],
    dockerLoad: [] as number[],
  };
  let warmRequests: string[] = [];
  await docker(cli, ['pull', '--quiet', mirrorRef]);
  await docker(cli, ['tag', mirrorRef, 'bench:1']);
  await docker(cli, ['save', '-o', tarFile, 'bench:1', mirrorRef]);
  const tarBytes = (await stat(tarFile)).size;
  await docker(cli, ['rmi', 'bench:1', mirrorRef]);
  const hubcapWarm = async (): Promise<void> => {
    sent.length = 0;
    const p = await timed(() => pullImages(store, request, { client: clientFor(), platform }));
    if (p.value.images[0]?.status !== 'hit') {
      throw new Error(`warm hubcap pull: ${JSON.stringify(p.value.images[0])}`);
    }
    warmRequests = [...sent];
    const entry = store.find(original, 'linux/amd64');
    if (entry === undefined) throw new Error('warm: the store lost the image');
    const l = await timed(() => loadImages(store, [entry], { docker: cli }));
    if (l.value.outcomes[0]?.status !== 'loaded') {
      throw new Error(`hubcap load: ${JSON.stringify(l.value.outcomes[0])}`);
    }
    warm.hubcapPull.push(p.ms);
    warm.hubcapLoad.push(l.ms);
    await docker(cli, ['rmi', 'bench:1', mirrorRef]);
  };
  const dockerLoad = async (): Promise<void> => {
    const dl = await timed(() => docker(cli, ['load', '--quiet', '-i', tarFile]));
    warm.dockerLoad.push(dl.ms);
    await docker(cli, ['rmi', 'bench:1', mirrorRef]);
  };
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      await hubcapWarm();
      await dockerLoad();
    } else {
      await dockerLoad();
      await hubcapWarm();
    }
  }

  const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const hubCold = median(cold.hubcap);
  const hubWarm = median(warm.hubcapPull) + median(warm.hubcapLoad);
  console.log(
    `\nmedian of ${ROUNDS} rounds, ${formatBytes(imageBytes)} image (docker save tar ${formatBytes(tarBytes)})`,
  );
  console.log('cold (empty store / empty daemon)');
  console.log(`  hubcap cache pull        ${sec(hubCold)}`);
  console.log(
    `  skopeo copy → oci:       ${sec(median(cold.skopeo))}   hubcap/skopeo = ${(hubCold / median(cold.skopeo)).toFixed(2)}`,
  );
  console.log(
    `  docker pull              ${sec(median(cold.dockerPull))}   hubcap/docker pull = ${(hubCold / median(cold.dockerPull)).toFixed(2)}`,
  );
  console.log('warm (store holds the image; daemon does not)');
  console.log(`  hubcap pull (hit)        ${sec(median(warm.hubcapPull))}`);
  console.log(`  hubcap load              ${sec(median(warm.hubcapLoad))}`);
  console.log(`  hubcap pull + load       ${sec(hubWarm)}`);
  console.log(
    `  docker load (save tar)   ${sec(median(warm.dockerLoad))}   hubcap/docker load = ${(hubWarm / median(warm.dockerLoad)).toFixed(2)}`,
  );
  console.log(
    `  registry requests on the warm hubcap path: ${warmRequests.length} (${warmRequests.join(', ')})`,
  );
  console.log(`\nraw ms: ${JSON.stringify({ cold, warm })}`);
} finally {
  await daemon.stop();
  await registry.stop();
  await rm(work, { recursive: true, force: true });
}
