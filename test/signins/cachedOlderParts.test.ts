/**
 * CachedSignInSource and the older part of a two-part window (`oneRead`): it ends where the live index
 * starts, which moves, so a question asked again asks for a slightly different older part. One that lies
 * inside a complete older part of the same question, kept or in flight in the same lane, is cut from it
 * (Graph's bounds: whole seconds, both ends included) without a read; anything else reads as before.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { CachedSignInSource, OLDER_PART_TTL_MS } from '../../src/signins/cachedSignInLog';
import { inReadLane } from '../../src/graph/readLane';
import type { SignInPage, SignInQuery, SignInSource } from '../../src/signins/signInLog';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const HOUR = 3_600_000;
const MEGAN = 'megan-id';

/** Megan's log: a sign-in every 10 minutes of the last 7 days, on whole seconds (and one at .500 s). */
const LOG: SignIn[] = [
  ...Array.from({ length: 7 * 24 * 6 }, (_, i) => ({
    id: `s${i}`,
    userId: MEGAN,
    createdDateTime: new Date(NOW - i * 600_000).toISOString(),
  })),
  { id: 'half', userId: MEGAN, createdDateTime: new Date(NOW - 30 * HOUR + 500).toISOString() },
].sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));

/** Answers as Graph's filter does (`ge` and `le` on whole seconds); its reads finish when the test says so. */
class FakeLog implements SignInSource {
  finds: SignInQuery[] = [];
  hold = false;
  truncated = false;
  /** Reads that fail (the first ones to finish). */
  failures = 0;
  private gates: (() => void)[] = [];

  release(): void {
    for (const open of this.gates.splice(0)) open();
  }
  async find(query: SignInQuery): Promise<SignInPage> {
    this.finds.push(query);
    if (this.hold) await new Promise<void>((resolve) => this.gates.push(resolve));
    if (this.failures > 0 && this.failures--) throw new Error('Graph failed');
    return { records: inRange(query), truncated: this.truncated, requests: 1 };
  }
  async byId(): Promise<SignIn | null> {
    return null;
  }
  async ownById(): Promise<SignIn | null> {
    return null;
  }
}

const second = (d: Date) => Math.floor(d.getTime() / 1000) * 1000;
function inRange(query: SignInQuery): SignIn[] {
  return LOG.filter((r) => {
    const at = Date.parse(r.createdDateTime as string);
    return (
      (query.userId === undefined || r.userId === query.userId) && at >= second(query.from) && at <= second(query.to)
    );
  });
}
const ids = (page: SignInPage) => page.records.map((r) => r.id);

/** The older part of Megan's 7 days while the index starts at `indexStart` (as IndexedSignInSource asks it). */
const olderPart = (indexStart: number, from = NOW - 7 * 24 * HOUR): SignInQuery => ({
  userId: MEGAN,
  from: new Date(from),
  to: new Date(Math.ceil(indexStart / 1000) * 1000),
  oneRead: true,
});

let now = NOW;
const cachedOver = (inner: SignInSource, seconds = 60) => new CachedSignInSource(inner, seconds, { now: () => now });
beforeEach(() => {
  now = NOW;
});

test('the index started earlier since (backward fill), a minute later: the part is cut from the wider one, no read', async () => {
  const log = new FakeLog();
  const cached = cachedOver(log);
  await cached.find(olderPart(NOW - 24 * HOUR + 123));
  now += 60_000;
  // A page of the backward fill later the index starts 5 h earlier; the window's start has moved on a minute.
  const narrower = olderPart(NOW - 29 * HOUR + 456, NOW - 7 * 24 * HOUR + 60_000);
  const page = await cached.find(narrower);
  expect(log.finds).toHaveLength(1);
  expect(page.requests).toBe(0);
  expect(page.truncated).toBe(false);
  // Exactly what Graph would have answered, newest first.
  expect(ids(page)).toEqual(inRange(narrower).map((r) => r.id));
  expect(page.records.length).toBeGreaterThan(700);
  expect(cached.stats()).toMatchObject({ misses: 2, narrowed: 1, hits: 0 });
  // Asked again: kept under its own key, with a key of its own (its records are not the wider part's).
  const again = await cached.find(narrower);
  expect(again.key).toBe(page.key);
  expect(cached.stats().hits).toBe(1);
  const wider = await cached.find(olderPart(NOW - 24 * HOUR + 123));
  expect(wider.key).not.toBe(page.key);
});

test('a bound on a record itself: both ends included, as in Graph', async () => {
  const log = new FakeLog();
  const cached = cachedOver(log);
  await cached.find(olderPart(NOW - 24 * HOUR));
  const edge = { ...olderPart(NOW - 25 * HOUR), from: new Date(NOW - 48 * HOUR) };
  const page = await cached.find(edge);
  expect(log.finds).toHaveLength(1);
  expect(page.records[0].createdDateTime).toBe(new Date(NOW - 25 * HOUR).toISOString());
  expect(page.records.at(-1)!.createdDateTime).toBe(new Date(NOW - 48 * HOUR).toISOString());
  expect(ids(page)).toEqual(inRange(edge).map((r) => r.id));
  // Whole seconds: a sign-in half a second after the end is not in; one half a second after the start is.
  const endsOnIt = await cached.find({ ...edge, to: new Date(NOW - 30 * HOUR) });
  const startsOnIt = await cached.find({ ...edge, from: new Date(NOW - 30 * HOUR) });
  expect(ids(endsOnIt)).not.toContain('half');
  expect(ids(startsOnIt)).toContain('half');
  expect(ids(startsOnIt)).toEqual(inRange({ ...edge, from: new Date(NOW - 30 * HOUR) }).map((r) => r.id));
  expect(log.finds).toHaveLength(1);
});

