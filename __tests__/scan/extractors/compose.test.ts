import { describe, expect, it } from 'vitest';
import { extractCompose } from '../../../src/scan/extractors/compose.js';
import { bugCase } from './bug-case.js';
import { at, found } from './found.js';

const FILE = 'compose.yaml';
const run = (text: string) => extractCompose(text, FILE);

describe('extractCompose', () => {
  it('case-10: an anchored x- image reached by << merges is one occurrence', async () => {
    const c = await bugCase('case-10');
    const result = extractCompose(c.input, c.file_name);
    expect(result.problems).toEqual([]);
    expect(found(c.input, c.file_name, result)).toEqual([
      {
        line: 2,
        column: 10,
        kind: 'compose',
        raw: 'base-os:11',
        image: 'base-os:11',
        normalized: 'docker.io/library/base-os:11',
        name: 'base-os',
      },
    ]);
    const [occurrence] = result.occurrences;
    expect(occurrence?.fileKind).toBe('compose');
    expect(occurrence?.derivation).toBe('literal');
  });

  it('reads plain, quoted and block values and skips build-only services', () => {
    const text = [
      'services:',
      '  web:',
      "    image: 'redislabs/redismod'",
      '  db:',
      '    image: "postgres:16@sha256:' + 'a'.repeat(64) + '"',
      '  app:',
      '    build: .',
      '  agent:',
      '    image: >-',
      '      ghcr.io/acme/agent:2',
      '',
    ].join('\n');
    const result = run(text);
    expect(result.problems).toEqual([]);
    expect(found(text, FILE, result)).toEqual([
      {
        line: 3,
        column: 13,
        kind: 'compose',
        raw: 'redislabs/redismod',
        image: 'redislabs/redismod',
        normalized: 'docker.io/redislabs/redismod',
        name: 'redislabs/redismod',
      },
      {
        line: 5,
        column: 13,
        kind: 'compose',
        raw: `postgres:16@sha256:${'a'.repeat(64)}`,
        image: `postgres:16@sha256:${'a'.repeat(64)}`,
        normalized: `docker.io/library/postgres:16@sha256:${'a'.repeat(64)}`,
        name: 'postgres',
      },
      {
        line: 10,
        column: 7,
        kind: 'compose',
        raw: 'ghcr.io/acme/agent:2',
        image: 'ghcr.io/acme/agent:2',
        normalized: 'ghcr.io/acme/agent:2',
        name: 'ghcr.io/acme/agent',
      },
    ]);
    expect(result.occurrences[1]?.ref.pinned).toBe(true);
  });

  it('follows a whole service given as an alias, and own keys override merged ones', () => {
    const text = [
      'x-base: &base',
      '  image: base:1',
      '  restart: always',
      'x-other: &other',
      '  image: other:2',
      'services:',
      '  a: *base',
      '  b:',
      '    <<: *base',
      '    image: own:3',
      '  c:',
      '    <<: [*other, *base]',
      '',
    ].join('\n');
    const result = run(text);
    expect(result.problems).toEqual([]);
    expect(found(text, FILE, result).map((f) => [f.line, f.raw])).toEqual([
      [2, 'base:1'],
      [5, 'other:2'],
      [10, 'own:3'],
    ]);
  });

  it('reports variable interpolation as a problem, never a guess', () => {
    const text = 'services:\n  app:\n    image: "acme/app:${TAG:-latest}"\n';
    expect(run(text)).toEqual({
      occurrences: [],
      problems: [
        {
          file: FILE,
          line: 3,
          column: 12,
          message:
            'image "acme/app:${TAG:-latest}" uses Compose variable interpolation; not resolved',
        },
      ],
    });
  });

  it('reports an invalid reference with its line and quoted value', () => {
    const text = 'services:\n  app:\n    image: Acme/App:1\n';
    expect(run(text).problems).toEqual([
      {
        file: FILE,
        line: 3,
        column: 12,
        message: 'invalid image reference "Acme/App:1": repository name must be lowercase',
      },
    ]);
  });

  it('reports escaped values as problems instead of editing them', () => {
    const text = 'services:\n  app:\n    image: "acme\\/app:1"\n';
    expect(run(text)).toEqual({
      occurrences: [],
      problems: [
        {
          file: FILE,
          line: 3,
          column: 12,
          message:
            'image value "acme/app:1" is written with escapes or line breaks inside its ' +
            'quotes; it cannot be edited in place',
        },
      ],
    });
  });

  it('keeps offsets right with a BOM and CRLF line ends', () => {
    const text = '\uFEFFservices:\r\n  web:\r\n    image: nginx:1.27 # comment\r\n';
    const result = run(text);
    expect(found(text, FILE, result)).toEqual([
      {
        line: 3,
        column: 12,
        kind: 'compose',
        raw: 'nginx:1.27',
        image: 'nginx:1.27',
        normalized: 'docker.io/library/nginx:1.27',
        name: 'nginx',
      },
    ]);
    expect(result.occurrences[0]?.span).toEqual({ start: 31, end: 41 });
    expect(at(text, result.occurrences[0]?.nameSpan)).toBe('nginx');
  });

  it('gives one problem and no occurrences for a YAML syntax error', () => {
    const text = 'services:\n  web:\n    image: nginx:1\n  bad: [\n';
    const result = run(text);
    expect(result.occurrences).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.file).toBe(FILE);
    expect(result.problems[0]?.line).toBe(5);
    expect(result.problems[0]?.message).toMatch(/^YAML syntax error: /);
  });

  it('finds nothing in an empty file or one without services', () => {
    expect(run('')).toEqual({ occurrences: [], problems: [] });
    expect(run('version: "3"\nvolumes:\n  data: {}\n')).toEqual({ occurrences: [], problems: [] });
  });
});
