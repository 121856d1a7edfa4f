import { describe, expect, it } from 'vitest';
import { readJsonl } from '../support/corpus.js';
import { referenceString } from '../../src/reference/grammar.js';
import {
  familiarString,
  parseDockerRef,
  parseNormalizedNamed,
} from '../../src/reference/normalize.js';
import { dockerRef, parseReference, tryParseReference } from '../../src/reference/parse.js';
import { caught, named, reasonFor, rowName } from './support.js';

interface NormalizeRow {
  input: string;
  func: 'ParseNormalizedNamed';
  valid: boolean;
  error_kind?: string;
  normalized?: string;
  familiar?: string;
  domain?: string;
  path?: string;
  tag?: string;
  digest?: string;
  docker_ref?: string;
}

/** Asserts every field a normalize row gives, through the low-level and public APIs. */
function checkNormalizeRow(row: NormalizeRow): void {
  expect(row.func).toBe('ParseNormalizedNamed');
  if (!row.valid) {
    const reason = reasonFor(row.error_kind ?? 'missing error_kind in row');
    const error = caught(() => parseReference(row.input));
    expect(error.reason).toBe(reason);
    expect(error.input).toBe(row.input);
    expect(error.message).toBe(`invalid image reference ${JSON.stringify(row.input)}: ${reason}`);
    expect(caught(() => parseDockerRef(row.input)).reason).toBe(reason);
    expect(tryParseReference(row.input)).toEqual({ error: error.message });
    return;
  }
  const raw = parseNormalizedNamed(row.input);
  expect(raw.domain).toBe(row.domain);
  expect(raw.path).toBe(row.path);
  expect(raw.tag).toBe(row.tag);
  expect(raw.digest).toBe(row.digest);
  expect(referenceString(raw)).toBe(row.normalized);
  expect(familiarString(raw)).toBe(row.familiar);
  expect(referenceString(parseDockerRef(row.input))).toBe(row.docker_ref);

  const ref = parseReference(row.input);
  expect(ref.registry).toBe(row.domain);
  expect(ref.repository).toBe(row.path);
  expect(ref.tag).toBe(row.tag);
  expect(ref.digest).toBe(row.digest);
  expect(ref.normalized).toBe(row.normalized);
  expect(ref.familiar).toBe(row.familiar);
  expect(ref.pinned).toBe(row.digest !== undefined);
  expect(ref.isDockerHub).toBe(row.domain === 'docker.io');
  expect(dockerRef(ref)).toBe(row.docker_ref);
  expect(tryParseReference(row.input)).toEqual({ ref });
}

const rowLabel = (r: NormalizeRow, line: number): string =>
  rowName(line, r.input, r.valid ? `→ ${r.normalized ?? '?'}` : `→ ${r.error_kind ?? '?'}`);

const normalizeRows = await readJsonl<NormalizeRow>('reference/normalize.jsonl');

describe('normalize.jsonl (ParseNormalizedNamed, FamiliarString, ParseDockerRef)', () => {
  it('has every row of the corpus file', () => {
    expect(normalizeRows.length).toBe(134);
  });

  it.each(named(normalizeRows, rowLabel))('%s', (_name, row) => {
    checkNormalizeRow(row);
  });
});

const extraRows = await readJsonl<NormalizeRow>('reference/normalize-extra.jsonl');

describe('normalize-extra.jsonl (real-world references)', () => {
  it('has every row of the corpus file', () => {
    expect(extraRows.length).toBe(54);
  });

  it.each(named(extraRows, rowLabel))('%s', (_name, row) => {
    checkNormalizeRow(row);
  });
});

const HEX = 'a1'.repeat(32);

