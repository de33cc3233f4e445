/**
 * Tenant-wide questions over HTTP, on the demo tenant with its live incident and the live index:
 * each kind its own answer (who failed, who is locked out, which apps / codes / countries), the open
 * incident said first, filters said (and the one that cannot be applied said as such), readers only.
 */
import { DemoTenant } from '../../src/demo/tenant';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { withLiveIncident, LIVE_INCIDENT } from '../../src/demo/liveIncident';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { cardToText } from '../../src/cards/text';
import { cardProblems } from '../cards/validateCard';
import { NOW, startApp, type RunningApp } from '../support/app';
import { manyPeople, render, tenantOf } from '../fixtures/cards';

let running: RunningApp;
let n = 0;
const person = (name: string) => DEMO_PEOPLE.find((p) => p.displayName === name)!;

async function ask(text: string, who = 'Alex Wilber', locale = 'en-US') {
  const p = person(who);
  n += 1;
  const [card] = cardsIn(
    await postActivity(
      running.url,
      teamsMessage(text, { aadObjectId: p.id, name: p.displayName, locale, conversationId: `a:tenant-${n}` }),
    ),
  );
  expect(cardProblems(card)).toEqual([]);
  return { card, text: cardToText(card), json: JSON.stringify(card) };
}

beforeAll(async () => {
  running = await startApp(
    { SIGNIN_INDEX_HOURS: '168', RATE_LIMIT_PER_MINUTE: '100000' },
    { demoTenant: new DemoTenant(withLiveIncident({ now: NOW })) },
  );
  for (let i = 0; i < 500 && running.app.signInIndex!.poller.stats().filling; i++)
    await new Promise((r) => setTimeout(r, 20));
  await running.app.incidents!.monitor.runOnce();
});
afterAll(() => running.stop());

test('the demo has the live incident open', () => {
  const open = running.app.incidents!.monitor.incidents().filter((i) => !i.resolved);
  expect(open.some((i) => i.policy === LIVE_INCIDENT.policy.displayName && i.people >= 20)).toBe(true);
});

test('"who failed to sign in today?" leads with how many people, says the open incident first, and ranks the rest with their cause', async () => {
  const { card, text } = await ask('who failed to sign in today?');
  const body = card.body as { text?: string }[];
  expect(body[0].text).toMatch(/^\d+ people could not sign in/);
  // The incident, named by its policy, before any one person.
  const incident = text.indexOf(LIVE_INCIDENT.policy.displayName);
  expect(incident).toBeGreaterThan(-1);
  expect(text.indexOf('Megan Bowen')).toBeGreaterThan(incident);
  expect(text).toMatch(/Megan Bowen: locked out/);
  // The incident's people are counted with it, not listed one by one.
  const finance = DEMO_PEOPLE.filter((p) => p.department === 'Finance').map((p) => p.displayName);
  expect(finance.filter((name) => text.includes(`- ${name}:`))).toEqual([]);
});

test('"who is locked out right now?" names Megan and says whether she signed in since', async () => {
  const { text } = await ask('who is locked out right now?');
  expect(text.split('\n')[0]).toMatch(/locked out: .*Megan Bowen/);
  expect(text).toMatch(
    /Megan Bowen: locked out \d+ times?, first at .*, last at .*(signed in again at|may still be locked out)/,
  );
});

test('"which apps have the most failures this week?" ranks apps, with a chart and its text fallback', async () => {
  const { card, text } = await ask('which apps have the most failures this week?');
  const rows = [...text.matchAll(/^- (.+): (\d+) failed sign-in attempts \((\d+) (?:people|person)\)$/gm)].map((m) => ({
    app: m[1],
    failures: Number(m[2]),
  }));
  expect(rows.length).toBeGreaterThan(2);
  expect(rows.map((r) => r.failures)).toEqual([...rows.map((r) => r.failures)].sort((a, b) => b - a));
  expect(text.split('\n')[0]).toMatch(new RegExp(`^${rows[0].app} has the most failures: ${rows[0].failures} `));
  expect(rows.map((r) => r.app)).toContain(LIVE_INCIDENT.app.appDisplayName);
  // The open incident is said too.
  expect(text).toContain(LIVE_INCIDENT.policy.displayName);
  const charts = (card.body as { type: string; fallback?: unknown }[]).filter((e) => e.type.startsWith('Chart.'));
  expect(charts.length).toBeGreaterThan(0);
});

