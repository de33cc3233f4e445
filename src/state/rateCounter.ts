/**
 * Questions per person per minute, counted on the state store so that the limit holds for the
 * deployment rather than per instance: one counter per person and clock minute, incremented by
 * create-or-compare-and-swap. When the store is unreachable the count falls back to this
 * instance's own (a limit per instance is better than none, and no question waits on the store).
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { StoreOutage, type OutageLogger } from './outage';
import type { StateStore } from './types';

export interface RateCounter {
  /** Counts one more question of `userId` and returns how many there were in this minute. */
  hit(userId: string): Promise<number>;
}

const WINDOW_MS = 60_000;
const CONFLICT_RETRIES = 20;

export class StoredRateCounter implements RateCounter {
  private readonly outage: StoreOutage;
  private readonly local = new LRUCache<string, number>({ max: 50_000, ttl: WINDOW_MS * 2 });

  constructor(private readonly store: StateStore, logger: OutageLogger, private readonly clock: () => number = Date.now) {
    this.outage = new StoreOutage(logger, store.kind);
  }

  async hit(userId: string): Promise<number> {
    const key = `rate/${createHash('sha256').update(userId, 'utf8').digest('hex').slice(0, 40)}-${Math.floor(this.clock() / WINDOW_MS)}`;
    try {
      const count = await this.increment(key);
      this.outage.succeeded();
      return count;
    } catch (error) {
      this.outage.failed(error, 'rate limits counted per instance');
      const count = (this.local.get(key) ?? 0) + 1;
      this.local.set(key, count);
      return count;
    }
  }

  private async increment(key: string): Promise<number> {
    let seen = 0;
    for (let attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
      if (await this.store.create(key, 1, WINDOW_MS * 2)) return 1;
      const current = await this.store.get<number>(key);
      seen = Math.max(seen, current?.value ?? 0);
      if (current && (await this.store.replace(key, current.value + 1, WINDOW_MS * 2, current.etag))) return current.value + 1;
    }
    // Lost every race: that many clicks of one person at once; count this one without storing it.
    return seen + 1;
  }
}
