/**
 * Which lane of the reports limiter (src/graph/limiter.ts) the Graph reads of one question or card
 * click go in: a sign-in reader's first, anyone else's limited. The turn sets it once around its
 * work (Troubleshooter), and every read made on its behalf — through caches, the sign-in log's
 * paging and the Graph client's middleware — finds it here, without being handed it. The lane
 * follows the work wherever it goes on (AsyncLocalStorage): a late answer that outlives its turn
 * keeps reading in the asker's lane. A read with no lane was made for no one (src/graph/limiter.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface ReadLane {
  /** system: work for a reader that they do not wait for (asAddition), which must not take a reader's slot. */
  priority: 'question' | 'limited' | 'system';
  /** Whose reads (limited reads are bounded per person). */
  person: string;
}

const lanes = new AsyncLocalStorage<ReadLane>();

export function inReadLane<T>(lane: ReadLane, work: () => Promise<T>): Promise<T> {
  return lanes.run(lane, work);
}

export function currentReadLane(): ReadLane | undefined {
  return lanes.getStore();
}
