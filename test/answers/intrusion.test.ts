/**
 * Issue 22: "did anyone try to get into my account?" answers yes or no first, from failed attempts in
 * places the person does not sign in from, with "This wasn't me" (a ticket that says so) — over HTTP.
 */
import { DEMO_PEOPLE } from '../../src/demo/people';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { cardToText, executeActions } from '../../src/cards/text';
import { wording } from '../../src/cards/wording';
import { cardProblems } from '../cards/validateCard';
import { loadConfig } from '../../src/config';
import { answerSignIns } from '../../src/answers/signIns';
import type { Requester } from '../../src/answers/types';
import { categoryOf } from '../../src/diagnosis/categories';
import { DEFAULT_THRESHOLDS } from '../../src/diagnosis/thresholds';
import type { SignInSource } from '../../src/signins/signInLog';
import { query } from '../fixtures/cards';
import { NOW, startApp, type RunningApp } from '../support/app';

let running: RunningApp;
let n = 0;
beforeAll(async () => {
  running = await startApp({ RATE_LIMIT_PER_MINUTE: '100000' });
});
afterAll(() => running.stop());

const asker = (name: string, locale = 'en-US') => {
  const p = DEMO_PEOPLE.find((x) => x.displayName === name)!;
  n += 1;
  return { aadObjectId: p.id, name: p.displayName, locale, conversationId: `a:intrusion-${n}` };
};

test('Megan: "did anyone try to get into my account this week?" → yes, Lisbon, the lockout, and "This wasn\'t me"', async () => {
  const megan = asker('Megan Bowen');
  const [card] = cardsIn(
    await postActivity(running.url, teamsMessage('did anyone try to get into my account this week?', megan)),
  );
  expect(cardProblems(card)).toEqual([]);
  const text = cardToText(card);
  expect(text.split('\n')[0]).toMatch(/^Yes: \d+ failed sign-in attempts? from Lisbon \(Portugal\)/);
  expect(text).toContain(wording('en').intrusion.lockout);
  expect(text).not.toMatch(/signed in successfully/);
  const notMe = executeActions(card).find((a) => a.title === wording('en').intrusion.notMe)!;
  expect(notMe.verb).toBe('openTicket');
  // The attempt the ticket is about is one of Megan's, from Portugal.
  const record = running.tenant.signIns.find((r) => r.id === notMe.data.signInId)!;
  expect([record.userId, record.location?.countryOrRegion]).toEqual([megan.aadObjectId, 'PT']);
  const [opened] = cardsIn(await postActivity(running.url, teamsCardAction('openTicket', notMe.data, megan)));
  expect(cardToText(opened)).toMatch(/Ticket SIT-[0-9A-F]{8}/);
  expect(cardToText(opened).split('\n')[0]).toMatch(/^Yes:/);
});

test('someone with no attempts from elsewhere hears no first', async () => {
  const [card] = cardsIn(
    await postActivity(
      running.url,
      teamsMessage('has someone tried to log in to my account this week?', asker('Lynne Robbins')),
    ),
  );
  expect(cardToText(card).split('\n')[0]).toMatch(/^(No:|I cannot tell)/);
  expect(executeActions(card).filter((a) => a.verb === 'openTicket')).toEqual([]);
});

test('in Dutch: "heeft iemand geprobeerd in te loggen op mijn account?"', async () => {
  const [card] = cardsIn(
    await postActivity(
      running.url,
      teamsMessage('heeft iemand deze week geprobeerd in te loggen op mijn account?', asker('Megan Bowen', 'nl-NL')),
    ),
  );
  expect(cardToText(card).split('\n')[0]).toMatch(/^Ja: /);
});

// A kind of failure named in the question ("my password") narrows the attempts, not the successes the places are
// measured against: without them nothing is "unfamiliar" and the answer could only say it cannot tell.
test.each([
  ['has someone been trying my password?', 'en-US', /^Yes: /],
  ['probeert iemand mijn wachtwoord te raden?', 'nl-NL', /^Ja: /],
])(
  'Megan: "%s" → yes, from Lisbon: a named kind of failure keeps her successes as the places she signs in from',
  async (question, locale, yes) => {
    const [card] = cardsIn(await postActivity(running.url, teamsMessage(question, asker('Megan Bowen', locale))));
    expect(cardProblems(card)).toEqual([]);
    const headline = cardToText(card).split('\n')[0];
    expect(headline).toMatch(yes);
    expect(headline).toMatch(/Lisbon/);
  },
);

// The parser today drops the kind for these questions; the answer must not depend on that. One module (answerSignIns)
// over Megan's real demo records, from a source that returns them as the log would.
test('answerSignIns: an intrusion question with a kind (password) still measures places against all successes', async () => {
  const loaded = loadConfig({ DEMO: 'true' });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const megan = DEMO_PEOPLE.find((x) => x.displayName === 'Megan Bowen')!;
  const source: SignInSource = {
    find: async (q) => ({
      records: running.tenant.signIns.filter(
        (r) =>
          r.userId === q.userId &&
          Date.parse(String(r.createdDateTime)) >= q.from.getTime() &&
          Date.parse(String(r.createdDateTime)) <= q.to.getTime(),
      ),
      truncated: false,
      requests: 1,
    }),
    byId: async () => null,
    ownById: async () => null,
  };
  const answer = await answerSignIns(
    { config: loaded.config, signIns: source, thresholds: DEFAULT_THRESHOLDS, now: () => NOW },
    {
      userId: megan.id,
      tenantId: undefined,
      name: megan.displayName,
      timeZone: 'Europe/Amsterdam',
      conversationKey: 'intrusion-unit',
    } satisfies Requester,
    query({ userId: megan.id, from: null, to: null, intrusion: true, category: 'password' }),
    null,
  );
  expect(answer.kind).toBe('intrusion');
  if (answer.kind !== 'intrusion') return;
  expect(answer.facts.homeCountries).toContain('US');
  expect(answer.facts.places.map((p) => p.country)).toContain('PT');
  expect(answer.facts.attempts.every((a) => categoryOf(a.record) === 'password')).toBe(true);
});
