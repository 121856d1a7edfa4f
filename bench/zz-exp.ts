import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CacheStore } from '../src/cache/store/store.js';
import { writeArchive } from '../src/cache/load/archive.js';
import { loadImages } from '../src/cache/load/load-images.js';
import { runDocker, dockerLoadStream } from '../src/cache/load/docker-cli.js';
import { startDockerd } from '../__tests__/support/dockerd-service.js';
import { buildImage, busyboxLayer } from '../__tests__/support/test-image.js';
const sh = promisify(execFile);
const work = await mkdtemp(path.join(os.tmpdir(), 'hb-'));
const d = await startDockerd();
const cli = { env: d.env };
const res: Record<string, number[]> = {};
const t = async (label: string, fn: () => Promise<unknown>) => { const s = performance.now(); await fn(); (res[label] ??= []).push(Math.round(performance.now() - s)); };
try {
  const layers = [busyboxLayer()];
  for (let i = 0; i < 5; i++) layers.push({ files: [{ path: `d/${i}`, content: randomBytes(62 << 20) }] });
  const image = await buildImage({ layers });
  const store = await CacheStore.open(path.join(work, 's'));
  for (const b of [image.manifest, image.config, ...image.layers]) await store.blobs.put(b.digest, b.bytes);
  await store.record({ ref: 'docker.io/library/bench:1', platform: 'linux/amd64', digest: image.manifest.digest, manifest: image.manifest.digest, lastUsed: new Date().toISOString() });
  const content = await store.content(store.list()[0]!);
  const file = path.join(work, 'a.tar');
  const arch = [{ content: content!, tags: ['bench:1'] }];
  await writeArchive(store, arch, createWriteStream(file));
  await runDocker(cli, ['load', '-q', '-i', file]);
  await runDocker(cli, ['save', '-o', path.join(work, 'b.tar'), 'bench:1']);
  await runDocker(cli, ['rmi', 'bench:1']);
  const env = { ...process.env, DOCKER_HOST: d.host };
  for (let i = 0; i < 5; i++) {
    await t('A save tar -i', () => runDocker(cli, ['load', '-q', '-i', path.join(work, 'b.tar')]));
    await runDocker(cli, ['rmi', 'bench:1']);
    await t('B loadImages', () => loadImages(store, store.list(), { docker: cli }));
    await runDocker(cli, ['rmi', 'bench:1']);
    await t('F dockerLoadStream only', () => dockerLoadStream(cli, (out) => writeArchive(store, arch, out, { verify: false })));
    await runDocker(cli, ['rmi', 'bench:1']);
    await t('C cat ours | load', () => sh('sh', ['-c', `cat ${file} | docker load -q`], { env }));
    await runDocker(cli, ['rmi', 'bench:1']);
    await t('D ours -i', () => runDocker(cli, ['load', '-q', '-i', file]));
    await runDocker(cli, ['rmi', 'bench:1']);
    await t('G inspect', () => runDocker(cli, ['image', 'inspect', image.config.digest]));
  }
  for (const [k, v] of Object.entries(res)) { const s = [...v].sort((a, b) => a - b); console.log(k, 'median', s[2], JSON.stringify(v)); }
} finally { await d.stop(); await rm(work, { recursive: true, force: true }); }
