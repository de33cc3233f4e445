/**
 * SIGNIN_INDEX_HOURS=auto: the live index fills its newest 24 h, then extends back a day at a time to
 * 7 days while its memory stays under the budget (SIGNIN_INDEX_MAX_MB). Against the demo tenant
 * through the real Graph client, clocks injected: it reaches 168 h through short and empty pages and
 * Graph's 429s; it stops at the budget (before a day that would not fit, or within one that did not);
 * answers asked during the fill are complete and the index never claims a span it does not hold;
 * a reader's question keeps its two read slots while the fill reads; a fill whose pages keep failing
 * keeps its span and goes on later.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { DemoTenant } from '../../../src/demo/tenant';
import { createGraphClient } from '../../../src/graph/client';
import { DemoTenantTransport, demoAuthProvider } from '../../../src/demo/graphTransport';
import { ReportsLimiter } from '../../../src/graph/limiter';
import { DEFAULT_SIGNIN_EVENT_TYPES, GraphSignInLog, type SignInPage } from '../../../src/signins/signInLog';
import { IndexedSignInSource } from '../../../src/signins/live/indexOrGraphSource';
import { LiveSignInIndex } from '../../../src/signins/live/memoryIndex';
import { SignInPoller, type SpanProgress } from '../../../src/signins/live/poller';
import { spanReport } from '../../../src/signins/live/spanReport';
import { userSignIns } from '../../fixtures/signIns';
import { until } from '../../support/until';

const NOW = new Date('2026-11-27T10:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const at = (r: SignIn) => Date.parse(r.createdDateTime as string);

function clientFor(tenant: DemoTenant, middleware: Middleware[] = []) {
  return createGraphClient({
    endpoint: 'https://graph.microsoft.com',
    authProvider: demoAuthProvider,
    transport: new DemoTenantTransport(tenant),
    middleware,
  });
}

function autoIndex(
  tenant: DemoTenant,
  options: {
    budgetBytes?: number;
    extendToHours?: number;
    pageSize?: number;
    middleware?: Middleware[];
    clock?: () => number;
  } = {},
) {
  const clock = options.clock ?? (() => NOW.getTime());
  const index = new LiveSignInIndex({
    hours: 24,
    budgetBytes: options.budgetBytes,
    maxRecords: 1e7,
    maxBytes: 1e10,
    maxStalenessMs: 90_000,
    now: clock,
  });
  const progress: { state: SpanProgress['state']; coveredHours: number; firstFillRunning: boolean }[] = [];
  const poller = new SignInPoller(clientFor(tenant, options.middleware), index, {
    hours: 24,
    extendToHours: options.extendToHours ?? 168,
    budgetBytes: options.budgetBytes,
    intervalMs: 30_000,
    overlapMs: 5 * 60_000,
    pageSize: options.pageSize ?? 100,
    eventTypes: DEFAULT_SIGNIN_EVENT_TYPES,
    now: clock,
    onProgress: (p) =>
      progress.push({
        state: p.state,
        coveredHours: (clock() - index.coverageStart()!) / HOUR,
        firstFillRunning: poller.stats().filling,
      }),
  });
  const report = () => spanReport(poller.stats().span, index.stats(), clock());
  return { index, poller, progress, report };
}

/** Ids of the sign-ins Graph holds in [from, to] (a person's, or everyone's). */
const truth = (tenant: DemoTenant, from: number, to: number, userId?: string) =>
  userSignIns(tenant)
    .filter((r) => at(r) >= from && at(r) <= to && (userId === undefined || r.userId === userId))
    .map((r) => r.id as string)
    .sort();

test("'filling' (what incident detection waits for) ends with the first 24 h: the backward fill does not hold it", async () => {
  const tenant = new DemoTenant({ now: NOW, timing: { baseMs: 0, perDayMs: 0, perRowMs: 0 } });
  const { poller, progress } = autoIndex(tenant);
  expect(poller.stats().filling).toBe(false);
  poller.start();
  expect(poller.stats().filling).toBe(true);
  await until(() => poller.stats().span.state === 'done', 'the backward fill');
  await poller.stop();
  const extending = progress.filter((p) => p.state === 'extending');
  expect(extending.length).toBe(7);
  expect(extending.map((p) => p.firstFillRunning)).toEqual(Array<boolean>(7).fill(false));
}, 60_000);

