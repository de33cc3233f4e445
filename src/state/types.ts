/**
 * The state store: small JSON items by key, each with an ETag and a time to live, shared by every
 * instance of the bot (file store on one machine, Azure Blob Storage across machines).
 *
 * Anything that must happen once is decided by a conditional write — `create` (If-None-Match: *)
 * or `replace` (If-Match: etag) — whose loser gets `null`, never by a read followed by a write.
 */

export interface StoredItem<T> {
  value: T;
  /** Opaque; changes with every write. */
  etag: string;
  /** Epoch ms after which the item counts as absent and may be swept. */
  expiresAt: number;
}

export interface StateStore {
  /** Which implementation, for logs and health: "memory", "file", "blob". */
  readonly kind: string;
  /** The item, or undefined when it does not exist or has expired. */
  get<T>(key: string): Promise<StoredItem<T> | undefined>;
  /** Writes only if no live item exists (an expired one is replaced); null when someone else has it. */
  create<T>(key: string, value: T, ttlMs: number): Promise<string | null>;
  /** Writes only if the item still has `etag`; null when it changed or vanished meanwhile. */
  replace<T>(key: string, value: T, ttlMs: number, etag: string): Promise<string | null>;
  /** Last write wins: for items where a lost update costs nothing (follow-up memory). */
  put<T>(key: string, value: T, ttlMs: number): Promise<string>;
  /** Deletes the item (only if it still has `etag`, when given); false when it was not deleted. */
  delete(key: string, etag?: string): Promise<boolean>;
  /**
   * The names of the items in one namespace ("<namespace>/<name>" → name), for the few kinds of item
   * that are enumerated (subscriptions). May include expired items: `get` tells.
   */
  names(namespace: string): Promise<string[]>;
  /** Removes expired items; returns how many. */
  sweep(now?: number): Promise<number>;
  close?(): Promise<void>;
}

/** The store could not be reached or answered wrongly: the caller decides whether to go on without it. */
export class StateUnavailableError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StateUnavailableError';
  }
}

/**
 * Keys are "<namespace>/<name>": lower-case namespace, name of letters, digits, dot, dash and
 * underscore. Callers hash anything personal (user or conversation ids) before it becomes a name.
 */
const KEY = /^[a-z][a-z0-9-]{0,30}\/[A-Za-z0-9._-]{1,200}$/;

export function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('..'))
    throw new RangeError(`Not a state key: ${JSON.stringify(key.slice(0, 80))}`);
  return key;
}

const NAMESPACE = /^[a-z][a-z0-9-]{0,30}$/;

export function checkNamespace(namespace: string): string {
  if (!NAMESPACE.test(namespace))
    throw new RangeError(`Not a state namespace: ${JSON.stringify(namespace.slice(0, 40))}`);
  return namespace;
}

export function checkTtl(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError('Every stored item needs a positive time to live.');
  return ttlMs;
}
