import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMainJob, type MainJobResult } from '../../src/engine/main-job.js';
import { realRepositories, REAL } from '../support/real-corpus.js';

const MIRROR = 'mirror.example.com';
const repositories = await realRepositories();
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));

async function allFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = `${prefix}${e.name}`;
    if (e.isDirectory()) out.push(...(await allFiles(path.join(dir, e.name), `${rel}/`)));
    else out.push(rel);
  }
  return out.sort();
}

const job = (root: string, write: boolean): Promise<MainJobResult> =>
  runMainJob({
    scan: { root, paths: [], files: [], excludeFiles: [] },
    rewrite: { mirrors: [MIRROR], rules: [], exclude: [] },
    write,
  });

const key = (o: { file: string; line: number; kind?: string }): string =>
  `${o.file}:${o.line}:${o.kind ?? ''}`;

describe.each(repositories)('real repository %s', (name) => {
  it('is rewritten completely, exactly, and only once', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'hubcap-real-'));
    temps.push(root);
    await cp(path.join(REAL, name), root, { recursive: true });

    const first = await job(root, true);
    const { occurrences } = first.scan;
    expect(occurrences.length).toBeGreaterThan(0);

    // Every Docker Hub reference points at the mirror or is skipped with a reason.
    const handled = new Set([
      ...first.rewritten.map((r) => key(r.occurrence)),
      ...first.skipped.map((s) => key(s.occurrence)),
    ]);
    for (const o of occurrences.filter((x) => x.ref.isDockerHub)) {
      expect(handled.has(key(o)), `${key(o)} ${o.image}`).toBe(true);
    }
    for (const s of first.skipped) expect(s.reason.length).toBeGreaterThan(0);

    // A second run changes nothing.
    const second = await job(root, true);
    expect(second.rewritten).toEqual([]);
    expect(second.changes).toEqual([]);

    // A re-scan finds the same occurrences, rewritten ones now naming their new image.
    const after = new Map(second.scan.occurrences.map((o) => [key(o), o.image]));
    expect([...after.keys()].sort()).toEqual(occurrences.map(key).sort());
    const expected = new Map(occurrences.map((o) => [key(o), o.image]));
    for (const r of first.rewritten) expected.set(key(r.occurrence), r.to);
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(expected));

    // No byte outside a reference changed: unchanged files are identical; in changed
    // files only edited lines differ, by exactly the edits' length difference.
    const changed = new Set(first.changes.map((c) => c.file.path));
    for (const file of await allFiles(path.join(REAL, name))) {
      const before = await readFile(path.join(REAL, name, file));
      const now = await readFile(path.join(root, file));
      if (!changed.has(file)) {
        expect(now.equals(before), file).toBe(true);
        continue;
      }
      const edits = first.edits.filter((e) => e.file === file);
      const growth = edits.reduce(
        (n, e) => n + Buffer.byteLength(e.to) - Buffer.byteLength(e.from),
        0,
      );
      expect(now.length - before.length, file).toBe(growth);
      const oldLines = before.toString('latin1').split('\n');
      const newLines = now.toString('latin1').split('\n');
      expect(newLines.length, file).toBe(oldLines.length);
      const editLines = new Set(edits.map((e) => e.line));
      oldLines.forEach((line, i) => {
        if (line !== newLines[i]) expect(editLines.has(i + 1), `${file}:${i + 1}`).toBe(true);
      });
    }
  });
});
