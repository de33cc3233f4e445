/**
 * (6) What the state store costs a turn: the same question through the same bot with the memory,
 * file and Azure Blob (Azurite on loopback) stores. Every question reads and writes the follow-up
 * memory and counts the asker's rate; the ticket ledger is not on this path.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app';
import { DemoTenant } from '../src/demo/tenant';
import { BlobStateStore, FileStateStore, MemoryStateStore, type StateStore } from '../src/state';
import { startAzurite } from '../src/tools/azurite';
import { benchConfig, loadFromChild, NOW, QUESTION, quietLogger, type LoadResult } from './graphBench';

export interface StateStoreBench {
  store: string;
  single: LoadResult;
  concurrent: LoadResult;
}

async function measure(
  store: StateStore,
  concurrency: number,
  durationMs: number,
): Promise<{ single: LoadResult; concurrent: LoadResult }> {
  const app = createApp(benchConfig(), {
    stateStore: store,
    logger: quietLogger(),
    demoTenant: new DemoTenant({ now: NOW }),
    now: () => NOW,
  });
  const url = await app.listen(0, '127.0.0.1');
  try {
    return {
      single: await loadFromChild(url, 'card', QUESTION, 1, durationMs),
      concurrent: await loadFromChild(url, 'card', QUESTION, concurrency, durationMs),
    };
  } finally {
    await app.close();
  }
}

export async function benchStateStores(
  options: { concurrency?: number; durationMs?: number } = {},
): Promise<{ concurrency: number; rows: StateStoreBench[] }> {
  const concurrency = options.concurrency ?? 8;
  const durationMs = options.durationMs ?? 4000;
  const dir = await mkdtemp(join(tmpdir(), 'bench-state-'));
  const azurite = await startAzurite();
  try {
    const rows: StateStoreBench[] = [];
    for (const [name, store] of [
      ['memory', new MemoryStateStore()],
      ['file', new FileStateStore(dir)],
      ['blob (Azurite)', new BlobStateStore({ container: 'bench', connectionString: azurite.connectionString })],
    ] as const) {
      rows.push({ store: name, ...(await measure(store, concurrency, durationMs)) });
    }
    return { concurrency, rows };
  } finally {
    await azurite.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
