import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/rewrite/diff.js';

describe('unifiedDiff', () => {
  it('prints a/ and b/ headers and three lines of context', () => {
    const before =
      'FROM acme/base:1.0 AS build\nRUN a\nRUN b\nRUN c\nRUN d\nRUN e\nFROM runtime:2.0\n';
    const after = before
      .replace('acme/base', 'mirror.example.com/acme/base')
      .replace('runtime', 'mirror.example.com/library/runtime');
    expect(unifiedDiff('app/Dockerfile', before, after)).toBe(
      '--- a/app/Dockerfile\n' +
        '+++ b/app/Dockerfile\n' +
        '@@ -1,7 +1,7 @@\n' +
        '-FROM acme/base:1.0 AS build\n' +
        '+FROM mirror.example.com/acme/base:1.0 AS build\n' +
        ' RUN a\n' +
        ' RUN b\n' +
        ' RUN c\n' +
        ' RUN d\n' +
        ' RUN e\n' +
        '-FROM runtime:2.0\n' +
        '+FROM mirror.example.com/library/runtime:2.0\n',
    );
  });

  it('splits far-apart changes into hunks', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `L${i + 1}`);
    const before = lines.join('\n') + '\n';
    const after = before.replace('L1\n', 'X1\n').replace('L12\n', 'X12\n');
    expect(unifiedDiff('f', before, after)).toBe(
      '--- a/f\n+++ b/f\n' +
        '@@ -1,4 +1,4 @@\n-L1\n+X1\n L2\n L3\n L4\n' +
        '@@ -9,4 +9,4 @@\n L9\n L10\n L11\n-L12\n+X12\n',
    );
  });

  it('marks a missing final newline and keeps CR characters', () => {
    expect(unifiedDiff('Dockerfile', 'FROM a\r\nFROM b', 'FROM a\r\nFROM m/b')).toBe(
      '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n FROM a\r\n' +
        '-FROM b\n\\ No newline at end of file\n+FROM m/b\n\\ No newline at end of file\n',
    );
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff('Dockerfile', 'FROM a\n', 'FROM a\n')).toBe('');
    expect(unifiedDiff('Dockerfile', '', '')).toBe('');
  });
});
