/** One challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1). */
export interface AuthChallenge {
  /** Scheme in lower case: `bearer`, `basic`, … */
  scheme: string;
  /** Auth parameters; names in lower case, values unquoted and unescaped. */
  params: Record<string, string>;
  /** The token68 form (`Negotiate abc==`), when the challenge used it instead of params. */
  token68?: string;
}

/** A resource scope of the token protocol: `repository:library/node:pull,push`. */
export interface AuthScope {
  type: string;
  name: string;
  actions: string[];
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68 = /[A-Za-z0-9\-._~+/]/;

/**
 * Parses a `WWW-Authenticate` value into its challenges. Handles several challenges in one
 * value (as `fetch` joins repeated headers with `, `), quoted values holding commas and
 * escaped quotes, token68 credentials, and stray empty list items. Never throws: text that
 * does not fit the grammar is skipped.
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const s = header;
  const n = s.length;
  let i = 0;
  const out: AuthChallenge[] = [];

  const skip = (re: RegExp): void => {
    while (i < n && re.test(s[i] as string)) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < n && TCHAR.test(s[i] as string)) i++;
    return s.slice(start, i);
  };
  const readQuoted = (): string => {
    let value = '';
    i++; // opening quote
    while (i < n && s[i] !== '"') {
      if (s[i] === '\\' && i + 1 < n) i++;
      value += s[i];
      i++;
    }
    if (i < n) i++; // closing quote
    return value;
  };
  const tryToken68 = (): string | undefined => {
    const start = i;
    while (i < n && TOKEN68.test(s[i] as string)) i++;
    if (i === start) return undefined;
    while (i < n && s[i] === '=') i++;
    const value = s.slice(start, i);
    skip(/[ \t]/);
    if (i >= n || s[i] === ',') return value;
    i = start;
    return undefined;
  };

  while (i < n) {
    skip(/[\s,]/);
    if (i >= n) break;
    const scheme = readToken();
    if (scheme === '') {
      i++; // not a token character: skip it
      continue;
    }
    const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
    out.push(challenge);
    skip(/[ \t]/);
    const token68Start = i;
    const token68 = tryToken68();
    if (token68 !== undefined && !looksLikeParam(s, token68Start)) {
      challenge.token68 = token68;
      continue;
    }
    i = token68Start;
    for (;;) {
      skip(/[\s,]/);
      const save = i;
      const name = readToken();
      skip(/[ \t]/);
      if (name === '' || s[i] !== '=') {
        i = save; // the next challenge's scheme, or junk the outer loop skips
        break;
      }
      i++;
      skip(/[ \t]/);
      const value = s[i] === '"' ? readQuoted() : readToken();
      challenge.params[name.toLowerCase()] = value;
      skip(/[ \t]/);
      if (s[i] !== ',') break;
    }
  }
  return out;
}

/** True when the text at `at` is `name = value` rather than a token68. */
function looksLikeParam(s: string, at: number): boolean {
  const m = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+[ \t]*=[ \t]*(?:"|[!#$%&'*+\-.^_`|~0-9A-Za-z])/.exec(
    s.slice(at),
  );
  return m !== null;
}

/** Splits a challenge's `scope` parameter (space-separated) into single scopes. */
export function splitScopes(scope: string | undefined): string[] {
  if (scope === undefined) return [];
  return scope.split(/\s+/).filter((x) => x !== '');
}

/**
 * Parses one scope string, `type:name:actions`. The name may hold `:` (a registry host with a
 * port); the type is before the first `:` and the actions after the last one.
 */
export function parseScope(scope: string): AuthScope | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last === first) return undefined;
  const actions = scope.slice(last + 1);
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: actions === '' ? [] : actions.split(','),
  };
}

/** The pull scope of a repository: `repository:<name>:pull`. */
export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}
