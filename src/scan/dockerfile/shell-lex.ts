import { isDigit, isLetter, isSpace } from './go-text.js';
import {
  goReplaceAll,
  reversePattern,
  reverseString,
  shellPatternToRegExp,
} from './shell-pattern.js';

/**
 * Where one UTF-16 unit of a processed word came from: an offset in the file (or in
 * whatever the caller numbered the input with), or null when it was synthesised.
 */
export type Origin = number | null;

/** A variable's value, optionally with the origin of every UTF-16 unit. */
export interface EnvEntry {
  value: string;
  origins?: readonly Origin[] | undefined;
}

/** Variables visible to the lexer, keyed by exact name (unix rules). */
export type ShellEnv = ReadonlyMap<string, EnvEntry>;

/** Switches of BuildKit's `shell.Lex`. */
export interface LexOptions {
  /** `\` (default) or `` ` ``. */
  escapeToken?: string | undefined;
  /** Keep quote characters in the result. */
  rawQuotes?: boolean | undefined;
  /** Keep escape characters in the result. */
  rawEscapes?: boolean | undefined;
  /** Leave references to unset variables as written. */
  skipUnsetEnv?: boolean | undefined;
  /** Treat quotes as ordinary characters. */
  skipProcessQuotes?: boolean | undefined;
}

/** The processed word, its split into words, and which variables were looked up. */
export interface WordResult {
  result: string;
  /** Origin of every UTF-16 unit of `result`. */
  origins: Origin[];
  words: string[];
  /** Variables that were set. */
  matched: Set<string>;
  /** Variables that were referenced but not set. */
  unmatched: Set<string>;
}

/** A word the lexer rejects (unterminated quote, bad `${…}`); the message quotes it. */
export class ShellLexError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`failed to process ${JSON.stringify(input)}: ${reason}`);
    this.name = 'ShellLexError';
  }
}

/** Builds an env from `NAME=value` strings (a later name wins, a bare name is empty). */
export function envFromList(list: readonly string[]): Map<string, EnvEntry> {
  const env = new Map<string, EnvEntry>();
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq < 0) env.set(item, { value: '' });
    else env.set(item.slice(0, eq), { value: item.slice(eq + 1) });
  }
  return env;
}

/**
 * BuildKit's `ProcessWord`: expands `$V`, `${V}` and the `${V…}` modifiers, removes
 * quotes and escapes. `inputOrigins` numbers the units of `word` (defaults to indexes).
 * Throws a ShellLexError.
 */
export function processWord(
  word: string,
  env: ShellEnv,
  options: LexOptions = {},
  inputOrigins?: readonly Origin[],
): WordResult {
  const lexer = new Lexer(word, env, options, inputOrigins);
  try {
    const { text, words } = lexer.processStopOn('', lexer.rawEscapes);
    return {
      result: text.s,
      origins: text.o,
      words,
      matched: lexer.matched,
      unmatched: lexer.unmatched,
    };
  } catch (error) {
    if (error instanceof LexFailure) throw new ShellLexError(word, error.message);
    throw error;
  }
}

/** BuildKit's `ProcessWords`: the processed word split at unquoted white space. */
export function processWords(word: string, env: ShellEnv, options: LexOptions = {}): string[] {
  return processWord(word, env, options).words;
}

class LexFailure extends Error {}

/** Text under construction with the origin of each unit. */
class Text {
  s = '';
  o: Origin[] = [];

  push(ch: string, origin: Origin): void {
    this.s += ch;
    this.o.push(origin);
    if (ch.length === 2) this.o.push(origin === null ? null : origin + 1);
  }

  append(other: { s: string; o: readonly Origin[] }): void {
    this.s += other.s;
    for (const origin of other.o) this.o.push(origin);
  }

  static of(s: string, o: readonly Origin[] | undefined, start = 0, end = s.length): Text {
    const text = new Text();
    text.s = s.slice(start, end);
    text.o = o === undefined ? new Array<Origin>(end - start).fill(null) : o.slice(start, end);
    return text;
  }
}

/** BuildKit's word splitter state (`wordsStruct`). */
class Words {
  private word = '';
  private inWord = false;
  readonly list: string[] = [];

  addChar(ch: string): void {
    if (isSpace(ch) && this.inWord) {
      if (this.word.length !== 0) {
        this.list.push(this.word);
        this.word = '';
        this.inWord = false;
      }
    } else if (!isSpace(ch)) {
      this.addRawChar(ch);
    }
  }

  addRawChar(ch: string): void {
    this.word += ch;
    this.inWord = true;
  }

  addString(s: string): void {
    for (const ch of s) this.addChar(ch);
  }

  addRawString(s: string): void {
    this.word += s;
    this.inWord = true;
  }

  finish(): string[] {
    if (this.word.length > 0) {
      this.list.push(this.word);
      this.word = '';
      this.inWord = false;
    }
    return this.list;
  }
}

interface CodePoint {
  ch: string;
  o: Origin;
}

const EOF: CodePoint = { ch: '', o: null };
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

class Lexer {
  private readonly cps: CodePoint[] = [];
  private pos = 0;
  private readonly escapeToken: string;
  rawEscapes: boolean;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();

