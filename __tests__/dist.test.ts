import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/corpus.js';

const run = promisify(execFile);

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`)
        : Promise.resolve([`${prefix}${e.name}`]),
    ),
  );
  return nested.flat().sort();
}

describe('dist/', () => {
  let fresh = '';
  afterAll(async () => {
    if (fresh) await rm(fresh, { recursive: true, force: true });
  });

  it('is exactly what a fresh bundle produces', async () => {
    fresh = await mkdtemp(path.join(os.tmpdir(), 'hubcap-dist-'));
    await run(process.execPath, ['scripts/bundle.mjs', fresh], { cwd: ROOT });
    const committed = await listFiles(path.join(ROOT, 'dist'));
    expect(committed).toEqual(await listFiles(fresh));
    for (const file of committed) {
      const want = await readFile(path.join(fresh, file), 'utf8');
      const have = await readFile(path.join(ROOT, 'dist', file), 'utf8');
      expect(have, `dist/${file} differs from a fresh bundle: run npm run bundle`).toBe(want);
    }
  });
});
