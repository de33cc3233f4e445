/**
 * What the previous question lends the next one, over HTTP (where the bugs of issue 22 were seen):
 * a complete question starts fresh, "help" clears the conversation, a fragment keeps the subject.
 * The rules themselves are tested as a table in test/understanding/context.test.ts.
 */
import { cardToText, executeActions } from '../../src/cards/text';
import { cardsIn, postActivity, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';

const MEGAN = '00000000-0000-0000-0000-0000000000021';
const ISAIAH = '00000000-0000-0000-0000-0000000000023';
let running: RunningApp;
let n = 0;

beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.stop());

function alex(): AskerInfo {
  n += 1;
  return {
    aadObjectId: '00000000-0000-0000-0000-0000000000020',
    name: 'Alex Wilber',
    conversationId: `a:context-${n}`,
  };
}

/**
 * What the answer was about: the sign-in log filters the question made (none when served from the
 * cache), and the query its buttons carry (userId null = everyone; its filters).
 */
async function answerTo(
  asker: AskerInfo,
  text: string,
): Promise<{ filters: string[]; queries: Record<string, unknown>[]; text: string }> {
  const before = running.tenant.requestLog.length;
  const cards = cardsIn(await postActivity(running.url, teamsMessage(text, asker)));
  expect(cards.length).toBeGreaterThan(0);
  const filters = running.tenant.requestLog
    .slice(before)
    .filter((r) => r.path === '/auditLogs/signIns')
    .map((r) => String(r.filter));
  const queries = cards
    .flatMap((c) => executeActions(c))
    .map((a) => a.data)
    .filter((d) => 'userId' in d);
  return { filters, queries, text: cards.map((c) => cardToText(c)).join('\n') };
}

/** A count card from the cache carries neither a read nor a button: then its headline must name the person. */
const isAbout = (
  a: { filters: string[]; queries: Record<string, unknown>[]; text: string },
  userId: string | null,
  name?: string,
) =>
  (a.filters.length + a.queries.length > 0 || (name !== undefined && a.text.includes(name))) &&
  a.filters.every((f) => (userId ? f.includes(userId) : !f.includes('userId eq'))) &&
  a.queries.every((q) => q.userId === userId);

describe('context over HTTP', () => {
  it('"is there an outage right now?" after a question about Megan is about everyone, not Megan', async () => {
    const asker = alex();
    expect(isAbout(await answerTo(asker, 'why was megan bowen locked out?'), MEGAN)).toBe(true);
    expect(isAbout(await answerTo(asker, 'is there an outage right now?'), null)).toBe(true);
  });

  it('after "help", a bare request id no longer carries the previous 50126 filter', async () => {
    const asker = alex();
    expect((await answerTo(asker, 'who got error 50126 today?')).queries.some((q) => q.errorCode === 50126)).toBe(true);
    await answerTo(asker, 'help');
    const id = String(running.tenant.signIns.find((s) => s.userId === MEGAN)!.id);
    const answer = await answerTo(asker, id);
    expect(answer.filters.some((f) => f.includes('50126'))).toBe(false);
    expect(answer.queries.length).toBeGreaterThan(0);
    expect(answer.queries.every((q) => q.errorCode === null && q.requestId === id)).toBe(true);
  });

  it.each([
    'why did isaiah langer fail yesterday?',
    'how many times did isaiah fail yesterday?',
    'did isaiah sign in today?',
    'is isaiah locked out?',
    'isaiah yesterday',
    'why did isaiah fail?',
    'what happened to Isaiah today',
  ])('"and this week?" after "%s" is still about Isaiah', async (first) => {
    const asker = alex();
    expect(isAbout(await answerTo(asker, first), ISAIAH, 'Isaiah Langer')).toBe(true);
    expect(isAbout(await answerTo(asker, 'and this week?'), ISAIAH, 'Isaiah Langer')).toBe(true);
  });
});
