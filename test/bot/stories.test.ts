/**
 * The demo stories over the real HTTP server: for each, the card's first visible text names the
 * cause, a visible "What to do now" step is specific to the finding, and "Open support ticket" is
 * visible without toggling anything. Expected places and policies come from the demo tenant's own
 * records, not from the card.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { cardToText, executeActions } from '../../src/cards/text';
import { countryName } from '../../src/cards/wording';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import { NOW, startApp, type RunningApp } from '../support/app';

type El = Record<string, unknown>;
let running: RunningApp;
let conversation = 0;

beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.stop());

const person = (name: string) => DEMO_PEOPLE.find((p) => p.displayName === name)!;
function asker(name: string, locale = 'en-US'): AskerInfo {
  conversation += 1;
  const p = person(name);
  return { aadObjectId: p.id, name: p.displayName, locale, conversationId: `a:story-${conversation}` };
}

/** Text blocks and actions a person sees without toggling: nothing inside an element with isVisible false. */
function visible(card: El): { texts: string[]; verbs: string[] } {
  const texts: string[] = [];
  const verbs: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as El;
    if (el.isVisible === false) return;
    if (el.type === 'TextBlock') texts.push(String(el.text));
    if (el.type === 'Action.Execute') verbs.push(String(el.verb));
    for (const [key, value] of Object.entries(el)) if (key !== 'card') walk(value);
  };
  walk(card.body);
  walk(card.actions);
  return { texts, verbs };
}

/** The numbered steps under "What to do now" (or its Dutch heading). */
function steps(card: El, heading: string): string[] {
  const { texts } = visible(card);
  const at = texts.indexOf(heading);
  expect(at).toBeGreaterThan(0);
  return texts[at + 1].split('\n');
}

async function ask(who: AskerInfo, text: string): Promise<El> {
  const result = await postActivity(running.url, teamsMessage(text, who));
  expect(result.status).toBe(200);
  const cards = cardsIn(result);
  expect(cards).toHaveLength(1);
  return cards[0];
}

const failuresOf = (userId: string, code: number): SignIn[] =>
  running.tenant.signIns.filter(
    (r) =>
      r.userId === userId && r.status?.errorCode === code && Date.parse(r.createdDateTime as string) <= NOW.getTime(),
  );
const newest = (records: SignIn[]) =>
  [...records].sort((a, b) => Date.parse(b.createdDateTime as string) - Date.parse(a.createdDateTime as string))[0];

