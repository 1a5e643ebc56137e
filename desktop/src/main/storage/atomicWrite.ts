import { open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

// Write-then-rename: a crash mid-write leaves the old file or the new one, never half of either.

let sequence = 0;

/** `mode` applies from the first byte (e.g. 0o600 for a file holding a secret). */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o666): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${++sequence}.tmp`);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** The rename itself is only durable once the directory entry is flushed (a no-op where unsupported). */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open directories for fsync; NTFS journals the rename itself.
  } finally {
    await handle?.close();
  }
}

/** Temp files a crash left behind (the target itself is intact); call before the first write. */
export async function removeStaleTempFiles(path: string): Promise<string[]> {
  const prefix = `.${basename(path)}.`;
  const stale = (await readdir(dirname(path))).filter(
    (name) => name.startsWith(prefix) && name.endsWith('.tmp'),
  );
  await Promise.all(stale.map((name) => rm(join(dirname(path), name), { force: true })));
  return stale;
}
