/** Follow-up memory and rate counters on the state store: shared by instances, best effort when the store is down. */
import { MemoryStateStore } from '../../src/state/memoryStore';
import { StoredConversationMemory } from '../../src/state/conversationMemory';
import { StoredRateCounter } from '../../src/state/rateCounter';
import { StateUnavailableError, type StateStore } from '../../src/state/types';

function recordingLogger() {
  const lines: string[] = [];
  return {
    lines,
    warn: (_: object, m: string) => lines.push(`warn: ${m}`),
    info: (_: object, m: string) => lines.push(`info: ${m}`),
  };
}

/** A memory store that can be switched off, as an unreachable Blob endpoint would be. */
function switchable(): { store: StateStore; down: (on: boolean) => void } {
  const inner = new MemoryStateStore();
  let isDown = false;
  const guard =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    (...a: A) =>
      isDown
        ? Promise.reject(new StateUnavailableError('Azure Blob Storage could not read (no answer within 3000 ms).'))
        : f(...a);
  const store: StateStore = {
    kind: 'blob',
    // The store's generic methods lose their type parameter through `guard`; the cast restores it.
    /* eslint-disable @typescript-eslint/no-unnecessary-type-assertion */
    get: guard(inner.get.bind(inner)) as StateStore['get'],
    create: guard(inner.create.bind(inner)) as StateStore['create'],
    replace: guard(inner.replace.bind(inner)) as StateStore['replace'],
    put: guard(inner.put.bind(inner)) as StateStore['put'],
    /* eslint-enable @typescript-eslint/no-unnecessary-type-assertion */
    delete: guard(inner.delete.bind(inner)),
    sweep: guard(inner.sweep.bind(inner)),
    names: guard(inner.names.bind(inner)),
  };
  return { store, down: (on) => (isDown = on) };
}

describe('StoredConversationMemory', () => {
  test('what one instance remembers another recalls, dates as dates; the key is a hash, not the conversation id', async () => {
    const store = new MemoryStateStore();
    const a = new StoredConversationMemory<{ question: { from: Date; to: Date | null; text: string } }>(
      store,
      recordingLogger(),
    );
    const b = new StoredConversationMemory<{ question: { from: Date; to: Date | null; text: string } }>(
      store,
      recordingLogger(),
    );
    const value = { question: { from: new Date('2026-11-26T00:00:00Z'), to: null, text: '2026-11-26T00:00:00.000Z' } };
    await a.remember('19:conversation@thread.v2|28:user', value);
    const recalled = await b.recall('19:conversation@thread.v2|28:user');
    expect(recalled).toEqual(value);
    expect(recalled!.question.from).toBeInstanceOf(Date);
    expect(typeof recalled!.question.text).toBe('string');
    expect(await b.recall('another conversation')).toBeUndefined();
  });

  test('store down: nothing recalled, nothing thrown, one warning; back up: recovers without a restart and says so', async () => {
    const { store, down } = switchable();
    const log = recordingLogger();
    const memory = new StoredConversationMemory<{ n: number }>(store, log);
    await memory.remember('c1', { n: 1 });
    down(true);
    expect(await memory.recall('c1')).toBeUndefined();
    await memory.remember('c1', { n: 2 });
    expect(await memory.recall('c1')).toBeUndefined();
    expect(log.lines).toEqual(['warn: state store unreachable: answering without follow-up memory']);
    down(false);
    expect(await memory.recall('c1')).toEqual({ n: 1 });
    expect(log.lines).toEqual([
      'warn: state store unreachable: answering without follow-up memory',
      'info: state store reachable again',
    ]);
  });
});

