/**
 * Issue 24, item 1 (round two): every sign-in log read is in the lane of whom it is for. A
 * non-reader's answer that outlives its turn (the late answer, posted proactively) keeps reading in
 * that person's limited lane; reads made outside any turn for no one (background work) take a
 * system lane that leaves readers their slots, instead of counting as a reader's question.
 * The real reports limiter runs at Graph's 5 reads per 10 s.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { cardToText } from '../../src/cards/text';
import { DemoTenantTransport } from '../../src/demo/graphTransport';
import { DemoTenant } from '../../src/demo/tenant';
import { currentReadLane } from '../../src/graph/readLane';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { NOW, startApp, type RunningApp } from '../support/app';
import { until } from '../support/until';

const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
const ADELE = { aadObjectId: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance' };

/** The demo tenant; each sign-in log read is recorded with the lane it was made in, and answered after `delayMs`. */
class LaneRecorder implements Middleware {
  readonly reads: { lane: string; person: string; at: number }[] = [];
  delayMs = 0;
  constructor(private readonly inner: Middleware) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (url.includes('/auditLogs/')) {
      const lane = currentReadLane();
      this.reads.push({ lane: lane?.priority ?? 'none', person: lane?.person ?? '', at: Date.now() });
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    }
    await this.inner.execute(context);
  }
}

let running: RunningApp;
let recorder: LaneRecorder;
/** The app at Graph's 5 reads per 10 s, nothing kept between reads; `turnBudgetMs`: when a turn says "still looking". */
async function start(turnBudgetMs: number): Promise<void> {
  const tenant = new DemoTenant({ now: NOW });
  recorder = new LaneRecorder(new DemoTenantTransport(tenant));
  running = await startApp(
    {
      GRAPH_REPORTS_MAX_REQUESTS: '5',
      GRAPH_REPORTS_WINDOW_SECONDS: '10',
      RATE_LIMIT_PER_MINUTE: '1000',
      SIGNIN_CACHE_SECONDS: '0',
      TURN_BUDGET_MS: String(turnBudgetMs),
    },
    { demoTenant: tenant, graphTransport: recorder },
  );
}
afterEach(() => running.stop());

describe('turns cut after 200 ms', () => {
  beforeEach(() => start(200));

  it("a non-reader's late answer keeps reading in that person's limited lane after the turn has ended", async () => {
    recorder.delayMs = 800;
    const answer = await postActivity(
      running.url,
      teamsMessage('why did my sign-in fail in the last 20 days?', { ...ADELE, conversationId: 'a:adele-late' }),
    );
    expect(cardToText(cardsIn(answer)[0])).toMatch(/^Still looking/);
    // The reads go on after the turn: both kinds of sign-in, each in Adele's lane.
    await until(() => recorder.reads.length >= 2, "the late answer's reads", 5_000);
    expect(recorder.reads.map((r) => [r.lane, r.person])).toEqual([
      ['limited', ADELE.aadObjectId],
      ['limited', ADELE.aadObjectId],
    ]);
  });

  it("reads made outside any turn take the system lane: they leave a reader's question its slot in the window", async () => {
    // Background work for no one: five reads at once, a whole window's worth.
    const background = Array.from(
      { length: 5 },
      () => running.app.graph.api('/auditLogs/signIns').top(1).get() as Promise<unknown>,
    );
    await until(() => recorder.reads.length >= 3, 'the background reads', 5_000);
    const started = Date.now();
    const answer = await postActivity(
      running.url,
      teamsMessage('why did Adele Vance fail to sign in yesterday?', { ...ALEX, conversationId: 'a:alex-lanes' }),
    );
    const took = Date.now() - started;
    expect(cardToText(cardsIn(answer)[0])).toMatch(/Adele Vance/);
    // Before: the five took every slot of the window as if they were a reader's, and the reader's
    // question waited for the next window (10 s). Now two slots of each window are left to readers.
    expect(took).toBeLessThan(5_000);
    expect(recorder.reads.slice(0, 3).every((r) => r.lane === 'none')).toBe(true);
    await Promise.all(background);
  }, 30_000);
});
