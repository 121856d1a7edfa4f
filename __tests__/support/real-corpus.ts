import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { CORPUS } from './corpus.js';

/** The folder of real repositories' files in the shared corpus. */
export const REAL = path.join(CORPUS, 'real');

/** The repositories under `real/` (`owner+name` folders). */
export async function realRepositories(): Promise<string[]> {
  const entries = await readdir(REAL, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}
