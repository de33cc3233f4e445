/**
 * Graph under real conditions, through the real server stack: POST /api/messages (expectReplies) →
 * bot → Graph client (authentication, retry, reports limiter, timeout, HTTPS) → the Graph-compatible
 * test server on loopback, which injects the faults. Each fault must end as the right card.
 */
import { cardToText, executeActions } from '../../src/cards/text';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import { FAULTS, type Fault } from '../../src/demo/httpsServer';
import { ALEX, MEGAN, READERS, startStack, type Stack } from './support';
import { until } from '../support/until';
import { wording } from '../../src/cards/wording';

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
    // A short Graph timeout (the reporting API's too) and one second for a question's reads, for the
    // slow-answer test: no time for a retry; no keeping of answers, so every question reaches Graph.
    env: {
      GRAPH_TIMEOUT_MS: '700',
      GRAPH_REPORTS_TIMEOUT_MS: '700',
      SIGNIN_READ_SECONDS: '1',
      RATE_LIMIT_PER_MINUTE: '1000',
      GRAPH_REPORTS_MAX_REQUESTS: '1000',
      GRAPH_REPORTS_WINDOW_SECONDS: '1',
    },
    signInCacheSeconds: 0,
    faults: (request) => {
      if (!isSignIns(request.path) || !fault) return null;
      signInCalls += 1;
      return fault(signInCalls);
    },
  });
});

afterAll(async () => {
  await stack?.stop();
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
  return stack.graph
    .signInRequests()
    .slice(since)
    .map((r) => r.status);
}

test('a 429 with Retry-After is retried after the pause and the answer is the normal card', async () => {
  fault = (n) => (n === 1 ? FAULTS.throttled(1) : null);
  const before = stack.graph.signInRequests().length;
  const started = Date.now();
  const { text } = await ask(QUESTION);
  expect(text).toContain('for Megan Bowen between');
  expect(signInStatuses(before)).toEqual([429, 200]);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
});

test('a persistent 429 ends as the "slow down" card, after the retries', async () => {
  fault = () => FAULTS.throttled(0);
  const before = stack.graph.signInRequests().length;
  const { text } = await ask(QUESTION);
  expect(text).toContain(wording('en').serviceTitle_throttled);
  expect(signInStatuses(before)).toEqual([429, 429, 429, 429]);
});

test.each<[string, Fault, (number | 'dropped')[]]>([
  ['500', FAULTS.serverError(), [500]],
  ['persistent 503 with Retry-After', FAULTS.unavailable(0), [503, 503, 503, 503]],
  ['a dropped connection', FAULTS.drop(), ['dropped']],
  ['malformed JSON', FAULTS.malformed(), [200]],
])('%s → "Microsoft Graph did not answer"', async (_name, injected, statuses) => {
  fault = () => injected;
  const before = stack.graph.signInRequests().length;
  const { text } = await ask(QUESTION);
  expect(text).toContain('Microsoft Graph did not answer');
  expect(text).toContain('Try again');
  expect(signInStatuses(before)).toEqual(statuses);
});

/** The retry action a card offers, found by pressing through a "Try again" button chain. */
async function pressRetry(data: Record<string, unknown>) {
  const result = await postActivity(stack.url, teamsCardAction('retry', data, ALEX));
  expect(result.status).toBe(200);
  const [card] = cardsIn(result);
  return { text: cardToText(card), actions: executeActions(card) };
}

test('the retry action of a "did not answer" card works once Graph is back', async () => {
  // A retry pressed while Graph still fails answers with the same card and its own retry action …
  const data = {
    intent: 'failures',
    userId: MEGAN.aadObjectId,
    from: '2026-11-25T23:00:00.000Z',
    to: '2026-11-26T23:00:00.000Z',
    app: null,
    errorCode: null,
    correlationId: null,
    language: 'en',
  };
  fault = () => FAULTS.serverError();
  const failed = await pressRetry(data);
  expect(failed.text).toContain('Microsoft Graph did not answer');
  const retry = failed.actions.find((a) => a.verb === 'retry');
  expect(retry).toBeDefined();
  // … and pressing that one once Graph has recovered gives the real answer.
  fault = null;
  expect((await pressRetry(retry!.data)).text).toContain('for Megan Bowen between');
});

test('the "did not answer" card of a typed question carries a retry action', async () => {
  fault = () => FAULTS.serverError();
  const { actions } = await ask(QUESTION);
  expect(actions.map((a) => a.verb)).toContain('retry');
});

test('a 503 once, with Retry-After, is retried and answered', async () => {
  fault = (n) => (n === 1 ? FAULTS.unavailable(0) : null);
  const before = stack.graph.signInRequests().length;
  const { text } = await ask(QUESTION);
  expect(text).toContain('for Megan Bowen between');
  expect(signInStatuses(before)).toEqual([503, 200]);
});

test('403 Authentication_RequestFromNonPremiumTenantOrB2CTenant → the licence card (no retry)', async () => {
  fault = () => FAULTS.notLicensed();
  const { text, actions } = await ask(QUESTION);
  expect(text).toContain(wording('en').serviceTitle_notLicensed);
  expect(actions.map((a) => a.verb)).not.toContain('retry');
});

test('403 Authorization_RequestDenied → the permission card naming AuditLog.Read.All and Directory.Read.All', async () => {
  fault = () => FAULTS.permissionDenied();
  const { text } = await ask("why can't I sign in?", MEGAN);
  expect(text).toContain(wording('en').serviceTitle_missingPermission);
  expect(text).toContain('AuditLog.Read.All');
  expect(text).toContain('Directory.Read.All');
});

test('an answer slower than GRAPH_REPORTS_TIMEOUT_MS, with no time left for a retry → "did not answer", and the bot keeps serving', async () => {
  fault = () => FAULTS.slow(2500);
  const started = Date.now();
  const { text } = await ask(QUESTION);
  expect(text).toContain('Microsoft Graph did not answer');
  // Ended by the 700 ms timeout, not by the 2.5 s answer.
  expect(Date.now() - started).toBeLessThan(2400);
  const [abandoned] = stack.graph.signInRequests().slice(-1);
  fault = null;
  expect((await ask(QUESTION)).text).toContain('for Megan Bowen between');
  // The server marks the request when the client goes away before its 2.5 s answer is written.
  await until(() => abandoned.abandoned, 'the server to see the timed-out request abandoned', 5_000);
});

test('50 simultaneous askers about the same person → 1 Graph sign-in request', async () => {
  // Default settings (answers kept 60 s), so that the count does not depend on how quickly the
  // 50 turns reach the sign-in log: those arriving while the read is in flight share it, later
  // ones reuse its answer. (In-flight sharing alone is shown in test/signins/cachedSignInLog.test.ts.)
  const own = await startStack({ faults: (r) => (isSignIns(r.path) ? FAULTS.slow(300) : null) });
  try {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const asker = READERS[i % READERS.length];
        return postActivity(own.url, teamsMessage(QUESTION, { ...asker, conversationId: `a:conversation-${i}` }));
      }),
    );
    for (const result of results) expect(cardToText(cardsIn(result)[0])).toContain('for Megan Bowen between');
    expect(own.graph.signInRequests()).toHaveLength(1);
    expect(own.errors).toEqual([]);
  } finally {
    await own.stop();
  }
});

test('no unhandled rejection and no turn error in any of the above', () => {
  expect(unhandled).toBe(0);
  expect(stack.errors.filter((l) => l.includes('unhandled error in a turn'))).toEqual([]);
});