test('"who failed from outside the Netherlands?" applies the country and says it', async () => {
  const all = await ask('who failed to sign in this week?');
  const abroad = await ask('who failed to sign in from outside the Netherlands this week?');
  expect(abroad.text).toMatch(/from outside Netherlands/);
  const count = (t: string) => Number(/(\d+) failed sign-in attempts\)/.exec(t.split('\n')[0])?.[1]);
  expect(count(abroad.text)).toBeLessThan(count(all.text));
});

test('"abroad" is outside the country most sign-ins succeed from, and said', async () => {
  const all = await ask('who failed to sign in this week?');
  const abroad = await ask('who failed to sign in from abroad this week?');
  expect(abroad.text).toMatch(/from abroad/);
  const count = (t: string) => Number(/(\d+) failed sign-in attempts\)/.exec(t.split('\n')[0])?.[1]);
  expect(count(abroad.text)).toBeLessThan(count(all.text));
  expect(abroad.text).toMatch(/Megan Bowen/);
});

test('a country that could not be applied is said on the card, not dropped', () => {
  const card = render(tenantOf(manyPeople, 'people'), 'en');
  expect(cardToText(card.content)).toMatch(/Not applied: .*Atlantis/);
});

test('"hoeveel mensen konden vandaag niet inloggen?" leads with the number of people who failed', async () => {
  const { card } = await ask('hoeveel mensen konden vandaag niet inloggen?', 'Alex Wilber', 'nl-NL');
  expect((card.body as { text?: string }[])[0].text).toMatch(/^\d+ mensen konden niet inloggen/);
});

test('tenant-wide answers are for readers only: anyone else asking "who failed to sign in today?" hears about themselves', async () => {
  const { text } = await ask('who failed to sign in today?', 'Megan Bowen');
  expect(text).not.toMatch(/people could not sign in/);
  expect(text).not.toContain('Patti');
});

type ChartLine = { type: string; data?: { legend: string; values: { y: number }[] }[]; fallback?: unknown };
const timelineOf = (card: Record<string, unknown>) => (card.body as ChartLine[]).find((e) => e.type === 'Chart.Line');

test('a count narrowed to one kind of failure draws and says failures only, never "0 succeeded"', async () => {
  const narrowed = await ask('how many sign-ins were blocked by conditional access today?');
  const line = timelineOf(narrowed.card)!;
  expect(line.data!.map((s) => s.legend)).toEqual(['Failed']);
  expect(line.data![0].values.some((v) => v.y > 0)).toBe(true);
  // The headline counts the failed attempts; no success count the log was never asked for.
  expect(narrowed.text.split('\n')[0]).toMatch(/^\d+ failed sign-in attempts \(\d+ people\)/);
  expect(narrowed.text).not.toMatch(/\b0 succeeded\b/);
  // Asked about every sign-in, both lines are drawn and the headline says both.
  const all = await ask('how many sign-ins were there today?');
  expect(timelineOf(all.card)!.data!.map((s) => s.legend)).toEqual(['Succeeded', 'Failed']);
  expect(all.text.split('\n')[0]).toMatch(/\d+ succeeded, \d+ failed/);
});

test('"who was blocked by conditional access today?" draws its failures without a success line', async () => {
  const { card, text } = await ask('who was blocked by conditional access today?');
  expect(timelineOf(card)!.data!.map((s) => s.legend)).toEqual(['Failed']);
  expect(text).not.toMatch(/\bsucceeded\b/);
});

test('one person narrowed to lockouts: "how many times was Megan locked out today?" counts her failed attempts', async () => {
  const { text } = await ask('how many times was Megan Bowen locked out today?');
  expect(text.split('\n')[0]).toMatch(/^Megan Bowen had \d+ failed sign-in attempts?\./);
  expect(text).not.toMatch(/\bsucceeded\b/);
});

