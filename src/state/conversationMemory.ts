/**
 * Follow-up memory per conversation ("show more", "and the day before?") on the state store, so that
 * a follow-up answered by another instance or after a restart keeps its context.
 *
 * Best effort by design: when the store is unreachable, recall finds nothing (the question is
 * answered as a new one) and remember is skipped; both say so once in the log.
 */
import { HashedNames } from './hashedName';
import { StoreOutage, type OutageLogger } from './outage';
import type { StateStore } from './types';

export interface ConversationMemory<T> {
  recall(conversationKey: string): Promise<T | undefined>;
  remember(conversationKey: string, value: T): Promise<void>;
}

/** How long a conversation's last question is remembered. */
export const FOLLOW_UP_TTL_MS = 60 * 60_000;

/** This instance's last write of a key, while the store is known to still hold it. */
interface Written {
  /** The value as plain JSON (dates as their ISO text): cheap to compare with the next value. */
  json: string;
  etag: string;
  expiresAt: number;
}

const MAX_WRITTEN_KEPT = 10_000;

export class StoredConversationMemory<T> implements ConversationMemory<T> {
  private readonly outage: StoreOutage;
  private readonly hashed = new HashedNames();
  private readonly written = new Map<string, Written>();

  constructor(
    private readonly store: StateStore,
    logger: OutageLogger,
    private readonly ttlMs = FOLLOW_UP_TTL_MS,
    private readonly clock: () => number = Date.now,
  ) {
    this.outage = new StoreOutage(logger, store.kind);
  }

  async recall(conversationKey: string): Promise<T | undefined> {
    const key = this.keyOf(conversationKey);
    try {
      const item = await this.store.get<unknown>(key);
      this.outage.succeeded();
      // Someone else wrote since (or it expired): the next remember must write whatever it holds.
      if (item?.etag !== this.written.get(key)?.etag) this.written.delete(key);
      return item && (revive(item.value) as T);
    } catch (error) {
      this.written.delete(key);
      this.outage.failed(error, 'answering without follow-up memory');
      return undefined;
    }
  }

  async remember(conversationKey: string, value: T): Promise<void> {
    const key = this.keyOf(conversationKey);
    const json = JSON.stringify(value);
    const last = this.written.get(key);
    // The same value as the store holds from our last write, far from expiring: writing it again changes nothing.
    if (last && last.json === json && last.expiresAt - this.clock() > this.ttlMs / 2) return;
    try {
      const expiresAt = this.clock() + this.ttlMs;
      const etag = await this.store.put(key, JSON.parse(tag(value)) as unknown, this.ttlMs);
      this.outage.succeeded();
      if (this.written.size >= MAX_WRITTEN_KEPT && !this.written.has(key))
        this.written.delete(this.written.keys().next().value as string);
      this.written.set(key, { json, etag, expiresAt });
    } catch (error) {
      this.written.delete(key);
      this.outage.failed(error, 'answering without follow-up memory');
    }
  }

  /** Conversation ids are personal enough: the store sees a hash. */
  private keyOf(conversationKey: string): string {
    return `followups/${this.hashed.of(conversationKey)}`;
  }
}

/** Dates (a question's time window) survive the JSON round trip as {"$date": iso}; the JSON text. */
function tag(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const original = this[key];
    return original instanceof Date ? { $date: original.toISOString() } : v;
  });
}

/** A copy of a stored (JSON) value with every {"$date": iso} turned back into a Date. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && entries[0][0] === '$date' && typeof entries[0][1] === 'string')
    return new Date(entries[0][1]);
  const copy: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    // As JSON.parse does: "__proto__" stays a plain property.
    if (k === '__proto__')
      Object.defineProperty(copy, k, { value: revive(v), enumerable: true, writable: true, configurable: true });
    else copy[k] = revive(v);
  }
  return copy;
}
