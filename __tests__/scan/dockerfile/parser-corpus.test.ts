import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DockerfileParseError } from '../../../src/scan/dockerfile/ast.js';
import { dump } from '../../../src/scan/dockerfile/dump.js';
import { parseDockerfile } from '../../../src/scan/dockerfile/parser.js';
import { CORPUS } from '../../support/corpus.js';

const BASE = path.join(CORPUS, 'dockerfile-parser');

function read(...parts: string[]): string {
  return readFileSync(path.join(BASE, ...parts), 'utf8');
}

const CASES = readdirSync(BASE)
  .filter((name) => existsSync(path.join(BASE, name, 'result')))
  .sort();
const NEGATIVE = readdirSync(path.join(BASE, 'negative')).sort();

describe('BuildKit parser test files', () => {
  it('has the 33 positive and 4 negative cases', () => {
    expect(CASES.length).toBe(33);
    expect(NEGATIVE).toEqual([
      'empty_dockerfile',
      'env_no_value',
      'only_comments',
      'shykes-nested-json',
    ]);
  });

  it.each(CASES)('%s dumps exactly like BuildKit', (name) => {
    const ast = parseDockerfile(read(name, 'Dockerfile'));
    expect(dump(ast) + '\n').toBe(read(name, 'result'));
  });

  it.each(NEGATIVE)('negative/%s fails to parse', (name) => {
    expect(() => parseDockerfile(read('negative', name, 'Dockerfile'))).toThrow(
      DockerfileParseError,
    );
  });

  it('gives the reasons BuildKit gives for the negative cases', () => {
    const reason = (name: string): string => {
      try {
        parseDockerfile(read('negative', name, 'Dockerfile'));
      } catch (error) {
        return error instanceof DockerfileParseError ? error.reason : 'other error';
      }
      return 'parsed';
    };
    expect(reason('empty_dockerfile')).toBe('file with no instructions');
    expect(reason('only_comments')).toBe('file with no instructions');
    expect(reason('env_no_value')).toBe('ENV must have two arguments');
    expect(reason('shykes-nested-json')).toBe(
      'when using JSON array syntax, arrays must be comprised of strings only',
    );
  });
});

interface LineExpectation {
  root: { start_line: number; end_line: number };
  children: { start_line: number; end_line: number }[];
}

describe('line numbers (TestParseIncludesLineNumbers)', () => {
  it('matches testfile-line/expected.json', () => {
    const expected = JSON.parse(read('testfile-line', 'expected.json')) as LineExpectation;
    const ast = parseDockerfile(read('testfile-line', 'Dockerfile'));
    expect({ start_line: ast.startLine, end_line: ast.endLine }).toEqual(expected.root);
    expect(ast.instructions.map((n) => ({ start_line: n.startLine, end_line: n.endLine }))).toEqual(
      expected.children,
    );
  });
});

interface WarningExpectation {
  parse_ok: boolean;
  warning_count: number;
  warnings_contain: string[];
}

describe('empty continuation line warnings', () => {
  it('matches inline-warnings/expected.json', () => {
    const expected = JSON.parse(read('inline-warnings', 'expected.json')) as WarningExpectation;
    expect(expected.parse_ok).toBe(true);
    const ast = parseDockerfile(read('inline-warnings', 'Dockerfile'));
    expect(ast.warnings.length).toBe(expected.warning_count);
    const all = ast.warnings.map((w) => w.message).join('\n');
    for (const part of expected.warnings_contain) expect(all).toContain(part);
    expect(ast.warnings.map((w) => w.message)).toEqual([
      'Empty continuation line found in: RUN something     following     more',
      'Empty continuation line found in: RUN another     thing',
    ]);
  });

  it('drops comment lines inside continuations without a warning', () => {
    const ast = parseDockerfile(read('inline-warnings', 'Dockerfile'));
    const runs = ast.instructions.filter((n) => n.name === 'run').map((n) => n.args[0]?.value);
    expect(runs).toEqual([
      'valid     continuation',
      'something     following     more',
      'another     thing',
      'non-indented    after-comment',
      'indented     comment',
    ]);
  });
});
