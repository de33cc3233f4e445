/**
 * What the questions and card buttons need of incidents, in one object the app builds: the monitor
 * (latest incidents), the subscriptions, the personal chats of people who talked to the bot (where
 * a reader's "Show affected people" from a channel is sent), proactive sending and the ticket desk.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { StateStore } from '../state/types';
import type { TicketDesk } from '../tickets';
import type { IncidentMonitor } from './monitor';
import {
  subscriptionId,
  type ConversationAddress,
  type SubscriptionStore,
  type UnsubscribeResult,
} from './subscriptions';
import type { Incident } from './types';

const PERSONAL_CHAT_TTL_MS = 90 * 24 * 3_600_000;
/** A personal chat is written to the store at most once a day per person and instance. */
const PERSONAL_CHAT_RENEW_MS = 24 * 3_600_000;

export interface AffectedPerson {
  name: string;
  upn: string;
}

export interface IncidentServiceOptions {
  monitor: IncidentMonitor;
  subscriptions: SubscriptionStore;
  state: StateStore;
  tickets: TicketDesk | null;
  /** Names of the people an incident affects (from the live index). */
  peopleOf: (incident: Incident) => AffectedPerson[];
  /** Whether proactive messages may go to this address (demo mode: this machine only); none: anywhere. */
  addressAllowed?: (address: ConversationAddress) => boolean;
}

export class IncidentService {
  private readonly recentlyStored = new LRUCache<string, true>({ max: 10_000, ttl: PERSONAL_CHAT_RENEW_MS });

  constructor(readonly options: IncidentServiceOptions) {}

  get monitor(): IncidentMonitor {
    return this.options.monitor;
  }

  get subscriptions(): SubscriptionStore {
    return this.options.subscriptions;
  }

  /** "stop notifying": the conversation's alert cards get their final state, then its subscription ends. */
  async unsubscribe(conversationId: string): Promise<UnsubscribeResult> {
    const subscription = (await this.subscriptions.list()).find((s) => s.id === subscriptionId(conversationId));
    const publisher = this.monitor.publisher;
    if (subscription && publisher) await publisher.finish(subscription, this.monitor.incidents()).catch(() => 0);
    return this.subscriptions.unsubscribe(conversationId);
  }

  /** Keeps where a person's personal chat with the bot is (best effort; at most daily). */
  async rememberPersonalChat(requester: {
    userId: string | undefined;
    conversationReference?: ConversationAddress;
  }): Promise<void> {
    const userId = requester.userId;
    // Checked before the address is built or the key hashed: on most turns there is nothing to write.
    if (!userId || this.recentlyStored.has(userId)) return;
    const address = requester.conversationReference;
    if (!address || !this.addressAllowed(address)) return;
    this.recentlyStored.set(userId, true);
    await this.options.state
      .put(personalChatKey(userId), { address }, PERSONAL_CHAT_TTL_MS)
      .catch(() => this.recentlyStored.delete(userId));
  }

  async personalChatOf(userId: string): Promise<ConversationAddress | undefined> {
    const item = await this.options.state.get<{ address: ConversationAddress }>(personalChatKey(userId));
    const address = item?.value.address;
    return address && this.addressAllowed(address) ? address : undefined;
  }

  private addressAllowed(address: ConversationAddress): boolean {
    return this.options.addressAllowed?.(address) ?? true;
  }
}

function personalChatKey(userId: string): string {
  return `personal-chats/${createHash('sha256').update(userId.toLowerCase(), 'utf8').digest('hex').slice(0, 40)}`;
}