describe("Megan Bowen's lockout", () => {
  it('as the helpdesk asks: locked, how many wrong passwords, from which country; confirm, reset, revoke; ticket visible', async () => {
    const card = await ask(asker('Alex Wilber'), 'why did Megan Bowen fail to sign in yesterday?');
    const lock = newest(
      failuresOf(person('Megan Bowen').id, 50053).filter(
        (r) => Date.parse(r.createdDateTime as string) < Date.parse('2026-11-26T23:00:00Z'),
      ),
    );
    const country = countryName(lock.location!.countryOrRegion!, 'en')!;
    const [first] = visible(card).texts;
    expect(first).toMatch(/^Megan's account was locked/);
    expect(first).toMatch(/\d+ wrong passwords from/);
    expect(first).toContain(country);
    const todo = steps(card, 'What to do now');
    expect(todo[0]).toContain(country);
    // The card carries the fixes: the step points to their buttons rather than to the portal (issue 21).
    expect(todo.join(' ')).toMatch(/«Revoke sessions».*new password/);
    expect(visible(card).verbs).toContain('openTicket');
  });

  it('as Megan asks herself: her own words, "if that wasn\'t you"', async () => {
    const card = await ask(asker('Megan Bowen'), "why can't I sign in?");
    const [first] = visible(card).texts;
    expect(first).toMatch(/^Your account was locked/);
    expect(steps(card, 'What to do now')[0]).toMatch(/^1\. If that wasn't you, reset your password now/);
    expect(visible(card).verbs).toContain('openTicket');
  });
});

it("Adele Vance's Conditional Access block names the policy and the country, and asks to confirm travel", async () => {
  const card = await ask(asker('Alex Wilber'), 'why was Adele Vance blocked this week?');
  const blocked = newest(failuresOf(person('Adele Vance').id, 53003));
  const policy = blocked.appliedConditionalAccessPolicies!.find((p) => p.result === 'failure')!.displayName!;
  const country = countryName(blocked.location!.countryOrRegion!, 'en')!;
  const [first] = visible(card).texts;
  expect(first).toContain(`Conditional Access policy "${policy}"`);
  expect(first).toContain(country);
  const todo = steps(card, 'What to do now');
  expect(todo[0]).toContain(`travelling in ${country}`);
  expect(todo[1]).toContain(policy);
  expect(visible(card).verbs).toContain('openTicket');
});

describe.each([
  [
    'en',
    'en-US',
    'why did Patti Fernandez fail to sign in this week?',
    'What to do now',
    /^Likely MFA fatigue: \d+ MFA requests to Patti Fernandez/,
    /password is probably known.*«Require a new password»/,
  ],
  [
    'nl',
    'nl-NL',
    'waarom kon Patti Fernandez deze week niet inloggen?',
    'Wat je nu kunt doen',
    /^Waarschijnlijk MFA-moeheid: \d+ MFA-verzoeken aan Patti Fernandez/,
    /kent waarschijnlijk het wachtwoord.*«Nieuw wachtwoord verplichten»/,
  ],
] as const)("Patti Fernandez's MFA fatigue in %s", (_language, locale, question, heading, verdict, reset) => {
  it('calls it MFA fatigue, says the password is probably known: reset and check MFA methods', async () => {
    const card = await ask(asker('Alex Wilber', locale), question);
    expect(visible(card).texts[0]).toMatch(verdict);
    const todo = steps(card, heading);
    expect(todo[0]).toMatch(reset);
    expect(todo[1]).toMatch(/MFA/);
    expect(visible(card).verbs).toContain('openTicket');
  });
});

it('"is there an outage?" gets a yes or a no first, about the last hour', async () => {
  const card = await ask(asker('Alex Wilber'), 'is there an outage?');
  expect(visible(card).texts[0]).toMatch(/^(No: no tenant-wide sign-in problem|Yes: )/);
  expect(visible(card).texts[0]).toContain('Fri 27 Nov, 10:00 and Fri 27 Nov, 11:00');
});

it("a count question gets the number first, not a person's name", async () => {
  const card = await ask(asker('Alex Wilber'), 'how many times did users sign in this week?');
  const [first] = visible(card).texts;
  expect(first).toMatch(/^[\d,]+ sign-ins: [\d,]+ succeeded, [\d,]+ failed \([\d,]+ people\)\.$/);
  expect(DEMO_PEOPLE.some((p) => first.includes(p.displayName))).toBe(false);
});

it('an empty filtered answer restates the app and the window', async () => {
  const card = await ask(asker('Alex Wilber'), 'who failed to sign in to Salesforce in the last hour?');
  const [first] = visible(card).texts;
  expect(first).toContain('Salesforce');
  expect(first).toContain('between Fri 27 Nov, 10:00 and Fri 27 Nov, 11:00');
});

it('the ticket flow keeps the investigation on the card and shows the comment back', async () => {
  const alex = asker('Alex Wilber');
  const card = await ask(alex, 'why did Megan Bowen fail to sign in yesterday?');
  const button = executeActions(card).find((a) => a.verb === 'openTicket')!;
  const comment = 'She says she was not in Lisbon.';
  const result = await postActivity(running.url, teamsCardAction('openTicket', { ...button.data, comment }, alex));
  const [after] = cardsIn(result) as El[];
  const texts = visible(after).texts;
  expect(texts[0]).toBe(visible(card).texts[0]);
  expect(cardToText(after)).toMatch(/Ticket SIT-[0-9A-Z]+ opened; it went to /);
  expect(cardToText(after)).toContain(`Your comment: "${comment}"`);
  expect(visible(after).verbs).not.toContain('openTicket');
});
