import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReference, tryParseReference, withTagDigest } from '../../src/reference/parse.js';
import { InvalidReferenceError } from '../../src/reference/types.js';
import { mirroredString, parseMirror, parseRule } from '../../src/rewrite/mirror.js';
import { isAlreadyMirrored, NOT_DOCKER_HUB, resolveTarget } from '../../src/rewrite/target.js';
import {
  anyReference,
  chars,
  hubReference,
  mirrorSpec,
  otherHost,
  otherReference,
  remotePath,
  suffix,
} from './arbitraries.js';

// The grammar round trips of parse → normalized/familiar → parse for any reference and
// for Docker Hub namespaces are in __tests__/reference/round-trip.test.ts; these add the
// other registries' familiar form, arbitrary text, and the mirror mapping.

const RUNS = { numRuns: 1_000 };

/** Text near the grammar: its characters, in any order, plus a few others. */
const nearReference = chars('abcdefgz0189ABZ._-/:@[]%$ \t\n', 0, 40);

describe('references (properties)', () => {
  it('reads any text to a reference or an error naming it, never throwing', () => {
    fc.assert(
      fc.property(fc.oneof(nearReference, fc.string({ unit: 'binary', maxLength: 60 })), (s) => {
        const parsed = tryParseReference(s);
        if ('error' in parsed) {
          expect(parsed.error).toContain(JSON.stringify(s));
          expect(() => parseReference(s)).toThrow(InvalidReferenceError);
        } else {
          expect(parseReference(parsed.ref.normalized)).toEqual(parsed.ref);
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it('reads the familiar form of another registry back unchanged', () => {
    fc.assert(
      fc.property(otherReference, (input) => {
        const ref = parseReference(input);
        expect(ref.isDockerHub).toBe(false);
        expect(ref.familiar).toBe(input);
        expect(ref.normalized).toBe(input);
        expect(parseReference(ref.familiar)).toEqual(ref);
      }),
      RUNS,
    );
  });

  it('maps a Docker Hub reference onto any mirror with its tag and digest, once', () => {
    fc.assert(
      fc.property(hubReference, mirrorSpec, (input, spec) => {
        const mirror = parseMirror(spec);
        const ref = parseReference(input);
        const target = resolveTarget(ref, [mirror], []);
        if ('reason' in target) {
          // Only ECR Public refuses, and only images outside library/.
          expect([spec, ref.repository.startsWith('library/')]).toEqual(['ecr-public', false]);
          return;
        }
        const moved = parseReference(
          withTagDigest(mirroredString(target.name), ref.tag, ref.digest),
        );
        expect([moved.tag, moved.digest, moved.isDockerHub]).toEqual([ref.tag, ref.digest, false]);
        expect(moved.registry).toBe(mirror.base.host);
        expect(moved.repository.endsWith(ref.repository.replace(/^library\//, ''))).toBe(true);
        expect(isAlreadyMirrored(moved, [mirror], [])).toBe(true);
        expect(isAlreadyMirrored(ref, [mirror], [])).toBe(false);
        expect(resolveTarget(moved, [mirror], [])).toEqual({ reason: NOT_DOCKER_HUB });
      }),
      RUNS,
    );
  });

  it('never maps another registry onto a Docker Hub mirror', () => {
    fc.assert(
      fc.property(otherReference, mirrorSpec, (input, spec) => {
        const ref = parseReference(input);
        expect(resolveTarget(ref, [parseMirror(spec)], [])).toEqual({ reason: NOT_DOCKER_HUB });
      }),
      RUNS,
    );
  });

  it('moves a registry by a SRC=DST rule under the target path, and only once', () => {
    const ruled = fc.tuple(
      otherHost,
      fc.constantFrom('', 'team'),
      remotePath,
      suffix,
      fc.constantFrom('', '/mirrored'),
    );
    fc.assert(
      fc.property(ruled, ([host, sourcePath, path, s, targetPath]) => {
        const under = sourcePath === '' ? path : `${sourcePath}/${path}`;
        const ref = parseReference(`${host}/${under}${s}`);
        const rule = parseRule(
          `${host}${sourcePath === '' ? '' : `/${sourcePath}`}=rules.example.com${targetPath}`,
        );
        const target = resolveTarget(ref, [], [rule]);
        if ('reason' in target) throw new Error(`${ref.normalized}: ${target.reason}`);
        expect(target.name).toEqual({
          registry: 'rules.example.com',
          repository: targetPath === '' ? path : `mirrored/${path}`,
        });
        const moved = parseReference(
          withTagDigest(mirroredString(target.name), ref.tag, ref.digest),
        );
        expect([moved.tag, moved.digest]).toEqual([ref.tag, ref.digest]);
        expect(isAlreadyMirrored(moved, [], [rule])).toBe(true);
      }),
      RUNS,
    );
  });

  it('keeps every reference a file generator writes valid', () => {
    fc.assert(
      fc.property(anyReference, (input) => {
        expect('ref' in tryParseReference(input)).toBe(true);
      }),
      RUNS,
    );
  });
});
