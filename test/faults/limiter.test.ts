/**
 * The reports limiter through the real stack: with 2 requests per 1 s, eight helpdesk questions
 * about eight different people asked at once all get their card, and the sign-in log requests reach
 * the (HTTPS) Graph server spaced out — measured as counts per window, not as exact durations.
 */
import { cardToText } from '../../src/cards/text';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { FAULTS } from '../../src/demo/httpsServer';
import { ALEX, startStack, type Stack } from './support';

let stack: Stack;

afterEach(async () => {
  await stack?.stop();
});

/** The most timestamps within any window of `windowMs`. */
function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi] - sorted[lo] >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

test('queues rather than fails: 8 questions at 2 per second are all answered, spaced by the limiter', async () => {
  stack = await startStack({ env: { GRAPH_REPORTS_MAX_REQUESTS: '2', GRAPH_REPORTS_WINDOW_SECONDS: '1', RATE_LIMIT_PER_MINUTE: '100' } });
  const people = DEMO_PEOPLE.slice(1, 9);
  const before = stack.graph.signInRequests().length;
  const results = await Promise.all(people.map((p, i) => postActivity(stack.url, teamsMessage(`why did ${p.id} fail to sign in yesterday`, { ...ALEX, conversationId: `a:c-${i}` }))));
  for (const result of results) {
    const [card] = cardsIn(result);
    expect(cardToText(card)).not.toContain('Microsoft Graph');
  }
  const arrivals = stack.graph.signInRequests().slice(before).map((r) => r.at);
  expect(arrivals).toHaveLength(8);
  // At the server (loopback jitter allowed for): never more than 2 in any 0.9 s.
  expect(maxInAnyWindow(arrivals, 900)).toBeLessThanOrEqual(2);
  // Eight at two per second span at least three seconds.
  expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(2900);
}, 30_000);

test('a 429 with Retry-After pauses the other questions too, and its retry counts against the limit', async () => {
  let first = true;
  stack = await startStack({
    env: { GRAPH_REPORTS_MAX_REQUESTS: '3', GRAPH_REPORTS_WINDOW_SECONDS: '1', RATE_LIMIT_PER_MINUTE: '100' },
    faults: (r) => {
      if (!r.path.startsWith('/auditLogs/signIns') || !first) return null;
      first = false;
      return FAULTS.throttled(2);
    },
  });
  const people = DEMO_PEOPLE.slice(1, 4);
  const before = stack.graph.signInRequests().length;
  // The first question meets the 429; the others are asked just after it.
  const firstAsk = postActivity(stack.url, teamsMessage(`why did ${people[0].id} fail to sign in yesterday`, ALEX));
  await new Promise((r) => setTimeout(r, 300));
  const others = people.slice(1).map((p, i) => postActivity(stack.url, teamsMessage(`why did ${p.id} fail to sign in yesterday`, { ...ALEX, conversationId: `a:o-${i}` })));
  const results = await Promise.all([firstAsk, ...others]);
  for (const result of results) expect(cardToText(cardsIn(result)[0])).toContain('Sign-in failures');
  const served = stack.graph.signInRequests().slice(before);
  expect(served.map((r) => r.status)).toEqual([429, 200, 200, 200]);
  // Nothing reached Graph during the 2 s pause.
  expect(served[1].at - served[0].at).toBeGreaterThanOrEqual(1900);
  expect(served[2].at - served[0].at).toBeGreaterThanOrEqual(1900);
  expect(served[3].at - served[0].at).toBeGreaterThanOrEqual(1900);
}, 30_000);
