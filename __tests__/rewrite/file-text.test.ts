import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFile, encodeFile } from '../../src/scan/file-text.js';

const bytes = (...b: number[]) => Buffer.from(b);

describe('decodeFile / encodeFile', () => {
  it('decodes UTF-8, keeping a BOM as U+FEFF', () => {
    expect(decodeFile(Buffer.from('FROM node\r\n', 'utf8'))).toEqual({
      text: 'FROM node\r\n',
      encoding: 'utf8',
    });
    const withBom = bytes(0xef, 0xbb, 0xbf, 0x46, 0xc3, 0xa9);
    expect(decodeFile(withBom)).toEqual({ text: '\uFEFFF\u00e9', encoding: 'utf8' });
    expect(encodeFile('\uFEFFF\u00e9', 'utf8')).toEqual(withBom);
    expect(decodeFile(bytes())).toEqual({ text: '', encoding: 'utf8' });
  });

  it('falls back to Latin-1 for bytes that are not UTF-8', () => {
    const cases = [
      bytes(0x46, 0xe9, 0x0a), // Latin-1 é
      bytes(0xc0, 0xaf), // overlong /
      bytes(0xed, 0xa0, 0x80), // an encoded surrogate
      bytes(0xef, 0xbb), // a cut-off BOM
      bytes(0xf4, 0x90, 0x80, 0x80), // above U+10FFFF
    ];
    for (const buf of cases) {
      const decoded = decodeFile(buf);
      expect(decoded.encoding).toBe('latin1');
      expect(decoded.text).toBe(String.fromCharCode(...buf));
      expect(encodeFile(decoded.text, decoded.encoding)).toEqual(buf);
    }
  });

  it('refuses to write a character Latin-1 cannot hold', () => {
    expect(() => encodeFile('ab\u0101', 'latin1')).toThrow(
      'cannot write "ā" at offset 2 in a Latin-1 file',
    );
  });

  it('gives back the same bytes for any input (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (input) => {
        const { text, encoding } = decodeFile(input);
        expect(encodeFile(text, encoding)).toEqual(Buffer.from(input));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (s) => {
        const buf = Buffer.from(`\uFEFF${s}`, 'utf8');
        expect(decodeFile(buf)).toEqual({ text: `\uFEFF${s}`, encoding: 'utf8' });
        expect(encodeFile(`\uFEFF${s}`, 'utf8')).toEqual(buf);
      }),
    );
  });
});
