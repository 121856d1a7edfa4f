import { describe, expect, it } from 'vitest';
import {
  compatiblePlatforms,
  defaultPlatform,
  normalizePlatform,
  parsePlatform,
  platformString,
  selectManifest,
} from '../../src/registry/platform.js';
import type { Descriptor, ImageIndex, Platform } from '../../src/registry/types.js';

const d = (n: number, platform?: Platform, annotations?: Record<string, string>): Descriptor => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
  size: 100 + n,
  ...(platform !== undefined ? { platform } : {}),
  ...(annotations !== undefined ? { annotations } : {}),
});

const index = (...manifests: Descriptor[]): ImageIndex => ({ schemaVersion: 2, manifests });

describe('defaultPlatform', () => {
  it('maps Node platform and arch to OCI names', () => {
    expect(defaultPlatform('linux', 'x64')).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(defaultPlatform('linux', 'arm64')).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(defaultPlatform('linux', 'arm', '6')).toEqual({
      os: 'linux',
      architecture: 'arm',
      variant: 'v6',
    });
    expect(defaultPlatform('linux', 'arm', undefined)).toEqual({
      os: 'linux',
      architecture: 'arm',
      variant: 'v7',
    });
    expect(defaultPlatform('win32', 'x64')).toEqual({ os: 'windows', architecture: 'amd64' });
    expect(defaultPlatform('darwin', 'arm64')).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(defaultPlatform('linux', 'ia32')).toEqual({ os: 'linux', architecture: '386' });
  });
});

describe('normalizePlatform / parsePlatform', () => {
  it('normalizes aliases and default variants like containerd', () => {
    expect(normalizePlatform({ os: 'Linux', architecture: 'x86_64' })).toEqual({
      os: 'linux',
      architecture: 'amd64',
    });
    expect(normalizePlatform({ os: 'linux', architecture: 'aarch64', variant: 'v8' })).toEqual({
      os: 'linux',
      architecture: 'arm64',
    });
    expect(normalizePlatform({ os: 'linux', architecture: 'armhf' })).toEqual({
      os: 'linux',
      architecture: 'arm',
      variant: 'v7',
    });
    expect(normalizePlatform({ os: 'linux', architecture: 'amd64', variant: 'v1' })).toEqual({
      os: 'linux',
      architecture: 'amd64',
    });
    expect(parsePlatform('linux/arm/6')).toEqual({
      os: 'linux',
      architecture: 'arm',
      variant: 'v6',
    });
    expect(platformString({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe(
      'linux/arm64/v8',
    );
  });

  it('rejects malformed platform strings, quoting them', () => {
    expect(() => parsePlatform('amd64')).toThrow(
      'invalid platform "amd64": expected os/arch[/variant]',
    );
    expect(() => parsePlatform('linux//v7')).toThrow('invalid platform "linux//v7"');
  });
});

describe('compatiblePlatforms', () => {
  it('lists what a host can run, best first', () => {
    const s = (p: Platform): string[] => compatiblePlatforms(p).map(platformString);
    expect(s({ os: 'linux', architecture: 'amd64' })).toEqual(['linux/amd64', 'linux/386']);
    expect(s({ os: 'linux', architecture: 'amd64', variant: 'v3' })).toEqual([
      'linux/amd64/v3',
      'linux/amd64/v2',
      'linux/amd64',
      'linux/386',
    ]);
    expect(s({ os: 'linux', architecture: 'arm', variant: 'v7' })).toEqual([
      'linux/arm/v7',
      'linux/arm/v6',
      'linux/arm/v5',
    ]);
    expect(s({ os: 'linux', architecture: 'arm64' })).toEqual([
      'linux/arm64',
      'linux/arm/v8',
      'linux/arm/v7',
      'linux/arm/v6',
      'linux/arm/v5',
    ]);
    expect(s({ os: 'linux', architecture: 'arm64', variant: 'v8.2' })).toEqual([
      'linux/arm64/v8.2',
      'linux/arm64/v8.1',
      'linux/arm64',
      'linux/arm/v8',
      'linux/arm/v7',
      'linux/arm/v6',
      'linux/arm/v5',
    ]);
  });
});

describe('selectManifest', () => {
  const amd = d(1, { os: 'linux', architecture: 'amd64' });
  const armv6 = d(2, { os: 'linux', architecture: 'arm', variant: 'v6' });
  const armv7 = d(3, { os: 'linux', architecture: 'arm', variant: 'v7' });
  const arm64 = d(4, { os: 'linux', architecture: 'arm64', variant: 'v8' });
  const attestation = d(
    5,
    { os: 'unknown', architecture: 'unknown' },
    {
      'vnd.docker.reference.type': 'attestation-manifest',
    },
  );
  const win = d(6, { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1' });
  const i386 = d(7, { os: 'linux', architecture: '386' });

  it('picks the exact platform, variant-aware', () => {
    const idx = index(attestation, amd, armv6, armv7, arm64, win);
    expect(selectManifest(idx, { os: 'linux', architecture: 'amd64' })).toBe(amd);
    expect(selectManifest(idx, { os: 'linux', architecture: 'arm', variant: 'v7' })).toBe(armv7);
    expect(selectManifest(idx, { os: 'linux', architecture: 'arm', variant: 'v6' })).toBe(armv6);
    expect(selectManifest(idx, { os: 'linux', architecture: 'aarch64' })).toBe(arm64);
    expect(selectManifest(idx, { os: 'windows', architecture: 'amd64' })).toBe(win);
  });

  it('falls back to older compatible variants, never newer ones', () => {
    expect(selectManifest(index(armv6), { os: 'linux', architecture: 'arm', variant: 'v7' })).toBe(
      armv6,
    );
    expect(
      selectManifest(index(armv7), { os: 'linux', architecture: 'arm', variant: 'v6' }),
    ).toBeUndefined();
    expect(selectManifest(index(armv7, armv6), { os: 'linux', architecture: 'arm64' })).toBe(armv7);
    expect(selectManifest(index(i386), { os: 'linux', architecture: 'amd64' })).toBe(i386);
    expect(selectManifest(index(i386, amd), { os: 'linux', architecture: 'amd64' })).toBe(amd);
  });

  it('skips attestation manifests and entries without a platform', () => {
    expect(
      selectManifest(index(attestation, d(8)), { os: 'linux', architecture: 'amd64' }),
    ).toBeUndefined();
    expect(
      selectManifest(index(attestation), { os: 'unknown', architecture: 'unknown' }),
    ).toBeUndefined();
  });

  it('takes the first entry when two have the same platform', () => {
    const again = d(9, { os: 'linux', architecture: 'amd64' });
    expect(selectManifest(index(amd, again), { os: 'linux', architecture: 'amd64' })).toBe(amd);
  });
});
