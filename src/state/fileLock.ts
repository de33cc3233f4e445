/**
 * A lock file beside an item file (`open(..., 'wx')`: exactly one process creates it), held for the few
 * milliseconds between reading an item's ETag and renaming its new version into place. A writer waits
 * for another's lock, backing off; a lock older than `staleMs` was left by a process that died holding it
 * and is broken.
 */
import { promises as fs } from 'node:fs';

export interface FileLockOptions {
  /** How long to wait for another's lock. */
  waitMs: number;
  staleMs: number;
  /** The lock file's permissions. */
  mode: number;
  /** The error for a lock that could not be taken (not one held by another). */
  failed: (error: unknown) => Error;
  /** The error for a lock still held by another after `waitMs`. */
  timedOut: () => Error;
}

export async function withFileLock<R>(lock: string, options: FileLockOptions, work: () => Promise<R>): Promise<R> {
  const deadline = Date.now() + options.waitMs;
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    try {
      await (await fs.open(lock, 'wx', options.mode)).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException)?.code !== 'EEXIST') throw options.failed(error);
    }
    const age = await fs.stat(lock).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > options.staleMs) {
      await fs.unlink(lock).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw options.timedOut();
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  try {
    return await work();
  } finally {
    await fs.unlink(lock).catch(() => undefined);
  }
}
