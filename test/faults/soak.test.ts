/**
 * Soak: 2,400 turns through POST /api/messages (expectReplies) and card actions, with 20 % of the
 * Graph requests failing in every way the HTTPS test server can fail (429 and 503 with
 * Retry-After: 0, 500, 403 licence and permission, malformed JSON, dropped connections, slow
 * answers). No sign-in answer is kept (cache 0), so the questions really reach the server.
 *
 * Every turn must be answered with a card; nothing may crash, leave an unhandled rejection or
 * escape to the adapter's turn-error handler; and the resident memory after the run must be within
 * 20 % of its level after warm-up (both measured after a full garbage collection).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { cardToText } from '../../src/cards/text';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { FAULTS } from '../../src/demo/httpsServer';
import { READERS, startStack, type Stack } from './support';

const WARM_UP = 400;
const TURNS = 2400;
const CONCURRENCY = 8;
const FAULT_RATE = 0.2;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

let stack: Stack;
let unhandled = 0;
let uncaught = 0;
const onUnhandled = () => void unhandled++;
const onUncaught = () => void uncaught++;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUncaught);
  stack = await startStack({
    env: {
      RATE_LIMIT_PER_MINUTE: '1000000',
      GRAPH_REPORTS_MAX_REQUESTS: '100000',
      GRAPH_REPORTS_WINDOW_SECONDS: '1',
      GRAPH_TIMEOUT_MS: '2000',
    },
    signInCacheSeconds: 0,
    faults: {
      rate: FAULT_RATE,
      seed: 2026,
      faults: [
        FAULTS.throttled(0),
        FAULTS.unavailable(0),
        FAULTS.serverError(),
        FAULTS.notLicensed(),
        FAULTS.permissionDenied(),
        FAULTS.malformed(),
        FAULTS.drop(),
        FAULTS.slow(25),
      ],
    },
  });
});

afterAll(async () => {
  await stack?.stop();
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUncaught);
});

const people = DEMO_PEOPLE.map((p) => ({ aadObjectId: p.id, name: p.displayName }));
const named = ['Megan Bowen', 'Adele Vance', 'Patti Fernandez', 'Lynne Robbins', 'Isaiah Langer', 'Joni Sherman'];

/** Turn i of the mix: self questions, helpdesk questions by name, @mention and id, tenant-wide, help, explain, retry buttons. */
function turn(i: number): { kind: string; send: () => ReturnType<typeof postActivity> } {
  const reader = READERS[i % READERS.length];
  const person = people[i % people.length];
  const conversation = (asker: AskerInfo) => ({ ...asker, conversationId: `a:soak-${i % 50}-${asker.aadObjectId}` });
  switch (i % 10) {
    case 0:
    case 1:
      return {
        kind: 'self',
        send: () => postActivity(stack.url, teamsMessage("why can't I sign in?", conversation(person))),
      };
    case 2:
    case 3:
      return {
        kind: 'name',
        send: () =>
          postActivity(
            stack.url,
            teamsMessage(`why did ${named[i % named.length]} fail to sign in yesterday`, conversation(reader)),
          ),
      };
    case 4: {
      const target = people[(i * 7) % people.length];
      return {
        kind: 'mention',
        send: () =>
          postActivity(
            stack.url,
            teamsMessage(`why was <at>${target.name}</at> blocked this week?`, conversation(reader), [
              { id: `29:${target.aadObjectId}`, name: target.name },
            ]),
          ),
      };
    }
    case 5:
      return {
        kind: 'objectId',
        send: () =>
          postActivity(
            stack.url,
            teamsMessage(
              `why did ${people[(i * 3) % people.length].aadObjectId} fail to sign in yesterday`,
              conversation(reader),
            ),
          ),
      };
    case 6:
      return {
        kind: 'tenant',
        send: () =>
          postActivity(
            stack.url,
            teamsMessage('who failed to sign in to Salesforce in the last hour?', conversation(reader)),
          ),
      };
    case 7:
      return {
        kind: 'explain',
        send: () => postActivity(stack.url, teamsMessage('what does AADSTS50126 mean?', conversation(person))),
      };
    case 8:
      return { kind: 'help', send: () => postActivity(stack.url, teamsMessage('help', conversation(person))) };
    default: {
      const data = {
        intent: 'failures',
        userId: person.aadObjectId,
        from: '2026-11-25T23:00:00.000Z',
        to: '2026-11-26T23:00:00.000Z',
        app: null,
        errorCode: null,
        correlationId: null,
        language: 'en',
      };
      return {
        kind: 'retry',
        send: () => postActivity(stack.url, teamsCardAction('retry', data, conversation(reader))),
      };
    }
  }
}

