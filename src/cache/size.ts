const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

/** Default `cache-max-size`: 2 GB, well under a repository's 10 GB of Actions cache. */
export const DEFAULT_CACHE_MAX_BYTES = 2 * 1024 ** 3;

/**
 * Parses a size such as `2GB`, `512 MiB`, `1.5g` or `1000000` into bytes. Units are binary
 * (1 GB = 1024³ bytes), as in Docker's size flags. Throws naming the input and the quoted
 * value when it is not a size.
 */
export function parseByteSize(text: string, input = 'cache-max-size'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[(m[2] ?? '').toLowerCase()] : undefined;
  if (!m || unit === undefined) {
    throw new Error(
      `${input}: expected a size such as 2GB, 500MB or a byte count, got ${JSON.stringify(text)}`,
    );
  }
  return Math.floor(Number(m[1]) * unit);
}

/** A byte count for people: `0 B`, `1.5 KB`, `300.2 MB`, `2.0 GB` (binary units). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${value.toFixed(1)} ${units[i]}`;
}