describe('parseReference: cases of our own', () => {
  it('treats registry-1.docker.io as Docker Hub, keeping the host as written', () => {
    expect(parseReference('registry-1.docker.io/library/nginx:1.27')).toEqual({
      registry: 'registry-1.docker.io',
      repository: 'library/nginx',
      tag: '1.27',
      digest: undefined,
      normalized: 'registry-1.docker.io/library/nginx:1.27',
      familiar: 'registry-1.docker.io/library/nginx:1.27',
      isDockerHub: true,
      pinned: false,
    });
  });

  it('reads a registry with a port and no tag', () => {
    const ref = parseReference('registry.example.com:443/team/app');
    expect(ref).toEqual({
      registry: 'registry.example.com:443',
      repository: 'team/app',
      tag: undefined,
      digest: undefined,
      normalized: 'registry.example.com:443/team/app',
      familiar: 'registry.example.com:443/team/app',
      isDockerHub: false,
      pinned: false,
    });
    expect(dockerRef(ref)).toBe('registry.example.com:443/team/app:latest');
  });

  it('reads localhost with a port', () => {
    const ref = parseReference('localhost:5000/tools/proxy:1.2');
    expect(ref).toEqual({
      registry: 'localhost:5000',
      repository: 'tools/proxy',
      tag: '1.2',
      digest: undefined,
      normalized: 'localhost:5000/tools/proxy:1.2',
      familiar: 'localhost:5000/tools/proxy:1.2',
      isDockerHub: false,
      pinned: false,
    });
    expect(dockerRef(ref)).toBe('localhost:5000/tools/proxy:1.2');
  });

  it('reads a three-component name without a dot as a Docker Hub namespace', () => {
    const ref = parseReference('shelf/acme/app:1.0');
    expect(ref).toEqual({
      registry: 'docker.io',
      repository: 'shelf/acme/app',
      tag: '1.0',
      digest: undefined,
      normalized: 'docker.io/shelf/acme/app:1.0',
      familiar: 'shelf/acme/app:1.0',
      isDockerHub: true,
      pinned: false,
    });
    expect(dockerRef(ref)).toBe('docker.io/shelf/acme/app:1.0');
  });

  it('keeps both tag and digest, and drops the tag only in the docker ref', () => {
    const ref = parseReference(`lang:2.5@sha256:${HEX}`);
    expect(ref).toEqual({
      registry: 'docker.io',
      repository: 'library/lang',
      tag: '2.5',
      digest: `sha256:${HEX}`,
      normalized: `docker.io/library/lang:2.5@sha256:${HEX}`,
      familiar: `lang:2.5@sha256:${HEX}`,
      isDockerHub: true,
      pinned: true,
    });
    expect(dockerRef(ref)).toBe(`docker.io/library/lang@sha256:${HEX}`);
  });

  it('normalizes index.docker.io to docker.io and marks it Docker Hub', () => {
    const ref = parseReference('index.docker.io/nginx');
    expect([ref.registry, ref.repository, ref.isDockerHub]).toEqual([
      'docker.io',
      'library/nginx',
      true,
    ]);
  });

  it('does not add library/ on registry-1.docker.io, as upstream does not', () => {
    const ref = parseReference('registry-1.docker.io/nginx');
    expect([ref.registry, ref.repository, ref.normalized]).toEqual([
      'registry-1.docker.io',
      'nginx',
      'registry-1.docker.io/nginx',
    ]);
  });

  it('refuses a bracketed host without a colon, which is not taken as a registry', () => {
    // splitDockerDomain sees no "." or ":", so "[0]" stays in the Docker Hub path.
    expect(caught(() => parseReference('[0]/a')).reason).toBe('invalid reference format');
    expect(parseReference('[0:]/a').registry).toBe('[0:]');
  });

  it('keeps no registry when the first component has a dot but is not a host name', () => {
    // "foo_bar.com" is taken as a domain, then fails the host grammar and stays in the path.
    const ref = parseReference('foo_bar.com/app:1');
    expect([ref.registry, ref.repository, ref.normalized, ref.familiar]).toEqual([
      '',
      'foo_bar.com/app',
      'foo_bar.com/app:1',
      'foo_bar.com/app:1',
    ]);
    expect([ref.isDockerHub, dockerRef(ref)]).toEqual([false, 'foo_bar.com/app:1']);
  });

  it('refuses a 64-hex name with the reason and quoted input', () => {
    const id = 'f'.repeat(64);
    const error = caught(() => parseReference(id));
    expect(error.message).toBe(
      `invalid image reference "${id}": cannot specify 64-byte hexadecimal strings as a ` +
        'repository name',
    );
  });

  it('counts library/ against the 255-character path limit', () => {
    expect(parseReference('a'.repeat(247)).repository).toBe(`library/${'a'.repeat(247)}`);
    expect(caught(() => parseReference('a'.repeat(248))).reason).toBe(
      'repository name must not be longer than 255 characters',
    );
  });

  it('refuses sha512 digests like the upstream test tables', () => {
    expect(caught(() => parseReference(`alpine@sha512:${'a'.repeat(128)}`)).reason).toBe(
      'unsupported digest algorithm',
    );
  });

  it('gives the error message from tryParseReference for an invalid reference', () => {
    expect(tryParseReference('nginx:')).toEqual({
      error: 'invalid image reference "nginx:": invalid reference format',
    });
  });
});
