/**
 * The ticket carries the finding in the first minutes after a start too (issue 22), over HTTP on the demo
 * tenant. With SIGNIN_INDEX_HOURS=auto the live index extends back page by page; a person's 7 days are
 * answered in two parts, the older one read from Graph up to where the index starts, and each backward
 * page moves that start. A ticket click re-reads its card's question: here Graph has no read to spare for
 * it (every window read of a person waits), as when the backward fill and the incident monitor take
 * Graph's 5 reads per 10 s. The click's older part lies inside the one its question read moments before
 * (or is still reading: the click waits for that read), so the ticket and the card after the click keep
 * the finding without a read of the click's own (src/signins/cachedSignInLog.ts). What is kept changes
 * nothing of who may see it: the click is authorized anew, and someone who may not (or no longer) see
 * Megan's sign-ins gets no ticket and nothing of the answer.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { DemoTenant } from '../../src/demo/tenant';
import { DemoTenantTransport } from '../../src/demo/graphTransport';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { cardToText, executeActions } from '../../src/cards/text';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { cardProblems } from '../cards/validateCard';
import { NOW, startApp, type RunningApp } from '../support/app';
import { startConnector, type ConnectorCall, type LoopbackConnector } from '../support/connector';
import { until } from '../support/until';
import { verdictText, type El } from './support/cardParts';
import { inMailBody } from '../support/mailText';

const HOUR = 3_600_000;
const person = (name: string) => DEMO_PEOPLE.find((p) => p.displayName === name)!;
const ALEX = { aadObjectId: person('Alex Wilber').id, name: 'Alex Wilber' };
const MEGAN = person('Megan Bowen');
/** Not a sign-in reader. */
const ISAIAH = { aadObjectId: person('Isaiah Langer').id, name: 'Isaiah Langer' };

/**
 * In front of the demo tenant: holds the backward fill's pages until the test lets one go, and, once
 * told, every read of a person's window (Graph with no read to spare for a question); reads by id pass.
 */
class ReadGate implements Middleware {
  private fillPasses = 0;
  holdWindowReads = false;
  /** Window reads of a person: all, and those that came while they were held. */
  windowReads = 0;
  heldWindowReads = 0;
  fillWaiting = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly inner: Middleware) {}

  async execute(context: Context): Promise<void> {
    const url = new URL(typeof context.request === 'string' ? context.request : context.request.url);
    const filter = url.searchParams.get('$filter') ?? '';
    const signInList = /\/auditLogs\/signIns$/.test(url.pathname);
    const from = /createdDateTime ge (\S+)/.exec(filter)?.[1];
    // The backward fill: everyone's sign-ins, bounded at both ends, starting before the first 24 h.
    const backward =
      signInList && !filter.includes('userId eq') && filter.includes('createdDateTime le') && from
        ? Date.parse(from) < NOW.getTime() - 25 * HOUR
        : false;
    if (backward) {
      this.fillWaiting++;
      while (this.fillPasses === 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.fillWaiting--;
      this.fillPasses--;
    }
    if (signInList && filter.includes('userId eq') && !filter.includes('id eq')) {
      this.windowReads++;
      if (this.holdWindowReads) {
        this.heldWindowReads++;
        while (this.holdWindowReads) await new Promise<void>((resolve) => this.waiting.push(resolve));
      }
    }
    await this.inner.execute(context);
  }

  /** Lets `pages` more pages of the backward fill go (window reads stay held while told). */
  release(pages: number): void {
    this.fillPasses += pages;
    for (const go of this.waiting.splice(0)) go();
  }
}

let tenant: DemoTenant;
let gate: ReadGate;
let running: RunningApp;
let connector: LoopbackConnector;

beforeAll(async () => {
  connector = await startConnector();
});
afterAll(() => connector.close());

