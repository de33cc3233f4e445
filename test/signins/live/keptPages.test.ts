/**
 * The live index's pages carry a key, as a direct read's kept page does, so that an answer from the index
 * keeps its diagnosis and card (src/answers/signIns.ts, src/cards/cache.ts): equal keys hold equal records,
 * and anything that changes the records or the card (a new record, an eviction, a poll) changes the key.
 */
import { LiveSignInIndex } from '../../../src/signins/live/memoryIndex';
import type { SignInPage, SignInQuery, SignInSource } from '../../../src/signins/signInLog';
import { IndexedSignInSource } from '../../../src/signins/live/indexOrGraphSource';
import { signIn } from '../../fixtures/signIns';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const HOUR = 3_600_000;
const ALICE = { id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Alice', upn: 'alice@example.com' };
const BOB = { id: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'Bob', upn: 'bob@example.com' };
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * HOUR).toISOString().replace('.000Z', 'Z');

function index(now: { t: number }) {
  const idx = new LiveSignInIndex({
    hours: 24,
    maxRecords: 1e6,
    maxBytes: 1e9,
    maxStalenessMs: 90_000,
    now: () => now.t,
  });
  idx.add([
    signIn(at(1), 50126, { user: ALICE }),
    signIn(at(2), 50053, { user: ALICE }),
    signIn(at(3), 0, { user: BOB }),
  ]);
  idx.markCoveredFrom(NOW - 24 * HOUR);
  idx.markSynced(NOW);
  return idx;
}
const alice = (fromHoursAgo: number, toMs = NOW): SignInQuery => ({
  userId: ALICE.id,
  from: new Date(NOW - fromHoursAgo * HOUR),
  to: new Date(toMs),
});

it('gives equal keys to pages of the same records, whatever the exact ends of the window', () => {
  const idx = index({ t: NOW });
  const first = idx.find(alice(5), 1000)!;
  const again = idx.find(alice(6, NOW - 1), 1000)!;
  expect(first.records.map((r) => r.id)).toHaveLength(2);
  expect(first.key).toEqual(expect.any(String));
  expect(again.records.map((r) => r.id)).toEqual(first.records.map((r) => r.id));
  expect(again.key).toBe(first.key);
  // Each caller gets its own array: one that changes it does not change the next page.
  first.records.pop();
  expect(idx.find(alice(5), 1000)!.records).toHaveLength(2);
});

it('gives another key to other records, another person, a new record, a poll and an eviction', () => {
  const now = { t: NOW };
  const idx = index(now);
  const key = idx.find(alice(5), 1000)!.key;
  // One record less (the window starts after Alice's older failure), another person, a page cut shorter.
  expect(idx.find(alice(1.5), 1000)!.key).not.toBe(key);
  expect(idx.find({ ...alice(5), userId: BOB.id }, 1000)!.key).not.toBe(key);
  expect(idx.find(alice(5), 1)!.key).not.toBe(key);
  // A poll that found nothing new still changes "as of" on the card: another key.
  idx.markSynced(NOW + 30_000);
  const polled = idx.find(alice(5), 1000)!.key;
  expect(polled).not.toBe(key);
  // A new record of someone else changes the index: another key, the same records for Alice.
  idx.add([signIn(at(0.5), 0, { user: BOB })]);
  const added = idx.find(alice(5), 1000)!;
  expect(added.key).not.toBe(polled);
  expect(added.records).toHaveLength(2);
  // Time passes: Bob's oldest record leaves the 24 hours at the next poll.
  now.t = NOW + 21 * HOUR + 60_000;
  idx.markSynced(now.t);
  const evicted = idx.find({ ...alice(5), from: new Date(now.t - 23 * HOUR), to: new Date(now.t) }, 1000);
  expect(evicted?.key).toBeDefined();
  expect(evicted!.key).not.toBe(added.key);
});

it('keys a window read in two parts by both parts, and merges it once while both are kept', async () => {
  const idx = index({ t: NOW });
  const older = signIn(at(30), 50126, { user: ALICE });
  let graphKey = 'graph#1';
  const graph: SignInSource = {
    find: async (): Promise<SignInPage> => ({ records: [older], truncated: false, requests: 1, key: graphKey }),
    byId: async () => null,
    ownById: async () => null,
  };
  const source = new IndexedSignInSource(idx, graph, { pageSize: 1000, maxPages: 10 });
  const first = await source.find(alice(48));
  const again = await source.find(alice(48));
  expect(first.records.map((r) => r.id)).toEqual([...idx.find(alice(5), 1000)!.records.map((r) => r.id), older.id]);
  expect(again.records).toEqual(first.records);
  expect(again.records).not.toBe(first.records);
  expect(first.key).toContain('graph#1');
  expect(again.key).toBe(first.key);
  // Another read of the older part (its kept page expired): another key.
  graphKey = 'graph#2';
  expect((await source.find(alice(48))).key).not.toBe(first.key);
});
