import { readJsonl } from '../../support/corpus.js';

/** One entry of the corpus's bug-cases.jsonl. */
export interface BugCase {
  id: string;
  file_name: string;
  input: string;
  expected: string;
}

/** The input of one bug case, by id. */
export async function bugCase(id: string): Promise<BugCase> {
  const cases = await readJsonl<BugCase>('bug-cases.jsonl');
  const found = cases.find((c) => c.id === id);
  if (!found) throw new Error(`bug case ${JSON.stringify(id)} not found`);
  return found;
}
