import { processWords } from './shell-lex.js';
import type { EnvEntry } from './shell-lex.js';

/** A here-document announced on an instruction line (its body is read afterwards). */
export interface HeredocStart {
  name: string;
  fileDescriptor: number;
  expand: boolean;
  chomp: boolean;
}

/** Instructions whose shell form may carry here-documents. */
export const HEREDOC_INSTRUCTIONS = new Set(['add', 'copy', 'run']);

const HEREDOC_WORD = /^(\d*)<<(-?)([^<]*)$/;
const NO_ENV: ReadonlyMap<string, EnvEntry> = new Map<string, EnvEntry>();

function countQuotes(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === "'" || ch === '"') n++;
  return n;
}

/**
 * Reads one word like BuildKit's `ParseHeredoc`: `[fd]<<[-]NAME`, where NAME may be
 * quoted (then the body is not expanded). Undefined when the word is not a heredoc.
 */
export function parseHeredocWord(word: string): HeredocStart | undefined {
  const match = HEREDOC_WORD.exec(word);
  const rest = match?.[3] ?? '';
  if (match === null || rest === '') return undefined;
  const options = { skipUnsetEnv: true };
  const words = processWords(rest, NO_ENV, options);
  const [name] = words;
  if (words.length !== 1 || name === undefined) return undefined;
  const raw = processWords(rest, NO_ENV, { ...options, rawQuotes: true });
  const rawName = raw[0] ?? '';
  return {
    name,
    fileDescriptor: Number.parseInt(match[1] === '' ? '0' : (match[1] ?? '0'), 10),
    expand: countQuotes(name) === countQuotes(rawName),
    chomp: match[2] === '-',
  };
}

/**
 * The here-documents a logical instruction line announces, in order (BuildKit's
 * `heredocsFromLine`: the whole line is split into shell words with quotes and escapes
 * kept, and each word is tried). A line the lexer rejects announces none.
 */
export function heredocsFromLine(line: string): HeredocStart[] {
  let words: string[];
  try {
    words = processWords(line, NO_ENV, { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
  } catch {
    return [];
  }
  const docs: HeredocStart[] = [];
  for (const word of words) {
    const doc = parseHeredocWord(word);
    if (doc !== undefined) docs.push(doc);
  }
  return docs;
}
