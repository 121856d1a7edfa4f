import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { RegistryClient } from '../src/registry/client.js';
import { CacheStore } from '../src/cache/store/store.js';
import { pullImages } from '../src/cache/pull.js';
import { startRegistry } from '../__tests__/support/registry-service.js';
import { buildImage, busyboxLayer, pushImage } from '../__tests__/support/test-image.js';
const run = promisify(execFile);
const work = await mkdtemp(path.join(os.tmpdir(), 'hb-'));
const reg = await startRegistry();
try {
  const layers = [busyboxLayer()];
  for (let i = 0; i < 5; i++) layers.push({ files: [{ path: `d/${i}`, content: randomBytes(62 << 20) }] });
  const image = await buildImage({ layers });
  await pushImage(reg.url, 'library/bench', '1', image);
  const conc = Number(process.env['CONC'] ?? 4);
  for (let i = 0; i < 7; i++) {
    const store = await CacheStore.open(path.join(work, `s${i}`));
    let s = performance.now();
    const r = await pullImages(store, [{ ref: `${reg.host}/library/bench:1` }], { client: (h) => new RegistryClient(h), platform: { os: 'linux', architecture: 'amd64' }, concurrency: conc });
    const h = performance.now() - s;
    s = performance.now();
    await run('skopeo', ['copy', '--quiet', '--src-tls-verify=false', `docker://${reg.host}/library/bench:1`, `oci:${path.join(work, `o${i}`)}:x`]);
    const k = performance.now() - s;
    console.log('hubcap', (h / 1000).toFixed(2), r.images[0]!.status, 'skopeo', (k / 1000).toFixed(2));
    await rm(path.join(work, `s${i}`), { recursive: true }); await rm(path.join(work, `o${i}`), { recursive: true });
  }
} finally { await reg.stop(); await rm(work, { recursive: true, force: true }); }
