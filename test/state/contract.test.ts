/**
 * One contract, three stores: memory, file (a temp directory; with and without hard links) and Azure
 * Blob (a real Azurite on a loopback port). Whatever the ticket ledger, follow-up memory and rate
 * counters rely on is here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobStateStore } from '../../src/state/blobStore';
import { FileStateStore } from '../../src/state/fileStore';
import { MemoryStateStore } from '../../src/state/memoryStore';
import type { StateStore } from '../../src/state/types';
import { startAzurite, type Azurite } from '../../src/tools/azurite';

interface Harness {
  /** A store; several calls give several clients of the same data (like two instances). */
  make(clock?: () => number): StateStore;
}

let azurite: Azurite;
let dir: string;
beforeAll(async () => {
  azurite = await startAzurite();
  dir = await mkdtemp(path.join(tmpdir(), 'state-'));
});
afterAll(async () => {
  await azurite?.dispose();
  await rm(dir, { recursive: true, force: true });
});

let run = 0;
const memoryShared = new Map<number, MemoryStateStore>();
const harnesses: [string, () => Harness][] = [
  [
    'memory',
    () => {
      const id = ++run;
      return {
        make: (clock) => {
          // Memory has no second client: every "instance" shares the one object (its clock is the first's).
          if (!memoryShared.has(id)) memoryShared.set(id, new MemoryStateStore(clock));
          return memoryShared.get(id)!;
        },
      };
    },
  ],
  [
    'file',
    () => {
      const where = path.join(dir, `run-${++run}`);
      return { make: (clock) => new FileStateStore(where, { clock }) };
    },
  ],
  [
    'file without hard links (SMB shares)',
    () => {
      const where = path.join(dir, `run-${++run}`);
      return { make: (clock) => new FileStateStore(where, { clock, hardLinks: false }) };
    },
  ],
  [
    'blob',
    () => {
      const container = `run-${++run}`;
      return { make: (clock) => new BlobStateStore({ container, connectionString: azurite.connectionString, clock }) };
    },
  ],
];

describe.each(harnesses)('%s state store', (_name, harness) => {
  let h: Harness;
  beforeEach(() => {
    h = harness();
  });

  test('create is once: of ten concurrent creates on two clients exactly one wins, and its value is stored', async () => {
    const a = h.make();
    const b = h.make();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).create('claims/k1', { by: i }, 60_000)),
    );
    const winners = results.map((etag, i) => (etag ? i : -1)).filter((i) => i >= 0);
    expect(winners).toHaveLength(1);
    const stored = await b.get<{ by: number }>('claims/k1');
    expect(stored?.value).toEqual({ by: winners[0] });
    expect(stored?.etag).toBe(results[winners[0]]);
  });

  test('replace is compare-and-swap: the old ETag loses after a write, the current one wins', async () => {
    const a = h.make();
    const b = h.make();
    const first = (await a.create('claims/k2', { n: 1 }, 60_000))!;
    const second = await b.replace('claims/k2', { n: 2 }, 60_000, first);
    expect(second).toEqual(expect.any(String));
    expect(second).not.toBe(first);
    expect(await a.replace('claims/k2', { n: 3 }, 60_000, first)).toBeNull();
    expect((await a.get('claims/k2'))?.value).toEqual({ n: 2 });
    expect(await a.replace('claims/absent', { n: 1 }, 60_000, first)).toBeNull();
  });

  test('concurrent increments with replace lose nothing (retry on conflict)', async () => {
    const clients = [h.make(), h.make()];
    await clients[0].create('counters/c', 0, 60_000);
    const increment = async (store: StateStore) => {
      for (;;) {
        const item = (await store.get<number>('counters/c'))!;
        if (await store.replace('counters/c', item.value + 1, 60_000, item.etag)) return;
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, i) => increment(clients[i % 2])));
    expect((await clients[1].get<number>('counters/c'))?.value).toBe(8);
  });

  test('an expired item is absent, may be created anew once, and is swept', async () => {
    let now = 1_000_000;
    const clock = () => now;
    const a = h.make(clock);
    const b = h.make(clock);
    await a.create('memory/old', 'x', 1_000);
    await a.put('memory/kept', 'y', 60_000);
    now += 1_001;
    expect(await b.get('memory/old')).toBeUndefined();
    const again = await Promise.all([a.create('memory/old', 'new-a', 1_000), b.create('memory/old', 'new-b', 1_000)]);
    expect(again.filter(Boolean)).toHaveLength(1);
    now += 1_001;
    expect(await a.sweep()).toBe(1);
    expect(await a.get('memory/old')).toBeUndefined();
    expect((await b.get('memory/kept'))?.value).toBe('y');
  });

  test('put is last-wins; delete honours the ETag', async () => {
    const a = h.make();
    const first = await a.put('memory/p', { v: 1 }, 60_000);
    const second = await a.put('memory/p', { v: 2 }, 60_000);
    expect((await a.get('memory/p'))?.value).toEqual({ v: 2 });
    expect(await a.delete('memory/p', first)).toBe(false);
    expect(await a.delete('memory/p', second)).toBe(true);
    expect(await a.get('memory/p')).toBeUndefined();
    expect(await a.delete('memory/p')).toBe(false);
  });

  test('keys are checked: no paths, no personal data by accident', async () => {
    const a = h.make();
    await expect(a.get('../etc/passwd')).rejects.toThrow(RangeError);
    await expect(a.put('memory/alice@contoso.com', 1, 1000)).rejects.toThrow(RangeError);
    await expect(a.put('memory/ok', 1, 0)).rejects.toThrow('positive time to live');
  });

  test('names lists one namespace, items written by any client, and nothing of another namespace', async () => {
    const a = h.make();
    const b = h.make();
    await a.create('subscriptions/one', 1, 60_000);
    await b.create('subscriptions/two', 2, 60_000);
    await a.create('subscriptionsx/other', 3, 60_000);
    await a.create('claims/three', 3, 60_000);
    expect((await b.names('subscriptions')).sort()).toEqual(['one', 'two']);
    expect(await a.names('nothing-here')).toEqual([]);
    await expect(a.names('../etc')).rejects.toThrow(RangeError);
  });
});
