/**
 * Shell wildcard patterns of `${V#p}`, `${V%s}` and `${V/a/b}`, converted to regular
 * expressions that match like BuildKit's (Go regexp: `.` never matches `\n`).
 */

const REGEX_SPECIAL = new Set(['[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$']);

/**
 * Converts a shell pattern (`*`, `?`, `\` escapes; no bracket expressions) to a RegExp.
 * `greedy` makes `*` match the longest string; `anchored` matches only at the start.
 * Throws an Error for an escape other than `\*`, `\?`, `\\` (or `\}`/`\/`, which drop
 * the backslash).
 */
export function shellPatternToRegExp(pattern: string, greedy: boolean, anchored: boolean): RegExp {
  const chars = Array.from(pattern);
  let out = anchored ? '^' : '';
  const star = greedy ? '[^\\n]*' : '[^\\n]*?';
  for (let i = 0; i < chars.length; i++) {
    let tok = chars[i] ?? '';
    if (tok === '*') {
      out += star;
      continue;
    }
    if (tok === '?') {
      out += '[^\\n]';
      continue;
    }
    if (tok === '\\') {
      const peek = chars[i + 1];
      if (peek === '}' || peek === '/') continue;
      i++;
      tok = chars[i] ?? '';
      if (tok !== '*' && tok !== '?' && tok !== '\\') {
        throw new Error(`invalid escape '\\${tok}'`);
      }
      out += '\\' + tok;
      continue;
    }
    out += REGEX_SPECIAL.has(tok) ? '\\' + tok : tok;
  }
  return new RegExp(out, 'gu');
}

/** Reverses a pattern by code points, keeping each `\x` escape pair in order. */
export function reversePattern(pattern: string): string {
  const chars = Array.from(pattern);
  const out: string[] = new Array<string>(chars.length).fill('');
  const last = chars.length - 1;
  for (let i = 0; i <= last;) {
    const tok = chars[i] ?? '';
    const at = last - i;
    if (tok === '\\' && i !== last) {
      out[at - 1] = tok;
      out[at] = chars[i + 1] ?? '';
      i += 2;
    } else {
      out[at] = tok;
      i++;
    }
  }
  return out.join('');
}

/** Reverses a string by code points. */
export function reverseString(s: string): string {
  return Array.from(s).reverse().join('');
}

/**
 * Go's `Regexp.Expand` for a pattern without capture groups: `$$` is `$`, `$0`/`${0}` is
 * the match, any other `$name`/`${name}` is empty, and a malformed `$` stays as it is.
 */
export function expandReplacement(template: string, match: string): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(rest);
    if (ref === null) {
      out += '$';
      continue;
    }
    const name = ref[1] ?? ref[2] ?? '';
    rest = rest.slice(ref[0].length);
    if (/^0+$/.test(name)) out += match;
  }
  return out + rest;
}

/** One replacement made by {@link goReplaceAll}. */
export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/**
 * Go's `Regexp.ReplaceAllString` (successive non-overlapping matches; an empty match
 * right after a previous match is not replaced), returning the replaced ranges.
 */
export function goReplaceAll(re: RegExp, src: string, template: string): Replacement[] {
  const out: Replacement[] = [];
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    re.lastIndex = searchPos;
    const m = re.exec(src);
    if (m === null) break;
    const a0 = m.index;
    const a1 = a0 + m[0].length;
    if (a1 > lastMatchEnd || a0 === 0) {
      out.push({ start: a0, end: a1, text: expandReplacement(template, m[0]) });
    }
    lastMatchEnd = a1;
    const cp = src.codePointAt(searchPos);
    const width = cp === undefined ? 0 : cp > 0xffff ? 2 : 1;
    if (searchPos + width > a1) searchPos += width;
    else if (searchPos + 1 > a1) searchPos++;
    else searchPos = a1;
  }
  return out;
}
