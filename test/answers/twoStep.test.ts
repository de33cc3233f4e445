/**
 * Two-step answers (src/answers/twoStep.ts) over HTTP, on the strict demo tenant with realistic volume
 * (100 token refreshes per person per day) and Graph's answer times on, the live index holding 24 hours:
 * a person's last 7 days are answered at once from the index, saying which older days are still being
 * read; the complete answer then replaces that card (Teams: the posted activity is updated) after one
 * Graph read of only the older part, both user kinds together. Nothing is lost or counted twice, and
 * the access rules hold for the second step as for the first.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DEMO_TENANT_ID } from '../../src/demo/wiring';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { DemoTenant } from '../../src/demo/tenant';
import { DemoTenantTransport } from '../../src/demo/graphTransport';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { GRAPH_LIKE_TIMING } from '../../src/demo/reportsTiming';
import type { Answer, Reply, SummaryAnswer } from '../../src/answers/types';
import { cardToText } from '../../src/cards/text';
import { pendingNotice } from '../../src/cards/summaryCard';
import { postActivity, teamsMessage } from '../../src/tools/activities';
import { cardProblems } from '../cards/validateCard';
import { NOW, startApp, type RunningApp } from '../support/app';
import { startConnector, type LoopbackConnector } from '../support/connector';
import { until } from '../support/until';

const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };
const DAY = 86_400_000;
const USER_KINDS = new Set(['interactiveUser', 'nonInteractiveUser']);
const tenant = new DemoTenant({ now: NOW, nonInteractivePerDay: 100, timing: GRAPH_LIKE_TIMING });
let running: RunningApp;
let connector: LoopbackConnector;

const kindOf = (r: SignIn) => ((r as { signInEventTypes?: string[] }).signInEventTypes ?? ['interactiveUser'])[0];
/** What Graph holds of a person's own sign-ins in [from, to]: the ids an answer must have, each once. */
const truth = (userId: string, from: number, to: number) =>
  tenant.signIns
    .filter((r) => r.userId === userId && USER_KINDS.has(kindOf(r)))
    .filter((r) => Date.parse(r.createdDateTime as string) >= from && Date.parse(r.createdDateTime as string) <= to)
    .map((r) => r.id as string)
    .sort();
const idsOf = (a: SummaryAnswer) => a.diagnosis.attempts.flatMap((t) => t.records.map((r) => r.id as string)).sort();
const requester = (who: typeof ALEX, key: string) => ({
  userId: who.aadObjectId,
  tenantId: DEMO_TENANT_ID,
  timeZone: 'Europe/Amsterdam',
  locale: 'en-US',
  conversationKey: key,
  conversationType: 'personal',
});
function summary(answer: Answer): SummaryAnswer {
  if (answer.kind !== 'summary') throw new Error(`expected a summary, got ${answer.kind}`);
  return answer;
}

beforeAll(async () => {
  connector = await startConnector();
  running = await startApp(
    { SIGNIN_INDEX_HOURS: '24', TURN_BUDGET_MS: '60000', RATE_LIMIT_PER_MINUTE: '1000' },
    { demoTenant: tenant },
  );
  await until(() => running.app.signInIndex!.poller.stats().filling === false, 'the index fill', 60_000, 50);
}, 120_000);
afterAll(async () => {
  await running.stop();
  await connector.close();
});

const split = () => running.app.signInIndex!.index.stats().coveredFrom!.getTime();