test('kept for OLDER_PART_TTL_MS, longer than the cache time, from when it was read: no read minutes later, a read after it', async () => {
  const log = new FakeLog();
  const cached = cachedOver(log);
  await cached.find(olderPart(NOW - 24 * HOUR));
  now += OLDER_PART_TTL_MS - 2_000;
  await cached.find(olderPart(NOW - 30 * HOUR));
  now += 1_000;
  await cached.find(olderPart(NOW - 31 * HOUR));
  expect(log.finds).toHaveLength(1);
  // What was read is not kept past its time through the parts cut from it.
  now += 2_000;
  await cached.find(olderPart(NOW - 32 * HOUR));
  await cached.find(olderPart(NOW - 30 * HOUR));
  expect(log.finds).toHaveLength(3);
  expect(cached.stats().narrowed).toBe(2);
});

test('what reads as before: a part reaching past the wider one, a truncated wider one, another question, no keeping', async () => {
  const log = new FakeLog();
  const cached = cachedOver(log);
  await cached.find(olderPart(NOW - 24 * HOUR));
  // A fixed span lets its oldest minutes go: the index starts later, past what was read.
  await cached.find(olderPart(NOW - 24 * HOUR + 5 * 60_000));
  // An earlier window start than was read.
  await cached.find(olderPart(NOW - 30 * HOUR, NOW - 8 * 24 * HOUR));
  // Another person, another code, a kind of failure, both kinds apart (not an older part), a request id.
  await cached.find({ ...olderPart(NOW - 30 * HOUR), userId: 'alex-id' });
  await cached.find({ ...olderPart(NOW - 30 * HOUR), errorCode: 50053 });
  await cached.find({ ...olderPart(NOW - 30 * HOUR), category: 'lockout' });
  await cached.find({ ...olderPart(NOW - 30 * HOUR), oneRead: false });
  await cached.find({ ...olderPart(NOW - 24 * HOUR), requestId: 'r1' });
  await cached.find({ ...olderPart(NOW - 30 * HOUR), requestId: 'r1' });
  expect(log.finds).toHaveLength(9);
  expect(cached.stats().narrowed).toBe(0);

  const cut = new FakeLog();
  cut.truncated = true;
  const fromCut = cachedOver(cut);
  await fromCut.find(olderPart(NOW - 24 * HOUR));
  await fromCut.find(olderPart(NOW - 30 * HOUR));
  expect(cut.finds).toHaveLength(2);

  const off = new FakeLog();
  const none = cachedOver(off, 0);
  await none.find(olderPart(NOW - 24 * HOUR));
  await none.find(olderPart(NOW - 30 * HOUR));
  expect(off.finds).toHaveLength(2);
});

test('a wider part still being read in the same lane is waited for, not read again; in another lane it is read', async () => {
  const log = new FakeLog();
  log.hold = true;
  const cached = cachedOver(log);
  const reader = { priority: 'question' as const, person: 'alex' };
  const wider = inReadLane(reader, () => cached.find(olderPart(NOW - 24 * HOUR)));
  await new Promise((r) => setImmediate(r));
  const narrower = inReadLane(reader, () => cached.find(olderPart(NOW - 30 * HOUR)));
  const elsewhere = inReadLane({ priority: 'limited', person: 'megan' }, () => cached.find(olderPart(NOW - 31 * HOUR)));
  await new Promise((r) => setImmediate(r));
  expect(log.finds).toHaveLength(2);
  log.release();
  await new Promise((r) => setImmediate(r));
  log.release();
  const [w, n] = await Promise.all([wider, narrower, elsewhere]);
  expect(ids(n)).toEqual(inRange(olderPart(NOW - 30 * HOUR)).map((r) => r.id));
  expect(n.requests).toBe(0);
  expect(w.requests).toBe(1);
  expect(log.finds).toHaveLength(2);
});

test('a wider part whose read fails: the narrower one reads for itself', async () => {
  const log = new FakeLog();
  log.hold = true;
  log.failures = 1;
  const cached = cachedOver(log);
  const wider = cached.find(olderPart(NOW - 24 * HOUR)).catch((e: Error) => e);
  await new Promise((r) => setImmediate(r));
  const narrower = cached.find(olderPart(NOW - 30 * HOUR));
  await new Promise((r) => setImmediate(r));
  expect(log.finds).toHaveLength(1);
  log.hold = false;
  log.release();
  await expect(wider).resolves.toBeInstanceOf(Error);
  const page = await narrower;
  expect(log.finds).toHaveLength(2);
  expect(ids(page)).toEqual(inRange(olderPart(NOW - 30 * HOUR)).map((r) => r.id));
});
