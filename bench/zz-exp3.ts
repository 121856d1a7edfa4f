import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import tar from 'tar-stream';
import { pipeline } from 'node:stream/promises';
import { runDocker } from '../src/cache/load/docker-cli.js';
import { startDockerd } from '../__tests__/support/dockerd-service.js';
import { buildImage, busyboxLayer } from '../__tests__/support/test-image.js';
const work = await mkdtemp(path.join(os.tmpdir(), 'hb-'));
const d = await startDockerd();
const cli = { env: d.env };
const res: Record<string, number[]> = {};
const t = async (label: string, fn: () => Promise<unknown>) => { const s = performance.now(); await fn(); (res[label] ??= []).push(Math.round(performance.now() - s)); };
try {
  const layers = [busyboxLayer()];
  for (let i = 0; i < 5; i++) layers.push({ files: [{ path: `d/${i}`, content: randomBytes(62 << 20) }] });
  const image = await buildImage({ layers });
  const mk = async (file: string, gz: boolean) => {
    const p = tar.pack();
    const done = pipeline(p, createWriteStream(file));
    const h = (d: string) => d.slice(7);
    p.entry({ name: 'manifest.json' }, JSON.stringify([{ Config: `blobs/sha256/${h(image.config.digest)}`, RepoTags: ['bench:1'], Layers: image.layers.map((l) => `blobs/sha256/${h(gz ? l.digest : l.diffId)}`) }]));
    p.entry({ name: `blobs/sha256/${h(image.config.digest)}` }, image.config.bytes);
    for (const l of image.layers) p.entry({ name: `blobs/sha256/${h(gz ? l.digest : l.diffId)}` }, gz ? l.bytes : l.tar);
    p.finalize();
    await done;
  };
  const fz = path.join(work, 'gz.tar'); const fu = path.join(work, 'u.tar');
  await mk(fz, true); await mk(fu, false);
  for (let i = 0; i < 5; i++) {
    await t('gz layers -i', () => runDocker(cli, ['load', '-q', '-i', fz]));
    await runDocker(cli, ['rmi', 'bench:1']);
    await t('uncompressed -i', () => runDocker(cli, ['load', '-q', '-i', fu]));
    await runDocker(cli, ['rmi', 'bench:1']);
  }
  for (const [k, v] of Object.entries(res)) { const s = [...v].sort((a, b) => a - b); console.log(k, 'median', s[2], JSON.stringify(v)); }
} finally { await d.stop(); await rm(work, { recursive: true, force: true }); }
