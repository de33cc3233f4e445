/** CachedSignInSource: shared in-flight reads, a short-lived LRU, normalized keys, failures not kept. */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { CachedSignInSource } from '../../src/signins/cachedSignInLog';
import { GraphProblem } from '../../src/graph/errors';
import type { SignInPage, SignInQuery, SignInSource } from '../../src/signins/signInLog';

/** A source whose reads finish when the test says so. */
class SlowSource implements SignInSource {
  finds: SignInQuery[] = [];
  byIds: string[] = [];
  owns: [string, string][] = [];
  private gates: (() => void)[] = [];
  fail: Error | null = null;
  hold = false;

  private async gate(): Promise<void> {
    if (this.hold) await new Promise<void>((resolve) => this.gates.push(resolve));
    if (this.fail) throw this.fail;
  }
  release(): void {
    for (const open of this.gates.splice(0)) open();
  }
  async find(query: SignInQuery): Promise<SignInPage> {
    this.finds.push(query);
    await this.gate();
    return { records: [{ id: `r${this.finds.length}`, userId: query.userId }], truncated: false, requests: 1 };
  }
  async byId(id: string): Promise<SignIn | null> {
    this.byIds.push(id);
    await this.gate();
    return id === 'missing' ? null : { id };
  }
  async ownById(id: string, userId: string): Promise<SignIn | null> {
    this.owns.push([id, userId]);
    await this.gate();
    return id === 'gone' ? null : { id, userId };
  }
}

const YESTERDAY = { from: new Date('2026-11-26T00:00:00Z'), to: new Date('2026-11-26T23:59:59.999Z') };
const megan: SignInQuery = { userId: 'megan-id', ...YESTERDAY };

let unhandled = 0;
const onUnhandled = () => {
  unhandled++;
};
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

test('50 simultaneous identical questions make one read; the others report 0 requests', async () => {
  const inner = new SlowSource();
  inner.hold = true;
  const cached = new CachedSignInSource(inner, 60);
  const asks = Array.from({ length: 50 }, () => cached.find({ ...megan }));
  await new Promise((r) => setImmediate(r));
  expect(inner.finds).toHaveLength(1);
  inner.release();
  const pages = await Promise.all(asks);
  expect(new Set(pages.map((p) => p.records[0].id))).toEqual(new Set(['r1']));
  expect(pages.map((p) => p.requests).reduce((a, b) => a + b, 0)).toBe(1);
  expect(cached.stats()).toMatchObject({ misses: 1, shared: 49, hits: 0 });
});

test('answers are reused for the cache time and read again after it', async () => {
  const inner = new SlowSource();
  let now = 1_000_000;
  const cached = new CachedSignInSource(inner, 1, { now: () => now });
  await cached.find(megan);
  now += 999;
  await cached.find(megan);
  expect(inner.finds).toHaveLength(1);
  expect(cached.stats().hits).toBe(1);
  now += 2;
  await cached.find(megan);
  expect(inner.finds).toHaveLength(2);
});

test('a cache time of 0 still shares reads in flight but keeps nothing', async () => {
  const inner = new SlowSource();
  inner.hold = true;
  const cached = new CachedSignInSource(inner, 0);
  const both = Promise.all([cached.find(megan), cached.find(megan)]);
  await new Promise((r) => setImmediate(r));
  inner.release();
  await both;
  expect(inner.finds).toHaveLength(1);
  inner.hold = false;
  await cached.find(megan);
  expect(inner.finds).toHaveLength(2);
});

test('the key is normalized: id and app case, app aliases, a window ending "now" a few ms apart', () => {
  const cached = new CachedSignInSource(new SlowSource(), 60);
  const now = Date.parse('2026-11-27T12:00:10Z');
  const base: SignInQuery = { userId: 'ABC', from: new Date(now - 7 * 86_400_000), to: new Date(now), app: 'outlook' };
  const same: SignInQuery = {
    userId: 'abc',
    from: new Date(now - 7 * 86_400_000 + 37),
    to: new Date(now + 37),
    app: 'OUTLOOK ',
    errorCode: null,
    correlationId: null,
  };
  expect(cached.queryKey(same)).toBe(cached.queryKey(base));
  expect(cached.queryKey({ ...base, userId: 'other' })).not.toBe(cached.queryKey(base));
  expect(cached.queryKey({ ...base, app: 'teams' })).not.toBe(cached.queryKey(base));
  expect(cached.queryKey({ ...base, errorCode: 50126 })).not.toBe(cached.queryKey(base));
  expect(cached.queryKey({ ...base, correlationId: 'c' })).not.toBe(cached.queryKey(base));
  expect(cached.queryKey({ ...base, from: new Date(now - 86_400_000) })).not.toBe(cached.queryKey(base));
  // A tenant-wide question is not the same as one about a person.
  expect(cached.queryKey({ ...base, userId: undefined })).not.toBe(cached.queryKey(base));
});

test('a failed read is shared by those waiting, is not kept, and leaves no unhandled rejection', async () => {
  const inner = new SlowSource();
  inner.hold = true;
  inner.fail = new GraphProblem('throttled', 'slow down', 429);
  const cached = new CachedSignInSource(inner, 60);
  const asks = Array.from({ length: 5 }, () =>
    cached.find(megan).then(
      () => 'ok',
      (e: GraphProblem) => e.kind,
    ),
  );
  await new Promise((r) => setImmediate(r));
  inner.release();
  expect(await Promise.all(asks)).toEqual(Array(5).fill('throttled'));
  expect(inner.finds).toHaveLength(1);
  inner.fail = null;
  inner.hold = false;
  const page = await cached.find(megan);
  expect(page.records).toHaveLength(1);
  expect(inner.finds).toHaveLength(2);
  // Node reports unhandled rejections once the microtask queue has drained, before the next macrotask.
  await new Promise((r) => setImmediate(r));
  expect(unhandled).toBe(0);
});

test('byId and ownById are shared and kept, "not found" too (a forged id clicked again costs no read); ownById is keyed by person too', async () => {
  const inner = new SlowSource();
  const cached = new CachedSignInSource(inner, 60);
  expect((await cached.byId('S1'))?.id).toBe('S1');
  expect((await cached.byId('s1'))?.id).toBe('S1');
  expect(inner.byIds).toEqual(['S1']);
  expect(await cached.byId('missing')).toBeNull();
  expect(await cached.byId('missing')).toBeNull();
  expect(inner.byIds).toEqual(['S1', 'missing']);
  expect(await cached.ownById('gone', 'alice')).toBeNull();
  expect(await cached.ownById('gone', 'alice')).toBeNull();
  await cached.ownById('s2', 'alice');
  await cached.ownById('s2', 'alice');
  await cached.ownById('s2', 'bob');
  expect(inner.owns).toEqual([
    ['gone', 'alice'],
    ['s2', 'alice'],
    ['s2', 'bob'],
  ]);
});

test('the cache is bounded by records held', async () => {
  const many: SignInSource = {
    find: async (q) => ({
      records: Array.from({ length: 40 }, (_, i) => ({ id: `${q.userId}-${i}` })),
      truncated: false,
      requests: 1,
    }),
    byId: async () => null,
    ownById: async () => null,
  };
  const cached = new CachedSignInSource(many, 60, { maxRecords: 100 });
  for (const user of ['a', 'b', 'c', 'd']) await cached.find({ ...megan, userId: user });
  // 41 "size" per answer: at most two fit in 100.
  expect(cached.stats().entries).toBe(2);
});
