import { describe, expect, it } from 'vitest';
import { formatBytes, parseByteSize, DEFAULT_CACHE_MAX_BYTES } from '../../src/cache/size.js';
import { cacheHit } from '../../src/cache/run.js';
import type { ImagePullResult } from '../../src/cache/pull.js';

describe('sizes', () => {
  it('parses binary units, case-insensitively, with or without a space', () => {
    expect(parseByteSize('2GB')).toBe(2 * 1024 ** 3);
    expect(parseByteSize('2GB')).toBe(DEFAULT_CACHE_MAX_BYTES);
    expect(parseByteSize('512 MiB')).toBe(512 * 1024 ** 2);
    expect(parseByteSize('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('1000')).toBe(1000);
    expect(parseByteSize(' 10k ')).toBe(10240);
  });
  it('refuses other text, naming the input', () => {
    expect(() => parseByteSize('2 parsecs')).toThrow(
      'cache-max-size: expected a size such as 2GB, 500MB or a byte count, got "2 parsecs"',
    );
    expect(() => parseByteSize('-1GB', '--max-size')).toThrow('--max-size: expected a size');
  });
  it('formats for people', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(300 * 1024 ** 2)).toBe('300.0 MB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GB');
  });
});

describe('cacheHit', () => {
  const r = (status: ImagePullResult['status']): ImagePullResult => ({
    ref: 'x',
    platform: 'linux/amd64',
    status,
    bytesRestored: 0,
    bytesPulled: 0,
    pulledFrom: [],
    manifestGets: 0,
    resumed: 0,
    warnings: [],
  });
  it('is true only when every image was a hit', () => {
    expect(cacheHit({ images: [r('hit'), r('hit')], newBlobs: 0 })).toBe('true');
    expect(cacheHit({ images: [r('hit'), r('miss')], newBlobs: 0 })).toBe('partial');
    expect(cacheHit({ images: [r('partial')], newBlobs: 0 })).toBe('partial');
    expect(cacheHit({ images: [r('miss'), r('failed')], newBlobs: 0 })).toBe('false');
    expect(cacheHit({ images: [], newBlobs: 0 })).toBe('false');
  });
});
