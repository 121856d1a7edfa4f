import type { Platform } from './types.js';

const ARCH: Record<string, Platform> = {
  x64: { os: 'linux', architecture: 'amd64' },
  arm64: { os: 'linux', architecture: 'arm64' },
  arm: { os: 'linux', architecture: 'arm', variant: 'v7' },
  ia32: { os: 'linux', architecture: '386' },
  ppc64: { os: 'linux', architecture: 'ppc64le' },
  s390x: { os: 'linux', architecture: 's390x' },
  riscv64: { os: 'linux', architecture: 'riscv64' },
};

/**
 * The platform images run on here: always `linux` (Docker on Linux runners, and Linux
 * containers elsewhere) with the CPU architecture of this process.
 */
export function runnerPlatform(arch: string = process.arch): Platform {
  const found = ARCH[arch];
  if (found === undefined) throw new Error(`unsupported CPU architecture ${JSON.stringify(arch)}`);
  return { ...found };
}

/** `os/arch[/variant]`: `linux/amd64`, `linux/arm/v7`. */
export function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}

/** Reads `os/arch[/variant]`; throws quoting the value when it has another shape. */
export function parsePlatform(text: string): Platform {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new Error(`platform must be os/arch[/variant]: ${JSON.stringify(text)}`);
  }
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  return variant === undefined ? { os, architecture } : { os, architecture, variant };
}

/**
 * True when an index entry's platform serves the wanted one. A missing variant on either
 * side matches, except that `arm64` treats no variant as `v8` (as containerd does).
 */
export function platformMatches(have: Platform, want: Platform): boolean {
  if (have.os !== want.os || have.architecture !== want.architecture) return false;
  const norm = (p: Platform): string | undefined =>
    p.architecture === 'arm64' && !p.variant ? 'v8' : p.variant || undefined;
  const a = norm(have);
  const b = norm(want);
  return a === undefined || b === undefined || a === b;
}
