/**
 * The context rules (src/understanding/followUp.ts `contextOf`) as a table: what a message keeps of
 * the question before it. Each row is a conversation: the previous question, the message, and what
 * the parsed question must be about.
 */
import { contextOf, type MessageTraits } from '../../src/understanding/followUp';
import { parse } from '../../src/understanding/parse';
import type { Question } from '../../src/understanding/question';

const ctx = { now: new Date('2026-12-06T10:00:00Z'), timeZone: 'Europe/Amsterdam', locale: 'en-US' };
const ID = '8f2c1d3e-5b6a-4c7d-9e8f-0a1b2c3d4e5f';

function after(previousText: string, text: string): { previous: Question; question: Question } {
  const previous = parse(previousText, ctx);
  return { previous, question: parse(text, { ...ctx, previous }) };
}

describe('contextOf', () => {
  const base: MessageTraits = {
    intent: 'failures',
    opened: false,
    shifts: false,
    namesTime: false,
    asks: false,
    says: false,
    screen: false,
    signInId: false,
    outage: false,
    tenantAsk: false,
    countsPrevious: false,
  };
  const previous = parse('why was Megan locked out yesterday?', ctx);
  const help = parse('help', ctx);

  it.each<[string, Partial<MessageTraits>, Question | undefined, string]>([
    ['no previous question', { opened: true }, undefined, 'fresh'],
    ['after help', { opened: true, says: true }, help, 'fresh'],
    ['help', { intent: 'help' }, previous, 'fresh'],
    ['a pasted screen', { screen: true, says: true }, previous, 'fresh'],
    ['a request id', { signInId: true, says: true }, previous, 'fresh'],
    ['an outage question', { outage: true }, previous, 'fresh'],
    ['a tenant-wide question', { tenantAsk: true, asks: true, says: true }, previous, 'fresh'],
    ['"and which apps fail most?"', { tenantAsk: true, opened: true }, previous, 'fragment'],
    [
      '"and what are the top codes across the tenant today?" after one person',
      { tenantAsk: true, opened: true, asks: true, says: true, namesTime: true },
      previous,
      'fresh',
    ],
    [
      '"and which apps yesterday?" after a tenant-wide question',
      { tenantAsk: true, opened: true, says: true, namesTime: true },
      parse('who failed today?', ctx),
      'fragment',
    ],
    ['"how many were failures?"', { intent: 'count', countsPrevious: true }, previous, 'counts-previous'],
    ['"and this week?"', { opened: true, says: true }, previous, 'fragment'],
    ['"the day before"', { shifts: true }, previous, 'fragment'],
    [
      '"en de dag ervoor?" (a greeting word inside)',
      { intent: 'help', shifts: true, opened: true },
      previous,
      'fragment',
    ],
    ['a bare name ("Lynne?")', { says: true }, previous, 'fragment'],
    ['a complete question about someone', { asks: true, says: true }, previous, 'fresh'],
    ['a message that says nothing', {}, previous, 'fresh'],
  ])('%s', (_, traits, before, expected) => {
    expect(contextOf(before, { ...base, ...traits })).toBe(expected);
  });
});

describe('conversations', () => {
  it('"is there an outage right now?" after Megan names no one and starts fresh', () => {
    const { question } = after('why was Megan locked out?', 'is there an outage right now?');
    expect(question).toMatchObject({ subject: null, context: 'fresh', category: null, form: { outage: true } });
  });

  it('a request id alone after a 50126 question keeps nothing of it', () => {
    const { question } = after('who got error 50126 today?', ID);
    expect(question).toMatchObject({
      requestId: ID,
      errorCode: null,
      from: null,
      context: 'fresh',
      idUnlabelled: true,
    });
  });

  it('"and this week?" after Isaiah keeps Isaiah', () => {
    const { question } = after('why did Isaiah fail yesterday?', 'and this week?');
    expect(question).toMatchObject({ subject: { kind: 'person', text: 'Isaiah' }, context: 'continued' });
    expect(question.from).toEqual(new Date('2026-11-29T23:00:00Z'));
  });

  it('"what about Lynne?" changes the person only', () => {
    const { previous, question } = after('did Megan get 50126 on her phone yesterday?', 'what about Lynne?');
    expect(question).toMatchObject({
      subject: { kind: 'person', text: 'Lynne' },
      errorCode: 50126,
      platform: 'mobile',
      context: 'continued',
    });
    expect([question.from, question.to]).toEqual([previous.from, previous.to]);
  });

  it('"and on his phone?" adds the platform and keeps the rest', () => {
    const { question } = after('why did Isaiah fail this week?', 'and on his phone?');
    expect(question).toMatchObject({
      subject: { kind: 'person', text: 'Isaiah' },
      platform: 'mobile',
      context: 'continued',
    });
  });

  it('a new complete question about someone else drops the previous filters', () => {
    const { question } = after('did Megan get 50126 yesterday?', 'why did Lynne fail?');
    expect(question).toMatchObject({
      subject: { kind: 'person', text: 'Lynne' },
      errorCode: null,
      from: null,
      context: 'fresh',
    });
  });

  it('a tenant-wide question after a person does not keep the person', () => {
    const { question } = after('why was Megan locked out?', 'who failed to sign in today?');
    expect(question).toMatchObject({
      subject: { kind: 'anyone' },
      tenantAsk: 'people',
      category: null,
      context: 'fresh',
    });
  });

  it("a pasted screen after a person is the screen's, not the person's", () => {
    const { question } = after(
      'why was Megan locked out?',
      `Sorry, but we're having trouble signing you in. AADSTS50126: Error validating credentials. Request Id: ${ID} Timestamp: 2026-12-06T09:39:30Z`,
    );
    expect(question).toMatchObject({ requestId: ID, errorCode: 50126, category: null, context: 'fresh' });
    expect(question.subject?.kind).not.toBe('person');
  });

  it('"and yesterday?" after a tenant-wide ranking keeps the ranking', () => {
    const { question } = after('which apps have the most failures today?', 'and yesterday?');
    expect(question).toMatchObject({ subject: { kind: 'anyone' }, tenantAsk: 'top-apps', context: 'continued' });
  });
});
