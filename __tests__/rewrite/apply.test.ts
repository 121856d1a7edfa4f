import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, EditConflictError } from '../../src/rewrite/apply.js';
import type { Edit } from '../../src/rewrite/plan.js';
import { literal } from './occurrences.js';

const occurrence = literal('FROM x\n', 'x');

function edit(text: string, start: number, end: number, to: string, line = 1): Edit {
  return { file: 'Dockerfile', line, start, end, from: text.slice(start, end), to, occurrence };
}

describe('applyEdits', () => {
  it('applies edits in any order from their original offsets', () => {
    const text = 'FROM a:1 AS x\nRUN make\nFROM b:2\n';
    const edits = [
      edit(text, 5, 6, 'mirror.example.com/acme/a'),
      edit(text, 8, 8, '@sha256:00'),
      edit(text, 28, 29, 'mirror.example.com/library/b', 3),
    ];
    const expected =
      'FROM mirror.example.com/acme/a:1@sha256:00 AS x\nRUN make\n' +
      'FROM mirror.example.com/library/b:2\n';
    expect(applyEdits(text, edits)).toBe(expected);
    expect(applyEdits(text, [...edits].reverse())).toBe(expected);
    expect(applyEdits(text, [edits[1], edits[2], edits[0]] as Edit[])).toBe(expected);
  });

  it('puts insertions at the start of a replacement before it, at its end after it', () => {
    const text = 'abcdef';
    expect(
      applyEdits(text, [edit(text, 4, 4, '>'), edit(text, 2, 4, 'XY'), edit(text, 2, 2, '<')]),
    ).toBe('ab<XY>ef');
  });

  it('returns the text itself when there are no edits', () => {
    expect(applyEdits('\uFEFFa\r\nb', [])).toBe('\uFEFFa\r\nb');
  });

  it('rejects overlapping edits, naming the file and lines', () => {
    const text = 'FROM acme/app\nFROM b\n';
    const a = edit(text, 5, 13, 'mirror.example.com/acme/app');
    const b = edit(text, 10, 13, 'mirror.example.com/library/app');
    expect(() => applyEdits(text, [b, a])).toThrow(EditConflictError);
    expect(() => applyEdits(text, [b, a])).toThrow(
      'Dockerfile: overlapping edits at line 1 ("acme/app" → "mirror.example.com/acme/app") ' +
        'and line 1 ("app" → "mirror.example.com/library/app")',
    );
    const inside = edit(text, 7, 7, '@x');
    expect(() => applyEdits(text, [a, inside])).toThrow('Dockerfile: overlapping edits at line 1');
    const twice = [edit(text, 13, 13, '@x'), edit(text, 13, 13, '@y')];
    expect(() => applyEdits(text, twice)).toThrow('Dockerfile: overlapping edits at line 1');
    const same = [edit(text, 19, 20, 'c', 2), edit(text, 19, 20, 'd', 2)];
    expect(() => applyEdits(text, same)).toThrow(
      'Dockerfile: overlapping edits at line 2 ("b" → "c") and line 2 ("b" → "d")',
    );
  });

  it('rejects stale, out-of-range and mixed-file edits', () => {
    const text = 'FROM node\n';
    expect(() => applyEdits(text, [{ ...edit(text, 5, 9, 'x'), from: 'nope' }])).toThrow(
      'Dockerfile:1: expected "nope" at offset 5, found "node" ' +
        '(the file changed since it was scanned?)',
    );
    expect(() => applyEdits(text, [edit(text, 5, 11, 'x')])).toThrow(
      'Dockerfile:1: edit 5-11 lies outside the text (10 characters)',
    );
    expect(() =>
      applyEdits(text, [edit(text, 5, 9, 'x'), { ...edit(text, 0, 4, 'y'), file: 'B' }]),
    ).toThrow('edits of several files applied to one text: Dockerfile, B');
  });

  it('touches no character outside the edit spans (property)', () => {
    const arbitrary = fc
      .string({ unit: 'binary', maxLength: 200 })
      .chain((text) =>
        fc.tuple(
          fc.constant(text),
          fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 20 }),
          fc.array(fc.string({ unit: 'binary', maxLength: 8 }), { minLength: 10, maxLength: 10 }),
          fc.nat(),
        ),
      );
    fc.assert(
      fc.property(arbitrary, ([text, cuts, replacements, rotation]) => {
        // Sorted cut points paired up give spans that at most touch; equal points give
        // insertions. Two insertions at one offset have no order, so only one is kept.
        const points = [...cuts].sort((a, b) => a - b);
        const edits: Edit[] = [];
        for (let i = 0; i + 1 < points.length; i += 2) {
          const [start, end] = [points[i] as number, points[i + 1] as number];
          const last = edits[edits.length - 1];
          if (start === end && last !== undefined && last.start === start && last.end === end) {
            continue;
          }
          const to = replacements[(i / 2) % replacements.length] as string;
          edits.push(edit(text, start, end, to));
        }
        const r = edits.length === 0 ? 0 : rotation % edits.length;
        const shuffled = [...edits.slice(r), ...edits.slice(0, r)].reverse();
        const out = applyEdits(text, shuffled);
        let shift = 0;
        let cursor = 0;
        for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
          const gap = text.slice(cursor, e.start);
          expect(out.slice(cursor + shift, e.start + shift)).toBe(gap);
          expect(out.slice(e.start + shift, e.start + shift + e.to.length)).toBe(e.to);
          shift += e.to.length - (e.end - e.start);
          cursor = e.end;
        }
        expect(out.slice(cursor + shift)).toBe(text.slice(cursor));
        expect(out.length).toBe(text.length + shift);
      }),
      { numRuns: 500 },
    );
  });
});