// Each case its own app: nothing kept from another case's reads.
// The app's clock: it moves only when a case says (a reader decision is kept READER_CACHE_SECONDS by it).
let now = NOW.getTime();
beforeEach(async () => {
  now = NOW.getTime();
  // People of its own, who may lose a role during a case.
  const people = DEMO_PEOPLE.map((p) => ({ ...p, roles: [...p.roles], groups: [...p.groups] }));
  tenant = new DemoTenant({ now: NOW, nonInteractivePerDay: 100, people });
  gate = new ReadGate(new DemoTenantTransport(tenant));
  running = await startApp(
    { SIGNIN_INDEX_HOURS: 'auto', TURN_BUDGET_MS: '60000', RATE_LIMIT_PER_MINUTE: '1000', READER_CACHE_SECONDS: '1' },
    { demoTenant: tenant, graphTransport: gate, now: () => new Date(now) },
  );
  // The first 24 h are read; the backward fill has asked for its first page and waits.
  await until(() => gate.fillWaiting > 0, 'the backward fill to start', 60_000, 20);
}, 120_000);
afterEach(async () => {
  gate.holdWindowReads = false;
  gate.release(1_000);
  await running.stop();
});

const indexStart = () => running.app.signInIndex!.index.coverageStart()!;
const QUESTION = 'why did Megan Bowen fail to sign in in the last 7 days?';

/** Asks in Teams (the answer posted, the complete one put in its place); the first card. */
async function ask(conversationId: string): Promise<El> {
  await postActivity(running.url, {
    ...teamsMessage(QUESTION, { ...ALEX, conversationId }),
    serviceUrl: connector.url,
    deliveryMode: 'normal',
  });
  const mine = (c: ConnectorCall) =>
    c.method === 'POST' && c.body.type === 'message' && c.path.startsWith(`/v3/conversations/${conversationId}/`);
  const [posted] = await connector.waitFor(mine, 1, 30_000);
  return posted.body.attachments![0].content;
}

/** One more page of the backward fill: the index then starts earlier, still inside the 7 days. */
async function backwardPage(): Promise<void> {
  const before = indexStart();
  gate.release(1);
  await until(() => indexStart() < before, 'a backward page', 30_000, 20);
  expect(indexStart()).toBeGreaterThan(NOW.getTime() - 7 * 24 * HOUR);
}

function ticketButton(card: El): Record<string, unknown> {
  const button = executeActions(card).find((a) => a.verb === 'openTicket' && !a.data.notMe);
  expect(button).toBeDefined();
  expect(button!.data.userId).toBe(MEGAN.id);
  return { ...button!.data };
}

it("a ticket clicked while the index still extends back carries the 7-day question's finding, with no read of its own", async () => {
  const conversationId = 'a:ticket-during-fill';
  await ask(conversationId);
  // The complete answer in place of the first (its older part read from Graph).
  const [updated] = await connector.waitFor((c) => c.method === 'PUT' && c.path.includes(conversationId), 1, 30_000);
  const card = updated.body.attachments![0].content;
  expect(cardProblems(card)).toEqual([]);
  const verdict = verdictText(card);
  expect(verdict).toContain('Megan');
  const data = ticketButton(card);
  await backwardPage();

  // Graph has no read to spare: a read of the click's own would wait past the click's patience.
  gate.holdWindowReads = true;
  const readsBefore = gate.windowReads;
  const mailBefore = tenant.sentMail.length;
  const result = await postActivity(running.url, teamsCardAction('openTicket', data, { ...ALEX, conversationId }));
  expect(result.status).toBe(200);
  const [clicked] = cardsIn(result) as El[];
  expect(cardProblems(clicked)).toEqual([]);
  // The card keeps the investigation, and the ticket carries its finding.
  expect(verdictText(clicked)).toBe(verdict);
  expect(tenant.sentMail.length).toBe(mailBefore + 1);
  expect(JSON.stringify(tenant.sentMail[mailBefore].message)).toContain(inMailBody(verdict));
  expect(gate.windowReads).toBe(readsBefore);
}, 90_000);

