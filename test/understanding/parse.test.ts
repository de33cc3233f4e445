import { parse } from '../../src/understanding/parse';
import { EXAMPLE_QUESTIONS } from '../../src/understanding/examples';
import { understanding } from '../../src/understanding';
import { benchParse } from '../../bench/parse';
import { loadUtterances } from './fixtures';

const ctx = { now: new Date('2026-11-27T10:00:00Z'), timeZone: 'Europe/Amsterdam' };

describe('parse', () => {
  it('never takes time words, app names or verbs for the person', () => {
    for (const text of [
      'why did yesterday fail',
      'why did outlook fail for bob',
      'did monday sign in',
      'why did login fail today',
    ]) {
      const q = parse(text, { ...ctx, locale: 'en-US' });
      if (q.subject?.kind === 'person') expect(['bob']).toContain(q.subject.text);
    }
  });

  it('finds the mention that is not the bot, by name, in order', () => {
    const mentions = [
      { id: '29:alex', name: 'Alex Wilber' },
      { id: '29:megan', name: 'Megan Bowen' },
    ];
    const q = parse('<at>Sign-in Troubleshooter</at> why was <at>Megan Bowen</at> blocked?', { ...ctx, mentions });
    expect(q.subject).toEqual({ kind: 'mention', index: 1 });
  });

  it('finds a mentioned name even when the tags were already removed', () => {
    const q = parse('why was Megan Bowen blocked?', { ...ctx, mentions: [{ id: '29:megan', name: 'Megan Bowen' }] });
    expect(q.subject).toEqual({ kind: 'mention', index: 0 });
  });

  it('returns unknown for empty or over-long text', () => {
    expect(parse('', ctx).intent).toBe('unknown');
    expect(parse(`why did bob fail ${'x'.repeat(3000)}`, ctx).intent).toBe('unknown');
  });

  it('falls back to UTC for an unknown time zone', () => {
    const q = parse('failures today', { ...ctx, timeZone: 'Mars/Olympus' });
    expect(q.from?.toISOString()).toBe('2026-11-27T00:00:00.000Z');
  });

  it('handles any Unicode without throwing', () => {
    for (const text of [
      '😀😀😀',
      'İstanbul failed',
      'ＡＢＣ',
      '\u202eevil',
      'why did ßtefan fail',
      '🙂 why did bob fail 🙂',
    ]) {
      expect(() => parse(text, ctx)).not.toThrow();
    }
  });
});

describe('examples', () => {
  it.each(Object.entries(EXAMPLE_QUESTIONS).flatMap(([language, texts]) => texts.map((t) => [language, t] as const)))(
    '%s: %s is understood',
    (language, text) => {
      const q = parse(text, { ...ctx, locale: language === 'nl' ? 'nl-NL' : 'en-US' });
      expect(q.language).toBe(language);
      expect(['failures', 'signins', 'explain']).toContain(q.intent);
    },
  );

  it('gives three per language through the understanding service', () => {
    expect(understanding.examples('en')).toHaveLength(3);
    expect(understanding.examples('nl')).toHaveLength(3);
  });
});

describe('benchParse', () => {
  it('parses the whole table repeatedly for the given time and reports utterances per second', () => {
    const rows = loadUtterances().length;
    const started = process.hrtime.bigint();
    const result = benchParse(200);
    const tookMs = Number(process.hrtime.bigint() - started) / 1e6;
    // Whole passes over the table, at least one.
    expect(result.count % rows).toBe(0);
    expect(result.count).toBeGreaterThanOrEqual(rows);
    // Per second, over the 200 ms or more it ran (at most the time the call took, warm-up included).
    expect(result.utterancesPerSecond).toBeLessThanOrEqual(Math.ceil((result.count / 200) * 1000));
    expect(result.utterancesPerSecond).toBeGreaterThanOrEqual(Math.floor((result.count / tookMs) * 1000));
  });
});
