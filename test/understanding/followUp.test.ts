import { findFollowUp } from '../../src/understanding/followUp';
import { NO_FORM } from '../../src/understanding/form';
import { parse } from '../../src/understanding/parse';
import type { ParseContext, Question } from '../../src/understanding/question';

describe('findFollowUp', () => {
  it.each([
    ['show more', { kind: 'more' }],
    ['More please!', { kind: 'more' }],
    ['ok next page', { kind: 'more' }],
    ['toon meer', { kind: 'more' }],
    ['volgende', { kind: 'more' }],
    ['details of the second one', { kind: 'details', index: 1 }],
    ['tell me more about the first one', { kind: 'details', index: 0 }],
    ['#3', { kind: 'details', index: 2 }],
    ['details 4', { kind: 'details', index: 3 }],
    ['what about the 2nd one?', { kind: 'details', index: 1 }],
    ['details van de tweede', { kind: 'details', index: 1 }],
    ['meer over de derde melding', { kind: 'details', index: 2 }],
    ['de 1e', { kind: 'details', index: 0 }],
  ])('%s', (text, expected) => {
    expect(findFollowUp(text.toLowerCase())).toEqual(expected);
  });

  it.each(['show me more about bob', 'more failures for alice yesterday', '2', 'the 2nd of november', 'details'])(
    'leaves a question alone: %s',
    (text) => {
      expect(findFollowUp(text)).toBeNull();
    },
  );
});

describe('follow-ups in parse', () => {
  const now = new Date('2026-11-27T10:00:00Z');
  const previous: Question = {
    intent: 'failures',
    subject: { kind: 'person', text: 'alice' },
    from: new Date('2026-11-27T05:00:00Z'),
    to: new Date('2026-11-27T11:00:00Z'),
    app: 'Outlook',
    errorCode: null,
    correlationId: '6f1c2a8e-1b2c-4d5e-8f90-123456789abc',
    requestId: null,
    category: null,
    language: 'en',
    form: NO_FORM,
    tenantAsk: null,
    country: null,
    platform: null,
    guests: false,
    idUnlabelled: false,
    context: 'fresh',
  };
  const ctx: ParseContext = { now, timeZone: 'Europe/Amsterdam', locale: 'en-US', previous };

  it('moves a part-of-day range to the same hours the day before', () => {
    const q = parse('and the day before?', ctx);
    expect([q.from, q.to]).toEqual([new Date('2026-11-26T05:00:00Z'), new Date('2026-11-26T11:00:00Z')]);
    expect(q.subject).toEqual(previous.subject);
    expect(q.app).toBe('Outlook');
  });

  it('drops the correlation id of the previous sign-in when the subject changes', () => {
    const q = parse('what about bob?', ctx);
    expect(q.subject).toEqual({ kind: 'person', text: 'bob' });
    expect(q.correlationId).toBeNull();
    expect(parse('and yesterday?', ctx).correlationId).toBe(previous.correlationId);
  });

  it('answers in the language of the follow-up', () => {
    expect(parse('en gisteren?', ctx).language).toBe('nl');
  });

  it('treats a complete new question as new, not as a follow-up', () => {
    const q = parse('did megan sign in today', ctx);
    expect(q).toMatchObject({
      intent: 'signins',
      subject: { kind: 'person', text: 'megan' },
      app: null,
      correlationId: null,
    });
  });

  it('keeps the previous question for "show more" and "details"', () => {
    expect(parse('show more', ctx)).toEqual({ ...previous, context: 'continued', followUp: { kind: 'more' } });
    expect(parse('details of the third one', ctx)).toEqual({
      ...previous,
      context: 'continued',
      followUp: { kind: 'details', index: 2 },
    });
  });
});
