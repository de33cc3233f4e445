/**
 * Issue 22 goal "0 answers whose headline is about a different subject than the question asked": a tenant-wide
 * headline ("Microsoft Outlook has the most failures") drawn from only the newest sign-ins of the window (a read
 * cut short by its page allowance) says so in the headline itself, not only in a note at the bottom — over HTTP,
 * in English and Dutch. A window read whole says nothing of the kind.
 */
import { cardToText } from '../../src/cards/text';
import { DEMO_TENANT_ID } from '../../src/demo/wiring';
import { localDateTime } from '../../src/shared/time';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import type { AnswerCoverage } from '../../src/answers/types';
import { cardProblems } from '../cards/validateCard';
import { NOW, startApp, type RunningApp } from '../support/app';
import { DemoTenant } from '../../src/demo/tenant';
import { wording } from '../../src/cards/wording';

const ALEX = {
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
  timeZone: 'Europe/Amsterdam',
};
let running: RunningApp;
let n = 0;

beforeAll(async () => {
  running = await startApp({ MAX_SIGNIN_PAGES: '1', LOG_RETENTION_DAYS: '30', RATE_LIMIT_PER_MINUTE: '100000' });
});
afterAll(() => running.stop());

async function headline(text: string, locale: string): Promise<string> {
  n += 1;
  const [card] = cardsIn(
    await postActivity(running.url, teamsMessage(text, { ...ALEX, locale, conversationId: `a:partial-${n}` })),
  );
  expect(cardProblems(card)).toEqual([]);
  return cardToText(card).split('\n')[0];
}

/** The coverage the same question's answer carries (what was read), from the pipeline itself: a tally or a count. */
async function coverageOf(text: string): Promise<AnswerCoverage | undefined> {
  n += 1;
  const requester = {
    userId: ALEX.aadObjectId,
    tenantId: DEMO_TENANT_ID,
    timeZone: ALEX.timeZone,
    locale: 'en-US',
    conversationKey: `partial-${n}`,
    conversationType: 'personal',
  };
  const { answer } = await running.app.troubleshooter.ask(requester, text);
  expect(['tenant', 'count']).toContain(answer.kind);
  return answer.kind === 'tenant' || answer.kind === 'count' ? answer.coverage : undefined;
}

describe('a tenant-wide headline drawn from part of the window', () => {
  it.each([
    ['which apps have the most failures in the last 29 days?', 'en'],
    ['who failed to sign in in the last 29 days?', 'en'],
    ['which countries do the failures come from in the last 29 days?', 'en'],
    ['how many failed sign-ins were there in the last 29 days?', 'en'],
    ['welke apps hebben de meeste fouten in de afgelopen 29 dagen?', 'nl'],
  ] as const)('%s: the headline names how many sign-ins and back to when', async (question, language) => {
    const coverage = await coverageOf(question);
    expect(coverage).toBeDefined();
    const first = await headline(question, language === 'nl' ? 'nl-NL' : 'en-US');
    expect(first).toContain(coverage!.records.toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB'));
    expect(first).toContain(localDateTime(coverage!.readBackTo, ALEX.timeZone, language));
  });

  it('a window read whole: no such words in the headline', async () => {
    const question = 'which apps have the most failures in the last hour?';
    expect(await coverageOf(question)).toBeUndefined();
    const first = await headline(question, 'en-US');
    expect(first).not.toMatch(/newest|back to/i);
  });
});

/**
 * Only background token refreshes (non-interactive sign-ins) cut short, every interactive sign-in of the window read:
 * the headline names what was cut (all interactive sign-ins read, background refreshes back to T) instead of
 * "in the newest N", which would say the people's own sign-ins were cut too — en and nl.
 */
describe('a tenant-wide headline when only background refreshes were cut', () => {
  let background: RunningApp;
  beforeAll(async () => {
    background = await startApp(
      { MAX_SIGNIN_PAGES: '3', LOG_RETENTION_DAYS: '30', RATE_LIMIT_PER_MINUTE: '100000' },
      { demoTenant: new DemoTenant({ now: NOW, nonInteractivePerDay: 120 }) },
    );
  });
  afterAll(() => background.stop());

  it.each([
    ['who failed to sign in in the last 2 days?', 'en-US', 'en'],
    ['which apps have the most failures in the last 2 days?', 'en-US', 'en'],
    ['wie kon de afgelopen 2 dagen niet inloggen?', 'nl-NL', 'nl'],
  ] as const)('%s: the headline says interactive sign-ins were read whole', async (question, locale, language) => {
    n += 1;
    const requester = {
      userId: ALEX.aadObjectId,
      tenantId: DEMO_TENANT_ID,
      timeZone: ALEX.timeZone,
      locale: 'en-US',
      conversationKey: `partial-bg-${n}`,
      conversationType: 'personal',
    };
    const { answer } = await background.app.troubleshooter.ask(requester, question);
    expect(answer.kind).toBe('tenant');
    const coverage = answer.kind === 'tenant' ? answer.coverage : undefined;
    // The premise: the window was cut, and only in its background refreshes.
    expect(coverage?.onlyBackground).toBe(true);
    const [card] = cardsIn(
      await postActivity(background.url, teamsMessage(question, { ...ALEX, locale, conversationId: `a:pbg-${n}` })),
    );
    expect(cardProblems(card)).toEqual([]);
    const first = cardToText(card).split('\n')[0];
    const words = wording(language).tenant;
    // Not the "in the newest N sign-ins" of a cut that reached the interactive sign-ins…
    expect(first).not.toContain(coverage!.records.toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB'));
    expect(first).not.toContain(words.headlineFromPart.split('{')[0].trim());
    // …but what was cut and back to when.
    expect(first).toMatch(language === 'nl' ? /achtergrond/i : /background/i);
    expect(first).toContain(localDateTime(coverage!.readBackTo, ALEX.timeZone, language));
  });
});
