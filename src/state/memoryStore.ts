/** The state store in one process's memory: for unit tests of the modules that use a store. */
import { checkKey, checkNamespace, checkTtl, type StateStore, type StoredItem } from './types';

interface Entry {
  json: string;
  etag: string;
  expiresAt: number;
}

export class MemoryStateStore implements StateStore {
  readonly kind = 'memory';
  private readonly items = new Map<string, Entry>();
  private version = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    const entry = this.live(checkKey(key));
    return entry && { value: JSON.parse(entry.json) as T, etag: entry.etag, expiresAt: entry.expiresAt };
  }

  async create<T>(key: string, value: T, ttlMs: number): Promise<string | null> {
    if (this.live(checkKey(key))) return null;
    return this.write(key, value, ttlMs);
  }

  async replace<T>(key: string, value: T, ttlMs: number, etag: string): Promise<string | null> {
    if (this.items.get(checkKey(key))?.etag !== etag) return null;
    return this.write(key, value, ttlMs);
  }

  async put<T>(key: string, value: T, ttlMs: number): Promise<string> {
    return this.write(checkKey(key), value, ttlMs);
  }

  async delete(key: string, etag?: string): Promise<boolean> {
    const entry = this.items.get(checkKey(key));
    if (!entry || (etag !== undefined && entry.etag !== etag)) return false;
    return this.items.delete(key);
  }

  async names(namespace: string): Promise<string[]> {
    const prefix = `${checkNamespace(namespace)}/`;
    return [...this.items.keys()]
      .filter((key) => key.startsWith(prefix) && this.live(key))
      .map((key) => key.slice(prefix.length));
  }

  async sweep(now = this.clock()): Promise<number> {
    let removed = 0;
    for (const [key, entry] of this.items) {
      if (entry.expiresAt <= now && this.items.delete(key)) removed += 1;
    }
    return removed;
  }

  private live(key: string): Entry | undefined {
    const entry = this.items.get(key);
    return entry && entry.expiresAt > this.clock() ? entry : undefined;
  }

  private write(key: string, value: unknown, ttlMs: number): string {
    const etag = `"m${++this.version}"`;
    this.items.set(key, { json: JSON.stringify(value), etag, expiresAt: this.clock() + checkTtl(ttlMs) });
    return etag;
  }
}