it("a ticket clicked on the first card, while the question's older part is still being read, waits for that read", async () => {
  const conversationId = 'a:ticket-during-read';
  gate.holdWindowReads = true;
  const first = await ask(conversationId);
  expect(cardProblems(first)).toEqual([]);
  // The question's older part waits for Graph; the index moves on meanwhile.
  await until(() => gate.heldWindowReads === 1, "the question's older part", 30_000, 20);
  await backwardPage();
  const splitBefore = running.app.signInIndex!.source.stats().split;
  const mailBefore = tenant.sentMail.length;
  const clicking = postActivity(
    running.url,
    teamsCardAction('openTicket', ticketButton(first), { ...ALEX, conversationId }),
  );
  // The click's re-read has come to its older part: then Graph answers the question's.
  await until(() => running.app.signInIndex!.source.stats().split > splitBefore, "the click's re-read", 30_000, 5);
  gate.holdWindowReads = false;
  gate.release(0);
  const result = await clicking;
  const [updated] = await connector.waitFor((c) => c.method === 'PUT' && c.path.includes(conversationId), 1, 30_000);
  const verdict = verdictText(updated.body.attachments![0].content);
  const [clicked] = cardsIn(result) as El[];
  expect(verdictText(clicked)).toBe(verdict);
  expect(JSON.stringify(tenant.sentMail[mailBefore].message)).toContain(inMailBody(verdict));
  // One read of Megan's older days in all: the question's.
  expect(gate.windowReads).toBe(1);
}, 90_000);

it("the same button from someone who may not see Megan's sign-ins: refused, no ticket, nothing of the kept answer", async () => {
  const conversationId = 'a:ticket-during-fill-other';
  await ask(conversationId);
  const [updated] = await connector.waitFor((c) => c.method === 'PUT' && c.path.includes(conversationId), 1, 30_000);
  const data = ticketButton(updated.body.attachments![0].content);
  await backwardPage();
  const mailBefore = tenant.sentMail.length;
  const readsBefore = gate.windowReads;
  const result = await postActivity(
    running.url,
    teamsCardAction('openTicket', data, { ...ISAIAH, conversationId: 'a:ticket-during-fill-isaiah' }),
  );
  expect(result.status).toBe(200);
  const [clicked] = cardsIn(result) as El[];
  expect(cardProblems(clicked)).toEqual([]);
  const text = cardToText(clicked);
  expect(text).not.toMatch(/Lisbon|SIT-[0-9A-F]{8}/);
  expect(verdictText(clicked)).not.toContain('Megan');
  expect(tenant.sentMail.length).toBe(mailBefore);
  expect(gate.windowReads).toBe(readsBefore);
}, 90_000);

it('a reader whose role was removed since the question: the click is refused, no ticket, nothing of the kept answer', async () => {
  const conversationId = 'a:ticket-during-fill-revoked';
  await ask(conversationId);
  const [updated] = await connector.waitFor((c) => c.method === 'PUT' && c.path.includes(conversationId), 1, 30_000);
  const data = ticketButton(updated.body.attachments![0].content);
  await backwardPage();
  const alex = tenant.people.find((p) => p.id === ALEX.aadObjectId)!;
  alex.roles.length = 0; // the role is removed in Entra
  now += 1_001; // past READER_CACHE_SECONDS
  const mailBefore = tenant.sentMail.length;
  const readsBefore = gate.windowReads;
  const result = await postActivity(running.url, teamsCardAction('openTicket', data, { ...ALEX, conversationId }));
  expect(result.status).toBe(200);
  const [clicked] = cardsIn(result) as El[];
  expect(cardToText(clicked)).not.toMatch(/Lisbon|SIT-[0-9A-F]{8}/);
  expect(verdictText(clicked)).not.toContain('Megan');
  expect(tenant.sentMail.length).toBe(mailBefore);
  expect(gate.windowReads).toBe(readsBefore);
}, 90_000);
