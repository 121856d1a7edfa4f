import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CacheStore } from '../src/cache/store/store.js';
import { writeArchive } from '../src/cache/load/archive.js';
import { loadImages } from '../src/cache/load/load-images.js';
import { runDocker } from '../src/cache/load/docker-cli.js';
import { startDockerd } from '../__tests__/support/dockerd-service.js';
import { buildImage, busyboxLayer } from '../__tests__/support/test-image.js';

const work = await mkdtemp(path.join(os.tmpdir(), 'hb-'));
const d = await startDockerd();
const cli = { env: d.env };
const t = async (label: string, fn: () => Promise<unknown>) => { const s = performance.now(); await fn(); console.log(label, ((performance.now() - s) / 1000).toFixed(2)); };
try {
  const layers = [busyboxLayer()];
  for (let i = 0; i < 5; i++) layers.push({ files: [{ path: `d/${i}`, content: randomBytes(62 << 20) }] });
  const image = await buildImage({ layers });
  const store = await CacheStore.open(path.join(work, 's'));
  for (const b of [image.manifest, image.config, ...image.layers]) await store.blobs.put(b.digest, b.bytes);
  await store.record({ ref: 'docker.io/library/bench:1', platform: 'linux/amd64', digest: image.manifest.digest, manifest: image.manifest.digest, lastUsed: new Date().toISOString() });
  const content = await store.content(store.list()[0]!);
  const file = path.join(work, 'a.tar');
  await t('write archive file', () => writeArchive(store, [{ content: content!, tags: ['bench:1'] }], createWriteStream(file)));
  await runDocker(cli, ['load', '-q', '-i', file]);
  await runDocker(cli, ['save', '-o', path.join(work, 'b.tar'), 'bench:1']);
  await runDocker(cli, ['rmi', 'bench:1']);
  for (let i = 0; i < 5; i++) {
    await t('docker load save tar', () => runDocker(cli, ['load', '-q', '-i', path.join(work, 'b.tar')]));
    await runDocker(cli, ['rmi', 'bench:1']);
    await t('docker load our file', () => runDocker(cli, ['load', '-q', '-i', file]));
    await runDocker(cli, ['rmi', 'bench:1']);
    await t('hubcap loadImages (fifo)', () => loadImages(store, store.list(), { docker: cli }));
    await runDocker(cli, ['rmi', 'bench:1']);
  }
} finally { await d.stop(); await rm(work, { recursive: true, force: true }); }