test('auto fills the newest 24 h, then extends back a day at a time to 7 days, through short and empty pages and 429s', async () => {
  const tenant = new DemoTenant({
    now: NOW,
    // No answer time, but Graph's short and empty pages with a nextLink, and its 429s (Retry-After) beyond 6 reads a second.
    timing: {
      baseMs: 0,
      perDayMs: 0,
      perRowMs: 0,
      shortPageRate: 0.3,
      emptyPageRate: 0.15,
      serviceMsPerWindow: 1e9,
      windowMs: 10_000,
    },
    reportsLimit: { maxRequests: 6, windowMs: 1000 },
  });
  const { index, poller, progress, report } = autoIndex(tenant);
  await poller.fill();
  expect(progress.map((p) => p.state)).toEqual([...Array<string>(7).fill('extending'), 'done']);
  // Each step one day further back: 24 h, 48 h, … 168 h.
  expect(progress.slice(0, 7).map((p) => Math.round(p.coveredHours))).toEqual([24, 48, 72, 96, 120, 144, 168]);
  expect(index.stats().spanHours).toBe(168);
  expect(index.stats().coveredFrom!.getTime()).toBeLessThanOrEqual(NOW.getTime() - 7 * DAY);
  const held = truth(tenant, NOW.getTime() - 7 * DAY, NOW.getTime());
  expect(held.length).toBeGreaterThan(1000);
  expect(held.every((id) => index.get(id))).toBe(true);
  expect(index.stats().records).toBe(held.length);
  expect(tenant.reportsCounters().throttled).toBeGreaterThan(0);
  expect(report()).toMatchObject({ state: 'done', records: held.length });
  expect(report().text).toMatch(/^7 days kept, [\d,]+ sign-ins, \d+ MB$/);
}, 60_000);

test('a budget the first day already fills: the index stops at 24 h and keeps all of it', async () => {
  const tenant = new DemoTenant({ now: NOW });
  const { index, poller, progress, report } = autoIndex(tenant, { budgetBytes: 1 });
  await poller.fill();
  expect(progress.map((p) => p.state)).toEqual(['extending', 'budget']);
  expect(index.stats().spanHours).toBe(24);
  expect(index.stats().records).toBe(truth(tenant, NOW.getTime() - DAY, NOW.getTime()).length);
  expect(report().text).toMatch(/^stopped at 24 h: memory budget/);
});

test('a day bigger than the budget allows: the index lets it go and keeps the whole days before it', async () => {
  const tenant = new DemoTenant({ now: NOW });
  // What two days take, measured with the same code.
  const two = autoIndex(tenant, { extendToHours: 48 });
  await two.poller.fill();
  const twoDays = two.index.heldBytes();
  // The third day back holds five times the usual sign-ins: the estimate (a day like the others) lets the fill try it.
  const template = userSignIns(tenant).find((r) => r.userId === MEGAN)!;
  const burst = Array.from({ length: 4000 }, (_, i) => ({
    ...template,
    id: `bbbb0000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    correlationId: `cccc0000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    createdDateTime: new Date(NOW.getTime() - 2.5 * DAY + i * 1000).toISOString().replace('.000Z', 'Z'),
  }));
  tenant.addSignIns(burst);
  const budgetBytes = Math.round(twoDays * 1.8);
  const { index, poller, progress, report } = autoIndex(tenant, { budgetBytes });
  await poller.fill();
  expect(progress.map((p) => p.state)).toEqual(['extending', 'extending', 'budget']);
  expect(index.stats().spanHours).toBe(48);
  expect(index.heldBytes()).toBeLessThanOrEqual(budgetBytes);
  // The two whole days, all of them, and nothing older; the span says so.
  const start = index.coverageStart()!;
  // (Whole minutes go: the span starts within minutes of 48 h back.)
  expect(Math.abs(start - (NOW.getTime() - 2 * DAY))).toBeLessThan(5 * 60_000);
  expect(truth(tenant, start, NOW.getTime()).every((id) => index.get(id))).toBe(true);
  expect(burst.some((r) => index.get(r.id))).toBe(false);
  expect(report().text).toMatch(/^stopped at 2 days: memory budget/);
});

