/**
 * Non-interactive (background) sign-ins over HTTP (real server, demo tenant behind the real Graph
 * client, real card validation): they are labelled, a burst of one app's failing token refreshes is
 * one row with its count and span, and a person's own question leads with an interactive failure.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { cardToText, executeActions } from '../../src/cards/text';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { cardProblems } from '../cards/validateCard';
import { startApp, type RunningApp } from '../support/app';

const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };
let running: RunningApp;

beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.stop());

async function ask(text: string, locale = 'en-US') {
  const [card] = cardsIn(await postActivity(running.url, teamsMessage(text, { ...MEGAN, locale })));
  expect(cardProblems(card)).toEqual([]);
  return {
    text: cardToText(card),
    tickets: executeActions(card)
      .filter((a) => a.verb === 'openTicket')
      .map((a) => String(a.data.signInId)),
  };
}

const background = (r: SignIn) => r.isInteractive === false;
const hers = () => running.tenant.signIns.filter((r) => r.userId === MEGAN.aadObjectId);

describe("Megan's background token refreshes", () => {
  it('a burst of failing Outlook refreshes is one row with its count, code and span (en)', async () => {
    const answer = await ask('why did my sign-ins fail this week?');
    const burst = /Outlook: (\d+) background token refreshes failed \((\d+)\) [^–\n]+–\d\d:\d\d/.exec(answer.text);
    expect(burst).not.toBeNull();
    const count = Number(burst![1]);
    expect(count).toBeGreaterThan(1);
    // The count is the failing Outlook refreshes of one burst in the log, not a made-up number.
    const sameCode = hers().filter(
      (r) => background(r) && r.appDisplayName!.endsWith('Outlook') && r.status?.errorCode === Number(burst![2]),
    );
    expect(sameCode.length).toBeGreaterThanOrEqual(count);
    // No row lists one Outlook refresh of that code on its own next to the burst.
    expect(answer.text).not.toContain(`Outlook (background) · ${burst![2]} `);
  });

  it('a single background failure is labelled (Teams refreshes)', async () => {
    const answer = await ask('why did my sign-ins fail this week? show more', 'en-US');
    const first = await ask('why did my sign-ins fail this week?');
    expect(`${first.text}\n${answer.text}`).toMatch(/Teams \(background\) · (50173|70043|700082) /);
  });

  it('her own question leads with an interactive failure, not the background ones', async () => {
    const answer = await ask('why did my sign-ins fail this week?');
    const interactiveFailures = hers().filter((r) => !background(r) && r.status?.errorCode !== 0);
    expect(interactiveFailures.length).toBeGreaterThan(0);
    expect(answer.tickets.length).toBeGreaterThan(0);
    expect(interactiveFailures.map((r) => r.id)).toContain(answer.tickets[0]);
  });

  it('is worded in Dutch too', async () => {
    const answer = await ask('waarom mislukten mijn aanmeldingen deze week?', 'nl-NL');
    expect(answer.text).toMatch(/Outlook: \d+ token-vernieuwingen op de achtergrond mislukt \(\d+\)/);
  });

  it('"why does Outlook keep asking for my password?" still leads with the background failures', async () => {
    const answer = await ask('why does Outlook keep asking for my password?');
    const refreshes = hers().filter((r) => background(r) && r.status?.errorCode !== 0);
    expect(refreshes.map((r) => r.id)).toContain(answer.tickets[0]);
  });
});
