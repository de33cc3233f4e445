/**
 * Over HTTP, the real bot with the live sign-in index gives the same answers as the bot reading
 * Graph per question — for the people themselves, for readers asking about others and the whole
 * tenant, and for a non-reader trying to see others (still refused, still only her own sign-ins) —
 * without reading the sign-in log once the index is filled. Its answers say how fresh they are.
 */
import { wording } from '../../../src/cards/wording';
import { userSignIns } from '../../fixtures/signIns';
import { executeActions } from '../../../src/cards/text';
import { DEMO_PEOPLE } from '../../../src/demo/people';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from '../../../src/tools/activities';
import { startApp, type RunningApp } from '../../support/app';
import { until } from '../../support/until';

const ALEX = '00000000-0000-0000-0000-0000000000020';
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const PATTI = '00000000-0000-0000-0000-0000000000024';

let indexed: RunningApp;
let direct: RunningApp;
let conversation = 0;

beforeAll(async () => {
  indexed = await startApp({ SIGNIN_INDEX_HOURS: '720' });
  direct = await startApp();
  await until(() => !indexed.app.signInIndex!.poller.stats().filling, 'the index to fill', 20_000);
});
afterAll(async () => {
  await indexed.stop();
  await direct.stop();
});

function asker(id: string): AskerInfo {
  const person = DEMO_PEOPLE.find((p) => p.id === id)!;
  conversation += 1;
  return { aadObjectId: id, name: person.displayName, conversationId: `a:index-${conversation}` };
}

const [before, after] = wording('en').freshness.split('{time}');
const escape = (text: string) =>
  JSON.stringify(text)
    .slice(1, -1)
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The freshness sentence as it stands in a card's JSON (in the notes line and the fallback text). */
const FRESHNESS = new RegExp(`(\\\\n| )?${escape(before)}.*?${escape(after)}`, 'g');
type Body = { type: string; text?: string }[];

/** The card without the freshness sentence, and whether it had one. */
function split(card: Record<string, unknown>): { card: Record<string, unknown>; fresh: boolean } {
  const json = JSON.stringify(card);
  const without = JSON.parse(json.replace(FRESHNESS, '')) as Record<string, unknown>;
  // A notes line that held only the freshness sentence is left empty: drop it.
  without.body = (without.body as Body).filter((block) => block.type !== 'TextBlock' || block.text !== '');
  return { card: without, fresh: FRESHNESS.test(json) };
}

async function both(
  activity: (who: AskerInfo) => unknown,
  who: string,
): Promise<{ indexed: Record<string, unknown>[]; direct: Record<string, unknown>[]; reads: number }> {
  const before = indexed.tenant.signInRequests().length;
  const a = cardsIn(await postActivity(indexed.url, activity(asker(who))));
  const reads = indexed.tenant.signInRequests().length - before;
  const b = cardsIn(await postActivity(direct.url, activity(asker(who))));
  return { indexed: a, direct: b, reads };
}

const questions: [string, string, string][] = [
  ...DEMO_PEOPLE.slice(0, 6).map((p) => [p.displayName, p.id, "why can't I sign in?"] as [string, string, string]),
  ['Megan', MEGAN, 'why did my Outlook sign-in fail yesterday'],
  ['Megan', MEGAN, 'show my sign-ins today'],
  ['Alex (reader)', ALEX, 'why did Patti Fernandez fail to sign in this week'],
  ['Alex (reader)', ALEX, 'did Megan Bowen get 50053 yesterday'],
  ['Alex (reader)', ALEX, 'who failed to sign in to Salesforce'],
  ['Alex (reader)', ALEX, 'failed logins to the VPN in the past hour'],
  ['Megan (non-reader)', MEGAN, 'why did Patti Fernandez fail to sign in this week'],
  ['Megan (non-reader)', MEGAN, 'who failed to sign in to Salesforce'],
];

test('the index filled from the demo tenant', () => {
  expect(indexed.app.signInIndex!.index.stats().records).toBe(userSignIns(indexed.tenant).length);
});

test.each(questions.map(([who, id, text]) => [who, text, id]))(
  '%s: "%s" — the same card, no sign-in read, freshness shown when sign-ins were read',
  async (_who, text, id) => {
    const result = await both((who) => teamsMessage(text, who), id);
    expect(result.reads).toBe(0);
    expect(result.indexed).toHaveLength(1);
    const fromIndex = split(result.indexed[0]);
    const read = split(result.direct[0]);
    expect(read.fresh).toBe(false);
    expect(fromIndex.card).toEqual(read.card);
    // Refusals read nothing and say nothing about freshness.
    const refused = JSON.stringify(read.card).includes(wording('en').notAllowedTitle);
    expect(fromIndex.fresh).toBe(!refused);
  },
);

test("a non-reader pasting someone else's correlation id finds nothing of theirs, from the index as from Graph", async () => {
  const pattis = indexed.tenant.signIns.find((r) => r.userId === PATTI && r.status?.errorCode !== 0)!;
  const result = await both(
    (who) => teamsMessage(`what happened with correlation id ${pattis.correlationId}`, who),
    MEGAN,
  );
  expect(result.reads).toBe(0);
  expect(split(result.indexed[0]).card).toEqual(split(result.direct[0]).card);
  expect(JSON.stringify(result.indexed[0])).not.toContain('Patti');
});

test("a non-reader's ticket button with someone else's sign-in id is refused; with her own it opens a ticket", async () => {
  const pattis = indexed.tenant.signIns.find((r) => r.userId === PATTI && r.status?.errorCode !== 0)!;
  const forged = await both((who) => teamsCardAction('openTicket', { signInId: pattis.id, userId: MEGAN }, who), MEGAN);
  // The index holds Patti's record, but answers as for an id nobody has: Graph's filtered read (issue 24, item 5: no oracle).
  expect(forged.reads).toBe(1);
  expect(forged.indexed).toEqual(forged.direct);
  expect(JSON.stringify(forged.indexed[0])).toContain(wording('en').notAllowedTitle);

  const answer = cardsIn(await postActivity(indexed.url, teamsMessage("why can't I sign in?", asker(MEGAN))))[0];
  const ticket = executeActions(answer as never).find((a) => a.verb === 'openTicket')!;
  expect(ticket).toBeDefined();
  const mailBefore = indexed.tenant.sentMail.length;
  const opened = await both((who) => teamsCardAction('openTicket', ticket.data, who), MEGAN);
  expect(opened.reads).toBe(0);
  expect(indexed.tenant.sentMail.length).toBe(mailBefore + 1);
  expect((opened.indexed[0].body as Body)[0].text).toBe((opened.direct[0].body as Body)[0].text);
});
