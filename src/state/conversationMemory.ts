/**
 * Follow-up memory per conversation ("show more", "and the day before?") on the state store, so that
 * a follow-up answered by another instance or after a restart keeps its context.
 *
 * Best effort by design: when the store is unreachable, recall finds nothing (the question is
 * answered as a new one) and remember is skipped; both say so once in the log.
 */
import { createHash } from 'node:crypto';
import { StoreOutage, type OutageLogger } from './outage';
import type { StateStore } from './types';

export interface ConversationMemory<T> {
  recall(conversationKey: string): Promise<T | undefined>;
  remember(conversationKey: string, value: T): Promise<void>;
}

/** How long a conversation's last question is remembered. */
export const FOLLOW_UP_TTL_MS = 60 * 60_000;

export class StoredConversationMemory<T> implements ConversationMemory<T> {
  private readonly outage: StoreOutage;

  constructor(private readonly store: StateStore, logger: OutageLogger, private readonly ttlMs = FOLLOW_UP_TTL_MS) {
    this.outage = new StoreOutage(logger, store.kind);
  }

  async recall(conversationKey: string): Promise<T | undefined> {
    try {
      const item = await this.store.get<unknown>(keyOf(conversationKey));
      this.outage.succeeded();
      return item && (revive(item.value) as T);
    } catch (error) {
      this.outage.failed(error, 'answering without follow-up memory');
      return undefined;
    }
  }

  async remember(conversationKey: string, value: T): Promise<void> {
    try {
      await this.store.put(keyOf(conversationKey), tag(value), this.ttlMs);
      this.outage.succeeded();
    } catch (error) {
      this.outage.failed(error, 'answering without follow-up memory');
    }
  }
}

/** Conversation ids are personal enough: the store sees a hash. */
function keyOf(conversationKey: string): string {
  return `followups/${createHash('sha256').update(conversationKey, 'utf8').digest('hex')}`;
}

/** Dates (a question's time window) survive the JSON round trip as {"$date": iso}. */
function tag(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const original = this[key];
    return original instanceof Date ? { $date: original.toISOString() } : v;
  })) as unknown;
}

function revive(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => {
    const tagged = v && typeof v === 'object' ? (v as { $date?: unknown }) : null;
    return tagged && typeof tagged.$date === 'string' && Object.keys(tagged).length === 1 ? new Date(tagged.$date) : v;
  }) as unknown;
}
