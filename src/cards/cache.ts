/**
 * Rendered cards of sign-in answers, kept as long as the sign-in answers are: a busy helpdesk hour
 * asks the same question about the same records, and the card is drawn once.
 */
import { LRUCache } from 'lru-cache';
import type { Reply } from '../answers/types';
import type { Card } from './elements';
import { renderAnswer } from './render';

export class CardCache {
  private readonly cards: LRUCache<string, Card>;

  constructor(ttlSeconds: number, max = 500) {
    this.cards = new LRUCache({ max, ttl: Math.max(1, ttlSeconds) * 1000 });
  }

  /** The key of a reply whose card may be kept, or null (only sign-in answers over kept records). */
  static keyOf(reply: Reply): string | null {
    const a = reply.answer;
    if ((a.kind !== 'summary' && a.kind !== 'count') || !a.key) return null;
    // Besides the records and the question: what depends on the asker (the fix buttons of a reader's personal
    // chat) and what is added after the answer is keyed (the open incident a person's own answer or a count names first).
    const page =
      a.kind === 'summary'
        ? [a.offset, a.limit, a.detailsOf ?? null, a.ticket ?? null, a.knownProblem ?? null, a.fixes ?? null]
        : [(a.incidents ?? []).map(({ incident, failing }) => [incident.id, incident.since, failing])];
    return JSON.stringify([a.kind, a.key, ...page, reply.language, reply.audience, reply.timeZone]);
  }

  render(reply: Reply): Card {
    const key = CardCache.keyOf(reply);
    if (key === null) return renderAnswer(reply);
    let card = this.cards.get(key);
    if (!card) {
      card = renderAnswer(reply);
      this.cards.set(key, card);
    }
    return card;
  }
}
