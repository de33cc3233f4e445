/**
 * The data-driven table: test/fixtures/utterances.jsonl holds utterances as people type them,
 * each with its full expected Question at a fixed `now`, worked out by hand for its time zone.
 */
import { parse } from '../../src/understanding/parse';
import { fromJson, loadUtterances, toJson } from './fixtures';

const utterances = loadUtterances();

describe('utterance table', () => {
  it('is big enough: ≥1300 utterances, ≥800 English, ≥450 Dutch, ≥3 zones, both 2026 DST days', () => {
    const english = utterances.filter((u) => u.expected.language === 'en').length;
    const dutch = utterances.filter((u) => u.expected.language === 'nl').length;
    const zones = new Set(utterances.map((u) => u.tz));
    expect(utterances.length).toBeGreaterThanOrEqual(1300);
    expect(english).toBeGreaterThanOrEqual(800);
    expect(dutch).toBeGreaterThanOrEqual(450);
    expect(zones.size).toBeGreaterThanOrEqual(3);
    expect([...zones].some((z) => z.startsWith('America/'))).toBe(true);
    expect(utterances.some((u) => u.now.startsWith('2026-03-29'))).toBe(true);
    expect(utterances.some((u) => u.now.startsWith('2026-10-25'))).toBe(true);
  });

  it.each(utterances.map((u) => [`${u.text} (${u.tz}, ${u.locale ?? 'no locale'})`, u] as const))('%s', (_, u) => {
    const question = parse(u.text, {
      now: new Date(u.now),
      timeZone: u.tz,
      locale: u.locale,
      mentions: u.mentions,
      previous: u.previous ? fromJson(u.previous) : undefined,
    });
    expect(toJson(question)).toEqual(u.expected);
  });
});
