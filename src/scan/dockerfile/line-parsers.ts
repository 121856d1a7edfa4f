import { codePointAt, isSpace } from './go-text.js';
import { parseJsonArray } from './json-array.js';

/**
 * One argument node with its bounds in the logical line. `copy` says the value is exactly
 * the text between the bounds (so every character maps back to the file).
 */
export interface RawArg {
  value: string;
  start?: number | undefined;
  end?: number | undefined;
  copy: boolean;
}

/** What an instruction's line parser produced from its arguments. */
export interface ParsedArgs {
  args: RawArg[];
  json: boolean;
  /** ONBUILD: the bounds of the nested instruction text. */
  subcommand?: { start: number; end: number } | undefined;
}

/** A line parser: reads `line.slice(start, end)` (already trimmed). Throws Error on failure. */
type LineParser = (line: string, start: number, end: number, escapeToken: string) => ParsedArgs;

/** BuildKit's JSON-form error for arrays holding non-strings. */
export const NOT_STRING_ARRAY =
  'when using JSON array syntax, arrays must be comprised of strings only';

function isSeparator(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r';
}

function copyOf(line: string, start: number, end: number): RawArg {
  return { value: line.slice(start, end), start, end, copy: true };
}

const NONE: ParsedArgs = { args: [], json: false };

/** A word from {@link parseWords}: quotes and escape characters are kept. */
interface Word {
  value: string;
  start: number;
  end: number;
}

/**
 * BuildKit's `parseWords`: splits at white space outside quotes. Quotes and escapes stay
 * in the words (they are removed later by shell processing); an escape character at the
 * very end is dropped.
 */
