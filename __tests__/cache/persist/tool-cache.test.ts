import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { restoreStore, saveStore } from '../../../src/cache/persist/persist.js';
import { CacheStore } from '../../../src/cache/store/store.js';
import { blob, removeDir, storeImage, tempDir } from '../helpers.js';

describe('tool-cache and local backends', () => {
  let root: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    root = await tempDir();
    process.env['RUNNER_TOOL_CACHE'] = path.join(root, 'tool');
    process.env['RUNNER_TEMP'] = path.join(root, 'tmp');
  });
  afterAll(async () => {
    process.env = saved;
    await removeDir(root);
  });

  it('auto on a self-hosted runner keeps the store in the tool cache, in place', async () => {
    const env = { ...process.env, RUNNER_ENVIRONMENT: 'self-hosted' };
    const first = await restoreStore({
      backend: 'auto',
      env,
      manifestDigests: [],
      platform: 'linux/amd64',
    });
    const dir = path.join(root, 'tool', 'hubcap-layers', '1.0.0', os.arch());
    expect(first.state).toEqual({ backend: 'tool-cache', dir });
    expect(first.message).toBe(`created a store in the runner's tool cache: ${dir}`);
    expect(existsSync(`${dir}.complete`)).toBe(true);
    const store = await CacheStore.open(dir);
    const img = await storeImage(
      store,
      'docker.io/library/a:1',
      [blob(100)],
      '2026-01-01T00:00:00Z',
    );
    const save = await saveStore(first.state);
    expect(save).toMatchObject({
      saved: false,
      newBlobs: 3,
      message: 'nothing to save: the store is kept in place',
    });
    const second = await restoreStore({
      backend: 'auto',
      env,
      manifestDigests: [img.manifest.descriptor.digest],
      platform: 'linux/amd64',
    });
    expect(second.message).toBe(`using the store in the runner's tool cache: ${dir}`);
    expect(second.hit).toBe('true');
    expect((await CacheStore.open(dir)).list().map((i) => i.ref)).toEqual([
      'docker.io/library/a:1',
    ]);
  });

  it('falls back to a temp store with a warning when the tool cache is not set', async () => {
    const before = process.env['RUNNER_TOOL_CACHE'];
    delete process.env['RUNNER_TOOL_CACHE'];
    try {
      const r = await restoreStore({
        backend: 'tool-cache',
        env: process.env,
        manifestDigests: [],
        platform: 'linux/amd64',
      });
      expect(r.state).toEqual({ backend: 'local', dir: path.join(root, 'tmp', 'hubcap-layers') });
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings[0]?.message).toMatch(
        /^layer cache: tool cache unusable \(.*RUNNER_TOOL_CACHE/,
      );
    } finally {
      process.env['RUNNER_TOOL_CACHE'] = before;
    }
  });

  it('local uses the given folder; partial hit counts the manifests present', async () => {
    const dir = path.join(root, 'local');
    const store = await CacheStore.open(dir);
    const img = await storeImage(
      store,
      'docker.io/library/a:1',
      [blob(100)],
      '2026-01-01T00:00:00Z',
    );
    const r = await restoreStore({
      backend: 'local',
      env: {},
      dir,
      manifestDigests: [img.manifest.descriptor.digest, `sha256:${'e'.repeat(64)}`],
      platform: 'linux/amd64',
    });
    expect(r).toEqual({
      state: { backend: 'local', dir },
      hit: 'partial',
      message: `using the store in ${dir}`,
      warnings: [],
    });
    expect(await saveStore(r.state)).toEqual({
      saved: false,
      newBlobs: 0,
      message: 'nothing to save: the store is kept in place',
      warnings: [],
    });
  });

  it('an unusable store folder is a warning, not a throw', async () => {
    const file = path.join(root, 'a-file');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, 'x'));
    const r = await restoreStore({
      backend: 'local',
      env: {},
      dir: file,
      manifestDigests: [],
      platform: 'linux/amd64',
    });
    expect(r.hit).toBe('false');
    expect(r.warnings[0]?.message).toMatch(
      new RegExp(`^layer cache: cannot open the store ${file}: `),
    );
    const s = await saveStore(r.state);
    expect(s.saved).toBe(false);
    expect(s.warnings[0]?.message).toMatch(new RegExp(`^layer cache: cannot read ${file}: `));
  });
});

describe('actions backend without a usable folder', () => {
  it('is a warning, not a throw', async () => {
    const root = await tempDir();
    try {
      const file = path.join(root, 'f');
      await import('node:fs/promises').then((fs) => fs.writeFile(file, 'x'));
      const dir = path.join(file, 'layers');
      const r = await restoreStore({
        backend: 'actions',
        env: {},
        dir,
        manifestDigests: [],
        platform: 'linux/amd64',
      });
      expect(r.hit).toBe('false');
      expect(r.warnings[0]?.message).toMatch(
        new RegExp(`^layer cache: cannot create ${dir}: ENOTDIR`),
      );
    } finally {
      await removeDir(root);
    }
  });
});
