/**
 * Pasted error screens over HTTP (real server, real adapter, demo tenant behind the real Graph
 * client): the attempt the screen names comes first, for its owner and for a reader; anyone else's
 * screen gets the answer an unknown id gets.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { cardToText, executeActions } from '../../src/cards/text';
import { explain } from '../../src/diagnosis/catalog';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';

const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };
let running: RunningApp;

beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.stop());

/** The newest failed interactive sign-in of this person (not a prompt). */
function failureOf(userId: string): SignIn {
  const prompts = new Set([0, 50058, 50140, 50074, 50076, 50097, 50125]);
  return running.tenant.signIns.find(
    (r) =>
      r.userId === userId &&
      !prompts.has(r.status!.errorCode!) &&
      (r as { signInEventTypes?: string[] }).signInEventTypes?.[0] === 'interactiveUser',
  )!;
}

function screen(
  r: { code: number; id: string; correlationId: string; at: string },
  language: 'en' | 'nl',
  oneLine: boolean,
): string {
  const lines =
    language === 'en'
      ? [
          'Sign in',
          "Sorry, but we're having trouble signing you in.",
          '',
          `AADSTS${r.code}: something went wrong.`,
          '',
          'Troubleshooting details',
          'If you contact your administrator, send this info to them.',
          'Copy info to clipboard',
          '',
          `Request Id: ${r.id}`,
          `Correlation Id: ${r.correlationId}`,
          `Timestamp: ${r.at}`,
        ]
      : [
          'Aanmelden',
          'Er is een probleem opgetreden bij het aanmelden.',
          '',
          `AADSTS${r.code}: er ging iets mis.`,
          '',
          'Details voor probleemoplossing',
          'Als u contact opneemt met uw beheerder, stuurt u deze gegevens naar hem of haar.',
          'Gegevens naar klembord kopiëren',
          '',
          `Aanvraag-id: ${r.id}`,
          `Correlatie-id: ${r.correlationId}`,
          `Tijdstempel: ${r.at}`,
        ];
  return oneLine ? lines.filter(Boolean).join(' ') : lines.join('\n');
}

const fieldsOf = (r: SignIn) => ({
  code: r.status!.errorCode!,
  id: r.id!,
  correlationId: r.correlationId!,
  at: r.createdDateTime as string,
});

async function ask(text: string, asker: typeof MEGAN, locale = 'en-US') {
  const [card] = cardsIn(await postActivity(running.url, teamsMessage(text, { ...asker, locale })));
  return {
    card,
    text: cardToText(card),
    tickets: executeActions(card)
      .filter((a) => a.verb === 'openTicket')
      .map((a) => a.data.signInId),
  };
}

describe('a pasted error screen', () => {
  it.each([
    ['en', true, 'en-US'],
    ['en', false, 'en-US'],
    ['nl', true, 'nl-NL'],
    ['nl', false, 'nl-NL'],
  ] as const)(
    'of her own: a non-reader gets that attempt first, with its meaning (%s, one line: %s)',
    async (language, oneLine, locale) => {
      const record = failureOf(MEGAN.aadObjectId);
      const answer = await ask(screen(fieldsOf(record), language, oneLine), MEGAN, locale);
      expect(answer.tickets[0]).toBe(record.id);
      expect(answer.text).toContain(String(record.status!.errorCode));
      expect(answer.text).toContain(explain(record.status!.errorCode!, language, 'user').title);
      const reads = running.tenant.signInRequests().slice(-1);
      expect(reads[0].filter).toContain(`id eq '${record.id}'`);
      expect(reads[0].filter).toContain(`userId eq '${MEGAN.aadObjectId}'`);
    },
  );

  it("of someone else's: a reader gets that person's attempt", async () => {
    const record = failureOf(MEGAN.aadObjectId);
    const answer = await ask(screen(fieldsOf(record), 'en', true), ALEX);
    expect(answer.tickets[0]).toBe(record.id);
    expect(answer.text).toContain(String(record.status!.errorCode));
  });

  it("of someone else's: a non-reader gets the same answer as for an id that does not exist", async () => {
    const alexs = fieldsOf(failureOf(ALEX.aadObjectId));
    const unknown = {
      ...alexs,
      id: '0badc0de-0000-4000-8000-000000000001',
      correlationId: '0badc0de-0000-4000-8000-000000000002',
    };
    const notHers = await ask(screen(alexs, 'en', true), MEGAN);
    const nothing = await ask(screen(unknown, 'en', true), MEGAN);
    expect(notHers.tickets).toEqual([]);
    // The empty answer restates the filters: the ids she pasted herself, and nothing else of Alex's.
    const pasted = (text: string, ids: { id: string; correlationId: string }) =>
      text.split(ids.id).join('<request id>').split(ids.correlationId).join('<correlation id>');
    expect(pasted(notHers.text, alexs)).toBe(pasted(nothing.text, unknown));
    expect(notHers.text).not.toMatch(/Alex|Wilber|alexw@/i);
  });
});

describe('non-interactive sign-ins', () => {
  it('"why does Outlook keep asking for my password?" finds her failed token refreshes', async () => {
    const answer = await ask('why does Outlook keep asking for my password?', MEGAN);
    const refreshes = running.tenant.signIns.filter(
      (r) => r.userId === MEGAN.aadObjectId && r.isInteractive === false && r.status!.errorCode !== 0,
    );
    expect(refreshes.length).toBeGreaterThan(0);
    expect(answer.tickets.some((id) => refreshes.some((r) => r.id === id))).toBe(true);
    expect(answer.text).toMatch(/50173|70043|700082/);
  });
});
