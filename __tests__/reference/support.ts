import { expect } from 'vitest';
import { InvalidReferenceError } from '../../src/reference/types.js';

/**
 * The Go error names used by the corpus, mapped to the reasons our errors carry. Written
 * out here (not imported) so a changed reason string fails the tests.
 */
export const SENTINEL_REASONS: Readonly<Record<string, string>> = {
  ErrReferenceInvalidFormat: 'invalid reference format',
  ErrNameContainsUppercase: 'repository name must be lowercase',
  ErrNameEmpty: 'repository name must have at least one component',
  ErrNameTooLong: 'repository name must not be longer than 255 characters',
  ErrNameNotCanonical: 'repository name must be canonical',
  'digest.ErrDigestInvalidLength': 'invalid digest length',
  'digest.ErrDigestUnsupported': 'unsupported digest algorithm',
  ErrIdentifier64Hex: 'cannot specify 64-byte hexadecimal strings as a repository name',
};

/** The reason for a Go error name; fails the test for a name the table lacks. */
export function reasonFor(sentinel: string): string {
  const reason = SENTINEL_REASONS[sentinel];
  if (reason === undefined) throw new Error(`no reason mapped for Go error "${sentinel}"`);
  return reason;
}

/** Runs `fn` and returns the InvalidReferenceError it throws; fails if it throws nothing. */
export function caught(fn: () => unknown): InvalidReferenceError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidReferenceError);
    return error as InvalidReferenceError;
  }
  throw new Error('expected an InvalidReferenceError, but nothing was thrown');
}

/** A short, readable test name for a corpus row: file line number and a clipped input. */
export function rowName(line: number, input: string, extra = ''): string {
  const shown = input.length > 70 ? `${input.slice(0, 60)}…(${input.length} chars)` : input;
  return `line ${line}: ${JSON.stringify(shown)}${extra === '' ? '' : ` ${extra}`}`;
}

/** Pairs each row with its readable name, for `it.each`. */
export function named<T>(rows: T[], name: (row: T, line: number) => string): [string, T][] {
  return rows.map((row, index) => [name(row, index + 1), row]);
}
