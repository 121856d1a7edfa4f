import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/rewrite/write.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hubcap-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the content, keeps mode 0755 and leaves no temporary file', async () => {
    const file = path.join(dir, 'entrypoint.sh');
    await writeFile(file, 'old\n');
    await chmod(file, 0o755);
    await writeFileAtomic(file, Buffer.from('FROM mirror.example.com/library/node\r\n'));
    expect(await readFile(file, 'latin1')).toBe('FROM mirror.example.com/library/node\r\n');
    expect((await stat(file)).mode & 0o7777).toBe(0o755);
    expect(await readdir(dir)).toEqual(['entrypoint.sh']);
  });

  it('keeps other modes too, such as 0640', async () => {
    const file = path.join(dir, 'Dockerfile');
    await writeFile(file, 'x');
    await chmod(file, 0o640);
    await writeFileAtomic(file, 'y');
    expect((await stat(file)).mode & 0o7777).toBe(0o640);
    expect(await readFile(file, 'utf8')).toBe('y');
  });

  it('creates a new file with the default mode', async () => {
    const file = path.join(dir, 'new.yaml');
    await writeFileAtomic(file, 'a: 1\n');
    expect(await readFile(file, 'utf8')).toBe('a: 1\n');
    expect((await stat(file)).mode & 0o777).toBe(0o666 & ~process.umask());
    expect(await readdir(dir)).toEqual(['new.yaml']);
  });

  it('writes through a symbolic link, keeping the link', async () => {
    await mkdir(path.join(dir, 'real'));
    const target = path.join(dir, 'real', 'Dockerfile');
    await writeFile(target, 'old');
    const link = path.join(dir, 'Dockerfile');
    await symlink(path.join('real', 'Dockerfile'), link);
    await writeFileAtomic(link, 'new');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(path.join('real', 'Dockerfile'));
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(path.join(dir, 'real'))).toEqual(['Dockerfile']);
  });

  it('removes its temporary file and keeps the old one when the rename fails', async () => {
    const target = path.join(dir, 'a-folder');
    await mkdir(target);
    await writeFile(path.join(target, 'keep'), 'kept');
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['a-folder']);
    expect(await readFile(path.join(target, 'keep'), 'utf8')).toBe('kept');
  });

  it('fails in a missing folder without creating anything', async () => {
    await expect(writeFileAtomic(path.join(dir, 'no', 'file'), 'x')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('never lets a reader see a half-written file', async () => {
    const file = path.join(dir, 'big');
    const a = Buffer.alloc(4 << 20, 'a');
    const b = Buffer.alloc(3 << 20, 'b');
    await writeFile(file, a);
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 8; i++) await writeFileAtomic(file, i % 2 === 0 ? b : a);
      writing = false;
    })();
    let reads = 0;
    while (writing) {
      const seen = await readFile(file);
      expect(seen.equals(a) || seen.equals(b)).toBe(true);
      reads++;
    }
    await writer;
    expect(reads).toBeGreaterThan(0);
    expect(await readdir(dir)).toEqual(['big']);
  });
});
