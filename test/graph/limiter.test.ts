/**
 * The reports limiter: a sliding window with a FIFO queue and Retry-After pauses, as a Graph client
 * middleware after the retry handler (retries count) and only for /auditLogs/.
 *
 * Timing assertions are on counts per window measured by the limiter's own clock (an invariant that
 * holds by construction), plus generous lower bounds; never on exact wall-clock durations.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { createGraphClient } from '../../src/graph/client';
import { demoAuthProvider } from '../../src/demo/graphTransport';
import {
  createReportsLimiter,
  isReportsRequest,
  ReadsBusy,
  ReportsLimiter,
  RequestLimiter,
  retryAfterMs,
} from '../../src/graph/limiter';
import { inReadLane } from '../../src/graph/readLane';
import { toGraphProblem } from '../../src/graph/errors';

/** The most start times that fall in any half-open window [t, t + windowMs). */
function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi] - sorted[lo] >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe('RequestLimiter', () => {
  test('queues instead of failing, and never lets more than N start in any window', async () => {
    const limiter = new RequestLimiter({ maxRequests: 2, windowMs: 200 });
    const t0 = Date.now();
    const done: number[] = [];
    await Promise.all(Array.from({ length: 9 }, (_, i) => limiter.acquire().then(() => done.push(i))));
    const stats = limiter.stats();
    expect(stats.started).toBe(9);
    expect(stats.delayed).toBe(7);
    expect(stats.maxQueued).toBe(7);
    expect(stats.queued).toBe(0);
    expect(maxInAnyWindow(stats.startTimes, 200)).toBe(2);
    // FIFO: served in the order asked.
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // 9 requests at 2 per 200 ms need at least 4 full windows.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(800);
  });

  test('a Retry-After pause holds everyone back; a shorter pause does not cut a longer one', async () => {
    const limiter = new RequestLimiter({ maxRequests: 100, windowMs: 1000 });
    const t0 = Date.now();
    limiter.pauseFor(300);
    limiter.pauseFor(50);
    await Promise.all([limiter.acquire(), limiter.acquire()]);
    expect(limiter.stats().startTimes.every((t) => t - t0 >= 300)).toBe(true);
    expect(limiter.stats().pauses).toBe(1);
  });

  test('questions outrank background reads: a waiting question goes first, and background never takes the last slot', async () => {
    const limiter = new RequestLimiter({ maxRequests: 3, windowMs: 150 });
    const order: string[] = [];
    const background = Array.from({ length: 3 }, (_, i) =>
      limiter.acquire('background').then(() => order.push(`b${i}`)),
    );
    await Promise.resolve();
    // Two of three slots: the third is kept for a question.
    expect(limiter.stats().backgroundStarted).toBe(2);
    const questions = Array.from({ length: 3 }, (_, i) => limiter.acquire('question').then(() => order.push(`q${i}`)));
    await Promise.all([...background, ...questions]);
    // q0 takes the kept slot at once; b2 had waited longer than q1 and q2 but goes after them.
    expect(order).toEqual(['b0', 'b1', 'q0', 'q1', 'q2', 'b2']);
    expect(maxInAnyWindow(limiter.stats().startTimes, 150)).toBeLessThanOrEqual(3);
  });

  test("reads made for no one ('system') wait with background work and leave two slots: a reader's two reads start at once", async () => {
    const limiter = new RequestLimiter({ maxRequests: 5, windowMs: 150 });
    const order: string[] = [];
    const system = Array.from({ length: 5 }, (_, i) => limiter.acquire('system').then(() => order.push(`s${i}`)));
    await Promise.resolve();
    expect(limiter.stats().started).toBe(3);
    const questions = Array.from({ length: 2 }, (_, i) => limiter.acquire('question').then(() => order.push(`q${i}`)));
    await Promise.resolve();
    expect(limiter.stats().started).toBe(5);
    await Promise.all([...system, ...questions]);
    expect(order.slice(0, 5)).toEqual(['s0', 's1', 's2', 'q0', 'q1']);
    expect(maxInAnyWindow(limiter.stats().startTimes, 150)).toBeLessThanOrEqual(5);
  });

  test("a non-reader's read goes before waiting reads made for no one (the index's backward fill), which would otherwise keep every window above its share", async () => {
    const limiter = new RequestLimiter({ maxRequests: 5, windowMs: 150 });
    const order: string[] = [];
    const system = Array.from({ length: 9 }, (_, i) => limiter.acquire('system').then(() => order.push(`s${i}`)));
    await Promise.resolve();
    expect(limiter.stats().started).toBe(3);
    const limited = limiter.acquire('limited', 'patti').then(() => order.push('l0'));
    await Promise.all([...system, limited]);
    // The window full of system reads drains; then the non-reader's read first, then the next system reads.
    expect(order.slice(0, 5)).toEqual(['s0', 's1', 's2', 'l0', 's3']);
    expect(maxInAnyWindow(limiter.stats().startTimes, 150)).toBeLessThanOrEqual(5);
  });

  test('a released request counts from when its answer came, not from when it left', async () => {
    let clock = 0;
    const limiter = new RequestLimiter({ maxRequests: 1, windowMs: 100, now: () => clock });
    const release = await limiter.acquire();
    clock = 40;
    release();
    clock = 100;
    let started = false;
    const next = limiter.acquire().then(() => (started = true));
    await new Promise((r) => setTimeout(r, 80));
    // Counted from 0 it would be free at 100; counted from its answer at 40 it is not free until 140.
    expect(started).toBe(false);
    clock = 140;
    await next;
    expect(started).toBe(true);
  });

  test('rejects nonsense settings', () => {
    expect(() => new RequestLimiter({ maxRequests: 0, windowMs: 10 })).toThrow(RangeError);
    expect(() => new RequestLimiter({ maxRequests: 1, windowMs: -1 })).toThrow(RangeError);
  });

  test('close (at shutdown) leaves no timer behind and lets no waiting read go', async () => {
    jest.useFakeTimers();
    try {
      const limiter = new RequestLimiter({ maxRequests: 1, windowMs: 10_000 });
      await limiter.acquire();
      let letGo = false;
      void limiter.acquire().then(() => (letGo = true));
      // The second read waits for the next window on a timer: the one that kept jest alive after an app closed.
      expect(jest.getTimerCount()).toBe(1);
      limiter.close();
      expect(jest.getTimerCount()).toBe(0);
      await jest.advanceTimersByTimeAsync(20_000);
      expect(letGo).toBe(false);
      expect(limiter.stats().queued).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});

test('retryAfterMs reads seconds and HTTP dates', () => {
  expect(retryAfterMs('3')).toBe(3000);
  expect(retryAfterMs('0')).toBe(0);
  expect(retryAfterMs(null)).toBeNull();
  expect(retryAfterMs('soon')).toBeNull();
  const now = Date.parse('2026-11-27T12:00:00Z');
  expect(retryAfterMs('Fri, 27 Nov 2026 12:00:05 GMT', now)).toBe(5000);
});

test('only identity reports are limited', () => {
  expect(isReportsRequest(new URL('https://graph.microsoft.com/v1.0/auditLogs/signIns?$top=5'))).toBe(true);
  expect(isReportsRequest(new URL('https://graph.microsoft.com/beta/auditLogs/signIns/abc'))).toBe(true);
  expect(isReportsRequest(new URL('https://graph.microsoft.com/v1.0/users/abc'))).toBe(false);
  expect(isReportsRequest(new URL('https://graph.microsoft.com/v1.0/users?$filter=auditLogs'))).toBe(false);
});

/** A transport that answers from a script and records when each request arrived. */
class ScriptedTransport implements Middleware {
  readonly seen: { path: string; at: number }[] = [];
  constructor(
    private readonly answer: (path: string, n: number) => { status: number; headers?: Record<string, string> },
  ) {}
  async execute(context: Context): Promise<void> {
    const url = new URL(typeof context.request === 'string' ? context.request : context.request.url);
    this.seen.push({ path: url.pathname, at: Date.now() });
    const { status, headers } = this.answer(url.pathname, this.seen.length);
    const body =
      status === 200
        ? { value: [] }
        : { error: { code: status === 429 ? 'TooManyRequests' : 'Error', message: 'scripted' } };
    context.response = new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  }
}

describe('ReportsLimiter in the Graph client chain', () => {
  test('built from the configuration; limits /auditLogs/ but not /users', async () => {
    const limiter = createReportsLimiter({ reportsMaxRequests: 2, reportsWindowSeconds: 1 });
    const transport = new ScriptedTransport(() => ({ status: 200 }));
    const client = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport,
      middleware: [limiter],
    });
    const t0 = Date.now();
    await Promise.all([
      ...Array.from({ length: 5 }, () => client.api('/auditLogs/signIns').top(1).get()),
      ...Array.from({ length: 5 }, () => client.api('/users').top(1).get()),
    ]);
    const users = transport.seen.filter((s) => s.path.startsWith('/v1.0/users'));
    const reports = transport.seen.filter((s) => s.path.startsWith('/v1.0/auditLogs'));
    expect(users.every((s) => s.at - t0 < 500)).toBe(true);
    expect(reports).toHaveLength(5);
    expect(limiter.stats().started).toBe(5);
    expect(maxInAnyWindow(limiter.stats().startTimes, 1000)).toBe(2);
    expect(reports[4].at - t0).toBeGreaterThanOrEqual(2000);
  });

  test('retries pass through the limiter and count against it, and Retry-After pauses the others', async () => {
    const limiter = new ReportsLimiter({ maxRequests: 10, windowSeconds: 10 });
    let throttledOnce = false;
    const transport = new ScriptedTransport((path) => {
      if (path.startsWith('/v1.0/auditLogs') && !throttledOnce) {
        throttledOnce = true;
        return { status: 429, headers: { 'Retry-After': '1' } };
      }
      return { status: 200 };
    });
    const client = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport,
      middleware: [limiter],
    });
    const t0 = Date.now();
    await client.api('/auditLogs/signIns').top(1).get();
    // The throttled request and its retry both went through the limiter.
    expect(limiter.stats().started).toBe(2);
    expect(limiter.stats().pauses).toBe(1);
    // A request asked right after the 429 waits for the Retry-After pause too.
    await client.api('/auditLogs/signIns').top(2).get();
    const reports = transport.seen.filter((s) => s.path.startsWith('/v1.0/auditLogs'));
    expect(reports).toHaveLength(3);
    expect(reports[1].at - t0).toBeGreaterThanOrEqual(1000);
    expect(reports[2].at - t0).toBeGreaterThanOrEqual(1000);
  });

  test('persistent 429 ends as a throttled problem after the retries, all counted', async () => {
    const limiter = new ReportsLimiter({ maxRequests: 100, windowSeconds: 1 });
    const transport = new ScriptedTransport(() => ({ status: 429, headers: { 'Retry-After': '0' } }));
    const client = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport,
      middleware: [limiter],
      maxRetries: 3,
    });
    const error = await client
      .api('/auditLogs/signIns')
      .get()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(toGraphProblem(error).kind).toBe('throttled');
    expect(limiter.stats().started).toBe(4);
  });

  test('queueing time does not count against the per-request timeout', async () => {
    const limiter = new ReportsLimiter({ maxRequests: 1, windowSeconds: 0.4 });
    const transport = new ScriptedTransport(() => ({ status: 200 }));
    const client = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport,
      middleware: [limiter],
      timeoutMs: 300,
    });
    // The fourth waits about 1.2 s in the queue, four times the timeout, and still succeeds.
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => client.api('/auditLogs/signIns').get()));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
  });
});

