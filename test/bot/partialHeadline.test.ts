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
import { startApp, type RunningApp } from '../support/app';

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
