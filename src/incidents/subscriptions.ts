/**
 * Conversations subscribed to incident alerts, on the state store so that every instance posts to
 * the same list. The store has no listing, so the list is one item, changed only by conditional
 * writes (If-Match), retried on a lost race. Each entry keeps its own expiry: SUBSCRIPTION_TTL_MS
 * after it was made or last used (an alert posted to it), so a forgotten channel stops by itself.
 */
import { createHash } from 'node:crypto';
import type { StateStore } from '../state/types';
import type { Language } from '../shared/types';

export const SUBSCRIPTION_TTL_MS = 90 * 24 * 3_600_000;
/** An entry is renewed on use at most this often (a write per alert would be wasteful). */
const RENEW_AFTER_MS = 24 * 3_600_000;
const KEY = 'incidents/subscriptions';

/** Where proactive messages go: the Bot Framework conversation reference, opaque here. */
export type ConversationAddress = Record<string, unknown>;

export interface Subscription {
  /** Hash of the conversation id. */
  id: string;
  address: ConversationAddress;
  language: Language;
  timeZone: string;
  /** personal, or shared (a channel or group chat): what the alert may show. */
  conversationType: string;
  expiresAt: number;
}

interface SubscriptionList {
  entries: Record<string, Subscription>;
}

export type SubscribeResult = 'subscribed' | 'already-subscribed';
export type UnsubscribeResult = 'unsubscribed' | 'not-subscribed';

export class SubscriptionStore {
  constructor(private readonly store: StateStore, private readonly now: () => number = Date.now) {}

  async subscribe(entry: Omit<Subscription, 'id' | 'expiresAt'>, conversationId: string): Promise<SubscribeResult> {
    const id = subscriptionId(conversationId);
    let result: SubscribeResult = 'subscribed';
    await this.change((entries) => {
      if (entries[id] && entries[id].expiresAt > this.now()) result = 'already-subscribed';
      entries[id] = { ...entry, id, expiresAt: this.now() + SUBSCRIPTION_TTL_MS };
      return true;
    });
    return result;
  }

  async unsubscribe(conversationId: string): Promise<UnsubscribeResult> {
    const id = subscriptionId(conversationId);
    let found = false;
    await this.change((entries) => {
      found = Boolean(entries[id]) && entries[id].expiresAt > this.now();
      delete entries[id];
      return found;
    });
    return found ? 'unsubscribed' : 'not-subscribed';
  }

  async list(): Promise<Subscription[]> {
    const item = await this.store.get<SubscriptionList>(KEY);
    return Object.values(item?.value.entries ?? {}).filter((s) => s.expiresAt > this.now());
  }

  /** Renews the entries just used, when they have not been renewed for a day. */
  async renew(ids: string[]): Promise<void> {
    const due = (s: Subscription | undefined) => s !== undefined && s.expiresAt - this.now() < SUBSCRIPTION_TTL_MS - RENEW_AFTER_MS;
    const current = await this.store.get<SubscriptionList>(KEY);
    if (!ids.some((id) => due(current?.value.entries[id]))) return;
    await this.change((entries) => {
      let changed = false;
      for (const id of ids) {
        if (!due(entries[id])) continue;
        entries[id] = { ...entries[id], expiresAt: this.now() + SUBSCRIPTION_TTL_MS };
        changed = true;
      }
      return changed;
    });
  }

  /** Applies `edit` to the list with a conditional write, again on a lost race; `edit` returns whether it changed anything. */
  private async change(edit: (entries: Record<string, Subscription>) => boolean): Promise<void> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const item = await this.store.get<SubscriptionList>(KEY);
      const entries = Object.fromEntries(Object.entries(item?.value.entries ?? {}).filter(([, s]) => s.expiresAt > this.now()));
      if (!edit(entries)) return;
      const ttl = Math.max(1, ...Object.values(entries).map((s) => s.expiresAt - this.now()));
      const written = item ? await this.store.replace(KEY, { entries }, ttl, item.etag) : await this.store.create(KEY, { entries }, ttl);
      if (written) return;
    }
    throw new Error('The subscription list kept changing; try again.');
  }
}

export function subscriptionId(conversationId: string): string {
  return createHash('sha256').update(conversationId, 'utf8').digest('hex').slice(0, 32);
}
