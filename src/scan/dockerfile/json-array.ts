import { skipSpaces } from './go-text.js';

/** One string of a JSON (exec-form) argument array, with its bounds in the input. */
export interface JsonItem {
  value: string;
  /** Bounds of the string literal, quotes included. */
  start: number;
  end: number;
}

/**
 * Result of reading arguments as a JSON array:
 * - `ok`: an array of strings;
 * - `not-strings`: valid JSON but some element is not a string (BuildKit fails the parse);
 * - `not-json`: not a JSON array at all (BuildKit falls back to the shell form).
 */
export type JsonArrayResult =
  { kind: 'ok'; items: JsonItem[] } | { kind: 'not-strings' } | { kind: 'not-json' };

const JSON_SPACE = new Set([' ', '\t', '\n', '\r']);

function skipJsonSpace(s: string, i: number): number {
  let j = i;
  while (j < s.length && JSON_SPACE.has(s.charAt(j))) j++;
  return j;
}

/** End (exclusive) of the JSON string literal that starts with the `"` at `i`. */
function stringEnd(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length) {
    const c = s.charAt(j);
    if (c === '\\') j += 2;
    else if (c === '"') return j + 1;
    else j++;
  }
  return s.length;
}

/** Parses `s.slice(start, end)` like BuildKit's `parseJSON`. Positions are indexes in `s`. */
export function parseJsonArray(s: string, start: number, end: number): JsonArrayResult {
  const begin = skipSpaces(s, start, end);
  if (s.charAt(begin) !== '[' || begin >= end) return { kind: 'not-json' };
  const source = s.slice(begin, end);
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    return { kind: 'not-json' };
  }
  if (!Array.isArray(parsed)) return { kind: 'not-json' };
  if (!parsed.every((item) => typeof item === 'string')) return { kind: 'not-strings' };
  const items: JsonItem[] = [];
  let i = skipJsonSpace(source, 1);
  for (const value of parsed as string[]) {
    const literalEnd = stringEnd(source, i);
    items.push({ value, start: begin + i, end: begin + literalEnd });
    i = skipJsonSpace(source, literalEnd);
    if (source.charAt(i) === ',') i = skipJsonSpace(source, i + 1);
  }
  return { kind: 'ok', items };
}
