import { randomBytes } from 'node:crypto';
import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces the file at `target` with `data` so that readers see either the old or the new
 * content, never a mix: the data goes to a temporary file in the same folder, is synced
 * to disk, gets the old file's permission bits (and owner, where allowed), and is renamed
 * over the old file. A symbolic link is followed and its target replaced. On failure the
 * temporary file is removed and the old file stays as it was.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const { file, mode, uid, gid } = await existing(target);
  const dir = path.dirname(file);
  const temp = path.join(
    dir,
    `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await open(temp, 'wx', mode ?? 0o666);
  try {
    try {
      await handle.writeFile(data);
      if (mode !== undefined) await handle.chmod(mode);
      if (uid !== undefined && gid !== undefined) await handle.chown(uid, gid).catch(() => {});
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

/** The real path of `target` and its mode and owner, or only the path when it is new. */
async function existing(
  target: string,
): Promise<{ file: string; mode?: number; uid?: number; gid?: number }> {
  try {
    const file = await realpath(target);
    const info = await stat(file);
    return { file, mode: info.mode & 0o7777, uid: info.uid, gid: info.gid };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file: target };
    throw error;
  }
}

/** Syncs a folder so the rename is on disk; not every platform allows it. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Folders cannot be opened for syncing on Windows; the rename itself is still atomic.
  }
}
