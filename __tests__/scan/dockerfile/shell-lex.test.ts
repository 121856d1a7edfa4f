import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ShellLexError,
  envFromList,
  processWord,
  processWords,
} from '../../../src/scan/dockerfile/shell-lex.js';
import type { EnvEntry } from '../../../src/scan/dockerfile/shell-lex.js';
import { CORPUS } from '../../support/corpus.js';

const SHELL_LEX = path.join(CORPUS, 'dockerfile-parser', 'shell-lex');

interface EnvVarRow {
  line: number;
  source: string;
  expected: string;
}

/** The A (all) and U (unix) rows of envVarTest, read as BuildKit's test reads them. */
function envVarRows(): EnvVarRow[] {
  const rows: EnvVarRow[] = [];
  readFileSync(path.join(SHELL_LEX, 'envVarTest'), 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (raw.startsWith('#')) return;
      const line = raw.trim();
      if (line === '') return;
      const parts = line.split('|');
      if (parts.length !== 3) throw new Error(`envVarTest line ${i + 1}: ${JSON.stringify(raw)}`);
      const [platform, source, expected] = parts.map((p) => p.trim());
      if (platform === 'A' || platform === 'U') {
        rows.push({ line: i + 1, source: source ?? '', expected: expected ?? '' });
      }
    });
  return rows;
}

interface WordsRow {
  line: number;
  source: string;
  expected: string[];
  env: string[];
}

/** The rows of wordsTest with the `ENV` lines seen before each. */
function wordsRows(): WordsRow[] {
  const rows: WordsRow[] = [];
  const env: string[] = [];
  readFileSync(path.join(SHELL_LEX, 'wordsTest'), 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (raw.startsWith('#') || raw === '') return;
      if (raw.startsWith('ENV ')) {
        env.push(raw.slice(3).replace(/^ +/, ''));
        return;
      }
      const parts = raw.split('|');
      if (parts.length !== 2) throw new Error(`wordsTest line ${i + 1}: ${JSON.stringify(raw)}`);
      rows.push({
        line: i + 1,
        source: (parts[0] ?? '').trim(),
        expected: (parts[1] ?? '').replace(/^ +/, '').split(','),
        env: [...env],
      });
    });
  return rows;
}

const ENV = envFromList(['PWD=/home', 'SHELL=bash', 'KOREAN=한국어', 'NULL=']);
const ENV_ROWS = envVarRows();
const WORDS_ROWS = wordsRows();

describe('envVarTest (A and U rows)', () => {
  it('reads every A and U row', () => {
    expect(ENV_ROWS.length).toBe(228);
    expect(ENV_ROWS.filter((r) => r.expected === 'error').length).toBe(36);
  });

  it.each(ENV_ROWS)('line $line: $source', ({ source, expected }) => {
    if (expected === 'error') {
      expect(() => processWord(source, ENV)).toThrow(ShellLexError);
    } else {
      expect(processWord(source, ENV).result).toBe(expected);
    }
  });
});

describe('wordsTest', () => {
  it('reads every row', () => {
    expect(WORDS_ROWS.length).toBe(24);
  });

  it.each(WORDS_ROWS)('line $line: $source', ({ source, expected, env }) => {
    let words: string[];
    try {
      words = processWords(source, envFromList(env));
    } catch (error) {
      if (!(error instanceof ShellLexError)) throw error;
      words = ['error'];
    }
    expect(words).toEqual(expected);
  });
});

