/**
 * Questions per person per minute, counted on the state store so that the limit holds for the
 * deployment rather than per instance: one counter per person and clock minute.
 *
 * Off the answer's path: `hit` answers at once from what this instance knows (the counter's last
 * stored value plus its own hits not yet written) and writes in the background, one write at a time
 * per counter, adding whatever accumulated meanwhile (create-only for the first, then
 * compare-and-swap on the ETag). A burst from one person therefore costs one write per round trip,
 * and the limit lags the other instances by about one round trip.
 *
 * When the store is unreachable the count is this instance's own (a limit per instance is better
 * than none, and no question waits for the store).
 */
import { HashedNames } from './hashedName';
import { StoreOutage, type OutageLogger } from './outage';
import type { StateStore } from './types';

export interface RateCounter {
  /** Counts one more question of `userId` and returns how many there were in this minute. */
  hit(userId: string): Promise<number>;
}

const WINDOW_MS = 60_000;
const CONFLICT_RETRIES = 20;

interface Counter {
  /** The stored value after our last write or read. */
  stored: number;
  /** Hits of this instance not yet in `stored`. */
  pending: number;
  writing: Promise<void> | null;
  window: number;
}

export class StoredRateCounter implements RateCounter {
  private readonly outage: StoreOutage;
  private readonly counters = new Map<string, Counter>();
  private readonly hashed = new HashedNames();

  constructor(
    private readonly store: StateStore,
    logger: OutageLogger,
    private readonly clock: () => number = Date.now,
  ) {
    this.outage = new StoreOutage(logger, store.kind);
  }

  async hit(userId: string): Promise<number> {
    const window = Math.floor(this.clock() / WINDOW_MS);
    // One person, one counter, in whatever letter case their object id arrives.
    const key = `rate/${this.hashed.of(userId.toLowerCase()).slice(0, 40)}-${window}`;
    this.forgetOldWindows(window);
    let counter = this.counters.get(key);
    if (!counter) {
      counter = { stored: 0, pending: 0, writing: null, window };
      this.counters.set(key, counter);
    }
    counter.pending += 1;
    const estimate = counter.stored + counter.pending;
    counter.writing ??= this.flush(key, counter);
    return estimate;
  }

  /** Resolves when every hit so far is written (or given up): for tests and shutdown. */
  async settled(): Promise<void> {
    for (;;) {
      const writing = [...this.counters.values()].flatMap((c) => (c.writing ? [c.writing] : []));
      if (writing.length === 0) return;
      await Promise.all(writing);
    }
  }

  private async flush(key: string, counter: Counter): Promise<void> {
    try {
      while (counter.pending > 0) {
        const adding = counter.pending;
        const total = await this.add(key, adding);
        counter.pending -= adding;
        counter.stored = total;
      }
      this.outage.succeeded();
    } catch (error) {
      // Kept as this instance's own count (stored + pending) until the window ends.
      this.outage.failed(error, 'rate limits counted per instance');
    } finally {
      counter.writing = null;
    }
  }

  private async add(key: string, n: number): Promise<number> {
    let seen = 0;
    for (let attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
      const current = await this.store.get<number>(key);
      if (!current) {
        if (await this.store.create(key, n, WINDOW_MS * 2)) return n;
        continue;
      }
      seen = current.value;
      if (await this.store.replace(key, current.value + n, WINDOW_MS * 2, current.etag)) return current.value + n;
    }
    // Lost every race to other instances: counted here only.
    return seen + n;
  }

  private forgetOldWindows(window: number): void {
    if (this.counters.size < 1_000) return;
    for (const [key, counter] of this.counters)
      if (counter.window < window - 1 && !counter.writing) this.counters.delete(key);
  }
}
