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
let run = 0;
const stores: [string, () => () => StateStore][] = [
  ['blob', () => {
    const container = `lease-${++run}`;
    return () => new BlobStateStore({ container, connectionString: azurite.connectionString });
  }],
  ['file', () => {
    const where = path.join(dir, `run-${++run}`);
    return () => new FileStateStore(where);
  }],
];

describe.each(stores)('lease on the %s store', (_name, fresh) => {
  let leases: Lease[] = [];
  afterEach(async () => {
    await Promise.all(leases.map((l) => l.stop()));
    leases = [];
  });

  test('three instances at once: exactly one holds it, and keeps it while renewing', async () => {
    const make = fresh();
    leases = [0, 1, 2].map(() => new Lease(make(), 'signin-reader/tenant-1', FAST));
    const held = await Promise.all(leases.map((l) => l.tick()));
    expect(held.filter(Boolean)).toHaveLength(1);
    const holder = held.indexOf(true);
    for (let round = 0; round < 6; round++) {
      await new Promise((r) => setTimeout(r, FAST.renewEveryMs));
      const now = await Promise.all(leases.map((l) => l.tick()));
      expect(now.map((h, i) => [i, h])).toEqual(leases.map((_, i) => [i, i === holder]));
    }
  });

  test('a holder that dies (stops renewing) is replaced after its claim runs out; one that stops cleanly at once', async () => {
    const make = fresh();
    const a = new Lease(make(), 'signin-reader/tenant-2', FAST);
    const b = new Lease(make(), 'signin-reader/tenant-2', FAST);
    const changes: string[] = [];
    const c = new Lease(make(), 'signin-reader/tenant-2', { ...FAST, onChange: (h) => changes.push(h ? 'gained' : 'lost') });
    leases = [b, c];
    expect(await a.tick()).toBe(true);
    expect(await b.tick()).toBe(false);
    const diedAt = Date.now(); // a never renews again
    b.start();
    while (!b.held) {
      expect(Date.now() - diedAt).toBeLessThan(FAST.durationMs + FAST.renewEveryMs * 3);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(Date.now() - diedAt).toBeGreaterThanOrEqual(FAST.durationMs - 100);
    expect(await a.tick()).toBe(false); // the old holder learns on its next renewal
    expect(await c.tick()).toBe(false);

    await b.stop();
    expect(await c.tick()).toBe(true);
    expect(changes).toEqual(['gained']);
  });
});

test('the store unreachable: the holder stops counting itself the holder when its claim would run out', async () => {
  const store = new BlobStateStore({ container: 'lease-down', connectionString: azurite.connectionString, timeoutMs: 500 });
  const lease = new Lease(store, 'signin-reader/tenant-3', FAST);
  expect(await lease.tick()).toBe(true);
  await azurite.stop();
  try {
    const started = Date.now();
    while (lease.held) {
      await lease.tick();
      expect(Date.now() - started).toBeLessThan(FAST.durationMs + 2_000);
    }
    expect(Date.now() - started).toBeLessThan(FAST.durationMs);
  } finally {
    await azurite.start();
  }
  // Back up: its claim has run out by now, so it (or anyone) takes the lease again.
  await new Promise((r) => setTimeout(r, FAST.durationMs));
  expect(await lease.tick()).toBe(true);
  await lease.stop();
});
