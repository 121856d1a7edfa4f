import { describe, expect, it } from 'vitest';
import { computeDigest, isDigest, parseDigest } from '../../src/registry/digest.js';
import { RegistryError } from '../../src/registry/errors.js';
import {
  bareMediaType,
  parseManifest,
  verifyManifestDigest,
} from '../../src/registry/manifests.js';

const context = { registry: 'ghcr.io', repository: 'acme/app', reference: '1.0' };
const image = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: `sha256:${'a'.repeat(64)}`,
      size: 2,
    },
    layers: [],
  }),
);
const digest = computeDigest(image);

function thrown(fn: () => unknown): RegistryError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RegistryError) return err;
    throw err;
  }
  throw new Error('expected a RegistryError');
}

describe('digests', () => {
  it('accepts sha256 and sha512 digests only', () => {
    expect(isDigest(digest)).toBe(true);
    expect(isDigest(`sha512:${'0'.repeat(128)}`)).toBe(true);
    expect(isDigest('sha256:ABC')).toBe(false);
    expect(isDigest('latest')).toBe(false);
    expect(() => parseDigest('md5:abc')).toThrow('unsupported or malformed digest "md5:abc"');
    expect(computeDigest(Buffer.from(''))).toBe(
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});

describe('verifyManifestDigest', () => {
  it('returns the header digest when it matches the body', () => {
    expect(verifyManifestDigest(image, '1.0', digest, context)).toBe(digest);
  });

  it('computes sha256 when the registry leaves the header out', () => {
    expect(verifyManifestDigest(image, '1.0', null, context)).toBe(digest);
  });

  it('verifies a body fetched by digest even without the header', () => {
    expect(verifyManifestDigest(image, digest, null, context)).toBe(digest);
    const other = `sha256:${'b'.repeat(64)}`;
    const err = thrown(() => verifyManifestDigest(image, other, null, context));
    expect(err.kind).toBe('digest-mismatch');
    expect(err.message).toBe(
      `registry ghcr.io, repository acme/app, reference "1.0": manifest body hashes to ${digest}, ` +
        `but the requested digest says ${other}`,
    );
  });

  it('rejects a header that does not match the body', () => {
    const other = `sha256:${'c'.repeat(64)}`;
    const err = thrown(() => verifyManifestDigest(image, '1.0', other, context));
    expect(err.kind).toBe('digest-mismatch');
    expect(err.message).toContain(`but Docker-Content-Digest says ${other}`);
  });

  it('checks a sha512 header with sha512', () => {
    const d512 = computeDigest(image, 'sha512');
    expect(verifyManifestDigest(image, '1.0', d512, context)).toBe(d512);
    expect(thrown(() => verifyManifestDigest(image, '1.0', 'blake3:xyz', context)).message).toBe(
      'registry ghcr.io, repository acme/app, reference "1.0": unsupported Docker-Content-Digest "blake3:xyz"',
    );
  });
});

describe('parseManifest', () => {
  it('ignores Content-Type parameters and tells images from indexes', () => {
    expect(bareMediaType('application/vnd.oci.image.manifest.v1+json; charset=utf-8')).toBe(
      'application/vnd.oci.image.manifest.v1+json',
    );
    const m = parseManifest(
      image,
      digest,
      'application/vnd.oci.image.manifest.v1+json; x=1',
      context,
    );
    expect(m.kind).toBe('image');
    expect(m.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    const list = Buffer.from('{"schemaVersion":2,"manifests":[]}');
    const idx = parseManifest(
      list,
      computeDigest(list),
      'application/vnd.docker.distribution.manifest.list.v2+json',
      context,
    );
    expect(idx.kind).toBe('index');
    const bare = parseManifest(list, computeDigest(list), 'application/json', context);
    expect(bare.kind).toBe('index');
  });

  it('rejects a body whose mediaType contradicts Content-Type', () => {
    const err = thrown(() =>
      parseManifest(image, digest, 'application/vnd.docker.distribution.manifest.v2+json', context),
    );
    expect(err.kind).toBe('protocol');
    expect(err.message).toBe(
      `registry ghcr.io, repository acme/app, reference "1.0": manifest ${digest}: Content-Type ` +
        '"application/vnd.docker.distribution.manifest.v2+json" but mediaType "application/vnd.oci.image.manifest.v1+json"',
    );
  });

  it('rejects schema 1 and non-JSON bodies', () => {
    const v1 = Buffer.from('{"schemaVersion":1,"fsLayers":[]}');
    expect(
      thrown(() =>
        parseManifest(
          v1,
          computeDigest(v1),
          'application/vnd.docker.distribution.manifest.v1+prettyjws',
          context,
        ),
      ).message,
    ).toContain('unsupported manifest');
    expect(
      thrown(() => parseManifest(Buffer.from('<html>'), digest, 'text/html', context)).message,
    ).toContain('is not JSON');
  });
});