  constructor(
    word: string,
    private readonly env: ShellEnv,
    private readonly options: LexOptions,
    origins: readonly Origin[] | undefined,
  ) {
    let i = 0;
    for (const ch of word) {
      this.cps.push({ ch, o: origins === undefined ? i : (origins[i] ?? null) });
      i += ch.length;
    }
    if (this.cps[0]?.ch === '\ufeff') this.pos = 1;
    this.escapeToken = options.escapeToken ?? '\\';
    this.rawEscapes = options.rawEscapes ?? false;
  }

  private peek(): string {
    return this.cps[this.pos]?.ch ?? '';
  }

  private next(): CodePoint {
    const cp = this.cps[this.pos];
    if (cp === undefined) return EOF;
    this.pos++;
    return cp;
  }

  /** Processes until `stop` ('' = end of input), consuming the stop character. */
  processStopOn(stop: string, rawEscapes: boolean): { text: Text; words: string[] } {
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      return this.processLoop(stop);
    } finally {
      this.rawEscapes = saved;
    }
  }

  private processLoop(stop: string): { text: Text; words: string[] } {
    const text = new Text();
    const words = new Words();
    const quotes = !(this.options.skipProcessQuotes ?? false);
    while (this.peek() !== '') {
      const ch = this.peek();
      if (stop !== '' && ch === stop) {
        this.next();
        return { text, words: words.finish() };
      }
      if (ch === '$') {
        const part = this.processDollar();
        text.append(part);
        words.addString(part.s);
      } else if (quotes && (ch === "'" || ch === '"')) {
        const part = ch === "'" ? this.processSingleQuote() : this.processDoubleQuote();
        text.append(part);
        words.addRawString(part.s);
      } else {
        let cp = this.next();
        if (cp.ch === this.escapeToken) {
          if (this.rawEscapes) {
            words.addRawChar(cp.ch);
            text.push(cp.ch, cp.o);
          }
          cp = this.next();
          if (cp === EOF) break;
          words.addRawChar(cp.ch);
        } else {
          words.addChar(cp.ch);
        }
        text.push(cp.ch, cp.o);
      }
    }
    if (stop !== '') {
      throw new LexFailure(`unexpected end of statement while looking for matching ${stop}`);
    }
    return { text, words: words.finish() };
  }

  private processSingleQuote(): Text {
    const text = new Text();
    const rawQuotes = this.options.rawQuotes ?? false;
    const open = this.next();
    if (rawQuotes) text.push(open.ch, open.o);
    for (;;) {
      const cp = this.next();
      if (cp === EOF) {
        throw new LexFailure('unexpected end of statement while looking for matching single-quote');
      }
      if (cp.ch === "'") {
        if (rawQuotes) text.push(cp.ch, cp.o);
        return text;
      }
      text.push(cp.ch, cp.o);
    }
  }

  private processDoubleQuote(): Text {
    const text = new Text();
    const rawQuotes = this.options.rawQuotes ?? false;
    const open = this.next();
    if (rawQuotes) text.push(open.ch, open.o);
    for (;;) {
      const peek = this.peek();
      if (peek === '') {
        throw new LexFailure('unexpected end of statement while looking for matching double-quote');
      }
      if (peek === '"') {
        const close = this.next();
        if (rawQuotes) text.push(close.ch, close.o);
        return text;
      }
      if (peek === '$') {
        text.append(this.processDollar());
        continue;
      }
      let cp = this.next();
      if (cp.ch === this.escapeToken) {
        if (this.rawEscapes) text.push(cp.ch, cp.o);
        const after = this.peek();
        if (after === '') continue;
        if (after === '"' || after === '$' || after === this.escapeToken) cp = this.next();
      }
      text.push(cp.ch, cp.o);
    }
  }

  private lookup(name: string): EnvEntry | undefined {
    const entry = this.env.get(name);
    if (entry === undefined) this.unmatched.add(name);
    else this.matched.add(name);
    return entry;
  }

  private valueText(entry: EnvEntry): Text {
    return Text.of(entry.value, entry.origins);
  }

  private synthetic(s: string): Text {
    return Text.of(s, undefined);
  }

  private processDollar(): Text {
    const dollar = this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name.s === '') {
        const text = new Text();
        text.push('$', dollar.o);
        return text;
      }
      const entry = this.lookup(name.s);
      if (entry === undefined) {
        if (this.options.skipUnsetEnv ?? false) {
          const text = new Text();
          text.push('$', dollar.o);
          text.append(name);
          return text;
        }
        return new Text();
      }
      return this.valueText(entry);
    }
    this.next();
    const first = this.peek();
    if (first === '') throw new LexFailure("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') {
      throw new LexFailure('syntax error: bad substitution');
    }
    const name = this.processName().s;
    let ch = this.next().ch;
    let modifier = ch === '' ? '\ufffd' : ch;
    const skipUnset = this.options.skipUnsetEnv ?? false;
    if (ch === '}') {
      const entry = this.lookup(name);
      if (entry === undefined) return skipUnset ? this.synthetic(`\${${name}}`) : new Text();
      return this.valueText(entry);
    }
    if (ch === '/') return this.processReplace(name);
    let nullIsUnset = false;
    if (ch === ':') {
      nullIsUnset = true;
      ch = this.next().ch;
      modifier += ch === '' ? '\ufffd' : ch;
    } else if (!['+', '-', '?', '#', '%'].includes(ch)) {
      throw new LexFailure(`unsupported modifier (${modifier}) in substitution`);
    }
    const word = this.stopOnBrace(ch === '#' || ch === '%');
    const entry = this.lookup(name);
    if (skipUnset && entry === undefined) {
      return this.synthetic(`\${${name}${modifier}${word.s}}`);
    }
    const value = entry?.value ?? '';
    const empty = entry === undefined || (nullIsUnset && value === '');
    switch (ch) {
      case '-':
        return empty ? word : this.valueText(entry ?? { value: '' });
      case '+':
        return empty ? new Text() : word;
      case '?': {
        if (entry === undefined) {
          throw new LexFailure(`${name}: ${word.s === '' ? 'is not allowed to be unset' : word.s}`);
        }
        if (nullIsUnset && value === '') {
          throw new LexFailure(`${name}: ${word.s === '' ? 'is not allowed to be empty' : word.s}`);
        }
        return this.valueText(entry);
      }
      case '%':
      case '#':
        return this.trim(ch, word.s, entry ?? { value: '' });
      default:
        throw new LexFailure(`unsupported modifier (${modifier}) in substitution`);
    }
  }

  /** The rest of a `${…}` up to its `}`; a missing `}` is reported as such. */
  private stopOnBrace(rawEscapes: boolean): Text {
    try {
      return this.processStopOn('}', rawEscapes).text;
    } catch (error) {
      if (error instanceof LexFailure && this.peek() === '') {
        throw new LexFailure("syntax error: missing '}'");
      }
      throw error;
    }
  }

  /** `${V#p}`, `${V##p}`, `${V%s}`, `${V%%s}`. */
  private trim(op: string, pattern: string, entry: EnvEntry): Text {
    let word = pattern;
    const greedy = word.startsWith(op);
    if (greedy) word = word.slice(1);
    const value = entry.value;
    const target = op === '%' ? reverseString(value) : value;
    let re: RegExp;
    try {
      re = shellPatternToRegExp(op === '%' ? reversePattern(word) : word, greedy, true);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new LexFailure(`invalid pattern (${word}) in substitution: ${reason}`);
    }
    re.lastIndex = 0;
    const m = re.exec(target);
    const removed = m === null ? 0 : m.index + m[0].length;
    if (op === '%') return Text.of(value, entry.origins, 0, value.length - removed);
    return Text.of(value, entry.origins, removed, value.length);
  }

  /** `${V/pattern/replacement}` and `${V//pattern/replacement}`. */
  private processReplace(name: string): Text {
    const replaceAll = this.peek() === '/';
    if (replaceAll) this.next();
    let pattern: Text;
    try {
      pattern = this.processStopOn('/', true).text;
    } catch (error) {
      if (error instanceof LexFailure && this.peek() === '') {
        throw new LexFailure("syntax error: missing '/' in ${}");
      }
      throw error;
    }
    const replacement = this.stopOnBrace(true);
    const entry = this.lookup(name);
    if ((this.options.skipUnsetEnv ?? false) && entry === undefined) {
      return this.synthetic(`\${${name}/${pattern.s}/${replacement.s}}`);
    }
    const value = entry?.value ?? '';
    const origins = entry?.origins;
    let re: RegExp;
    try {
      re = shellPatternToRegExp(pattern.s, true, false);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new LexFailure(`invalid pattern (${pattern.s}) in substitution: ${reason}`);
    }
    const out = new Text();
    if (replaceAll) {
      let last = 0;
      for (const r of goReplaceAll(re, value, replacement.s)) {
        out.append(Text.of(value, origins, last, r.start));
        out.append(this.synthetic(r.text));
        last = r.end;
      }
      out.append(Text.of(value, origins, last, value.length));
      return out;
    }
    re.lastIndex = 0;
    const m = re.exec(value);
    if (m === null) return Text.of(value, origins);
    out.append(Text.of(value, origins, 0, m.index));
    out.append(replacement);
    out.append(Text.of(value, origins, m.index + m[0].length, value.length));
    return out;
  }

  /** A variable name: letters, digits and `_`; all digits; or one special parameter. */
  private processName(): Text {
    const name = new Text();
    while (this.peek() !== '') {
      const ch = this.peek();
      if (name.s === '' && isDigit(ch)) {
        while (this.peek() !== '' && isDigit(this.peek())) {
          const cp = this.next();
          name.push(cp.ch, cp.o);
        }
        return name;
      }
      if (name.s === '' && SPECIAL_PARAMS.has(ch)) {
        const cp = this.next();
        name.push(cp.ch, cp.o);
        return name;
      }
      if (!isLetter(ch) && !isDigit(ch) && ch !== '_') break;
      const cp = this.next();
      name.push(cp.ch, cp.o);
    }
    return name;
  }
}
