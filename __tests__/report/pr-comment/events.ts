import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../../support/corpus.js';

/** Folder of the hand-written event payloads. */
export const EVENTS = path.join(ROOT, '__tests__/fixtures/events');

/** Parses one event payload fixture by file name. */
export async function eventPayload(name: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(EVENTS, name), 'utf8')) as unknown;
}
