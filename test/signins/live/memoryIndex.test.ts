/**
 * The live sign-in index against the demo tenant through the real Graph client: the same records as
 * the per-question read for every person, window and filter; late records caught by the overlap; the
 * memory bound; questions first for read slots.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DemoTenant } from '../../../src/demo/tenant';
import { DEMO_PEOPLE } from '../../../src/demo/people';
import { DEMO_APPS } from '../../../src/demo/signInGenerator';
import { createGraphClient } from '../../../src/graph/client';
import { DemoTenantTransport, demoAuthProvider } from '../../../src/demo/graphTransport';
import { ReportsLimiter } from '../../../src/graph/limiter';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { DEFAULT_SIGNIN_EVENT_TYPES, GraphSignInLog, type SignInQuery } from '../../../src/signins/signInLog';
import { userSignIns } from '../../fixtures/signIns';
import { projectSignIn } from '../../../src/signins/live/compactSignIn';
import { IndexedSignInSource } from '../../../src/signins/live/indexOrGraphSource';
import { LiveSignInIndex } from '../../../src/signins/live/memoryIndex';
import { SignInPoller } from '../../../src/signins/live/poller';
import { until } from '../../support/until';

const NOW = new Date('2026-11-27T10:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MEGAN = '00000000-0000-0000-0000-0000000000021';

function clientFor(tenant: DemoTenant, middleware: Middleware[] = [], transport?: Middleware) {
  return createGraphClient({
    endpoint: 'https://graph.microsoft.com',
    authProvider: demoAuthProvider,
    transport: transport ?? new DemoTenantTransport(tenant),
    middleware,
  });
}

function indexOver(
  tenant: DemoTenant,
  clock: () => number,
  options: Partial<{ hours: number; maxRecords: number; maxBytes: number; pageSize: number; overlapMs: number }> = {},
  middleware: Middleware[] = [],
  transport?: Middleware,
) {
  const hours = options.hours ?? 30 * 24;
  const index = new LiveSignInIndex({
    hours,
    maxRecords: options.maxRecords ?? 1e7,
    maxBytes: options.maxBytes ?? 1e10,
    maxStalenessMs: 90_000,
    now: clock,
  });
  const poller = new SignInPoller(clientFor(tenant, middleware, transport), index, {
    hours,
    intervalMs: 30_000,
    overlapMs: options.overlapMs ?? 5 * 60_000,
    pageSize: options.pageSize ?? 1000,
    eventTypes: DEFAULT_SIGNIN_EVENT_TYPES,
    now: clock,
  });
  return { index, poller };
}

describe('index answers equal direct reads', () => {
  const tenant = new DemoTenant({ now: NOW });
  const direct = new GraphSignInLog(clientFor(tenant), { pageSize: 500, maxPages: 3 });
  const { index, poller } = indexOver(tenant, () => NOW.getTime());
  const source = new IndexedSignInSource(index, direct, { pageSize: 500, maxPages: 3 });
  beforeAll(() => poller.fill());

  const windows: [string, number, number][] = [
    ['last hour', NOW.getTime() - HOUR, NOW.getTime()],
    ['yesterday', NOW.getTime() - 34 * HOUR, NOW.getTime() - 10 * HOUR],
    ['7 days', NOW.getTime() - 7 * DAY, NOW.getTime()],
    ['30 days', NOW.getTime() - 30 * DAY + 1000, NOW.getTime()],
    ['a past afternoon', NOW.getTime() - 3 * DAY - 5 * HOUR, NOW.getTime() - 3 * DAY],
  ];

  test('the fill covered the 30 days and made no read per question afterwards', () => {
    expect(index.stats().records).toBe(userSignIns(tenant).length);
    expect(index.stats().coveredFrom!.getTime()).toBeLessThanOrEqual(NOW.getTime() - 30 * DAY + 1000);
  });

  test.each(windows)(
    'every person, %s, with no filter, an app and a code: same records, same truncation, no Graph read',
    async (_name, from, to) => {
      let compared = 0;
      let nonEmpty = 0;
      for (const person of DEMO_PEOPLE) {
        const firstFailure = userSignIns(tenant).find((r) => r.userId === person.id && r.status?.errorCode !== 0);
        const queries: SignInQuery[] = [
          { userId: person.id, from: new Date(from), to: new Date(to) },
          // App prefixes compare without regard to case (startsWith); string `eq` on the sign-in log is
          // case-sensitive (docs/graph-fidelity.md), so the id is given as Graph writes it.
          { userId: person.id, from: new Date(from), to: new Date(to), app: 'OUTLOOK' },
          {
            userId: person.id,
            from: new Date(from),
            to: new Date(to),
            errorCode: firstFailure?.status?.errorCode ?? 50126,
          },
          {
            userId: person.id,
            from: new Date(from),
            to: new Date(to),
            correlationId: firstFailure?.correlationId ?? 'none',
          },
        ];
        for (const query of queries) {
          const before = tenant.signInRequests().length;
          const fromIndex = await source.find(query);
          expect(tenant.signInRequests().length).toBe(before);
          const read = await direct.find(query);
          expect(fromIndex.requests).toBe(0);
          expect(fromIndex.truncated).toBe(read.truncated);
          expect(fromIndex.records).toEqual(read.records.map(projectSignIn));
          compared++;
          if (read.records.length > 0) nonEmpty++;
        }
      }
      expect(compared).toBe(DEMO_PEOPLE.length * 4);
      if (to - from >= DAY) expect(nonEmpty).toBeGreaterThan(DEMO_PEOPLE.length);
    },
  );

  test.each(windows)(
    'the whole tenant, %s, with no filter, each app and each code: same records and truncation',
    async (_name, from, to) => {
      const codes = [...new Set(userSignIns(tenant).map((r) => r.status?.errorCode as number))];
      const queries: SignInQuery[] = [
        { from: new Date(from), to: new Date(to) },
        ...Object.values(DEMO_APPS).map((a) => ({
          from: new Date(from),
          to: new Date(to),
          app: a.appDisplayName.slice(0, 9),
        })),
        ...codes.map((errorCode) => ({ from: new Date(from), to: new Date(to), errorCode })),
      ];
      let cut = 0;
      for (const query of queries) {
        const fromIndex = await source.find(query);
        const read = await direct.find(query);
        expect(fromIndex.requests).toBe(0);
        // The index answers its span in full; a direct read stops at its page allowance and says so.
        expect(fromIndex.truncated).toBe(false);
        if (!read.truncated) {
          expect(fromIndex.records.map((r) => r.id)).toEqual(read.records.map((r) => r.id));
          expect(fromIndex.records).toEqual(read.records.map(projectSignIn));
          continue;
        }
        cut++;
        const held = new Set(fromIndex.records.map((r) => r.id));
        expect(read.records.every((r) => held.has(r.id))).toBe(true);
        expect(fromIndex.records.length).toBeGreaterThan(read.records.length);
        expect(read.coverage!.some((c) => !c.complete && c.readBackTo!.getTime() > from)).toBe(true);
      }
      if (to - from >= 7 * DAY) expect(cut).toBeGreaterThan(0);
    },
  );

  test('by id and own-by-id: the same as Graph, someone else\'s sign-in is not "own"', async () => {
    const megans = userSignIns(tenant).find((r) => r.userId === MEGAN)!;
    const others = userSignIns(tenant).find((r) => r.userId !== MEGAN)!;
    const before = tenant.signInRequests().length;
    expect(await source.byId(megans.id!)).toEqual(projectSignIn(megans));
    expect(await source.ownById(megans.id!, MEGAN)).toEqual(projectSignIn(megans));
    expect(await source.ownById(others.id!, MEGAN)).toBeNull();
    expect(await direct.ownById(others.id!, MEGAN)).toBeNull();
    // Someone else's sign-in takes Graph's filtered read from the index source too (indexOrGraphSource.ts), as from the direct one.
    expect(tenant.signInRequests().length).toBe(before + 2);
  });

  test('windows outside the covered span and unknown query fields go to Graph', async () => {
    const before = source.stats().fallbacks;
    await source.find({ userId: MEGAN, from: new Date(NOW.getTime() - 40 * DAY), to: NOW });
    await source.find({ userId: MEGAN, from: new Date(NOW.getTime() - DAY), to: NOW, requestId: 'x' });
    expect(source.stats().fallbacks).toBe(before + 2);
  });
});

describe('the poller', () => {
  function lateRecord(tenant: DemoTenant, id: string, at: number): SignIn {
    const template =
      userSignIns(tenant).find((r) => r.userId === MEGAN && r.status?.errorCode === 50053) ??
      userSignIns(tenant).find((r) => r.userId === MEGAN)!;
    return { ...template, id, correlationId: id, createdDateTime: new Date(at).toISOString().replace('.000Z', 'Z') };
  }

  test("a record that reaches the log late is caught by the next poll's overlap; one later than the overlap is not", async () => {
    let clock = NOW.getTime();
    const tenant = new DemoTenant({ now: NOW });
    const { index, poller } = indexOver(tenant, () => clock, { hours: 24, overlapMs: 5 * 60_000 });
    // One record a minute before the fill: the poll's overlap reads it again.
    tenant.addSignIns([lateRecord(tenant, 'aaaa0000-0000-4000-8000-000000000000', clock - 60_000)]);
    await poller.fill();
    const synced = index.stats().syncedTo!.getTime();
    clock += 30_000;
    // Written to the log after the fill, dated before it: 2 minutes late, and 20 minutes late.
    tenant.addSignIns([
      lateRecord(tenant, 'aaaa0000-0000-4000-8000-000000000001', synced - 2 * 60_000),
      lateRecord(tenant, 'aaaa0000-0000-4000-8000-000000000002', synced - 20 * 60_000),
    ]);
    const question = { userId: MEGAN, from: new Date(synced - HOUR), to: new Date(clock) };
    expect(index.find(question, 1500)!.records.map((r) => r.id)).not.toContain('aaaa0000-0000-4000-8000-000000000001');
    const records = index.stats().records;
    await poller.pollOnce();
    // The overlap re-read the last 5 minutes: the late record is new, everything else a duplicate.
    expect(index.stats().records).toBe(records + 1);
    expect(index.stats().duplicates).toBeGreaterThan(0);
    expect(index.stats().syncedTo!.getTime()).toBe(clock);
    const ids = index.find(question, 1500)!.records.map((r) => r.id);
    expect(ids).toContain('aaaa0000-0000-4000-8000-000000000001');
    expect(ids).not.toContain('aaaa0000-0000-4000-8000-000000000002');
  });

  test('the fill makes the newest hour answerable after its first page', async () => {
    const tenant = new DemoTenant({ now: NOW });
    let pages = 0;
    const { index, poller } = indexOver(tenant, () => NOW.getTime(), { pageSize: 100 });
    const afterFirstPage: boolean[] = [];
    const add = index.add.bind(index);
    index.add = (records) => {
      // Called with the second page: what the first one made answerable.
      if (++pages === 2) {
        afterFirstPage.push(index.covers({ userId: MEGAN, from: new Date(NOW.getTime() - HOUR), to: NOW }));
        afterFirstPage.push(index.covers({ userId: MEGAN, from: new Date(NOW.getTime() - 7 * DAY), to: NOW }));
      }
      return add(records);
    };
    await poller.fill();
    expect(afterFirstPage).toEqual([true, false]);
    expect(pages).toBeGreaterThan(5);
    expect(index.covers({ userId: MEGAN, from: new Date(NOW.getTime() - 7 * DAY), to: NOW })).toBe(true);
  });

  test('questions outrank the poller for read slots, and nobody gets a 429', async () => {
    const tenant = new DemoTenant({ now: NOW, reportsLimit: { maxRequests: 3, windowMs: 200 } });
    const arrivals: string[] = [];
    const inner = new DemoTenantTransport(tenant);
    const recording: Middleware = {
      execute: async (context: Context) => {
        const url = decodeURIComponent(typeof context.request === 'string' ? context.request : context.request.url);
        arrivals.push(/userId eq/.test(url) ? 'question' : 'poller');
        await inner.execute(context);
      },
    };
    const limiter = new ReportsLimiter({ maxRequests: 3, windowSeconds: 0.2 });
    const { poller } = indexOver(tenant, () => NOW.getTime(), { pageSize: 50 }, [limiter], recording);
    const filling = poller.fill();
    // Background reads get two of each window's three slots: once two pages are read, the next wait in the queue.
    await until(() => arrivals.length >= 2, 'the poller to read its first pages');
    const asked = arrivals.length;
    const direct = new GraphSignInLog(clientFor(tenant, [limiter], recording), { pageSize: 500, maxPages: 1 });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        direct.find({ userId: DEMO_PEOPLE[i].id, from: new Date(NOW.getTime() - DAY), to: NOW }),
      ),
    );
    const during = arrivals.slice(asked);
    // At most the one page the poller already had under way arrives among the questions (two reads each: interactive, then non-interactive).
    expect(during.filter((a) => a === 'question')).toHaveLength(16);
    expect(
      during.slice(0, during.lastIndexOf('question') + 1).filter((a) => a === 'poller').length,
    ).toBeLessThanOrEqual(1);
    await poller.stop();
    await filling;
    expect(tenant.reportsCounters().throttled).toBe(0);
    expect(limiter.stats().backgroundStarted).toBeGreaterThan(0);
  });
});

describe('memory bound', () => {
  const tenant = new DemoTenant({ now: NOW });

  test('at most maxRecords held, the oldest evicted first, and coverage starts after the evicted', async () => {
    const { index, poller } = indexOver(tenant, () => NOW.getTime(), { maxRecords: 500 });
    await poller.fill();
    const stats = index.stats();
    expect(stats.records).toBeLessThanOrEqual(500);
    expect(stats.records).toBeGreaterThan(400);
    expect(stats.evicted).toBeGreaterThan(0);
    // What is held is the newest: every held record is newer than every record not held.
    const held = userSignIns(tenant).filter((r) => index.get(r.id!));
    const oldestHeld = Math.min(...held.map((r) => Date.parse(r.createdDateTime!)));
    expect(
      userSignIns(tenant)
        .filter((r) => !index.get(r.id!))
        .every((r) => Date.parse(r.createdDateTime!) <= oldestHeld),
    ).toBe(true);
    expect(stats.coveredFrom!.getTime()).toBeGreaterThan(
      Math.max(
        ...userSignIns(tenant)
          .filter((r) => !index.get(r.id!))
          .map((r) => Date.parse(r.createdDateTime!)),
      ),
    );
    // A question reaching before the span is not answered from the index.
    expect(index.find({ userId: MEGAN, from: new Date(NOW.getTime() - 7 * DAY), to: NOW }, 1500)).toBeNull();
  });

  test('the byte bound holds too, and identical parts are stored once', async () => {
    const { index, poller } = indexOver(tenant, () => NOW.getTime(), { maxBytes: 400_000 });
    await poller.fill();
    const stats = index.stats();
    expect(stats.bytes).toBeLessThanOrEqual(400_000);
    expect(stats.records).toBeGreaterThan(0);
    expect(stats.records).toBeLessThan(userSignIns(tenant).length);
    expect(stats.parts).toBeLessThan(stats.records);
  });
});

test('a window of exactly the covered hours, computed a moment before the index is asked, is answered from it', async () => {
  let clock = NOW.getTime();
  const tenant = new DemoTenant({ now: NOW });
  const { index, poller } = indexOver(tenant, () => clock, { hours: 24 });
  await poller.fill();
  clock += 5_000;
  const question = { userId: MEGAN, from: new Date(clock - DAY), to: new Date(clock) };
  clock += 3;
  expect(index.find(question, 1500)).not.toBeNull();
});

test('incident detection reads the failures of a span without the successes, as filtering every record would give', async () => {
  const tenant = new DemoTenant({ now: NOW });
  const { index, poller } = indexOver(tenant, () => NOW.getTime(), { hours: 24 });
  await poller.fill();
  const from = NOW.getTime() - 12 * HOUR;
  const all = index.recordsBetween(from, NOW.getTime());
  const failures = index.recordsBetween(from, NOW.getTime(), true);
  expect(failures.length).toBeGreaterThan(0);
  expect(failures.length).toBeLessThan(all.length);
  expect(failures.map((r) => r.id)).toEqual(all.filter((r) => (r.status?.errorCode ?? 0) !== 0).map((r) => r.id));
});
