import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dockerRef, formatName, parseReference, withTagDigest } from '../../src/reference/parse.js';

/** Characters drawn from a fixed alphabet, as a fast-check string. */
function chars(alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
}

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HOST_ALNUM = `${LOWER_ALNUM}ABCDEFGHIJKLMNOPQRSTUVWXYZ`;
const WORD = `${HOST_ALNUM}_`;
const HEX = '0123456789abcdef';

/** path-component := alphanumeric (separator alphanumeric)* */
const pathComponent = fc
  .tuple(
    chars(LOWER_ALNUM, 1, 8),
    fc.array(
      fc.tuple(fc.constantFrom('.', '_', '__', '-', '--', '---'), chars(LOWER_ALNUM, 1, 6)),
      {
        maxLength: 3,
      },
    ),
  )
  .map(([head, rest]) => head + rest.map(([sep, run]) => sep + run).join(''));

/** remote-name := path-component ("/" path-component)* */
const remoteName = fc.array(pathComponent, { minLength: 1, maxLength: 4 }).map((c) => c.join('/'));

/** domain-component: one alphanumeric, or alphanumerics with inner dashes. */
const domainComponent = fc.oneof(
  chars(HOST_ALNUM, 1, 1),
  fc
    .tuple(chars(HOST_ALNUM, 1, 1), chars(`${HOST_ALNUM}-`, 0, 8), chars(HOST_ALNUM, 1, 1))
    .map((p) => p.join('')),
);

/** A dotted host name with at least one dot, so Docker always reads it as a registry. */
const dottedHost = fc
  .array(domainComponent, { minLength: 2, maxLength: 4 })
  .map((labels) => labels.join('.'));

/**
 * A bracketed IPv6 host. It holds at least one `:`: Docker only reads a first component as
 * a registry when it has `.` or `:` (or is localhost or has uppercase), so `[0]/a` is
 * refused (tested in normalize.test.ts).
 */
const ipv6Host = fc
  .tuple(chars('0123456789abcdefABCDEF:', 0, 12), chars('0123456789abcdefABCDEF:', 0, 12))
  .map(([a, b]) => `[${a}:${b}]`);

const port = fc.option(
  fc.integer({ min: 0, max: 99_999 }).map((n) => `:${n}`),
  { nil: '' },
);

/** Any host the grammar allows, including bare single labels and Docker Hub's names. */
const anyHost = fc.oneof(
  dottedHost,
  domainComponent,
  ipv6Host,
  fc.constantFrom('localhost', 'docker.io', 'index.docker.io', 'registry-1.docker.io'),
);

/** tag := [\w][\w.-]{0,127} */
const tag = fc
  .tuple(chars(WORD, 1, 1), fc.oneof(chars(`${WORD}.-`, 0, 12), chars(`${WORD}.-`, 120, 127)))
  .map(([first, rest]) => first + rest);

const digest = chars(HEX, 64, 64).map((hex) => `sha256:${hex}`);

const optionalTag = fc.option(tag, { nil: undefined });
const optionalDigest = fc.option(digest, { nil: undefined });

/** Writes a reference out from its parts. */
function compose(name: string, t: string | undefined, d: string | undefined): string {
  return name + (t === undefined ? '' : `:${t}`) + (d === undefined ? '' : `@${d}`);
}

/** Any reference the grammar allows (some of them read by Docker as Hub namespaces). */
const anyReference = fc
  .tuple(fc.option(fc.tuple(anyHost, port), { nil: undefined }), remoteName, optionalTag)
  .chain(([domain, path, t]) =>
    optionalDigest.map((d) => {
      const name = domain === undefined ? path : `${domain[0]}${domain[1]}/${path}`;
      return compose(name, t, d);
    }),
  );

describe('round trip over references built from the grammar', () => {
  it('parse → normalized → parse gives the same fields', () => {
    fc.assert(
      fc.property(anyReference, (input) => {
        const ref = parseReference(input);
        expect(parseReference(ref.normalized)).toEqual(ref);
        const { registry, repository, tag: t, digest: d } = ref;
        expect(withTagDigest(formatName(registry, repository), t, d)).toBe(ref.normalized);
        const pulled = parseReference(dockerRef(ref));
        expect([pulled.registry, pulled.repository, pulled.digest]).toEqual([
          registry,
          repository,
          d,
        ]);
        expect(pulled.tag).toBe(d === undefined ? (t ?? 'latest') : undefined);
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps the parts as written when the registry has a dot', () => {
    fc.assert(
      fc.property(dottedHost, port, remoteName, optionalTag, optionalDigest, (h, p, path, t, d) => {
        const ref = parseReference(compose(`${h}${p}/${path}`, t, d));
        const hub = h === 'docker.io' || h === 'index.docker.io';
        const registry = hub && p === '' ? 'docker.io' : `${h}${p}`;
        const single = hub && p === '' && !path.includes('/');
        expect(ref.registry).toBe(registry);
        expect(ref.repository).toBe(single ? `library/${path}` : path);
        expect(ref.tag).toBe(t);
        expect(ref.digest).toBe(d);
        expect(ref.pinned).toBe(d !== undefined);
        expect(ref.normalized).toBe(compose(`${registry}/${ref.repository}`, t, d));
      }),
      { numRuns: 1_000 },
    );
  });

  it('reads the familiar form back to the same reference for Docker Hub namespaces', () => {
    // A Hub namespace whose first component has a dot would read back as a registry, so
    // the generated namespaces here are plain lowercase runs, as Hub account names are.
    const hubPath = fc
      .tuple(fc.option(chars(LOWER_ALNUM, 1, 10), { nil: undefined }), pathComponent)
      .map(([ns, repo]) => (ns === undefined ? repo : `${ns}/${repo}`));
    fc.assert(
      fc.property(hubPath, optionalTag, optionalDigest, (path, t, d) => {
        const ref = parseReference(compose(path, t, d));
        expect(ref.isDockerHub).toBe(true);
        expect(parseReference(ref.familiar)).toEqual(ref);
        expect(ref.familiar).toBe(compose(path, t, d));
      }),
      { numRuns: 1_000 },
    );
  });
});
