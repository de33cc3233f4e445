/**
 * The ticket carries the finding in the first minutes after a start too (issue 22), over HTTP on the demo
 * tenant. With SIGNIN_INDEX_HOURS=auto the live index extends back page by page; a person's 7 days are
 * answered in two parts, the older one read from Graph up to where the index starts, and each backward
 * page moves that start. A ticket click re-reads its card's question: here Graph has no read to spare for
 * it (every window read of a person waits), as when the backward fill and the incident monitor take
 * Graph's 5 reads per 10 s. The click's older part lies inside the one its question read moments before,
 * so the ticket and the card after the click keep the finding without a read.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { DemoTenant } from '../../src/demo/tenant';
import { DemoTenantTransport } from '../../src/demo/graphTransport';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { executeActions } from '../../src/cards/text';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { cardProblems } from '../cards/validateCard';
import { NOW, startApp, type RunningApp } from '../support/app';
import { startConnector, type LoopbackConnector } from '../support/connector';
import { until } from '../support/until';
import { verdictText, type El } from './support/cardParts';

const HOUR = 3_600_000;
const person = (name: string) => DEMO_PEOPLE.find((p) => p.displayName === name)!;
const ALEX = { aadObjectId: person('Alex Wilber').id, name: 'Alex Wilber' };
const MEGAN = person('Megan Bowen');

/**
 * In front of the demo tenant: holds the backward fill's pages until the test lets one go, and, once
 * told, every read of a person's window (Graph with no read to spare for a question); reads by id pass.
 */
class ReadGate implements Middleware {
  private fillPasses = 0;
  holdWindowReads = false;
  /** Window reads of a person that came while they were held. */
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
    if (signInList && filter.includes('userId eq') && !filter.includes('id eq') && this.holdWindowReads) {
      this.heldWindowReads++;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    await this.inner.execute(context);
  }

  /** Lets `pages` more pages of the backward fill go (and whatever else waits: held reads stay held while told). */
  release(pages: number): void {
    this.fillPasses += pages;
    for (const go of this.waiting.splice(0)) go();
  }
}

const tenant = new DemoTenant({ now: NOW, nonInteractivePerDay: 100 });
const gate = new ReadGate(new DemoTenantTransport(tenant));
let running: RunningApp;
let connector: LoopbackConnector;

beforeAll(async () => {
  connector = await startConnector();
  running = await startApp(
    { SIGNIN_INDEX_HOURS: 'auto', TURN_BUDGET_MS: '60000', RATE_LIMIT_PER_MINUTE: '1000' },
    { demoTenant: tenant, graphTransport: gate },
  );
  // The first 24 h are read; the backward fill has asked for its first page and waits.
  await until(() => gate.fillWaiting > 0, 'the backward fill to start', 60_000, 20);
}, 120_000);
afterAll(async () => {
  gate.holdWindowReads = false;
  gate.release(1_000);
  await running.stop();
  await connector.close();
});

const indexStart = () => running.app.signInIndex!.index.coverageStart()!;

it("a ticket clicked while the index still extends back carries the 7-day question's finding, with no read of its own", async () => {
  const conversationId = 'a:ticket-during-fill';
  const asker = { ...ALEX, conversationId };
  await postActivity(running.url, {
    ...teamsMessage('why did Megan Bowen fail to sign in in the last 7 days?', asker),
    serviceUrl: connector.url,
    deliveryMode: 'normal',
  });
  // The index's part at once, then the complete answer in place (its older part read from Graph).
  const [updated] = await connector.waitFor((c) => c.method === 'PUT', 1, 30_000);
  const card = updated.body.attachments![0].content;
  expect(cardProblems(card)).toEqual([]);
  const verdict = verdictText(card);
  expect(verdict).toContain('Megan');
  const button = executeActions(card).find((a) => a.verb === 'openTicket' && !a.data.notMe);
  expect(button).toBeDefined();
  expect(button!.data.userId).toBe(MEGAN.id);

  // One more page of the backward fill: the index now starts earlier, still inside the 7 days.
  const before = indexStart();
  gate.release(1);
  await until(() => indexStart() < before, 'a backward page', 30_000, 20);
  expect(indexStart()).toBeGreaterThan(NOW.getTime() - 7 * 24 * HOUR);

  gate.holdWindowReads = true;
  const mailBefore = tenant.sentMail.length;
  const result = await postActivity(running.url, teamsCardAction('openTicket', { ...button!.data }, asker));
  expect(result.status).toBe(200);
  const [clicked] = cardsIn(result) as El[];
  expect(cardProblems(clicked)).toEqual([]);
  // The card keeps the investigation, and the ticket carries its finding.
  expect(verdictText(clicked)).toBe(verdict);
  expect(tenant.sentMail.length).toBe(mailBefore + 1);
  expect(JSON.stringify(tenant.sentMail[mailBefore].message)).toContain(escapeHtml(verdict));
  // Nothing of the click waited for Graph.
  expect(gate.heldWindowReads).toBe(0);
}, 90_000);

function escapeHtml(text: string): string {
  return JSON.stringify(
    text.replace(
      /[&<>"']/g,
      (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
    ),
  ).slice(1, -1);
}
