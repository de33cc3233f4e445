import { parse } from '../../src/understanding/parse';
import { memoizedParse } from '../../src/understanding/parseMemo';
import type { ParseContext, Question } from '../../src/understanding/question';

const AT = new Date('2026-11-27T10:00:00.250Z');
const ctx = (over: Partial<ParseContext> = {}): ParseContext => ({
  now: AT,
  timeZone: 'Europe/Amsterdam',
  locale: 'en-US',
  ...over,
});

function counting() {
  const calls: string[] = [];
  const counted = (text: string, c: ParseContext): Question => {
    calls.push(text);
    return parse(text, c);
  };
  return { calls, memo: memoizedParse(counted) };
}

describe('the parse memo', () => {
  it('gives what a fresh parse at the whole second gives, for every kind of question', () => {
    const { memo } = counting();
    for (const text of [
      'why did Megan Bowen fail to sign in yesterday',
      'who failed to sign in to Salesforce in the last hour?',
      "why can't I sign in?",
      'waarom kan ik niet inloggen sinds 9 uur?',
    ]) {
      expect(memo(text, ctx())).toEqual(parse(text, ctx({ now: new Date('2026-11-27T10:00:00.000Z') })));
    }
  });

  it('parses the same question in the same context once a second', () => {
    const { calls, memo } = counting();
    memo('who failed to sign in in the last hour?', ctx());
    memo('who failed to sign in in the last hour?', ctx({ now: new Date(AT.getTime() + 700) }));
    expect(calls).toHaveLength(1);
    const next = memo('who failed to sign in in the last hour?', ctx({ now: new Date(AT.getTime() + 1000) }));
    expect(calls).toHaveLength(2);
    expect(next.to?.toISOString()).toBe('2026-11-27T10:00:01.000Z');
  });

  it('parses again when anything else it reads differs: zone, locale, mentions, the previous question', () => {
    const { calls, memo } = counting();
    const text = 'and yesterday?';
    const first = memo('why did Megan Bowen fail to sign in today', ctx());
    memo(text, ctx());
    memo(text, ctx({ timeZone: 'America/New_York' }));
    memo(text, ctx({ locale: 'nl-NL' }));
    memo(text, ctx({ mentions: [{ id: '29:x', name: 'Megan Bowen' }] }));
    const followUp = memo(text, ctx({ previous: first }));
    expect(calls).toHaveLength(6);
    expect(followUp.subject).toEqual(first.subject);
  });

  it('hands each caller its own question', () => {
    const { memo } = counting();
    const a = memo("why can't I sign in?", ctx());
    (a as { intent: string }).intent = 'changed';
    expect(memo("why can't I sign in?", ctx()).intent).not.toBe('changed');
  });
});