interface Tally {
  turns: number;
  answered: number;
  notAnswered: { i: number; kind: string; status: number }[];
  titles: Map<string, number>;
}

async function run(from: number, to: number, tally: Tally): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next < to) {
      const i = next++;
      const { kind, send } = turn(i);
      const result = await send();
      tally.turns++;
      const cards = cardsIn(result);
      if (result.status !== 200 || cards.length === 0) {
        tally.notAnswered.push({ i, kind, status: result.status });
        continue;
      }
      tally.answered++;
      const title = cardToText(cards[cards.length - 1])
        .split('\n')[0]
        .replace(/[:(].*$/, '')
        .trim();
      tally.titles.set(title, (tally.titles.get(title) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

function settledMemory() {
  gc();
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
}

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

test(`${TURNS} turns with ${FAULT_RATE * 100} % of Graph requests failing: all answered, no leak, no crash`, async () => {
  const tally: Tally = { turns: 0, answered: 0, notAnswered: [], titles: new Map() };
  const started = Date.now();
  await run(0, WARM_UP, tally);
  const warm = settledMemory();
  const samples: number[] = [];
  let served = 0;
  let faulted = 0;
  for (let from = WARM_UP; from < TURNS; from += 400) {
    await run(from, Math.min(TURNS, from + 400), tally);
    // Keep the test harness's own logs from growing with the run.
    served += stack.graph.log.length;
    faulted += stack.graph.log.filter((r) => r.fault !== null).length;
    stack.graph.log.length = 0;
    stack.graph.tenant.requestLog.length = 0;
    stack.transport.sent.length = 0;
    stack.transport.received.length = 0;
    samples.push(settledMemory().rss);
  }
  const end = settledMemory();
  const seconds = (Date.now() - started) / 1000;

  console.log(
    [
      `soak: ${tally.turns} turns in ${seconds.toFixed(1)} s (${(tally.turns / seconds).toFixed(0)} turns/s), ${tally.answered} answered with a card`,
      `graph requests after warm-up: ${served}, faults injected: ${faulted} (${((100 * faulted) / served).toFixed(1)} %)`,
      `rss after warm-up ${mib(warm.rss)}, samples ${samples.map(mib).join(', ')}, end ${mib(end.rss)} (${((100 * end.rss) / warm.rss - 100).toFixed(1)} %)`,
      `heap used after warm-up ${mib(warm.heapUsed)}, end ${mib(end.heapUsed)}`,
      `answers: ${[...tally.titles.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([t, n]) => `${n}× ${t}`)
        .join('; ')}`,
    ].join('\n'),
  );

  expect(tally.turns).toBe(TURNS);
  expect(tally.notAnswered).toEqual([]);
  expect(tally.answered).toBe(TURNS);
  expect(faulted / served).toBeGreaterThan(0.15);
  expect(faulted / served).toBeLessThan(0.25);
  // The faults showed as the service-problem cards, and most questions still got real answers.
  expect([...tally.titles.keys()].some((t) => t.startsWith('Microsoft Graph did not answer'))).toBe(true);
  expect(unhandled).toBe(0);
  expect(uncaught).toBe(0);
  expect(stack.errors.filter((l) => l.includes('unhandled error in a turn'))).toEqual([]);
  expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
  expect(end.rss).toBeLessThanOrEqual(warm.rss * 1.2);
}, 240_000);
