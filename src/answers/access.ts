/**
 * Who may ask, and about whom, as answers: the gate every message and click passes, and the rule
 * for others' sign-ins (readers only, personal chats only). The access-policy module replaces these.
 */
import { LRUCache } from 'lru-cache';
import type { AccessPolicy } from '../directory/access';
import type { Answer, Requester } from './types';

export function sameId(a: string | undefined | null, b: string | undefined | null): boolean {
  return Boolean(a) && Boolean(b) && a!.toLowerCase() === b!.toLowerCase();
}

export class Gatekeeper {
  private readonly rate = new LRUCache<string, number[]>({ max: 50_000, ttl: 60_000 });

  constructor(private readonly options: { tenantId: string; rateLimitPerMinute: number; access: AccessPolicy }) {}

  /** Strangers (no object id, another tenant) and people over their rate limit stop here. */
  gate(requester: Requester): Answer | null {
    if (!requester.userId || !requester.tenantId || requester.tenantId.toLowerCase() !== this.options.tenantId.toLowerCase()) {
      return { kind: 'refused', reason: !requester.userId ? 'no-object-id' : 'other-tenant' };
    }
    if (this.overRateLimit(requester.userId)) return { kind: 'refused', reason: 'rate-limited' };
    return null;
  }

  async isReader(requester: Requester): Promise<boolean> {
    return (await this.options.access.readerDecision(requester.userId!)).reader;
  }

  /**
   * May the asker see this person's sign-ins (null: everyone's) here? Their own always; anyone
   * else's only as a sign-in reader, and only in a personal chat. Null when allowed.
   */
  async authorize(requester: Requester, userId: string | null): Promise<Answer | null> {
    if (userId !== null && sameId(userId, requester.userId)) return null;
    if (!(await this.isReader(requester))) return refuse();
    return notHere(requester);
  }

  private overRateLimit(userId: string): boolean {
    const now = Date.now();
    const recent = (this.rate.get(userId) ?? []).filter((t) => now - t < 60_000);
    recent.push(now);
    this.rate.set(userId, recent);
    return recent.length > this.options.rateLimitPerMinute;
  }
}

/** Others' sign-ins are not shown where other people read along (channels, group chats). */
export function notHere(requester: Requester): Answer | null {
  if (!requester.conversationType || requester.conversationType === 'personal') return null;
  return { kind: 'ask-privately' };
}

/** The one refusal for questions about others: the same answer whoever was asked about. */
export function refuse(): Answer {
  return { kind: 'refused', reason: 'not-a-reader' };
}
