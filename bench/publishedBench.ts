/**
 * (7b) What sharing the sign-in log costs: one poll's records published by the reader
 * (src/signins/live/storeFeed.ts: one delta plus the head) and applied by a follower to its own
 * index, on the file store and on Azure Blob (Azurite on loopback).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DemoTenant } from '../src/demo/tenant';
import { LiveSignInIndex } from '../src/signins/live/memoryIndex';
import { PublishedFeed } from '../src/signins/live/storeFeed';
import { BlobStateStore, FileStateStore, type StateStore } from '../src/state';
import { startAzurite } from '../src/tools/azurite';

export interface PublishedFeedBench {
  store: string;
  recordsPerDelta: number;
  bytesPerDelta: number;
  publishMs: number;
  applyMs: number;
}

async function measure(name: string, store: StateStore, polls: SignIn[][]): Promise<PublishedFeedBench> {
  const index = () => new LiveSignInIndex({ hours: 24 * 31, maxRecords: 1e7, maxBytes: 1e10, maxStalenessMs: 90_000 });
  const reader = new PublishedFeed(store, `bench-${name}`, { ttlMs: 3_600_000, writer: 'bench' });
  const follower = new PublishedFeed(store, `bench-${name}`, { ttlMs: 3_600_000, writer: 'bench' });
  const target = index();
  let publishMs = 0;
  let applyMs = 0;
  for (const [i, records] of polls.entries()) {
    let started = performance.now();
    await reader.publish([...records], { syncedTo: Date.now() + i, coveredFrom: Date.now() - 3_600_000 });
    publishMs += performance.now() - started;
    started = performance.now();
    await follower.catchUp(target, false);
    applyMs += performance.now() - started;
  }
  const written = reader.stats();
  return {
    store: name,
    recordsPerDelta: polls[0].length,
    bytesPerDelta: written.bytesWritten / written.deltasWritten,
    publishMs: publishMs / polls.length,
    applyMs: applyMs / polls.length,
  };
}

/** `recordsPerPoll` new records in each of `polls` polls (a 30-s poll of a tenant with that many sign-ins per 30 s). */
export async function benchPublishedFeed(
  options: { recordsPerPoll?: number; polls?: number } = {},
): Promise<PublishedFeedBench[]> {
  const perPoll = options.recordsPerPoll ?? 200;
  const count = options.polls ?? 10;
  const all = new DemoTenant().signIns.filter((r) => r.isInteractive);
  const polls = Array.from({ length: count }, (_, i) => all.slice(i * perPoll, (i + 1) * perPoll)).filter(
    (p) => p.length === perPoll,
  );
  const dir = await mkdtemp(join(tmpdir(), 'bench-feed-'));
  const azurite = await startAzurite();
  try {
    return [
      await measure('file', new FileStateStore(dir), polls),
      await measure(
        'blob (Azurite)',
        new BlobStateStore({ container: 'bench-feed', connectionString: azurite.connectionString }),
        polls,
      ),
    ];
  } finally {
    await azurite.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchPublishedFeed().then((rows) => console.log(JSON.stringify(rows, null, 2)));
}
