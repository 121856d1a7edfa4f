import { describe, expect, it } from 'vitest';
import { extractDevcontainer } from '../../../src/scan/extractors/devcontainer.js';
import { found } from './found.js';

const FILE = '.devcontainer/devcontainer.json';
const run = (text: string) => extractDevcontainer(text, FILE);

describe('extractDevcontainer', () => {
  it('reads the top-level image of JSON with comments and trailing commas', () => {
    const text = [
      '// For format details, see https://aka.ms/devcontainer.json',
      '{',
      '  "name": "app",',
      '  /* the base image */',
      '  "image": "mcr.microsoft.com/devcontainers/base:bookworm",',
      '  "customizations": { "image": "not/top-level:1" },',
      '}',
      '',
    ].join('\n');
    const result = run(text);
    expect(result.problems).toEqual([]);
    expect(found(text, FILE, result)).toEqual([
      {
        line: 5,
        column: 13,
        kind: 'devcontainer',
        raw: 'mcr.microsoft.com/devcontainers/base:bookworm',
        image: 'mcr.microsoft.com/devcontainers/base:bookworm',
        normalized: 'mcr.microsoft.com/devcontainers/base:bookworm',
        name: 'mcr.microsoft.com/devcontainers/base',
      },
    ]);
    expect(result.occurrences[0]?.fileKind).toBe('devcontainer');
  });

  it('keeps offsets right with a BOM and CRLF line ends', () => {
    const text = '\uFEFF{\r\n  "image": "node:20"\r\n}\r\n';
    const result = run(text);
    expect(found(text, FILE, result).map((f) => [f.line, f.column, f.raw])).toEqual([
      [2, 13, 'node:20'],
    ]);
    expect(result.occurrences[0]?.span).toEqual({ start: 16, end: 23 });
  });

  it('reports an image written with escapes as a problem', () => {
    const text = '{"image": "acme\\/app:1"}';
    expect(run(text)).toEqual({
      occurrences: [],
      problems: [
        {
          file: FILE,
          line: 1,
          column: 11,
          message: 'image value "acme/app:1" is written with escapes; it cannot be edited in place',
        },
      ],
    });
  });

  it('finds nothing without an image (compose-based or Dockerfile-based setups)', () => {
    const text = '{ "dockerComposeFile": "compose.yml", "service": "app", "image": 1 }';
    expect(run(text)).toEqual({ occurrences: [], problems: [] });
    expect(run('{ "build": { "dockerfile": "Dockerfile" } }')).toEqual({
      occurrences: [],
      problems: [],
    });
  });

  it('gives one problem and no occurrences for a JSON syntax error', () => {
    const text = '{\n  "image": "node:20"\n  "name": "x"\n}\n';
    expect(run(text)).toEqual({
      occurrences: [],
      problems: [{ file: FILE, line: 3, column: 3, message: 'JSON syntax error: CommaExpected' }],
    });
  });
});
