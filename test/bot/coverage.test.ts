/**
 * A window the bot could not read whole says so on the card (over HTTP: real server, demo tenant
 * behind the real Graph client, real card validation): one page allowed per question, a tenant-wide
 * month is more than that. The card names how many sign-ins were searched and back to when — both
 * worked out here from the demo tenant's own records — in English and Dutch; a window read whole says
 * nothing of the kind.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { cardToText } from '../../src/cards/text';
import { DEMO_TENANT_ID } from '../../src/demo/wiring';
import { localDateTime } from '../../src/shared/time';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { cardProblems } from '../cards/validateCard';
import { NOW, startApp, type RunningApp } from '../support/app';

const ALEX = {
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
  timeZone: 'Europe/Amsterdam',
};
const DAY = 86_400_000;
let running: RunningApp;

beforeAll(async () => {
  running = await startApp({ MAX_SIGNIN_PAGES: '1', LOG_RETENTION_DAYS: '30' });
});
afterAll(() => running.stop());

async function cardText(text: string, locale: string): Promise<string> {
  const [card] = cardsIn(await postActivity(running.url, teamsMessage(text, { ...ALEX, locale })));
  expect(cardProblems(card)).toEqual([]);
  return cardToText(card);
}

const kind = (r: SignIn) => ((r as { signInEventTypes?: string[] }).signInEventTypes ?? ['interactiveUser'])[0];
const newestFirst = (records: SignIn[]) =>
  [...records].sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)));

describe('a window not read whole', () => {
  it('says how many sign-ins were searched and back to when (en, nl)', async () => {
    // What one 1,000-record page of each kind reaches, from the tenant's own records over the month asked about.
    const from = NOW.getTime() - 29 * DAY;
    const inWindow = running.tenant.signIns.filter((r) => Date.parse(r.createdDateTime as string) >= from);
    const interactive = newestFirst(inWindow.filter((r) => kind(r) === 'interactiveUser'));
    const background = newestFirst(inWindow.filter((r) => kind(r) === 'nonInteractiveUser'));
    expect(interactive.length).toBeGreaterThan(1000);
    const reached = [interactive, background]
      .filter((list) => list.length > 1000)
      .map((list) => Date.parse(list[999].createdDateTime as string));
    const backTo = new Date(Math.max(...reached));
    const searched = Math.min(1000, interactive.length) + Math.min(1000, background.length);

    const en = await cardText('who failed to sign in in the last 29 days?', 'en-US');
    expect(en).toContain(searched.toLocaleString('en-US'));
    expect(en).toContain(localDateTime(backTo, ALEX.timeZone, 'en'));
    const nl = await cardText('wie kon zich de afgelopen 29 dagen niet aanmelden?', 'nl-NL');
    expect(nl).toContain(localDateTime(backTo, ALEX.timeZone, 'nl'));
  });

  it('carries the coverage on the answer only when the window was not read whole', async () => {
    const requester = {
      userId: ALEX.aadObjectId,
      tenantId: DEMO_TENANT_ID,
      timeZone: ALEX.timeZone,
      locale: 'en-US',
      conversationKey: 'coverage-test',
      conversationType: 'personal',
    };
    const hour = (await running.app.troubleshooter.ask(requester, 'who failed to sign in in the last hour?')).answer;
    // "who failed …" about everyone is the tenant-wide answer (issue 22); it carries the coverage the same way.
    expect(hour.kind).toBe('tenant');
    expect(hour.kind === 'tenant' && hour.coverage).toBeFalsy();
    const month = (await running.app.troubleshooter.ask(requester, 'who failed to sign in in the last 29 days?'))
      .answer;
    expect(month.kind === 'tenant' && month.coverage).toMatchObject({ onlyBackground: false });
    expect(month.kind === 'tenant' && month.truncated).toBe(true);
  });
});
