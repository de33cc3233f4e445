/**
 * Graph's paging and answer times (DEMO_GRAPH_LATENCY): wider windows answer slower, pages may be
 * short or empty with a nextLink, answer time counts against the throttle. Injected clock and sleep:
 * nothing here waits.
 */
import { DemoTenant } from '../../src/demo/tenant';
import { createGraphClient } from '../../src/graph/client';
import { DemoTenantTransport, demoAuthProvider, realSleep, type Sleep } from '../../src/demo/graphTransport';
import { GRAPH_LIKE_TIMING, filterWindow, type ReportsTiming } from '../../src/demo/reportsTiming';
import { GraphSignInLog } from '../../src/signins/signInLog';
import { loadSettings } from '../../src/loadSettings';

const NOW = new Date('2026-11-27T10:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const signIns = new DemoTenant({ now: NOW }).signIns;

function setup(timing: ReportsTiming | null) {
  const waits: number[] = [];
  const sleep: Sleep = (ms) => {
    waits.push(ms);
    return Promise.resolve();
  };
  const tenant = new DemoTenant({ now: NOW, signIns, timing, clock: () => NOW.getTime() });
  const client = createGraphClient({
    endpoint: 'https://graph.microsoft.com',
    authProvider: demoAuthProvider,
    transport: new DemoTenantTransport(tenant, sleep),
  });
  return { tenant, client, waits };
}

const calm: ReportsTiming = {
  ...GRAPH_LIKE_TIMING,
  shortPageRate: 0,
  emptyPageRate: 0,
  serviceMsPerWindow: 10_000_000,
};

describe('answer times', () => {
  it('a wider window answers slower', async () => {
    const { client, waits } = setup(calm);
    const log = new GraphSignInLog(client, { pageSize: 1000, maxPages: 1, eventTypes: ['interactiveUser'] });
    for (const days of [1, 7, 30])
      await log.find({ userId: MEGAN, from: new Date(NOW.getTime() - days * DAY), to: NOW });
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeLessThan(waits[1]);
    expect(waits[1]).toBeLessThan(waits[2]);
    expect(waits[2]).toBeGreaterThanOrEqual(GRAPH_LIKE_TIMING.perDayMs * 30);
  });

  it('off: no waiting at all (what unit tests run with)', async () => {
    const { client, waits } = setup(null);
    await new GraphSignInLog(client, { pageSize: 1000, maxPages: 1 }).find({
      userId: MEGAN,
      from: new Date(NOW.getTime() - 30 * DAY),
      to: NOW,
    });
    expect(waits).toEqual([]);
  });

  it('reads the window a filter names', () => {
    expect(
      filterWindow(
        "userId eq 'x' and createdDateTime ge 2026-11-20T00:00:00Z and createdDateTime le 2026-11-27T00:00:00Z",
      ),
    ).toEqual({ from: Date.parse('2026-11-20T00:00:00Z'), to: Date.parse('2026-11-27T00:00:00Z') });
    expect(filterWindow('createdDateTime ge 2026-11-20')).toEqual({
      from: Date.parse('2026-11-20T00:00:00Z'),
      to: null,
    });
    expect(filterWindow(null)).toEqual({ from: null, to: null });
  });

  it('a request whose client gives up while Graph is still answering fails as an abort', async () => {
    const controller = new AbortController();
    const waiting = realSleep(60_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('short and empty pages', () => {
  it('pages may be short or empty with a nextLink; following them gives every record once', async () => {
    const ragged = setup({ ...calm, shortPageRate: 0.4, emptyPageRate: 0.2, seed: 11 });
    const plain = setup(null);
    const query = { from: new Date(NOW.getTime() - 7 * DAY), to: NOW };
    const wanted = await new GraphSignInLog(plain.client, {
      pageSize: 100,
      maxPages: 1000,
      eventTypes: ['interactiveUser'],
    }).find(query);
    const pages: number[] = [];
    let link: string | undefined;
    let records: string[] = [];
    do {
      const request = link
        ? ragged.client.api(link)
        : ragged.client
            .api('/auditLogs/signIns')
            .filter(
              encodeURIComponent(
                `createdDateTime ge ${query.from.toISOString()} and createdDateTime le ${query.to.toISOString()}`,
              ),
            )
            .top(100);
      const page = (await request.get()) as { value: { id: string }[]; '@odata.nextLink'?: string };
      pages.push(page.value.length);
      records = records.concat(page.value.map((r) => r.id));
      link = page['@odata.nextLink'];
    } while (link);
    expect(pages.slice(0, -1).some((n) => n === 0)).toBe(true);
    expect(pages.slice(0, -1).some((n) => n > 0 && n < 100)).toBe(true);
    expect(records).toEqual(wanted.records.map((r) => r.id));
  });

  it('a reader with a page cap sees less of the window on ragged pages: truncated says so', async () => {
    const ragged = setup({ ...calm, shortPageRate: 0.5, emptyPageRate: 0.3, seed: 3 });
    const page = await new GraphSignInLog(ragged.client, {
      pageSize: 100,
      maxPages: 3,
      eventTypes: ['interactiveUser'],
    }).find({ from: new Date(NOW.getTime() - 7 * DAY), to: NOW });
    expect(page.truncated).toBe(true);
    expect(page.records.length).toBeLessThan(300);
  });
});

describe('throttling on answer time', () => {
  it("past the window's answer-time budget Graph answers 429 with Retry-After; later it answers again", () => {
    let now = NOW.getTime();
    const tenant = new DemoTenant({
      now: NOW,
      signIns,
      timing: { ...calm, serviceMsPerWindow: 20_000 },
      clock: () => now,
    });
    const thirtyDays = `https://graph.microsoft.com/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(`createdDateTime ge ${new Date(NOW.getTime() - 30 * DAY).toISOString()}`)}`;
    const ask = () => tenant.handle({ method: 'GET', url: thirtyDays, headers: { authorization: 'Bearer t' } });
    // Each 30-day page costs about 8 s of answer time: the third in one window is over 20 s.
    expect([ask().status, ask().status]).toEqual([200, 200]);
    const refused = ask();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((JSON.parse(refused.body) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    // Narrow windows still fit: the budget is answer time, not only a count.
    const lastHour = `https://graph.microsoft.com/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(`createdDateTime ge ${new Date(NOW.getTime() - HOUR).toISOString()}`)}`;
    expect(tenant.handle({ method: 'GET', url: lastHour, headers: { authorization: 'Bearer t' } }).status).toBe(200);
    now += 10_001;
    expect(ask().status).toBe(200);
  });
});

describe('the setting', () => {
  it('DEMO_GRAPH_LATENCY is on or off, on by default (the demo answers as slowly as Graph; tests turn it off)', () => {
    const off = loadSettings({ DEMO: 'true', DEMO_GRAPH_LATENCY: 'off' });
    const on = loadSettings({ DEMO: 'true' });
    expect(off.ok && off.demoSettings?.latency).toBe(false);
    expect(on.ok && on.demoSettings?.latency).toBe(true);
    expect(loadSettings({ DEMO: 'true', DEMO_GRAPH_LATENCY: 'slow' }).ok).toBe(false);
  });
});
