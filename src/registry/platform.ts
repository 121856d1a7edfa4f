import os from 'node:os';
import type { Descriptor, ImageIndex, Platform } from './types.js';

/**
 * Lower-cases and normalizes a platform the way containerd does: `x86_64` → `amd64`,
 * `aarch64` → `arm64`, arm64's `v8` variant → none, bare `arm` → `arm/v7`, `armhf`/`armel`.
 */
export function normalizePlatform(p: Platform): Platform {
  let osName = p.os.toLowerCase();
  if (osName === 'macos') osName = 'darwin';
  let arch = p.architecture.toLowerCase();
  let variant = (p.variant ?? '').toLowerCase();
  switch (arch) {
    case 'i386':
      arch = '386';
      variant = '';
      break;
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      arch = 'amd64';
      if (variant === 'v1') variant = '';
      break;
    case 'aarch64':
    case 'arm64':
      arch = 'arm64';
      if (variant === '8' || variant === 'v8' || variant === 'v8.0') variant = '';
      if (variant === '9' || variant === '9.0' || variant === 'v9.0') variant = 'v9';
      break;
    case 'armhf':
      arch = 'arm';
      variant = 'v7';
      break;
    case 'armel':
      arch = 'arm';
      variant = 'v6';
      break;
    case 'arm':
      if (variant === '' || variant === '7') variant = 'v7';
      else if (/^[568]$/.test(variant)) variant = `v${variant}`;
      break;
    default:
      break;
  }
  const out: Platform = { os: osName, architecture: arch };
  if (variant !== '') out.variant = variant;
  return out;
}

/** `os/arch[/variant]`. */
export function platformString(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter((x) => x !== undefined && x !== '').join('/');
}

/** Parses `os/arch[/variant]`; throws naming the quoted value when it has another shape. */
export function parsePlatform(text: string): Platform {
  const parts = text.trim().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((x) => x === '')) {
    throw new Error(`invalid platform ${JSON.stringify(text)}: expected os/arch[/variant]`);
  }
  const [osName, architecture, variant] = parts as [string, string, string | undefined];
  return normalizePlatform({ os: osName, architecture, variant });
}

/**
 * The platform this process runs containers for: the runner's OS (`windows` on Windows,
 * `linux` elsewhere, as Docker on macOS runs Linux containers) and CPU architecture, with the
 * ARM variant of this Node build.
 */
export function defaultPlatform(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
  armVersion: string | undefined = armVersionOfNode(),
): Platform {
  const osName = platform === 'win32' ? 'windows' : 'linux';
  const map: Record<string, string> = {
    x64: 'amd64',
    ia32: '386',
    arm64: 'arm64',
    arm: 'arm',
    ppc64: os.endianness() === 'LE' ? 'ppc64le' : 'ppc64',
    s390x: 's390x',
    riscv64: 'riscv64',
    loong64: 'loong64',
    mips64el: 'mips64le',
  };
  const architecture = map[arch] ?? arch;
  const variant = architecture === 'arm' && armVersion !== undefined ? armVersion : undefined;
  return normalizePlatform({ os: osName, architecture, variant });
}

function armVersionOfNode(): string | undefined {
  const vars = (process.config as { variables?: Record<string, unknown> }).variables;
  const v = vars?.['arm_version'];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/**
 * The platforms a host of platform `p` can run, best first (containerd's `platforms.Only`
 * order): amd64/v3 also runs v2, v1 and 386; arm/v7 also runs v6 and v5; arm64/v8.x runs
 * lower v8 minors and arm v8 down to v5; arm64/v9.x also runs arm64 v8.(x+5) and below.
 */
export function compatiblePlatforms(p: Platform): Platform[] {
  const base = normalizePlatform(p);
  return vector(base).map(normalizePlatform);
}

function vector(p: Platform): Platform[] {
  const out: Platform[] = [p];
  const at = (architecture: string, variant?: string): Platform =>
    variant === undefined ? { os: p.os, architecture } : { os: p.os, architecture, variant };
  const major = (variant: string | undefined): number => {
    const m = /^v(\d+)$/.exec(variant ?? '');
    return m ? Number(m[1]) : NaN;
  };
  if (p.architecture === 'amd64') {
    const v = major(p.variant);
    for (let i = v - 1; i >= 1; i--) out.push(at('amd64', `v${i}`));
    out.push(at('386'));
  } else if (p.architecture === 'arm') {
    const v = major(p.variant);
    for (let i = v - 1; i >= 5; i--) out.push(at('arm', `v${i}`));
  } else if (p.architecture === 'arm64') {
    let variant = p.variant ?? 'v8';
    const m = /^v(\d+)(?:\.(\d+))?$/.exec(variant);
    if (m && Number(m[1]) >= 8) {
      let maj = Number(m[1]);
      let minor = m[2] !== undefined ? Number(m[2]) : 0;
      const name = (a: number, b: number): string => (b === 0 ? `v${a}` : `v${a}.${b}`);
      if (maj === 9) {
        for (let i = minor - 1; i >= 0; i--) out.push(at('arm64', name(9, i)));
        minor = Math.min(minor + 5, 9);
        maj = 8;
        out.push(at('arm64', name(8, minor)));
      }
      for (let i = minor - 1; i >= 0; i--) out.push(at('arm64', name(maj, i)));
    }
    if (variant.startsWith('v8.') || variant.startsWith('v9.')) variant = 'v8';
    out.push(...vector({ os: p.os, architecture: 'arm', variant }));
  }
  return out;
}

function samePlatform(a: Platform, b: Platform): boolean {
  return (
    a.os === b.os && a.architecture === b.architecture && (a.variant ?? '') === (b.variant ?? '')
  );
}

/**
 * Picks the manifest for a platform from a manifest list or index: the first entry of the
 * best compatible platform, skipping attestation manifests. `undefined` when none fits.
 */
export function selectManifest(index: ImageIndex, want: Platform): Descriptor | undefined {
  const candidates = index.manifests.filter(
    (d) =>
      d.platform !== undefined &&
      d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest',
  );
  for (const target of compatiblePlatforms(want)) {
    const hit = candidates.find((d) =>
      samePlatform(normalizePlatform(d.platform as Platform), target),
    );
    if (hit !== undefined) return hit;
  }
  return undefined;
}