test('answers asked while the index extends back are complete, read from Graph only what it does not cover yet, and it never claims what it does not hold', async () => {
  const tenant = new DemoTenant({ now: NOW });
  const graphReads: { from: string; to: string }[] = [];
  const { index, poller } = autoIndex(tenant, { pageSize: 50 });
  const direct = new GraphSignInLog(clientFor(tenant), { pageSize: 1000, maxPages: 10 });
  const fallback = {
    find: (q: Parameters<typeof direct.find>[0]) => {
      graphReads.push({ from: q.from.toISOString(), to: q.to.toISOString() });
      return direct.find(q);
    },
    byId: (id: string) => direct.byId(id),
    ownById: (id: string, userId: string) => direct.ownById(id, userId),
  };
  const source = new IndexedSignInSource(index, fallback, { pageSize: 1000, maxPages: 10 });
  const week = { userId: MEGAN, from: new Date(NOW.getTime() - 7 * DAY), to: NOW };
  const asked: { coveredFrom: number; answer: Promise<SignInPage> }[] = [];
  const overclaims: number[] = [];
  const add = index.add.bind(index);
  index.add = (records) => {
    const start = index.coverageStart();
    if (start !== null && poller.stats().span.state === 'extending') {
      // Everything Graph holds from the claimed start is in the index already.
      overclaims.push(truth(tenant, start, NOW.getTime()).filter((id) => !index.get(id)).length);
      asked.push({ coveredFrom: start, answer: source.find(week) });
    }
    return add(records);
  };
  await poller.fill();
  expect(asked.length).toBeGreaterThan(10);
  expect(overclaims.every((n) => n === 0)).toBe(true);
  const expected = truth(tenant, week.from.getTime(), NOW.getTime(), MEGAN);
  for (const { answer } of asked) expect((await answer).records.map((r) => r.id as string).sort()).toEqual(expected);
  // Each Graph read asked only for what lay before the index's span at that moment, up to its first whole second.
  const split = asked.filter((a) => a.coveredFrom > week.from.getTime());
  expect(graphReads.map((r) => r.to)).toEqual(
    split.map((a) => new Date(Math.ceil(a.coveredFrom / 1000) * 1000).toISOString()),
  );
  // Once the span reaches the whole window: the index alone, no read.
  const readsBefore = graphReads.length;
  const page = await source.find(week);
  expect(page.requests).toBe(0);
  expect(graphReads).toHaveLength(readsBefore);
  expect(page.records.map((r) => r.id as string).sort()).toEqual(expected);
}, 60_000);

test("a reader's question finds two read slots free in every window while the index extends back", async () => {
  const tenant = new DemoTenant({ now: NOW });
  let clock = NOW.getTime();
  // Graph's 5 reads per window; the limiter's clock moves only when the test moves it.
  const limiter = new ReportsLimiter({ maxRequests: 5, windowSeconds: 0.02, now: () => clock });
  const { poller } = autoIndex(tenant, { pageSize: 50, middleware: [limiter] });
  let done = false;
  const filling = poller.fill().then(() => (done = true));
  let checked = 0;
  let extendingBefore = false;
  while (!done) {
    await until(() => done || limiter.stats().queued > 0, 'the fill to wait for a read slot');
    if (done) break;
    // A window that holds only the backward fill's reads (not the forward fill's last ones, which leave one slot).
    if (extendingBefore) {
      // The fill waits for a slot in this window; a reader's two reads start at once all the same.
      let started = 0;
      const releases = [limiter.limiter.acquire('question'), limiter.limiter.acquire('question')];
      releases.forEach((r) => void r.then(() => started++));
      await Promise.resolve();
      await Promise.resolve();
      expect(started).toBe(2);
      for (const release of await Promise.all(releases)) release();
      checked++;
    }
    const started = limiter.stats().started;
    extendingBefore = poller.stats().span.state === 'extending';
    clock += 20;
    await until(() => done || limiter.stats().started > started, 'the next read once the window moved on');
  }
  await filling;
  expect(checked).toBeGreaterThan(5);
  expect(poller.stats().span.state).toBe('done');
}, 60_000);

test('a backward fill whose pages keep failing keeps its span, and goes on after a successful poll 10 minutes later', async () => {
  const tenant = new DemoTenant({ now: NOW });
  let clock = NOW.getTime();
  let down = true;
  // The backward fill's reads (le before now) fail while Graph is "down"; the first fill and the polls get through.
  const failing: Middleware & { next?: Middleware } = {
    setNext(next: Middleware) {
      this.next = next;
    },
    async execute(context: Context) {
      const url = decodeURIComponent(typeof context.request === 'string' ? context.request : context.request.url);
      const le = / le (\d{4}-[\d-]+T[\d:.]+Z)/.exec(url)?.[1];
      if (down && le !== undefined && Date.parse(le) < NOW.getTime() - HOUR) throw new Error('Graph is down');
      await this.next!.execute(context);
    },
  };
  const { index, poller, progress } = autoIndex(tenant, { middleware: [failing], clock: () => clock });
  await poller.fill();
  expect(progress.map((p) => p.state)).toEqual(['extending', 'failed']);
  expect(index.stats().records).toBe(truth(tenant, NOW.getTime() - DAY, NOW.getTime()).length);
  expect(spanReport(poller.stats().span, index.stats(), clock).text).toMatch(
    /^stopped at 24 h: the sign-in log's pages kept failing/,
  );
  down = false;
  clock += 5 * 60_000;
  await poller.pollOnce();
  expect(poller.stats().span.state).toBe('failed');
  clock += 6 * 60_000;
  await poller.pollOnce();
  await until(() => poller.stats().span.state === 'done', 'the backward fill to go on');
  expect(poller.stats().span.state).toBe('done');
  expect(index.coverageStart()).toBeLessThanOrEqual(clock - 7 * DAY);
  expect(truth(tenant, clock - 7 * DAY, NOW.getTime()).every((id) => index.get(id))).toBe(true);
  await poller.stop();
}, 60_000);
