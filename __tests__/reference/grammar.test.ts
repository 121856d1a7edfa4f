import { describe, expect, it } from 'vitest';
import { readJsonl } from '../support/corpus.js';
import {
  nameOf,
  parse,
  referenceString,
  withDigest,
  withName,
  withTag,
} from '../../src/reference/grammar.js';
import type { RawReference } from '../../src/reference/grammar.js';
import {
  anyReferenceString,
  parseAnyReference,
  parseNamed,
  parseNormalizedNamed,
} from '../../src/reference/normalize.js';
import { withTagDigest } from '../../src/reference/parse.js';
import { caught, named, reasonFor, rowName } from './support.js';

interface ParseRow {
  input: string;
  func: 'Parse' | 'WithName' | 'ParseNormalizedNamed';
  valid: boolean;
  error?: string;
  name?: string;
  domain?: string;
  path?: string;
  tag?: string;
  digest?: string;
  differs_from_current?: string;
}

/** Asserts that a Parse / WithName row gives exactly the fields (or the error) it lists. */
function checkParseRow(row: ParseRow): void {
  const run = (): RawReference =>
    row.func === 'WithName' ? withName(row.input) : parse(row.input);
  if (!row.valid) {
    const error = caught(run);
    expect(error.reason).toBe(reasonFor(row.error ?? 'missing error in row'));
    expect(error.input).toBe(row.input);
    return;
  }
  const ref = run();
  expect(nameOf(ref)).toBe(row.name);
  expect(ref.domain).toBe(row.domain);
  expect(ref.path).toBe(row.path);
  expect(ref.tag).toBe(row.tag);
  expect(ref.digest).toBe(row.digest);
  expect(referenceString(ref)).toBe(row.input);
}

const parseRows = await readJsonl<ParseRow>('reference/parse.jsonl');

describe('parse.jsonl (Parse and WithName, no normalization)', () => {
  it('has every row of the corpus file', () => {
    expect(parseRows.length).toBe(65);
  });

  it.each(
    named(parseRows, (r, line) =>
      rowName(line, r.input, `${r.func} → ${r.valid ? 'valid' : r.error}`),
    ),
  )('%s', (_name, row) => {
    checkParseRow(row);
  });
});

const legacyRows = await readJsonl<ParseRow>('reference/legacy-docker-distribution.jsonl');

/**
 * What the current package does for the legacy rows that carry `differs_from_current`.
 * The too-long row is `a/` × 128 + `a:tag`: only the path (255 characters) is checked now.
 */
const CURRENT_FOR_DIFFERING: Record<string, Partial<ParseRow>> = {
  [`${'a/'.repeat(128)}a:tag`]: {
    valid: true,
    name: `${'a/'.repeat(128)}a`,
    domain: 'a',
    path: `${'a/'.repeat(127)}a`,
    tag: 'tag',
  },
  [`xn--7o8h.com/myimage:xn--7o8h.com@sha512:${'f'.repeat(128)}`]: {
    valid: false,
    error: 'digest.ErrDigestUnsupported',
  },
};

describe('legacy-docker-distribution.jsonl', () => {
  it('has every row of the corpus file, two of them differing from current', () => {
    expect(legacyRows.length).toBe(52);
    const differing = legacyRows.filter((r) => r.differs_from_current !== undefined);
    expect(differing.map((r) => r.input).sort()).toEqual(Object.keys(CURRENT_FOR_DIFFERING).sort());
  });

  it.each(
    named(legacyRows, (r, line) =>
      rowName(line, r.input, `${r.func}${r.differs_from_current ? ' (differs: current)' : ''}`),
    ),
  )('%s', (_name, row) => {
    if (row.func === 'ParseNormalizedNamed') {
      // These rows assert validity only; normalize.jsonl holds the same inputs with fields.
      if (row.valid) expect(parseNormalizedNamed(row.input).path).not.toBe('');
      else caught(() => parseNormalizedNamed(row.input));
      return;
    }
    if (row.differs_from_current === undefined) {
      checkParseRow(row);
      return;
    }
    const current = CURRENT_FOR_DIFFERING[row.input];
    expect(current).toBeDefined();
    const { name, domain, path, tag, digest, error } = current!;
    const valid = current!.valid ?? false;
    // The legacy expectation is the opposite of what the current package does.
    expect(row.valid).toBe(!valid);
    checkParseRow({
      input: row.input,
      func: 'Parse',
      valid,
      name,
      domain,
      path,
      tag,
      digest,
      error,
    });
  });
});

