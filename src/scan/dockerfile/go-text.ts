/**
 * Character classes and quoting that behave like Go's `unicode` and `strconv` packages, so
 * the Dockerfile parser splits and prints text the way BuildKit does.
 */

const WHITE_SPACE = /^\p{White_Space}$/u;
const LETTER = /^\p{L}$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's `unicode.IsSpace` for one code point (the Unicode White_Space property). */
export function isSpace(ch: string): boolean {
  return WHITE_SPACE.test(ch);
}

/** Go's `unicode.IsLetter` for one code point. */
export function isLetter(ch: string): boolean {
  return LETTER.test(ch);
}

/** Go's `unicode.IsDigit` for one code point (general category Nd). */
export function isDigit(ch: string): boolean {
  return DECIMAL_DIGIT.test(ch);
}

/** The code point starting at UTF-16 index `i` of `s`, as a string of length 1 or 2. */
export function codePointAt(s: string, i: number): string {
  const cp = s.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/**
 * Go's `strings.TrimSpace` on `s.slice(start, end)`, as the bounds of what remains
 * (`[start, end)` with leading and trailing white space removed).
 */
export function trimSpaceBounds(s: string, start: number, end: number): [number, number] {
  let a = start;
  while (a < end) {
    const ch = codePointAt(s, a);
    if (!isSpace(ch)) break;
    a += ch.length;
  }
  let b = end;
  while (b > a) {
    const low = s.charCodeAt(b - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && b - 2 >= a ? 2 : 1;
    const ch = codePointAt(s, b - width);
    if (ch.length !== width || !isSpace(ch)) break;
    b -= width;
  }
  return [a, b];
}

/** Index of the first code point at or after `start` that is not white space. */
export function skipSpaces(s: string, start: number, end = s.length): number {
  let i = start;
  while (i < end) {
    const ch = codePointAt(s, i);
    if (!isSpace(ch)) break;
    i += ch.length;
  }
  return i;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Go's `strconv.Quote`: a double-quoted string with Go escape sequences. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (PRINTABLE.test(ch)) out += ch;
    else if (SIMPLE_ESCAPES[ch] !== undefined) out += SIMPLE_ESCAPES[ch];
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (cp < 0x10000) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out + '"';
}
