import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { TAR_END, tarHeader, tarPadding } from '../../../src/cache/load/tar-header.js';
import { removeDir, tempDir } from '../helpers.js';

const run = promisify(execFile);

/** What GNU tar lists for an archive file (numeric owners, UTC times). */
async function gnuTarList(bytes: Buffer): Promise<{ listing: string; stderr: string }> {
  const dir = await tempDir();
  try {
    const file = path.join(dir, 'a.tar');
    await writeFile(file, bytes);
    const r = await run('tar', ['--numeric-owner', '-tvf', file], {
      env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' },
    }).catch((err: { stdout: string; stderr: string }) => err);
    return { listing: r.stdout, stderr: r.stderr };
  } finally {
    await removeDir(dir);
  }
}

describe('tarHeader', () => {
  it('writes ustar headers GNU tar lists exactly', async () => {
    const archive = Buffer.concat([
      tarHeader({ name: 'blobs', type: 'directory', size: 0 }),
      tarHeader({ name: 'blobs/sha256/', type: 'directory', size: 0 }),
      tarHeader({ name: 'index.json', type: 'file', size: 3 }),
      Buffer.from('{}\n'),
      tarPadding(3),
      tarHeader({ name: `blobs/sha256/${'a'.repeat(64)}`, type: 'file', size: 512 }),
      Buffer.alloc(512, 1),
      tarPadding(512),
      TAR_END,
    ]);
    expect(archive.length).toBe(512 * 8);
    const { listing, stderr } = await gnuTarList(archive);
    expect(stderr).toBe('');
    expect(listing).toBe(
      [
        'drwxr-xr-x 0/0               0 1970-01-01 00:00 blobs/',
        'drwxr-xr-x 0/0               0 1970-01-01 00:00 blobs/sha256/',
        '-rw-r--r-- 0/0               3 1970-01-01 00:00 index.json',
        `-rw-r--r-- 0/0             512 1970-01-01 00:00 blobs/sha256/${'a'.repeat(64)}`,
        '',
      ].join('\n'),
    );
  });

  it('gives sizes from 8 GiB on in base 256', async () => {
    const largestOctal = tarHeader({ name: 'a', type: 'file', size: 8 ** 11 - 1 });
    expect(largestOctal.subarray(124, 136).toString('latin1')).toBe('77777777777\0');
    const big = tarHeader({ name: 'big', type: 'file', size: 8 * 1024 ** 3 + 5 });
    expect([...big.subarray(124, 136)]).toEqual([0x80, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 5]);
    // GNU tar reads the size, then finds the content missing
    const { listing } = await gnuTarList(big);
    expect(listing).toBe('-rw-r--r-- 0/0      8589934597 1970-01-01 00:00 big\n');
  });

  it('refuses names over 100 bytes and sizes that are not whole bytes', () => {
    expect(() => tarHeader({ name: 'x'.repeat(101), type: 'file', size: 0 })).toThrow(
      `tar entry name longer than 100 bytes: "${'x'.repeat(101)}"`,
    );
    expect(() => tarHeader({ name: 'a', type: 'file', size: 1.5 })).toThrow(
      'tar entry "a": bad size 1.5',
    );
  });

  it('pads content to whole blocks', () => {
    expect(tarPadding(0).length).toBe(0);
    expect(tarPadding(1).length).toBe(511);
    expect(tarPadding(512).length).toBe(0);
    expect(tarPadding(1000).length).toBe(24);
  });
});