export function parseWords(line: string, start: number, end: number, escape: string): Word[] {
  const words: Word[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let quote = '';
  let blankOK = false;
  let value = '';
  let wordStart = start;
  let wordEnd = start;
  const write = (ch: string, at: number): void => {
    value += ch;
    wordEnd = at + ch.length;
  };
  const flush = (): void => {
    if (blankOK || value.length > 0) words.push({ value, start: wordStart, end: wordEnd });
    value = '';
    blankOK = false;
  };
  let width = 0;
  for (let pos = start; pos <= end; pos += width) {
    let ch = pos < end ? codePointAt(line, pos) : '';
    width = Math.max(ch.length, 1);
    if (phase === 'spaces') {
      if (pos === end) break;
      if (isSpace(ch)) continue;
      phase = 'word';
      wordStart = pos;
      wordEnd = pos;
    }
    if (pos === end) {
      flush();
      break;
    }
    if (phase === 'word') {
      if (isSpace(ch)) {
        phase = 'spaces';
        flush();
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
      }
      if (ch === escape) {
        if (pos + width === end) continue;
        write(ch, pos);
        pos += width;
        ch = codePointAt(line, pos);
        width = ch.length;
      }
      write(ch, pos);
      continue;
    }
    if (ch === quote) phase = 'word';
    if (ch === escape && quote !== "'") {
      if (pos + width === end) {
        phase = 'word';
        continue;
      }
      write(ch, pos);
      pos += width;
      ch = codePointAt(line, pos);
      width = ch.length;
    }
    write(ch, pos);
  }
  return words;
}

/** ENV and LABEL: `key value` (old form) or `key=value …`; nodes are key, value, separator. */
function nameValParser(keyword: string): LineParser {
  return (line, start, end, escape) => {
    const words = parseWords(line, start, end, escape);
    const first = words[0];
    if (first === undefined) return NONE;
    if (!first.value.includes('=')) {
      let sep = start;
      while (sep < end && !isSeparator(line.charAt(sep))) sep++;
      if (sep >= end) throw new Error(`${keyword} must have two arguments`);
      let valueStart = sep;
      while (valueStart < end && isSeparator(line.charAt(valueStart))) valueStart++;
      const args = [copyOf(line, start, sep), copyOf(line, valueStart, end)];
      return { args: [...args, { value: '', copy: false }], json: false };
    }
    const args: RawArg[] = [];
    for (const word of words) {
      const eq = word.value.indexOf('=');
      if (eq < 0) {
        throw new Error(
          `Syntax error - can't find = in ${JSON.stringify(word.value)}. ` +
            'Must be of the form: name=value',
        );
      }
      const at = word.start + eq;
      args.push(copyOf(line, word.start, at), copyOf(line, at + 1, word.end));
      args.push(copyOf(line, at, at + 1));
    }
    return { args, json: false };
  };
}

/** ARG: each word (`name` or `name=value`) is one node, quotes kept. */
const parseNameOrNameVal: LineParser = (line, start, end, escape) => ({
  args: parseWords(line, start, end, escape).map((w) => copyOf(line, w.start, w.end)),
  json: false,
});

/** FROM, EXPOSE and the shell form of ADD/COPY/VOLUME: split at `[\t\v\f\r ]+`. */
const parseStringsWhitespaceDelimited: LineParser = (line, start, end) => {
  if (start >= end) return NONE;
  const args: RawArg[] = [];
  let i = start;
  while (i < end) {
    let j = i;
    while (j < end && !isSeparator(line.charAt(j))) j++;
    args.push(copyOf(line, i, j));
    i = j;
    while (i < end && isSeparator(line.charAt(i))) i++;
  }
  return { args, json: false };
};

/** MAINTAINER, USER, WORKDIR, STOPSIGNAL: the whole text is one node. */
const parseString: LineParser = (line, start, end) =>
  start >= end ? NONE : { args: [copyOf(line, start, end)], json: false };

/** The JSON form, or undefined when the text is not a JSON array. */
function parseJson(line: string, start: number, end: number): ParsedArgs | undefined {
  const result = parseJsonArray(line, start, end);
  if (result.kind === 'not-json') return undefined;
  if (result.kind === 'not-strings') throw new Error(NOT_STRING_ARRAY);
  const args = result.items.map((item): RawArg => ({
    value: item.value,
    start: item.start,
    end: item.end,
    copy: false,
  }));
  return { args, json: true };
}

/** RUN, CMD, ENTRYPOINT, SHELL: the JSON form, or the whole text as one node. */
const parseMaybeJson: LineParser = (line, start, end, escape) => {
  if (start >= end) return NONE;
  return parseJson(line, start, end) ?? parseString(line, start, end, escape);
};

/** ADD, COPY, VOLUME: the JSON form, or white-space separated words. */
const parseMaybeJsonToList: LineParser = (line, start, end, escape) =>
  parseJson(line, start, end) ?? parseStringsWhitespaceDelimited(line, start, end, escape);

/** HEALTHCHECK: a type word (`CMD`, `NONE`) followed by a command in either form. */
const parseHealthConfig: LineParser = (line, start, end, escape) => {
  let sep = start;
  while (sep < end && !isSpace(line.charAt(sep))) sep++;
  let next = sep;
  while (next < end && isSpace(line.charAt(next))) next++;
  if (sep === start) return NONE;
  const command = parseMaybeJson(line, next, end, escape);
  return { args: [copyOf(line, start, sep), ...command.args], json: command.json };
};

/** ONBUILD: the rest is an instruction of its own. */
const parseSubCommand: LineParser = (_line, start, end) =>
  start >= end ? NONE : { args: [], json: false, subcommand: { start, end } };

/** Unknown instructions: BuildKit keeps one empty node. */
const parseIgnore: LineParser = () => ({ args: [{ value: '', copy: false }], json: false });

const DISPATCH: Record<string, LineParser> = {
  add: parseMaybeJsonToList,
  arg: parseNameOrNameVal,
  cmd: parseMaybeJson,
  copy: parseMaybeJsonToList,
  entrypoint: parseMaybeJson,
  env: nameValParser('ENV'),
  expose: parseStringsWhitespaceDelimited,
  from: parseStringsWhitespaceDelimited,
  healthcheck: parseHealthConfig,
  label: nameValParser('LABEL'),
  maintainer: parseString,
  onbuild: parseSubCommand,
  run: parseMaybeJson,
  shell: parseMaybeJson,
  stopsignal: parseString,
  user: parseString,
  volume: parseMaybeJsonToList,
  workdir: parseString,
};

/** True for the instructions BuildKit knows. */
export function isKnownInstruction(name: string): boolean {
  return Object.hasOwn(DISPATCH, name);
}

/** Parses the arguments of instruction `name` (lowercase). Throws Error on bad syntax. */
export function parseInstructionArgs(
  name: string,
  line: string,
  start: number,
  end: number,
  escapeToken: string,
): ParsedArgs {
  const parser = Object.hasOwn(DISPATCH, name) ? DISPATCH[name] : undefined;
  return (parser ?? parseIgnore)(line, start, end, escapeToken);
}
