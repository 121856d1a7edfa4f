import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { restoreStore, saveStore } from '../../../src/cache/persist/persist.js';
import { CacheStore } from '../../../src/cache/store/store.js';
import {
  actionsCacheUnavailable,
  startActionsCacheDouble,
  type ActionsCacheDouble,
} from '../../support/actions-cache-double.js';
import { freePort } from '../../support/registry-service.js';
import { blob, fakeImage, removeDir, storeImage, tempDir } from '../helpers.js';

const why = actionsCacheUnavailable();
if (why !== undefined) console.warn(`skipping: ${why}`);

describe.skipIf(why !== undefined)('actions backend through real @actions/cache + Azurite', () => {
  let double: ActionsCacheDouble;
  let root: string;
  let dir: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    double = await startActionsCacheDouble();
    root = await tempDir();
    dir = path.join(root, 'home', '.cache', 'hubcap', 'layers');
    await mkdir(path.join(root, 'ws'), { recursive: true });
    await mkdir(path.join(root, 'tmp'), { recursive: true });
    Object.assign(process.env, double.env(path.join(root, 'ws'), path.join(root, 'tmp')));
    delete process.env['GITHUB_SERVER_URL'];
  });
  afterAll(async () => {
    process.env = saved;
    await double?.stop();
    if (root) await removeDir(root);
  });

  const env = () => process.env;

  it('misses, saves new blobs, then restores exactly and partially', async () => {
    // first run: the tag resolved to image a's manifest; nothing is cached yet
    const a = fakeImage([blob(3000), blob(2000)]);
    const digestsA = [a.manifest.descriptor.digest];
    const keyed = await restoreStore({
      backend: 'auto',
      env: env(),
      dir,
      manifestDigests: digestsA,
      platform: 'linux/amd64',
    });
    expect(keyed.state.backend).toBe('actions');
    expect(keyed.state.primaryKey).toMatch(/^hubcap-layers-v1-linux-amd64-[0-9a-f]{16}$/);
    expect(keyed.state.matchedKey).toBeUndefined();
    expect(keyed.hit).toBe('false');
    expect(keyed.message).toBe(`no Actions cache entry for ${keyed.state.primaryKey}`);
    expect(keyed.warnings).toEqual([]);
    // the pull stores the image; post saves it
    const store = await CacheStore.open(dir);
    for (const b of a.all) await store.blobs.put(b.descriptor.digest, b.bytes);
    await store.record({
      ref: 'docker.io/library/a:1',
      platform: 'linux/amd64',
      digest: digestsA[0]!,
      manifest: digestsA[0]!,
      lastUsed: '2026-01-01T00:00:00.000Z',
    });
    const s1 = await saveStore(keyed.state);
    expect(s1).toEqual({
      saved: true,
      newBlobs: 4,
      key: keyed.state.primaryKey,
      message: `saved 4 new blobs as ${keyed.state.primaryKey}`,
      warnings: [],
    });
    expect(double.entries.map((e) => [e.key, e.finalized])).toEqual([
      [keyed.state.primaryKey, true],
    ]);

    // a fresh runner: the folder is gone; the exact key restores it
    await removeDir(dir);
    const exact = await restoreStore({
      backend: 'actions',
      env: env(),
      dir,
      manifestDigests: digestsA,
      platform: 'linux/amd64',
    });
    expect(exact.state.matchedKey).toBe(keyed.state.primaryKey);
    expect(exact.hit).toBe('true');
    expect(exact.message).toBe(`restored Actions cache ${keyed.state.primaryKey}`);
    const back = await CacheStore.open(dir);
    expect(back.list().map((i) => i.ref)).toEqual(['docker.io/library/a:1']);
    for (const b of a.all) expect(await back.blobs.verify(b.descriptor.digest)).toBe(true);
    const nothingNew = await saveStore(exact.state);
    expect(nothingNew).toMatchObject({
      saved: false,
      newBlobs: 0,
      message: 'not saved: no new blobs',
    });

    // another image joins: partial hit through the restore key, then a save under the new key
    await removeDir(dir);
    const other = blob(1500);
    const fakeB = `sha256:${'c'.repeat(64)}`;
    const partial = await restoreStore({
      backend: 'actions',
      env: env(),
      dir,
      manifestDigests: [...digestsA, fakeB],
      platform: 'linux/amd64',
    });
    expect(partial.state.matchedKey).toBe(keyed.state.primaryKey);
    expect(partial.state.primaryKey).not.toBe(keyed.state.primaryKey);
    expect(partial.hit).toBe('partial');
    const st = await CacheStore.open(dir);
    await storeImage(st, 'docker.io/library/b:1', [other], '2026-01-02T00:00:00Z');
    const s2 = await saveStore(partial.state);
    expect(s2).toMatchObject({ saved: true, newBlobs: 3, key: partial.state.primaryKey });
    expect(double.entries.filter((e) => e.finalized)).toHaveLength(2);
    const lookups = double.calls.filter((c) => c.method === 'GetCacheEntryDownloadURL');
    expect(lookups.at(-1)?.body['restore_keys']).toEqual(['hubcap-layers-v1-linux-amd64-']);
    expect(await readdir(dir)).toContain('hubcap-images.json');
  });

  it('an exact hit with new blobs is not saved again (keys are immutable)', async () => {
    const d = path.join(root, 'imm');
    const r = await restoreStore({
      backend: 'actions',
      env: env(),
      dir: d,
      manifestDigests: [`sha256:${'d'.repeat(64)}`],
      platform: 'linux/amd64',
    });
    const st = await CacheStore.open(d);
    await storeImage(st, 'docker.io/library/x:1', [blob(10)], '2026-01-01T00:00:00Z');
    expect((await saveStore(r.state)).saved).toBe(true);
    const again = await restoreStore({
      backend: 'actions',
      env: env(),
      dir: d,
      manifestDigests: [`sha256:${'d'.repeat(64)}`],
      platform: 'linux/amd64',
    });
    expect(again.state.matchedKey).toBe(r.state.primaryKey);
    await storeImage(st, 'docker.io/library/y:1', [blob(10)], '2026-01-01T00:00:00Z');
    const s = await saveStore(again.state);
    expect(s).toMatchObject({ saved: false, newBlobs: 3 });
    expect(s.message).toBe(
      `not saved: ${r.state.primaryKey} already exists (cache keys are immutable)`,
    );
  });

  it('cache service down: restore misses and save fails, as warnings, never a throw', async () => {
    const port = await freePort();
    const before = process.env['ACTIONS_RESULTS_URL'];
    process.env['ACTIONS_RESULTS_URL'] = `http://127.0.0.1:${port}/`;
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const d = path.join(root, 'down');
      const restoreDir = path.join(root, 'down-restore');
      const st = await CacheStore.open(d);
      await storeImage(st, 'docker.io/library/z:1', [blob(10)], '2026-01-01T00:00:00Z');
      const [restored, save] = await Promise.all([
        restoreStore({
          backend: 'actions',
          env: process.env,
          dir: restoreDir,
          manifestDigests: [],
          platform: 'linux/amd64',
        }),
        saveStore({ backend: 'actions', dir: d, primaryKey: 'hubcap-layers-v1-linux-amd64-down' }),
      ]);
      expect(restored.hit).toBe('false');
      expect(restored.state.matchedKey).toBeUndefined();
      expect(save.saved).toBe(false);
      expect(save.warnings).toEqual([
        {
          message:
            'layer cache: could not save key "hubcap-layers-v1-linux-amd64-down" (the cache service refused or failed)',
        },
      ]);
      expect(
        lines.some((l) =>
          l.startsWith('::warning::Failed to restore: Failed to GetCacheEntryDownloadURL'),
        ),
      ).toBe(true);
    } finally {
      spy.mockRestore();
      process.env['ACTIONS_RESULTS_URL'] = before;
    }
  }, 90_000);
});
