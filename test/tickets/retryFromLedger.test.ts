/**
 * Issue 22: a retry of an existing ticket is answered from the ticket ledger: no sign-in read and
 * nothing taken from the person's read budget. Two concurrent clicks and a retry give one ticket and
 * three answers naming it (before: the third was "You asked a lot of questions in a short time").
 * A click refused for its rate is worded as a click.
 */
import { cardToText, executeActions } from '../../src/cards/text';
import { wording } from '../../src/cards/wording';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';

const ALEX = {
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
  conversationId: 'a:alex-retry',
};

let running: RunningApp;
beforeEach(async () => {
  // The per-person read budget is half of 4: two by-id reads per window.
  running = await startApp({
    GRAPH_REPORTS_MAX_REQUESTS: '4',
    GRAPH_REPORTS_WINDOW_SECONDS: '60',
    RATE_LIMIT_PER_MINUTE: '1000',
  });
});
afterEach(() => running.stop());

const byIdReads = (from: number) =>
  running.tenant.requestLog.slice(from).filter((r) => r.path.startsWith('/auditLogs/signIns/'));
const references = (text: string) => [...text.matchAll(/\b(SIT-[0-9A-F]{8})\b/g)].map((m) => m[1]);

test('two concurrent clicks and two retries: one ticket, every answer names it, one by-id read', async () => {
  const [card] = cardsIn(
    await postActivity(running.url, teamsMessage('why did Megan Bowen fail to sign in yesterday?', ALEX)),
  );
  const button = executeActions(card).find((a) => a.verb === 'openTicket')!;
  const before = running.tenant.requestLog.length;
  const click = () =>
    postActivity(running.url, teamsCardAction('openTicket', button.data, ALEX)).then((r) => cardToText(cardsIn(r)[0]));
  const concurrent = await Promise.all([click(), click()]);
  const retries = [await click(), await click()];
  const all = [...concurrent, ...retries];
  for (const text of all) expect(text).not.toContain(wording('en').rateLimitedText);
  const refs = all.map((t) => references(t)[0]);
  expect(refs.every((r) => r && r === refs[0])).toBe(true);
  // The investigation stays on the retried card too.
  expect(retries[1]).toMatch(/Megan/);
  expect(byIdReads(before).length).toBeLessThanOrEqual(1);
});

test('a click refused for its rate says it was a click, not a question', async () => {
  const stopped = await startApp({ RATE_LIMIT_PER_MINUTE: '1' });
  try {
    await postActivity(stopped.url, teamsMessage('help', ALEX));
    const text = cardToText(
      cardsIn(
        await postActivity(stopped.url, teamsCardAction('showMore', { intent: 'failures', userId: null }, ALEX)),
      )[0],
    );
    expect(text).toContain(wording('en').rateLimitedClickText);
    expect(text).not.toContain(wording('en').rateLimitedText);
  } finally {
    await stopped.stop();
  }
});
