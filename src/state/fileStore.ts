/**
 * The state store as files on one machine (STATE_STORE=file, the default): one JSON file per item
 * under STATE_DIR/<namespace>/<name>.json, holding the value, its ETag and when it expires.
 *
 * - Every write goes to a temp file first and is renamed into place, so a reader never sees half.
 * - create-only is `link(temp, target)`, which fails when the target exists: the file system decides
 *   who was first, across processes too. File systems without hard links (SMB shares such as App
 *   Service's /home) get the same under the lock below instead.
 * - replace (compare-and-swap on the ETag), put and delete take a lock file (fileLock.ts) for
 *   the few milliseconds between reading the ETag and renaming; a lock left by a crashed process is
 *   broken after `staleLockMs`.
 *
 * Processes on one machine (or sharing one disk with working O_EXCL and link) see one store.
 * Files are written 0600 in folders 0700: readable by the bot's account only.
 * A file that is not an item (not JSON, not the envelope below) is reported as DamagedItemError;
 * `quarantine` renames it aside (`<name>.json.damaged-<time>`, kept QUARANTINE_KEEP_MS).
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { checkKey, checkNamespace, checkTtl, StateUnavailableError, type StateStore, type StoredItem } from './types';
import { DamagedItemError, type Quarantining } from './validated';
import { withFileLock } from './fileLock';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
/** Quarantined files are swept after this long. */
const QUARANTINE_KEEP_MS = 30 * 86_400_000;

interface OnDisk {
  value: unknown;
  etag: string;
  expiresAt: number;
}

export interface FileStateStoreOptions {
  clock?: () => number;
  /** How long a writer waits for another's lock on the same item. */
  lockWaitMs?: number;
  /** A lock older than this was left by a process that died while holding it. */
  staleLockMs?: number;
  /** false: never try hard links (found out by itself on the first refusal). */
  hardLinks?: boolean;
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EACCES']);

const code = (error: unknown) => (error as NodeJS.ErrnoException)?.code;

export class FileStateStore implements StateStore, Quarantining {
  readonly kind = 'file';
  private readonly clock: () => number;
  private readonly lockWaitMs: number;
  private readonly staleLockMs: number;
  private hardLinks: boolean;

  constructor(
    readonly dir: string,
    options: FileStateStoreOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.lockWaitMs = options.lockWaitMs ?? 3_000;
    this.staleLockMs = options.staleLockMs ?? 10_000;
    this.hardLinks = options.hardLinks ?? true;
  }

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    const item = await this.read(this.fileOf(key));
    return item && item.expiresAt > this.clock()
      ? { value: item.value as T, etag: item.etag, expiresAt: item.expiresAt }
      : undefined;
  }

  async create<T>(key: string, value: T, ttlMs: number): Promise<string | null> {
    const file = this.fileOf(key);
    if (!this.hardLinks) return this.createLocked(file, value, ttlMs);
    const { temp, etag } = await this.writeTemp(file, value, ttlMs);
    try {
      await fs.link(temp, file);
      return etag;
    } catch (error) {
      if (NO_HARD_LINKS.has(code(error) ?? '') && !(await this.exists(file))) {
        this.hardLinks = false;
        return this.createLocked(file, value, ttlMs);
      }
      if (code(error) !== 'EEXIST') throw this.unavailable('create', error);
    } finally {
      await fs.unlink(temp).catch(() => undefined);
    }
    // Taken — unless what is there has expired, which is then replaced conditionally, or is not an
    // item at all, which is set aside (create-only writers such as the lease never read first).
    const existing = await this.read(file).catch(async (error: unknown) => {
      if (!(error instanceof DamagedItemError) || !(await this.quarantine(key, error.etag))) throw error;
      return undefined;
    });
    if (existing && existing.expiresAt > this.clock()) return null;
    if (!existing) return this.create(key, value, ttlMs);
    return this.replace(key, value, ttlMs, existing.etag);
  }

  /** create-only without hard links: absent (or expired) checked and written under the item's lock. */
  private createLocked(file: string, value: unknown, ttlMs: number): Promise<string | null> {
    return this.locked(file, async () => {
      const current = await this.read(file);
      if (current && current.expiresAt > this.clock()) return null;
      return this.writeInPlace(file, value, ttlMs);
    });
  }

  private exists(file: string): Promise<boolean> {
    return fs.stat(file).then(
      () => true,
      () => false,
    );
  }

  async replace<T>(key: string, value: T, ttlMs: number, etag: string): Promise<string | null> {
    const file = this.fileOf(key);
    return this.locked(file, async () => {
      const current = await this.read(file);
      if (!current || current.etag !== etag) return null;
      return this.writeInPlace(file, value, ttlMs);
    });
  }

  async put<T>(key: string, value: T, ttlMs: number): Promise<string> {
    const file = this.fileOf(key);
    return this.locked(file, () => this.writeInPlace(file, value, ttlMs));
  }

  async delete(key: string, etag?: string): Promise<boolean> {
    const file = this.fileOf(key);
    return this.locked(file, async () => {
      if (etag !== undefined && (await this.read(file))?.etag !== etag) return false;
      try {
        await fs.unlink(file);
        return true;
      } catch (error) {
        if (code(error) === 'ENOENT') return false;
        throw this.unavailable('delete', error);
      }
    });
  }