it("a reader asking about a person's 7 days gets the index's part at once, then the complete answer in one read of the older part", async () => {
  const from = NOW.getTime() - 7 * DAY;
  const readsBefore = tenant.signInRequests().length;
  const reply = await running.app.troubleshooter.ask(
    requester(ALEX, 'two-step-reader'),
    'why did Megan Bowen fail to sign in in the last 7 days?',
  );
  // At once: no Graph read yet, the index's span only, and the older part named as pending.
  const first = summary(reply.answer);
  expect(first.pending).toEqual({ from: new Date(from), to: new Date(split()) });
  expect(first.window.from.getTime()).toBe(split());
  expect(first.graphRequests).toBe(0);
  expect(idsOf(first)).toEqual(truth(MEGAN.aadObjectId, split(), NOW.getTime()));
  expect(idsOf(first).length).toBeGreaterThan(100);

  const complete = summary((await reply.later!).answer);
  expect(complete.pending).toBeUndefined();
  expect(complete.window.from.getTime()).toBe(from);
  expect(complete.coverage).toBeUndefined();
  // Every sign-in of the 7 days, each once: the index's part and Graph's older part meet without a gap or overlap.
  const ids = idsOf(complete);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual(truth(MEGAN.aadObjectId, from, NOW.getTime()));
  expect(complete.diagnosis.leadFinding).toMatchObject({ kind: 'lockout', userId: MEGAN.aadObjectId });
  // One read: the older part only, both user kinds in one beta filter.
  const reads = tenant.signInRequests().slice(readsBefore);
  expect(reads).toHaveLength(1);
  expect(reads[0].filter).toContain("signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')");
  // Up to the index's first second (Graph's filter takes whole seconds); what both hold of it is counted once above.
  const upTo = new Date(Math.ceil(split() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  expect(reads[0].filter).toContain(`createdDateTime le ${upTo}`);
}, 60_000);

it('in Teams the first card goes out at once and is updated in place with the complete answer', async () => {
  const conversationId = 'a:two-step-teams';
  const question = 'why did Megan Bowen fail to sign in in the last 7 days?';
  const result = await postActivity(running.url, {
    ...teamsMessage(question, { ...ALEX, conversationId }),
    serviceUrl: connector.url,
    deliveryMode: 'normal',
  });
  expect(result.status).toBe(200);
  const [posted] = await connector.waitFor((c) => c.method === 'POST' && c.body.type === 'message', 1, 30_000);
  const [updated] = await connector.waitFor((c) => c.method === 'PUT', 1, 30_000);
  expect(updated.path).toBe(`/v3/conversations/${conversationId}/activities/${posted.id}`);
  expect(updated.at).toBeGreaterThanOrEqual(posted.at);
  const firstCard = posted.body.attachments![0].content;
  const finalCard = updated.body.attachments![0].content;
  expect(cardProblems(firstCard)).toEqual([]);
  expect(cardProblems(finalCard)).toEqual([]);
  // The notice the renderer draws for this pending part, on the first card and not on the complete one.
  const notice =
    pendingNotice(
      { pending: { from: new Date(NOW.getTime() - 7 * DAY), to: new Date(split()) } },
      {
        language: 'en',
        timeZone: 'Europe/Amsterdam',
        audience: 'helpdesk',
      },
    ) ?? '';
  expect(notice).not.toBe('');
  expect(cardToText(firstCard)).toContain(notice);
  expect(cardToText(finalCard)).not.toContain(notice);
  expect(connector.calls.filter((c) => c.method === 'POST' && c.body.type === 'message')).toHaveLength(1);
}, 60_000);

it('a non-reader gets both steps about themselves, and about someone else the same refusal, with no read and no second step', async () => {
  const self = await running.app.troubleshooter.ask(
    requester(MEGAN, 'two-step-self'),
    'why did I fail to sign in in the last 7 days?',
  );
  expect(summary(self.answer).subject).toEqual({ kind: 'self' });
  expect(summary(self.answer).pending).toBeDefined();
  const complete = summary((await self.later!).answer);
  expect(complete.subject).toEqual({ kind: 'self' });
  expect(idsOf(complete)).toEqual(truth(MEGAN.aadObjectId, NOW.getTime() - 7 * DAY, NOW.getTime()));

  const readsBefore = tenant.signInRequests().length;
  const other: Reply = await running.app.troubleshooter.ask(
    requester(MEGAN, 'two-step-other'),
    'why did Alex Wilber fail to sign in in the last 7 days?',
  );
  expect(other.answer.kind).toBe('refused');
  expect(other.later).toBeUndefined();
  expect(tenant.signInRequests().length).toBe(readsBefore);
}, 60_000);

it('a window inside the index is one step, and one wholly before it reads Graph as before', async () => {
  const inside = await running.app.troubleshooter.ask(
    requester(ALEX, 'two-step-inside'),
    'why did Megan Bowen fail to sign in in the last 12 hours?',
  );
  expect(summary(inside.answer).pending).toBeUndefined();
  expect(inside.later).toBeUndefined();
  const before = await running.app.troubleshooter.ask(
    requester(ALEX, 'two-step-before'),
    'why did Megan Bowen fail to sign in 3 days ago?',
  );
  expect(summary(before.answer).pending).toBeUndefined();
  expect(before.later).toBeUndefined();
}, 60_000);

it("readers asking about the same person at once share the older part's one read", async () => {
  const henrietta = DEMO_PEOPLE.find((p) => p.displayName === 'Henrietta Mueller')!;
  const readsBefore = tenant.signInRequests().length;
  const question = 'why did Johanna de Vries fail to sign in in the last 7 days?';
  const replies = await Promise.all([
    running.app.troubleshooter.ask(requester(ALEX, 'two-step-shared-a'), question),
    running.app.troubleshooter.ask({ ...requester(ALEX, 'two-step-shared-b'), userId: henrietta.id }, question),
  ]);
  const completes = await Promise.all(replies.map((r) => r.later!));
  expect(idsOf(summary(completes[0].answer))).toEqual(idsOf(summary(completes[1].answer)));
  expect(tenant.signInRequests().length - readsBefore).toBe(1);
}, 60_000);

/** The demo tenant with its directory (people, reader roles) answering slowly: the first answer misses the turn budget. */
class SlowDirectory implements Middleware {
  constructor(private readonly inner: Middleware) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (!url.includes('/auditLogs/')) await new Promise((r) => setTimeout(r, 400));
    await this.inner.execute(context);
  }
}

describe('when even the first answer misses the turn budget', () => {
  let slow: RunningApp;
  beforeAll(async () => {
    slow = await startApp(
      { SIGNIN_INDEX_HOURS: '24', TURN_BUDGET_MS: '200' },
      { demoTenant: tenant, graphTransport: new SlowDirectory(new DemoTenantTransport(tenant)) },
    );
    await until(() => slow.app.signInIndex!.poller.stats().filling === false, 'the index fill', 60_000, 50);
  }, 120_000);
  afterAll(() => slow.stop());

  it('"still looking" comes first, then the first answer is posted and updated in place with the complete one', async () => {
    const conversationId = 'a:two-step-late';
    const mine = (c: { path: string }) => c.path.startsWith(`/v3/conversations/${conversationId}/`);
    await postActivity(slow.url, {
      ...teamsMessage('why did Johanna Lorenz fail to sign in in the last 7 days?', { ...ALEX, conversationId }),
      serviceUrl: connector.url,
      deliveryMode: 'normal',
    });
    const [updated] = await connector.waitFor((c) => mine(c) && c.method === 'PUT', 1, 30_000);
    const posts = connector.calls.filter((c) => mine(c) && c.method === 'POST' && c.body.type === 'message');
    // "Still looking", then the first answer; the complete answer replaces the first answer, not "still looking".
    expect(posts).toHaveLength(2);
    expect(updated.path).toBe(`/v3/conversations/${conversationId}/activities/${posts[1].id}`);
    const texts = [...posts, updated].map((c) => cardToText(c.body.attachments![0].content));
    expect(texts[1]).not.toBe(texts[0]);
    expect(texts[2]).not.toBe(texts[1]);
    const notice = pendingNotice(
      {
        pending: {
          from: new Date(NOW.getTime() - 7 * DAY),
          to: slow.app.signInIndex!.index.stats().coveredFrom!,
        },
      },
      { language: 'en', timeZone: 'Europe/Amsterdam', audience: 'helpdesk' },
    );
    expect(notice).not.toBeNull();
    expect(texts[1]).toContain(notice);
    expect(texts[2]).not.toContain(notice);
  }, 60_000);
});
