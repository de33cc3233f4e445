/**
 * The reports limiter through the real stack: with 2 requests per 1 s, eight helpdesk questions
 * about eight different people asked at once all get their card, and the sign-in log requests reach
 * the (HTTPS) Graph server spaced out — measured as counts per window, not as exact durations.
 */
import { cardToText } from '../../src/cards/text';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { FAULTS } from '../../src/demo/httpsServer';
import { ALEX, startStack, type Stack } from './support';
import { until } from '../support/until';

let stack: Stack;
/** Eight people of the demo tenant, each asked about by name (the first three had failures yesterday). */
const PEOPLE = [
  'Megan Bowen',
  'Adele Vance',
  'Isaiah Langer',
  'Patti Fernandez',
  'Lynne Robbins',
  'Joni Sherman',
  'Irvin Sayers',
  'Debra Berger',
];

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
  stack = await startStack({
    env: { GRAPH_REPORTS_MAX_REQUESTS: '2', GRAPH_REPORTS_WINDOW_SECONDS: '1', RATE_LIMIT_PER_MINUTE: '100' },
  });
  const before = stack.graph.signInRequests().length;
  const results = await Promise.all(
    PEOPLE.map((name, i) =>
      postActivity(
        stack.url,
        teamsMessage(`why did ${name} fail to sign in yesterday`, { ...ALEX, conversationId: `a:c-${i}` }),
      ),
    ),
  );
  results.forEach((result, i) =>
    expect(cardToText(cardsIn(result)[0])).toMatch(
      new RegExp(`for ${PEOPLE[i]} between|No failed sign-ins for ${PEOPLE[i]}`),
    ),
  );
  expect(stack.graph.signInRequests().slice(before)).toHaveLength(8);
  // When the requests left the client (the transport, right after the limiter): never more than 2
  // in any second (50 ms allowed for the hop from limiter to transport) …
  const sent = stack.transport.sent.filter((s) => s.path.startsWith('/auditLogs/signIns')).map((s) => s.at);
  expect(sent).toHaveLength(8);
  expect(maxInAnyWindow(sent, 950)).toBe(2);
  // … so eight at two per second span at least three seconds.
  expect(Math.max(...sent) - Math.min(...sent)).toBeGreaterThanOrEqual(2950);
  // At the server the arrivals jitter by the loopback hop and TLS set-up (~100 ms seen on a new
  // connection), but without the limiter all eight would arrive within a few ms of each other.
  expect(
    maxInAnyWindow(
      stack.graph
        .signInRequests()
        .slice(before)
        .map((r) => r.at),
      500,
    ),
  ).toBe(2);
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
  const before = stack.graph.signInRequests().length;
  // The first question meets the 429; the others are asked once Graph has answered it.
  const firstAsk = postActivity(stack.url, teamsMessage(`why did ${PEOPLE[0]} fail to sign in yesterday`, ALEX));
  await until(
    () =>
      stack.graph
        .signInRequests()
        .slice(before)
        .some((r) => r.status === 429),
    'the first sign-in read to be refused',
  );
  const others = PEOPLE.slice(1, 3).map((name, i) =>
    postActivity(
      stack.url,
      teamsMessage(`why did ${name} fail to sign in yesterday`, { ...ALEX, conversationId: `a:o-${i}` }),
    ),
  );
  const results = await Promise.all([firstAsk, ...others]);
  results.forEach((result, i) => expect(cardToText(cardsIn(result)[0])).toContain(`for ${PEOPLE[i]} between`));
  const served = stack.graph.signInRequests().slice(before);
  expect(served.map((r) => r.status)).toEqual([429, 200, 200, 200]);
  // Nothing reached Graph during the 2 s pause.
  expect(served[1].at - served[0].at).toBeGreaterThanOrEqual(1900);
  expect(served[2].at - served[0].at).toBeGreaterThanOrEqual(1900);
  expect(served[3].at - served[0].at).toBeGreaterThanOrEqual(1900);
}, 30_000);
