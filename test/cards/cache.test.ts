import { CardCache } from '../../src/cards/cache';
import { story, summaryOf } from '../fixtures/cards';

describe('kept cards', () => {
  const reply = (overrides = {}) => ({
    answer: summaryOf(story, { key: 'page-1', ...overrides }),
    language: 'en' as const,
    audience: 'helpdesk' as const,
    timeZone: 'Europe/Amsterdam',
  });

  it('draws a sign-in answer over kept records once, and again for another language, page or opened attempt', () => {
    const cache = new CardCache(60);
    const first = cache.render(reply());
    expect(cache.render(reply())).toBe(first);
    expect(cache.render({ ...reply(), language: 'nl' })).not.toBe(first);
    expect(cache.render(reply({ offset: 5 }))).not.toBe(first);
    expect(cache.render(reply({ detailsOf: story[1].id }))).not.toBe(first);
  });

  it('draws the card again when an open incident is named first (added after the answer was keyed)', () => {
    const cache = new CardCache(60);
    const first = cache.render(reply());
    const knownProblem = {
      kind: 'incident' as const,
      id: 'inc-1',
      what: { app: 'Contoso Expenses', code: 53003 },
      since: new Date('2026-11-27T08:00:00Z'),
      people: 6,
      resolved: false,
    };
    expect(cache.render(reply({ knownProblem }))).not.toBe(first);
    expect(CardCache.keyOf(reply({ knownProblem }))).not.toBe(CardCache.keyOf(reply()));
  });

  it("keeps a reader's card with fix buttons apart from the same answer without them", () => {
    const fixes = [{ fix: 'revokeSessions' as const, targetId: story[0].userId!, signInId: story[0].id! }];
    expect(CardCache.keyOf(reply({ fixes }))).not.toBe(CardCache.keyOf(reply()));
  });

  it('keeps nothing for answers whose records were not kept, and nothing but sign-in answers', () => {
    expect(CardCache.keyOf(reply({ key: '' }))).toBeNull();
    expect(
      CardCache.keyOf({
        answer: { kind: 'help', reader: true, examples: [] },
        language: 'en',
        audience: 'user',
        timeZone: 'UTC',
      }),
    ).toBeNull();
  });
});
