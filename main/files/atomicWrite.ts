/**
 * Atomic file replacement: the data goes to a temporary file in the target's
 * own directory (same file system, so rename is atomic), is flushed to disk,
 * then renamed over the target. A reader sees the old file or the new one,
 * never half of either; if anything fails the target is untouched and the
 * temporary file is removed.
 */
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export async function atomicWrite(target: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  // Keep the permissions of the file being replaced (a scenario may be read-only to others).
  const mode = await stat(target).then((s) => s.mode & 0o777, () => 0o666);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable; directories cannot be opened for syncing on Windows. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}
