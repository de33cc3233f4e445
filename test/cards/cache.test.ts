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