  async names(namespace: string): Promise<string[]> {
    const names = await this.list(path.join(this.dir, checkNamespace(namespace)));
    return names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length));
  }

  /** Sets a damaged item aside (only if it still has `etag`, when given); false when nothing was moved. */
  async quarantine(key: string, etag?: string): Promise<boolean> {
    const file = this.fileOf(key);
    return this.locked(file, async () => {
      if (etag !== undefined) {
        const current = await this.read(file).catch(() => undefined);
        if (current && current.etag !== etag) return false;
      }
      try {
        await fs.rename(file, `${file}.damaged-${Date.now()}`);
        return true;
      } catch (error) {
        if (code(error) === 'ENOENT') return false;
        throw this.unavailable('quarantine', error);
      }
    });
  }

  async sweep(now = this.clock()): Promise<number> {
    let removed = 0;
    for (const namespace of await this.list(this.dir)) {
      for (const name of await this.list(path.join(this.dir, namespace))) {
        const damaged = /\.damaged-(\d+)$/.exec(name);
        if (damaged && Number(damaged[1]) + QUARANTINE_KEEP_MS <= now) {
          await fs.unlink(path.join(this.dir, namespace, name)).catch(() => undefined);
          continue;
        }
        if (!name.endsWith('.json')) continue;
        const key = `${namespace}/${name.slice(0, -'.json'.length)}`;
        // A damaged file is set aside here too, so that it is swept later rather than read again forever.
        const item = await this.read(this.fileOf(key)).catch(async (error: unknown) => {
          if (error instanceof DamagedItemError) await this.quarantine(key, error.etag).catch(() => undefined);
          return undefined;
        });
        if (item && item.expiresAt <= now && (await this.delete(key, item.etag))) removed += 1;
      }
    }
    return removed;
  }

  private fileOf(key: string): string {
    return path.join(this.dir, `${checkKey(key)}.json`);
  }

  private async list(dir: string): Promise<string[]> {
    try {
      return await fs.readdir(dir);
    } catch (error) {
      if (code(error) === 'ENOENT') return [];
      throw this.unavailable('list', error);
    }
  }

  private async read(file: string): Promise<OnDisk | undefined> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if (code(error) === 'ENOENT') return undefined;
      throw this.unavailable('read', error);
    }
    let item: OnDisk;
    try {
      item = JSON.parse(text) as OnDisk;
    } catch {
      item = null as unknown as OnDisk;
    }
    // Writes are renames, so this is damage from outside: reported as such, for the caller to quarantine.
    if (
      typeof item !== 'object' ||
      item === null ||
      typeof item.etag !== 'string' ||
      typeof item.expiresAt !== 'number' ||
      !('value' in item)
    ) {
      const relative = path.relative(this.dir, file);
      throw new DamagedItemError(
        `The file state store's ${relative} is not a stored item.`,
        relative
          .replace(/\.json$/, '')
          .split(path.sep)
          .join('/'),
        typeof item?.etag === 'string' ? item.etag : undefined,
      );
    }
    return item;
  }

  private async writeTemp(file: string, value: unknown, ttlMs: number): Promise<{ temp: string; etag: string }> {
    const etag = `"${randomUUID()}"`;
    const content: OnDisk = { value, etag, expiresAt: this.clock() + checkTtl(ttlMs) };
    const temp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    try {
      await this.makeDir(path.dirname(file));
      await fs.writeFile(temp, JSON.stringify(content), { encoding: 'utf8', mode: FILE_MODE });
    } catch (error) {
      throw this.unavailable('write', error);
    }
    return { temp, etag };
  }

  private async writeInPlace(file: string, value: unknown, ttlMs: number): Promise<string> {
    const { temp, etag } = await this.writeTemp(file, value, ttlMs);
    try {
      await fs.rename(temp, file);
    } catch (error) {
      await fs.unlink(temp).catch(() => undefined);
      throw this.unavailable('write', error);
    }
    return etag;
  }

  private async locked<R>(file: string, work: () => Promise<R>): Promise<R> {
    await this.makeDir(path.dirname(file)).catch((error) => {
      throw this.unavailable('lock', error);
    });
    return withFileLock(
      `${file}.lock`,
      {
        waitMs: this.lockWaitMs,
        staleMs: this.staleLockMs,
        mode: FILE_MODE,
        failed: (error) => this.unavailable('lock', error),
        timedOut: () =>
          new StateUnavailableError(
            `The state item ${path.relative(this.dir, file)} stayed locked for ${this.lockWaitMs} ms.`,
          ),
      },
      work,
    );
  }

  /** The item's folder (and the store's), 0700; folders made before this rule are tightened once. */
  private readonly madeDirs = new Set<string>();

  private async makeDir(dir: string): Promise<void> {
    await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
    if (this.madeDirs.has(dir)) return;
    for (const d of new Set([this.dir, dir])) await fs.chmod(d, DIR_MODE).catch(() => undefined);
    this.madeDirs.add(dir);
  }

  private unavailable(operation: string, error: unknown): StateUnavailableError {
    if (error instanceof StateUnavailableError) return error;
    return new StateUnavailableError(
      `The file state store could not ${operation} under ${this.dir} (${code(error) ?? (error as Error)?.message}).`,
      error,
    );
  }
}
