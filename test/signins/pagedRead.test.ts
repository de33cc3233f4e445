/**
 * Paging one window of the sign-in log (unit, injected clock and pauses): a page that timed out is
 * tried again after a growing pause (what the client's retry handler already retried — 429, 503 — and
 * refusals are not), the read stops at its page allowance or its deadline and says it is incomplete,
 * and only a first page that cannot be had is an error.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { readPages, type PagedReadLimits, type SignInListPage } from '../../src/signins/pagedRead';

const record = (i: number): SignIn => ({
  id: `r${i}`,
  createdDateTime: new Date(Date.UTC(2026, 10, 27, 10, 0, 0) - i * 60_000).toISOString(),
});
const timedOut = () => Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
const status = (statusCode: number, retryAfter?: string) =>
  Object.assign(new Error(`status ${statusCode}`), {
    statusCode,
    headers: new Headers(retryAfter ? { 'Retry-After': retryAfter } : {}),
  });

function limits(overrides: Partial<PagedReadLimits> = {}): PagedReadLimits & { pauses: number[] } {
  let clock = 0;
  const pauses: number[] = [];
  return {
    pages: 10,
    deadline: 60_000,
    retries: 3,
    backoffMs: 1000,
    now: () => clock,
    sleep: async (ms) => {
      pauses.push(ms);
      clock += ms;
    },
    pauses,
    ...overrides,
  };
}

/** Pages of two records each, `count` pages; `failures[n]` errors thrown before page n answers. */
function pages(count: number, failures: Record<number, Error[]> = {}) {
  const calls: string[] = [];
  const page = (n: number): SignInListPage => ({
    value: [record(2 * n), record(2 * n + 1)],
    ...(n + 1 < count ? { '@odata.nextLink': `next-${n + 1}` } : {}),
  });
  const answer = (n: number, name: string) => {
    calls.push(name);
    const pending = failures[n];
    if (pending && pending.length > 0) return Promise.reject(pending.shift()!);
    return Promise.resolve(page(n));
  };
  return { calls, first: () => answer(0, 'first'), next: (link: string) => answer(Number(link.split('-')[1]), link) };
}

describe('reading a window page by page', () => {
  it('reads every page and says the window is complete', async () => {
    const p = pages(3);
    const read = await readPages(p.first, p.next, limits());
    expect(read).toMatchObject({ complete: true, stoppedBy: null, requests: 3 });
    expect(read.records.map((r) => r.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('tries a timed-out page again after 1 s, 2 s, 4 s, then goes on', async () => {
    const p = pages(2, { 1: [timedOut(), timedOut(), timedOut()] });
    const l = limits();
    const read = await readPages(p.first, p.next, l);
    expect(l.pauses).toEqual([1000, 2000, 4000]);
    expect(read).toMatchObject({ complete: true, requests: 5 });
    expect(p.calls).toEqual(['first', 'next-1', 'next-1', 'next-1', 'next-1']);
  });

  it('does not try again what the client already retried (429, 503) or what is final (500, 403)', async () => {
    for (const [error, kind] of [
      [status(429, '7'), 'throttled'],
      [status(503), 'unavailable'],
      [status(500), 'unavailable'],
      [status(403), 'missingPermission'],
    ] as const) {
      const p = pages(1, { 0: [error] });
      const l = limits();
      await expect(readPages(p.first, p.next, l)).rejects.toMatchObject({ kind });
      expect(p.calls).toHaveLength(1);
      expect(l.pauses).toEqual([]);
    }
  });

  it('stops at its page allowance and says so', async () => {
    const p = pages(5);
    const read = await readPages(p.first, p.next, limits({ pages: 2 }));
    expect(read).toMatchObject({ complete: false, stoppedBy: 'pages', requests: 2 });
    expect(read.records).toHaveLength(4);
  });

  it('stops when a retry would pass the deadline, answering from what was read', async () => {
    const p = pages(3, { 1: [timedOut(), timedOut(), timedOut()] });
    const l = limits({ deadline: 2500 });
    const read = await readPages(p.first, p.next, l);
    expect(read).toMatchObject({ complete: false, stoppedBy: 'time' });
    expect(read.records.map((r) => r.id)).toEqual(['r0', 'r1']);
    expect(l.pauses).toEqual([1000]);
  });

  it('a first page that never answers is an error, after its retries', async () => {
    const slow = pages(1, { 0: [timedOut(), timedOut(), timedOut(), timedOut()] });
    await expect(readPages(slow.first, slow.next, limits())).rejects.toMatchObject({ kind: 'unavailable' });
    expect(slow.calls).toHaveLength(4);
  });

  it('follows short and empty pages that still have a next link', async () => {
    let n = 0;
    const read = await readPages(
      async () => ({ value: [], '@odata.nextLink': 'next' }),
      async () => (++n < 3 ? { value: n === 2 ? [record(1)] : [], '@odata.nextLink': 'next' } : { value: [record(2)] }),
      limits(),
    );
    expect(read).toMatchObject({ complete: true, requests: 4 });
    expect(read.records.map((r) => r.id)).toEqual(['r1', 'r2']);
  });
});
