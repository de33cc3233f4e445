/**
 * Graph under real conditions, through the real server stack: POST /api/messages (expectReplies) →
 * bot → Graph client (authentication, retry, reports limiter, timeout, HTTPS) → the Graph-compatible
 * test server on loopback, which injects the faults. Each fault must end as the right card.
 */
import { cardToText, executeActions } from '../../src/cards/text';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import { FAULTS, type Fault } from '../../src/demo/httpsServer';
import { ALEX, MEGAN, READERS, startStack, type Stack } from './support';

const QUESTION = 'why did megan bowen fail to sign in yesterday';
const isSignIns = (path: string) => path.startsWith('/auditLogs/signIns');

let stack: Stack;
/** The fault for the next sign-in log requests (other Graph requests are answered normally). */
let fault: ((n: number) => Fault | null) | null = null;
let signInCalls = 0;

let unhandled = 0;
const onUnhandled = () => void unhandled++;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  stack = await startStack({
    // A short Graph timeout for the slow-answer test; no keeping of answers, so every question reaches Graph.
    env: { GRAPH_TIMEOUT_MS: '700', RATE_LIMIT_PER_MINUTE: '1000', GRAPH_REPORTS_MAX_REQUESTS: '1000', GRAPH_REPORTS_WINDOW_SECONDS: '1' },
    signInCacheSeconds: 0,
    faults: (request) => {
      if (!isSignIns(request.path) || !fault) return null;
      signInCalls += 1;
      return fault(signInCalls);
    },
  });
});

afterAll(async () => {
  await stack.stop();
  process.off('unhandledRejection', onUnhandled);
});

beforeEach(() => {
  fault = null;
  signInCalls = 0;
});

async function ask(text: string, asker: AskerInfo = ALEX) {
  const result = await postActivity(stack.url, teamsMessage(text, asker));
  expect(result.status).toBe(200);
  const cards = cardsIn(result);
  expect(cards).toHaveLength(1);
  return { card: cards[0], text: cardToText(cards[0]), actions: executeActions(cards[0]) };
}

function signInStatuses(since: number) {
  return stack.graph.signInRequests().slice(since).map((r) => r.status);
}

test('a 429 with Retry-After is retried after the pause and the answer is the normal card', async () => {
  fault = (n) => (n === 1 ? FAULTS.throttled(1) : null);
  const before = stack.graph.signInRequests().length;
  const started = Date.now();
  const { text } = await ask(QUESTION);
  expect(text).toContain('Sign-in failures: Megan Bowen');
  expect(signInStatuses(before)).toEqual([429, 200]);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
});

test('a persistent 429 ends as the "slow down" card with a retry action, after the retries', async () => {
  fault = () => FAULTS.throttled(0);
  const before = stack.graph.signInRequests().length;
  const { text, actions } = await ask(QUESTION);
  expect(text).toContain('Microsoft Graph asked us to slow down');
  expect(signInStatuses(before)).toEqual([429, 429, 429, 429]);
  expect(actions.map((a) => a.verb)).toContain('retry');
});

test.each<[string, Fault, (number | 'dropped')[]]>([
  ['500', FAULTS.serverError(), [500]],
  ['persistent 503 with Retry-After', FAULTS.unavailable(0), [503, 503, 503, 503]],
  ['a dropped connection', FAULTS.drop(), ['dropped']],
  ['malformed JSON', FAULTS.malformed(), [200]],
])('%s → "Microsoft Graph did not answer" with a retry action that works once Graph is back', async (_name, injected, statuses) => {
  fault = () => injected;
  const before = stack.graph.signInRequests().length;
  const { text, actions } = await ask(QUESTION);
  expect(text).toContain('Microsoft Graph did not answer');
  expect(signInStatuses(before)).toEqual(statuses);
  const retry = actions.find((a) => a.verb === 'retry');
  expect(retry).toBeDefined();
  // Graph recovers; the retry button answers with the real card.
  fault = null;
  const again = await postActivity(stack.url, teamsCardAction('retry', retry!.data, ALEX));
  const [card] = cardsIn(again);
  expect(cardToText(card)).toContain('Sign-in failures: Megan Bowen');
});

test('a 503 once, with Retry-After, is retried and answered', async () => {
  fault = (n) => (n === 1 ? FAULTS.unavailable(0) : null);
  const before = stack.graph.signInRequests().length;
  const { text } = await ask(QUESTION);
  expect(text).toContain('Sign-in failures: Megan Bowen');
  expect(signInStatuses(before)).toEqual([503, 200]);
});

test('403 Authentication_RequestFromNonPremiumTenantOrB2CTenant → the licence card (no retry)', async () => {
  fault = () => FAULTS.notLicensed();
  const { text, actions } = await ask(QUESTION);
  expect(text).toContain("The sign-in log can't be read: licence needed");
  expect(text).toContain('Microsoft Entra ID P1 or P2');
  expect(actions.map((a) => a.verb)).not.toContain('retry');
});

test('403 Authorization_RequestDenied → the permission card naming AuditLog.Read.All and Directory.Read.All', async () => {
  fault = () => FAULTS.permissionDenied();
  const { text } = await ask("why can't I sign in?", MEGAN);
  expect(text).toContain("The bot is missing a Graph permission");
  expect(text).toContain('AuditLog.Read.All');
  expect(text).toContain('Directory.Read.All');
});

test('an answer slower than GRAPH_TIMEOUT_MS → "did not answer", and the bot keeps serving', async () => {
  fault = () => FAULTS.slow(2500);
  const started = Date.now();
  const { text } = await ask(QUESTION);
  expect(text).toContain('Microsoft Graph did not answer');
  // Ended by the 700 ms timeout, not by the 2.5 s answer.
  expect(Date.now() - started).toBeLessThan(2400);
  const [abandoned] = stack.graph.signInRequests().slice(-1);
  fault = null;
  expect((await ask(QUESTION)).text).toContain('Sign-in failures: Megan Bowen');
  await new Promise((r) => setTimeout(r, 2000));
  expect(abandoned.abandoned).toBe(true);
});

test('50 simultaneous askers about the same person → 1 Graph sign-in request', async () => {
  // Slow enough that all 50 are in flight together.
  fault = () => FAULTS.slow(400);
  const before = stack.graph.signInRequests().length;
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) => {
      const asker = READERS[i % READERS.length];
      return postActivity(stack.url, teamsMessage(QUESTION, { ...asker, conversationId: `a:conversation-${i}` }));
    }),
  );
  for (const result of results) expect(cardToText(cardsIn(result)[0])).toContain('Sign-in failures: Megan Bowen');
  expect(stack.graph.signInRequests().length - before).toBe(1);
});

test('no unhandled rejection and no turn error in any of the above', () => {
  expect(unhandled).toBe(0);
  expect(stack.errors.filter((l) => l.includes('unhandled error in a turn'))).toEqual([]);
});
