import { isSpace, trimSpaceBounds } from './go-text.js';

/** One `--flag` word from the start of an instruction's arguments. */
export interface FlagWord {
  /** The word with quotes removed and backslash escapes resolved. */
  text: string;
  /** Index in the line of every UTF-16 unit of `text`. */
  chars: number[];
  /** Bounds of the word as written in the line. */
  start: number;
  end: number;
}

/** Positions (indexes into the logical line) of an instruction's parts. */
export interface SplitCommand {
  cmdStart: number;
  cmdEnd: number;
  flags: FlagWord[];
  /** The arguments after the flags, trimmed. */
  argsStart: number;
  argsEnd: number;
}

/** BuildKit's instruction/argument separator (`[\t\v\f\r ]+`). */
function isSeparator(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r';
}

/**
 * Splits `line.slice(start, end)` into the instruction word, its builder flags and the
 * remaining arguments, like BuildKit's `splitCommand`.
 */
export function splitCommand(line: string, start = 0, end = line.length): SplitCommand {
  const [a, b] = trimSpaceBounds(line, start, end);
  let sep = a;
  while (sep < b && !isSeparator(line.charAt(sep))) sep++;
  if (sep >= b) return { cmdStart: a, cmdEnd: b, flags: [], argsStart: b, argsEnd: b };
  let restStart = sep;
  while (restStart < b && isSeparator(line.charAt(restStart))) restStart++;
  const { flags, rest } = extractBuilderFlags(line, restStart, b);
  const [argsStart, argsEnd] = trimSpaceBounds(line, rest, b);
  return { cmdStart: a, cmdEnd: sep, flags, argsStart, argsEnd };
}

const IN_SPACES = 0;
const IN_WORD = 1;
const IN_QUOTE = 2;

/**
 * Reads leading `--flag` words (BuildKit's `extractBuilderFlags`): quotes group, a
 * backslash escapes the next character, a bare `--` ends the flags and is dropped.
 * Returns the flags and where the remaining arguments start.
 */
export function extractBuilderFlags(
  line: string,
  start: number,
  end: number,
): { flags: FlagWord[]; rest: number } {
  const flags: FlagWord[] = [];
  let phase = IN_SPACES;
  let text = '';
  let chars: number[] = [];
  let wordStart = start;
  let quote = '';
  let blankOK = false;
  const push = (wordEnd: number): void => {
    if (blankOK || text.length > 0) flags.push({ text, chars, start: wordStart, end: wordEnd });
  };
  for (let pos = start; pos <= end; pos++) {
    let ch = pos < end ? line.charAt(pos) : '';
    if (phase === IN_SPACES) {
      if (pos === end) break;
      if (isSpace(ch)) continue;
      if (ch !== '-' || pos + 1 === end || line.charAt(pos + 1) !== '-') {
        return { flags, rest: pos };
      }
      phase = IN_WORD;
      wordStart = pos;
    }
    if (pos === end) {
      if (text !== '--') push(end);
      break;
    }
    if (phase === IN_WORD) {
      if (isSpace(ch)) {
        phase = IN_SPACES;
        if (text === '--') return { flags, rest: pos };
        push(pos);
        text = '';
        chars = [];
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = IN_QUOTE;
        continue;
      }
      if (ch === '\\') {
        if (pos + 1 === end) continue;
        pos++;
        ch = line.charAt(pos);
      }
      text += ch;
      chars.push(pos);
      continue;
    }
    if (ch === quote) {
      phase = IN_WORD;
      continue;
    }
    if (ch === '\\') {
      if (pos + 1 === end) {
        phase = IN_WORD;
        continue;
      }
      pos++;
      ch = line.charAt(pos);
    }
    text += ch;
    chars.push(pos);
  }
  return { flags, rest: end };
}
