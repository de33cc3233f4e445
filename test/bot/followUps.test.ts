import { cardToText, executeActions } from '../../src/cards/text';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';

const MEGAN = '00000000-0000-0000-0000-0000000000021';
let running: RunningApp;
let n = 0;

beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.stop());

/** A fresh conversation with Alex Wilber (a reader) for each test. */
function alex(): AskerInfo {
  n += 1;
  return { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber', conversationId: `a:follow-ups-${n}` };
}

async function ask(asker: AskerInfo, text: string) {
  const [card] = cardsIn(await postActivity(running.url, teamsMessage(text, asker)));
  return { card, text: cardToText(card), tickets: executeActions(card).filter((a) => a.verb === 'openTicket').map((a) => String(a.data.signInId)) };
}

describe('follow-ups in one conversation', () => {
  it('"and the day before?" keeps the person and moves the day, without looking the person up again', async () => {
    const asker = alex();
    await ask(asker, 'why did megan bowen fail to sign in yesterday');
    const before = running.tenant.requestLog.length;
    const next = await ask(asker, 'and the day before?');
    expect(next.text).toContain('Sign-in failures: Megan Bowen');
    const made = running.tenant.requestLog.slice(before);
    expect(made.filter((r) => r.path === '/users')).toEqual([]);
    expect(made.filter((r) => r.path === '/auditLogs/signIns').map((r) => r.filter)).toEqual([
      `userId eq '${MEGAN}' and createdDateTime ge 2026-11-24T23:00:00Z and createdDateTime le 2026-11-25T23:00:00Z and signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')`,
    ]);
  });

  it('"show more" continues after the rows already shown, and the button does the same', async () => {
    const asker = alex();
    const first = await ask(asker, 'why did megan bowen fail to sign in this week');
    expect(first.tickets).toHaveLength(10);
    const more = await ask(asker, 'show more');
    expect(more.tickets.length).toBeGreaterThan(0);
    expect(more.tickets.some((id) => first.tickets.includes(id))).toBe(false);
    expect(more.text).toMatch(/Attempts 11–\d+ of \d+\./);
    const button = executeActions(first.card).find((a) => a.verb === 'showMore')!;
    const clicked = cardsIn(await postActivity(running.url, teamsCardAction('showMore', button.data, asker)))[0];
    expect(executeActions(clicked).filter((a) => a.verb === 'openTicket').map((a) => a.data.signInId)).toEqual(more.tickets);
  });

  it('"details of the second one" shows only the second attempt', async () => {
    const asker = alex();
    const first = await ask(asker, 'why did megan bowen fail to sign in yesterday');
    const details = await ask(asker, 'details of the second one');
    expect(details.tickets).toEqual([first.tickets[1]]);
  });

  it('"what about Adele?" asks the same about someone else', async () => {
    const asker = alex();
    await ask(asker, 'why did megan bowen fail to sign in yesterday');
    const other = await ask(asker, 'what about adele vance?');
    expect(other.text).toContain('Sign-in failures: Adele Vance');
    expect(other.text).toContain('Period: Thu 26 Nov, 00:00 – Fri 27 Nov, 00:00 (Europe/Amsterdam).');
  });

  it('answers a Dutch follow-up in Dutch', async () => {
    const asker = { ...alex(), locale: 'nl-NL' };
    await ask(asker, 'waarom kon megan bowen vandaag niet inloggen?');
    const next = await ask(asker, 'en gisteren?');
    expect(next.text).toContain('Mislukte aanmeldingen: Megan Bowen');
    expect(next.text).toContain('Periode: do 26 nov, 00:00 – vr 27 nov, 00:00 (Europe/Amsterdam).');
  });
});
