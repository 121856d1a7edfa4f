import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Project root (the folder holding package.json). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared test corpus, which lives beside the project: `../shared/corpus`. */
export const CORPUS = process.env['HUBCAP_CORPUS'] ?? path.resolve(ROOT, '../shared/corpus');

/** Reads a JSON Lines file of the corpus into objects. */
export async function readJsonl<T>(relative: string): Promise<T[]> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(path.join(CORPUS, relative), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}
