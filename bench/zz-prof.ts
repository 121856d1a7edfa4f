import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CacheStore } from '../src/cache/store/store.js';
import { writeArchive } from '../src/cache/load/archive.js';
import { buildImage, busyboxLayer } from '../__tests__/support/test-image.js';
const work = await mkdtemp(path.join(os.tmpdir(), 'hb-'));
const layers = [busyboxLayer()];
for (let i = 0; i < 5; i++) layers.push({ files: [{ path: `d/${i}`, content: randomBytes(62 << 20) }] });
const image = await buildImage({ layers });
const store = await CacheStore.open(path.join(work, 's'));
for (const b of [image.manifest, image.config, ...image.layers]) await store.blobs.put(b.digest, b.bytes);
await store.record({ ref: 'docker.io/library/bench:1', platform: 'linux/amd64', digest: image.manifest.digest, manifest: image.manifest.digest, lastUsed: new Date().toISOString() });
const content = await store.content(store.list()[0]!);
for (let i = 0; i < 4; i++) {
  const cu = process.cpuUsage(); const s = performance.now();
  await writeArchive(store, [{ content: content!, tags: ['bench:1'] }], createWriteStream('/dev/null'));
  const du = process.cpuUsage(cu);
  console.log('archive→/dev/null wall', Math.round(performance.now() - s), 'cpu user', Math.round(du.user / 1000), 'sys', Math.round(du.system / 1000));
}
await rm(work, { recursive: true, force: true });
