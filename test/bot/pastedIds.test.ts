/**
 * Request ids and screens as people paste them (issue 22), over HTTP: a request id alone, in a
 * sentence, or a Dutch screen starting "Sorry, er is een probleem…" joined into one line finds that
 * sign-in — never "person not found". A non-reader's id of someone else's sign-in answers exactly
 * like an unknown id.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { cardToText, executeActions } from '../../src/cards/text';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { NOW, startApp, type RunningApp } from '../support/app';

const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };
const UNKNOWN = '0badc0de-0000-4000-8000-000000000001';
let running: RunningApp;
let n = 0;

beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.stop());

function failureOf(userId: string): SignIn {
  const prompts = new Set([0, 50058, 50140, 50074, 50076, 50097, 50125]);
  return running.tenant.signIns.find(
    (r) =>
      r.userId === userId &&
      !prompts.has(r.status!.errorCode!) &&
      (r as { signInEventTypes?: string[] }).signInEventTypes?.[0] === 'interactiveUser',
  )!;
}

/** A failed interactive sign-in of someone other than Alex, 8 to 29 days old. */
function olderFailure(): SignIn {
  return running.tenant.signIns.find((r) => {
    const age = (NOW.getTime() - Date.parse(String(r.createdDateTime))) / 86_400_000;
    return (
      r.userId !== ALEX.aadObjectId &&
      age > 8 &&
      age < 29 &&
      r.status?.errorCode === 50053 &&
      (r as { signInEventTypes?: string[] }).signInEventTypes?.[0] === 'interactiveUser'
    );
  })!;
}

async function ask(text: string, asker: typeof MEGAN, locale = 'en-US') {
  n += 1;
  const [card] = cardsIn(
    await postActivity(running.url, teamsMessage(text, { ...asker, locale, conversationId: `a:pasted-ids-${n}` })),
  );
  const actions = executeActions(card);
  return {
    text: cardToText(card),
    tickets: actions.filter((a) => a.verb === 'openTicket').map((a) => a.data.signInId),
  };
}

describe('a request id, however it is pasted', () => {
  const record = () => failureOf(MEGAN.aadObjectId);

  it.each([
    (id: string) => id,
    (id: string) => `here's the request id from the error screen: ${id}`,
    (id: string) => `why did request ${id} fail`,
    (id: string) => `Request Id: ${id}`,
  ])('a reader finds that sign-in (%#)', async (phrase) => {
    const r = record();
    const answer = await ask(phrase(r.id!), ALEX);
    expect(answer.tickets[0]).toBe(r.id);
    expect(answer.text).toContain(String(r.status!.errorCode));
    expect(answer.text).not.toMatch(/not found|niet gevonden/i);
  });

  it("a reader's request id is answered about that sign-in's person, not as a count over the tenant", async () => {
    const r = record();
    const answer = await ask(`here's the request id from the error screen: ${r.id}`, ALEX);
    const headline = answer.text.split('\n')[0];
    expect(headline).toContain(r.userDisplayName!);
    expect(answer.tickets[0]).toBe(r.id);
  });

  it('a Dutch screen starting "Sorry, er is een probleem…", joined into one line, is that sign-in, not person "Sorry"', async () => {
    const r = record();
    const pasted = [
      'Aanmelden',
      'Sorry, er is een probleem opgetreden bij het aanmelden.',
      `AADSTS${r.status!.errorCode}: er ging iets mis.`,
      'Details voor probleemoplossing',
      `Aanvraag-id: ${r.id}`,
      `Correlatie-id: ${r.correlationId}`,
      `Tijdstempel: ${String(r.createdDateTime)}`,
    ].join(' ');
    const answer = await ask(pasted, MEGAN, 'nl-NL');
    expect(answer.tickets[0]).toBe(r.id);
    expect(answer.text).not.toContain('Sorry');
  });

  it('a bare GUID that is no sign-in id is tried as a correlation id, then as a person', async () => {
    const r = record();
    const byCorrelation = await ask(r.correlationId!, ALEX);
    expect(byCorrelation.tickets).toContain(r.id);
    n += 1;
    const [card] = cardsIn(
      await postActivity(
        running.url,
        teamsMessage(MEGAN.aadObjectId, { ...ALEX, conversationId: `a:pasted-ids-${n}` }),
      ),
    );
    expect(
      executeActions(card)
        .filter((a) => 'userId' in a.data)
        .map((a) => a.data.userId),
    ).toContain(MEGAN.aadObjectId);
    expect(cardToText(card)).toContain('Megan Bowen');
  });

  // The id names one attempt, and people paste last week's screens: a question without a time looks for it over the
  // log's whole retention (30 days), not the 7 days (or 24 hours) of a question about a person.
  it.each([
    (r: SignIn) => r.id!,
    (r: SignIn) => `waarom mislukte deze aanmelding: ${r.id}`,
    (r: SignIn) => `can you look up request id ${r.id}`,
    (r: SignIn) => `correlation id ${r.correlationId}`,
  ])('a sign-in older than the default window is found by its id (%#)', async (phrase) => {
    const r = olderFailure();
    const answer = await ask(phrase(r), ALEX);
    expect(answer.tickets).toContain(r.id);
    expect(answer.text.split('\n')[0]).toContain(r.userDisplayName!.split(' ')[0]);
  });

  it("a non-reader's bare id of someone else's sign-in answers like an unknown id", async () => {
    const alexs = failureOf(ALEX.aadObjectId).id!;
    const notHers = await ask(alexs, MEGAN);
    const nothing = await ask(UNKNOWN, MEGAN);
    expect(notHers.tickets).toEqual([]);
    expect(notHers.text.split(alexs).join('<id>')).toBe(nothing.text.split(UNKNOWN).join('<id>'));
    expect(notHers.text).not.toMatch(/Alex|Wilber/i);
    // and someone else's object id too
    const alexId = await ask(ALEX.aadObjectId, MEGAN);
    expect(alexId.text.split(ALEX.aadObjectId).join('<id>')).toBe(nothing.text.split(UNKNOWN).join('<id>'));
  });
});