describe('lanes (issue 24): readers first, non-readers bounded', () => {
  test("limited reads use at most their share of a window (half, rounded down); a reader's question then starts at once", async () => {
    const limiter = new RequestLimiter({ maxRequests: 5, windowMs: 10_000 });
    const limited = [1, 2, 3, 4].map((i) => limiter.acquire('limited', `person-${i}`).catch((e: Error) => e));
    await Promise.resolve();
    expect(limiter.stats().limitedStarted).toBe(2);
    expect(limiter.stats().queued).toBe(2);
    // A reader's question of two reads (one per kind of sign-in) finds both free.
    const question = await Promise.race([
      Promise.all([limiter.acquire('question'), limiter.acquire('question')]).then(() => 'started'),
      new Promise((r) => setImmediate(() => r('waiting'))),
    ]);
    expect(question).toBe('started');
    void limited;
  });

  test('a person with a read waiting, or a full queue, is refused at once with ReadsBusy; questions never are', async () => {
    const limiter = new RequestLimiter({ maxRequests: 1, windowMs: 60_000, maxLimitedWaiting: 2 });
    await limiter.acquire('question');
    const first = limiter.acquire('limited', 'Megan').catch((e: unknown) => e);
    await expect(limiter.acquire('limited', 'megan')).rejects.toBeInstanceOf(ReadsBusy);
    const second = limiter.acquire('limited', 'adele').catch((e: unknown) => e);
    await expect(limiter.acquire('limited', 'patti')).rejects.toMatchObject({ name: 'ReadsBusy', why: 'lane' });
    const questions = Array.from({ length: 20 }, () => limiter.acquire('question').catch((e: unknown) => e));
    expect(limiter.stats().shed).toBe(2);
    expect(limiter.stats().queued).toBe(22);
    void first;
    void second;
    void questions;
  });

  test("a read made inside a non-reader's turn goes in the limited lane, through the Graph client", async () => {
    const limiter = new ReportsLimiter({ maxRequests: 10, windowSeconds: 10 });
    const answering: Middleware = {
      execute: async (context: Context) => {
        context.response = new Response('{"value":[]}', {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    };
    const client = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport: answering,
      middleware: [limiter],
    });
    await inReadLane(
      { priority: 'limited', person: 'megan' },
      () => client.api('/auditLogs/signIns').get() as Promise<unknown>,
    );
    await inReadLane(
      { priority: 'question', person: 'alex' },
      () => client.api('/auditLogs/signIns').get() as Promise<unknown>,
    );
    await client.api('/auditLogs/signIns').get();
    expect(limiter.stats()).toMatchObject({ started: 3, limitedStarted: 1 });
  });

  test('ReadsBusy thrown inside the Graph client becomes the "busy" problem (try again in a minute)', async () => {
    const limiter = new ReportsLimiter({ maxRequests: 1, windowSeconds: 60, maxLimitedWaiting: 1 });
    const answering: Middleware = {
      execute: async (context: Context) => {
        context.response = new Response('{"value":[]}', {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    };
    const client = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport: answering,
      middleware: [limiter],
    });
    await client.api('/auditLogs/signIns').get();
    const waiting = inReadLane(
      { priority: 'limited', person: 'a' },
      () => client.api('/auditLogs/signIns').get() as Promise<unknown>,
    ).catch(() => undefined);
    const error = await inReadLane(
      { priority: 'limited', person: 'b' },
      () => client.api('/auditLogs/signIns').get() as Promise<unknown>,
    ).catch((e: unknown) => e);
    expect(toGraphProblem(error)).toMatchObject({ kind: 'busy', retryAfterSeconds: 60 });
    void waiting;
  });
});