describe('StoredConversationMemory writes', () => {
  /** A memory store that counts the follow-up writes it receives. */
  function countingStore(clock: () => number) {
    const store = new MemoryStateStore(clock);
    const puts: unknown[] = [];
    const put = store.put.bind(store);
    store.put = <V>(key: string, value: V, ttlMs: number) => {
      puts.push(value);
      return put(key, value, ttlMs);
    };
    return { store, puts };
  }

  test('the same value again is not rewritten; a changed value is, and is what the next recall returns', async () => {
    let now = 1_800_000_000_000;
    const { store, puts } = countingStore(() => now);
    const memory = new StoredConversationMemory<{ from: Date; offset: number }>(
      store,
      recordingLogger(),
      60 * 60_000,
      () => now,
    );
    const first = { from: new Date('2026-11-26T00:00:00Z'), offset: 0 };
    await memory.remember('c', first);
    await memory.recall('c');
    await memory.remember('c', { from: new Date('2026-11-26T00:00:00Z'), offset: 0 });
    expect(puts).toHaveLength(1);
    await memory.remember('c', { from: new Date('2026-11-26T00:00:00Z'), offset: 10 });
    expect(puts).toHaveLength(2);
    expect(await memory.recall('c')).toEqual({ from: new Date('2026-11-26T00:00:00Z'), offset: 10 });
    // Past half its time to live the same value is written again, so that it does not expire under a conversation still going on.
    now += 31 * 60_000;
    await memory.remember('c', { from: new Date('2026-11-26T00:00:00Z'), offset: 10 });
    expect(puts).toHaveLength(3);
  });

  test('after another instance wrote something else, the same value as before is written again', async () => {
    const store = new MemoryStateStore();
    const a = new StoredConversationMemory<{ n: number }>(store, recordingLogger());
    const b = new StoredConversationMemory<{ n: number }>(store, recordingLogger());
    await a.remember('c', { n: 1 });
    await b.recall('c');
    await b.remember('c', { n: 2 });
    expect(await a.recall('c')).toEqual({ n: 2 });
    await a.remember('c', { n: 1 });
    expect(await b.recall('c')).toEqual({ n: 1 });
  });

  test('a recalled value is a copy with its dates revived, nested in lists too; "__proto__" stays data', async () => {
    const store = new MemoryStateStore();
    const memory = new StoredConversationMemory<unknown>(store, recordingLogger());
    await store.put('followups/x', {}, 1000); // another key, untouched
    const value = JSON.parse(
      '{"list":[{"$date":"2026-11-26T00:00:00.000Z"},{"$date":"x","other":1}],"__proto__":{"polluted":true}}',
    ) as unknown;
    await memory.remember('c', value);
    const recalled = (await memory.recall('c')) as { list: unknown[]; polluted?: unknown };
    expect(recalled.list[0]).toEqual(new Date('2026-11-26T00:00:00Z'));
    expect(recalled.list[1]).toEqual({ $date: 'x', other: 1 });
    expect(recalled.polluted).toBeUndefined();
    expect(Object.keys(recalled)).toEqual(['list', '__proto__']);
  });
});

describe('StoredRateCounter', () => {
  test('instances count one person together: what one wrote, the other counts on; a new minute starts at 1', async () => {
    let now = 1_800_000_000_000;
    const store = new MemoryStateStore(() => now);
    const a = new StoredRateCounter(store, recordingLogger(), () => now);
    const b = new StoredRateCounter(store, recordingLogger(), () => now);
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).hit('user-1')));
    await Promise.all([a.settled(), b.settled()]);
    const c = new StoredRateCounter(store, recordingLogger(), () => now);
    expect(await c.hit('user-1')).toBe(1); // answered before its first write comes back
    await c.settled();
    expect(await c.hit('user-1')).toBe(12); // 11 stored (10 of a and b, 1 of its own) + this one
    expect(await a.hit('user-2')).toBe(1);
    await Promise.all([a.settled(), c.settled()]);
    now += 60_000;
    expect(await b.hit('user-1')).toBe(1);
  });

  test('a burst of one person is written in a few batched writes, and nothing is lost', async () => {
    const store = new MemoryStateStore();
    const writes = { n: 0 };
    const counting: typeof store = Object.assign(Object.create(store) as MemoryStateStore, {
      create: (...args: Parameters<MemoryStateStore['create']>) => (writes.n++, store.create(...args)),
      replace: (...args: Parameters<MemoryStateStore['replace']>) => (writes.n++, store.replace(...args)),
    });
    const counter = new StoredRateCounter(counting, recordingLogger());
    const estimates = await Promise.all(Array.from({ length: 50 }, () => counter.hit('busy')));
    expect(estimates).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await counter.settled();
    expect(writes.n).toBeLessThanOrEqual(3);
    const other = new StoredRateCounter(store, recordingLogger());
    await other.hit('busy');
    await other.settled();
    expect(await other.hit('busy')).toBe(52);
  });

  test('store down: counted per instance instead, no error, one warning', async () => {
    const { store, down } = switchable();
    const log = recordingLogger();
    const counter = new StoredRateCounter(store, log);
    await counter.hit('u');
    await counter.settled();
    down(true);
    expect(await counter.hit('u')).toBe(2);
    expect(await counter.hit('u')).toBe(3);
    await counter.settled();
    expect(await counter.hit('u')).toBe(4);
    await counter.settled();
    expect(log.lines).toEqual(['warn: state store unreachable: rate limits counted per instance']);
  });
});