describe('modifiers and patterns (from BuildKit TestProcessWithMatches)', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}', { FOO: 'xxx', BAR: '' }, 'xxx  ccc'],
    ['${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}', { FOO: 'xxx', BAR: '' }, 'xxx bbb ccc'],
    ['${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}', { FOO: 'xxx', BAR: '' }, 'aaa bbb '],
    ['${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}', { FOO: 'xxx', BAR: '' }, 'aaa  '],
    ['${BAR?bbb}', { FOO: 'xxx', BAR: '' }, ''],
    ['${FOO#()[]{\\}^$.\\*\\?|\\\\}', { FOO: '()[]{}^$.*?|\\x' }, 'x'],
    ['${FOO%%\\**}', { FOO: 'xx**' }, 'xx'],
    ['${FOO#*x*y}', { FOO: 'xxyy' }, 'y'],
    ['${FOO#*}', { FOO: 'xxyy' }, 'xxyy'],
    ['${FOO#$BAR}', { FOO: 'xxyy', BAR: 'x' }, 'xyy'],
    ['${FOO##*x}', { FOO: 'xxyy' }, 'yy'],
    ['${FOO#?\\?}', { FOO: '???y' }, '?y'],
    ['${ABC:-.}${FOO%x}${ABC:-.}', { FOO: 'xxyy' }, '.xxyy.'],
    ['${FOO%%\\**\\*}', { FOO: 'a***yy*' }, 'a'],
    [
      '${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}',
      { FOO: '/foo*/*/*.txt', NEEDLE: '\\*/' },
      '/foo.*/*.txt - /foo..*.txt',
    ],
    [
      '${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}',
      { FOO: '/tmp/tmp/bar.txt', NEEDLE: '/tmp' },
      '/tmp/bar.txt - /bar.txt',
    ],
    [
      '${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}',
      { FOO: '/a/foo/b/c.txt', NEEDLE: '/?/', REPLACEMENT: '/' },
      '/foo/b/c.txt - /foo/c.txt',
    ],
    ['${FOO//\\//\\/}', { FOO: '/tmp/foo.txt' }, '\\/tmp\\/foo.txt'],
    ['${FOO/$BAR/ww}', { FOO: 'xxyy', BAR: '' }, 'wwxxyy'],
    ['${FOO///}', { FOO: 'xxyy' }, 'xxyy'],
    ['${FOO///}', {}, ''],
  ];

  it.each(cases)('%s', (input, vars, expected) => {
    const env = new Map<string, EnvEntry>(Object.entries(vars).map(([k, v]) => [k, { value: v }]));
    expect(processWord(input, env).result).toBe(expected);
  });

  it.each(['${BAZ?ccc}', '${BAR:?bbb}', '${FOO=aaa}', '${FOO//ww}', '${FOO//}'])(
    '%s is an error',
    (input) => {
      const env = new Map<string, EnvEntry>([
        ['FOO', { value: 'xxx' }],
        ['BAR', { value: '' }],
      ]);
      expect(() => processWord(input, env)).toThrow(ShellLexError);
    },
  );

  it('reports the message of ${V:?msg} and ${V?msg}', () => {
    const unset = envFromList(['ARG=x']);
    expect(() => processWord('${VAR:?message here$ARG}', unset)).toThrow('VAR: message herex');
    expect(() => processWord('${VAR?message here$ARG}', unset)).toThrow('VAR: message herex');
    expect(processWord('${VAR?m}', envFromList(['VAR='])).result).toBe('');
  });

  it('reports matched and unmatched variables', () => {
    const r = processWord('${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}', envFromList(['FOO=xxx', 'BAR=']));
    expect([...r.matched].sort()).toEqual(['BAR', 'FOO']);
    expect([...r.unmatched]).toEqual(['BAZ']);
  });
});

describe('escape token and lexer switches', () => {
  it('uses the backtick as escape when asked, leaving backslashes alone', () => {
    const r = processWord('C:\\app`$X` y', new Map(), { escapeToken: '`' });
    expect(r.result).toBe('C:\\app$X y');
  });

  it('keeps quotes, escapes and unset variables when asked (heredoc detection mode)', () => {
    const words = processWords('RUN <<"EOF" cat \\$A ${B:-x} $C', new Map(), {
      rawQuotes: true,
      rawEscapes: true,
      skipUnsetEnv: true,
    });
    expect(words).toEqual(['RUN', '<<"EOF"', 'cat', '\\$A', '${B:-x}', '$C']);
  });
});

describe('origins', () => {
  it('maps each result unit to its input index', () => {
    const r = processWord('"node":${V}-x', envFromList(['V=20']));
    expect(r.result).toBe('node:20-x');
    expect(r.origins).toEqual([1, 2, 3, 4, 6, null, null, 11, 12]);
  });

  it('carries the origins of variable values', () => {
    const env = new Map<string, EnvEntry>([['BASE', { value: 'ab', origins: [100, 101] }]]);
    const r = processWord('${BASE}:1', env, {}, [10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(r.origins).toEqual([100, 101, 17, 18]);
  });

  it('keeps origins through prefix and suffix removal', () => {
    const env = new Map<string, EnvEntry>([['V', { value: 'abcd', origins: [5, 6, 7, 8] }]]);
    expect(processWord('${V#a}', env).origins).toEqual([6, 7, 8]);
    expect(processWord('${V%%c*}', env).origins).toEqual([5, 6]);
  });

  it('keeps two units per astral code point', () => {
    const r = processWord("'😀'x", new Map());
    expect(r.result).toBe('😀x');
    expect(r.origins).toEqual([1, 2, 4]);
  });
});