interface CanonicalRow {
  input: string;
  valid: boolean;
  error?: string;
  domain?: string;
  path?: string;
}

const canonicalRows = await readJsonl<CanonicalRow>('reference/parse-named-canonical.jsonl');

describe('parse-named-canonical.jsonl (ParseNamed)', () => {
  it('has every row of the corpus file', () => {
    expect(canonicalRows.length).toBe(8);
  });

  it.each(named(canonicalRows, (r, line) => rowName(line, r.input, r.valid ? 'valid' : r.error)))(
    '%s',
    (_name, row) => {
      if (!row.valid) {
        expect(caught(() => parseNamed(row.input)).reason).toBe(reasonFor(row.error ?? ''));
        return;
      }
      const ref = parseNamed(row.input);
      expect(ref.domain).toBe(row.domain);
      expect(ref.path).toBe(row.path);
      expect(referenceString(ref)).toBe(row.input);
    },
  );
});

interface AnyRow {
  input: string;
  expected: string;
  kind: 'named' | 'digest';
}

const anyRows = await readJsonl<AnyRow>('reference/parse-any.jsonl');

describe('parse-any.jsonl (ParseAnyReference)', () => {
  it('has every row of the corpus file', () => {
    expect(anyRows.length).toBe(14);
  });

  it.each(named(anyRows, (r, line) => rowName(line, r.input, `→ ${r.kind}`)))(
    '%s',
    (_name, row) => {
      const any = parseAnyReference(row.input);
      expect(any.kind).toBe(row.kind);
      expect(anyReferenceString(any)).toBe(row.expected);
    },
  );

  it('refuses what neither a digest nor a name can be', () => {
    expect(caught(() => parseAnyReference('Nginx')).reason).toBe(
      'repository name must be lowercase',
    );
  });

  it('reads a short sha256 digest as the name "sha256" with a tag, as upstream does', () => {
    const any = parseAnyReference(`sha256:${'a'.repeat(63)}`);
    expect(any.kind).toBe('named');
    expect(anyReferenceString(any)).toBe(`docker.io/library/sha256:${'a'.repeat(63)}`);
  });
});

interface WithRow {
  name: string;
  tag?: string;
  digest?: string;
  expected: string;
  op: 'WithTag' | 'WithDigest';
}

const withRows = await readJsonl<WithRow>('reference/with-tag-digest.jsonl');

describe('with-tag-digest.jsonl (WithTag / WithDigest)', () => {
  it('has every row of the corpus file', () => {
    expect(withRows.length).toBe(9);
  });

  it.each(named(withRows, (r, line) => rowName(line, r.expected, r.op)))('%s', (_name, row) => {
    // Build in the order upstream's test does: the other part first, then the op under test.
    let ref = withName(row.name);
    if (row.op === 'WithTag') {
      if (row.digest !== undefined) ref = withDigest(ref, row.digest);
      ref = withTag(ref, row.tag ?? '');
    } else {
      if (row.tag !== undefined) ref = withTag(ref, row.tag);
      ref = withDigest(ref, row.digest ?? '');
    }
    expect(referenceString(ref)).toBe(row.expected);
    expect(withTagDigest(row.name, row.tag, row.digest)).toBe(row.expected);
  });

  it('refuses a bad name, tag or digest shape', () => {
    expect(caught(() => withTagDigest('Foo/Bar', 'x')).reason).toBe('invalid reference format');
    expect(caught(() => withTagDigest('foo', '-x')).reason).toBe('invalid tag format');
    expect(caught(() => withTagDigest('foo', undefined, 'sha256:abc')).reason).toBe(
      'invalid checksum digest format',
    );
    expect(caught(() => withTagDigest(`x/${'a'.repeat(256)}`)).reason).toBe(
      'repository name must not be longer than 255 characters',
    );
  });
});

describe('Parse digest checks beyond the corpus', () => {
  it('refuses uppercase hex in a sha256 digest as a bad format', () => {
    const error = caught(() => parse(`repo@sha256:${'F'.repeat(64)}`));
    expect(error.reason).toBe('invalid checksum digest format');
  });

  it('refuses a digest that is one hex digit too long', () => {
    expect(caught(() => parse(`repo@sha256:${'f'.repeat(65)}`)).reason).toBe(
      'invalid digest length',
    );
  });

  it('refuses an unknown algorithm written in uppercase as a bad format', () => {
    expect(caught(() => parse(`repo@SHA256:${'f'.repeat(64)}`)).reason).toBe(
      'invalid checksum digest format',
    );
  });
});
