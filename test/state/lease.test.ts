/** The lease ("one reader of the sign-in log per tenant") on a real Azurite and on the file store. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobStateStore } from '../../src/state/blobStore';
import { FileStateStore } from '../../src/state/fileStore';
import { Lease } from '../../src/state/lease';
import type { StateStore } from '../../src/state/types';
import { startAzurite, type Azurite } from '../../src/tools/azurite';

let azurite: Azurite;
let dir: string;
beforeAll(async () => {
  azurite = await startAzurite();
  dir = await mkdtemp(path.join(tmpdir(), 'lease-'));
});
afterAll(async () => {
  await azurite?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const FAST = { durationMs: 2_000, renewEveryMs: 400 };
/** One clock for the leases and their stores (a claim's end is in the stored record, and stores expire items). */
let now = 1_000_000;
const clock = () => now;
let run = 0;
const stores: [string, () => () => StateStore][] = [
  [
    'blob',
    () => {
      const container = `lease-${++run}`;
      // A generous time limit: these tests are about who holds the lease, not about a slow store (see the last test).
      return () =>
        new BlobStateStore({ container, connectionString: azurite.connectionString, clock, timeoutMs: 15_000 });
    },
  ],
  [
    'file',
    () => {
      const where = path.join(dir, `run-${++run}`);
      return () => new FileStateStore(where, { clock });
    },
  ],
];

describe.each(stores)('lease on the %s store', (_name, fresh) => {
  let leases: Lease[] = [];
  afterEach(async () => {
    await Promise.all(leases.map((l) => l.stop()));
    leases = [];
  });

  test('three instances at once: exactly one holds it, and keeps it while renewing', async () => {
    const make = fresh();
    leases = [0, 1, 2].map(() => new Lease(make(), 'signin-reader/tenant-1', { ...FAST, clock }));
    const held = await Promise.all(leases.map((l) => l.tick()));
    expect(held.filter(Boolean)).toHaveLength(1);
    const holder = held.indexOf(true);
    // Six renewals span 2.4 s, longer than one claim (2 s): the holder keeps it only by renewing.
    for (let round = 0; round < 6; round++) {
      now += FAST.renewEveryMs;
      const holds = await Promise.all(leases.map((l) => l.tick()));
      expect(holds.map((h, i) => [i, h])).toEqual(leases.map((_, i) => [i, i === holder]));
    }
  });

  test('a holder that dies (stops renewing) is replaced when its claim runs out, not before; one that stops cleanly at once', async () => {
    const make = fresh();
    const a = new Lease(make(), 'signin-reader/tenant-2', { ...FAST, clock });
    const b = new Lease(make(), 'signin-reader/tenant-2', { ...FAST, clock });
    const changes: string[] = [];
    const c = new Lease(make(), 'signin-reader/tenant-2', {
      ...FAST,
      clock,
      onChange: (h) => changes.push(h ? 'gained' : 'lost'),
    });
    leases = [b, c];
    expect(await a.tick()).toBe(true);
    const diedAt = now; // a never renews again
    expect(await b.tick()).toBe(false);
    now = diedAt + FAST.durationMs - 1;
    expect(await b.tick()).toBe(false);
    now = diedAt + FAST.durationMs;
    expect(await b.tick()).toBe(true);
    expect(await a.tick()).toBe(false); // the old holder learns on its next renewal
    expect(await c.tick()).toBe(false);

    await b.stop();
    expect(await c.tick()).toBe(true);
    expect(changes).toEqual(['gained']);
  });
});

test('the store unreachable: a failed renewal does not extend the claim; the holder stops counting itself the holder when its claim would run out', async () => {
  const store = new BlobStateStore({
    container: 'lease-down',
    connectionString: azurite.connectionString,
    timeoutMs: 500,
    clock,
  });
  const lease = new Lease(store, 'signin-reader/tenant-3', { ...FAST, clock });
  const claimedAt = now;
  expect(await lease.tick()).toBe(true);
  await azurite.stop();
  try {
    now = claimedAt + FAST.durationMs - FAST.renewEveryMs - 100;
    expect(await lease.tick()).toBe(true); // the renewal failed; the first claim still holds
    // Held only until renewEveryMs before the claim ends (the margin for clocks that differ).
    now = claimedAt + FAST.durationMs - FAST.renewEveryMs;
    expect(lease.held).toBe(false);
  } finally {
    await azurite.start();
  }
  // Back up: its claim has run out, so it (or anyone) takes the lease again.
  now = claimedAt + FAST.durationMs;
  expect(await lease.tick()).toBe(true);
  await lease.stop();
});