test('"how many accounts are locked right now?" is answered by the locked-out list: counted, named, still locked or not', async () => {
  for (const [question, locale] of [
    ['how many accounts are locked right now?', 'en-US'],
    ['hoeveel accounts zitten er nu op slot?', 'nl-NL'],
  ]) {
    const { text } = await ask(question, 'Alex Wilber', locale);
    // The headline counts the people locked out and names them, not sign-in attempts.
    expect(text.split('\n')[0]).toMatch(/^1 \w+ .*: Megan Bowen\.$/);
    expect(text.split('\n')[0]).not.toMatch(/\d+ (failed|mislukte)/);
    expect(text).toMatch(/Megan Bowen: .* (signed in again at|weer ingelogd|may still be locked out|mogelijk nog)/);
  }
});

test('a tenant-wide count says the open incident right after the number, EN and NL', async () => {
  const people = await ask('how many people failed today?');
  const lines = people.text.split('\n');
  expect(lines[0]).toMatch(/^\d+ people could not sign in/);
  expect(lines[1]).toContain(LIVE_INCIDENT.policy.displayName);
  // After a count of sign-ins, the incident's number is said of the people who failed, not "of them".
  const signIns = await ask('how many sign-ins failed today?');
  expect(signIns.text.split('\n')[1]).toMatch(/^\d+ of the people who failed .*Block unmanaged devices/);
  const dutch = await ask('hoeveel mensen konden vandaag niet inloggen?', 'Alex Wilber', 'nl-NL');
  expect(dutch.text.split('\n')[1]).toContain(LIVE_INCIDENT.policy.displayName);
});

test('"how many users got locked out today?" counts the people locked out and their failed attempts, never "of" sign-ins it did not read', async () => {
  const { text } = await ask('how many users got locked out today?');
  expect(text.split('\n')[0]).toMatch(/^1 person was locked out .*\(\d+ failed sign-in attempts?\)\.$/);
  expect(text).not.toMatch(/\bsucceeded\b/);
  const dutch = await ask('hoeveel mensen zaten vandaag op slot?', 'Alex Wilber', 'nl-NL');
  expect(dutch.text.split('\n')[0]).toMatch(/^1 persoon werd buitengesloten .*\(\d+ mislukte/);
});

test('"who got locked out this week?" names the people locked out, EN and NL, not "could not sign in"', async () => {
  for (const [question, locale, said] of [
    [
      'who got locked out this week?',
      'en-US',
      /^1 person was locked out \(\d+ failed sign-in attempts?\): Megan Bowen\.$/,
    ],
    [
      "welke collega's zaten vandaag op slot?",
      'nl-NL',
      /^1 persoon werd buitengesloten \(\d+ mislukte aanmeldpogingen?\): Megan Bowen\.$/,
    ],
  ] as const) {
    const { text } = await ask(question, 'Alex Wilber', locale);
    expect(text.split('\n')[0]).toMatch(said);
  }
});

test('"which guests failed today?" is about guests only: the demo has none, and the card says so instead of answering for everyone', async () => {
  const { text } = await ask('which guests failed to sign in today?');
  expect(text.split('\n')[0]).not.toMatch(/\d+ people could not sign in/);
  expect(text.split('\n')[0]).toMatch(/guests/);
  const dutch = await ask('welke gasten konden vandaag niet inloggen?', 'Alex Wilber', 'nl-NL');
  expect(dutch.text.split('\n')[0]).toMatch(/gasten/);
});

test('"how many people failed today? I need it for a report": the asker\'s own "I" does not turn a count of people into their own', async () => {
  for (const [question, locale, headline] of [
    ['how many people failed today? I need it for a report', 'en-US', /^\d+ people could not sign in/],
    [
      'hoeveel mensen konden vandaag niet inloggen? ik heb het nodig voor een rapport',
      'nl-NL',
      /^\d+ mensen konden niet/,
    ],
  ] as const) {
    const { text } = await ask(question, 'Alex Wilber', locale);
    expect(text.split('\n')[0]).toMatch(headline);
  }
});
