/**
 * Sign-in log reads shared between askers: a helpdesk in a bad hour asks the same question many
 * times, and Graph allows only about 5 report requests per 10 seconds per tenant.
 *
 * - Identical queries in flight share one Graph request (and its failure: nothing failed is kept).
 * - Answers are kept for a short time (SIGNIN_CACHE_SECONDS, default 60) in an LRU with expiry,
 *   bounded by the number of records held, not only by the number of queries.
 * - byId / ownById are shared and kept the same way, "not found" included: those reads come from
 *   ticket buttons, whose sign-in was on a card already, and a forged id clicked again must not
 *   cost another read. ("Not found" in a query's answer — a fresh sign-in that takes minutes to
 *   appear — is not affected: queries are keyed by their time range.)
 *
 * Two queries are identical when their normalized key is: the same person (case-insensitive id),
 * the same app (alias-resolved, case-insensitive, as Graph's startswith is), error code, correlation
 * id, and a time range equal after rounding both ends down to `granularityMs` (default: the cache
 * time, at most 60 s and at least 1 s). The rounding is what lets "why can't I sign in?" asked twice
 * in the same minute — a window ending at "now", a different millisecond each time — share one read;
 * the answer then misses at most that many seconds at either end of the window, less than the delay
 * with which sign-ins reach the log.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { LRUCache } from 'lru-cache';
import { appKey } from './appMatch';
import { type SignInPage, type SignInQuery, type SignInSource } from './signInLog';
import { currentReadLane } from '../graph/readLane';

export interface CachedSignInSourceOptions {
  /** Records held at most across all cached answers (memory bound). Default 20,000. */
  maxRecords?: number;
  /** Rounding of the time range in the key; see above. */
  granularityMs?: number;
  /** Clock of the cache time (tests). */
  now?: () => number;
}

export interface SignInCacheStats {
  /** Calls answered from the cache. */
  hits: number;
  /** Calls that joined a read already in flight. */
  shared: number;
  /** Calls that went to the wrapped source. */
  misses: number;
}

type Entry = { kind: 'page'; page: SignInPage } | { kind: 'record'; record: SignIn } | { kind: 'missing' };

const MISSING: Entry = { kind: 'missing' };

export class CachedSignInSource implements SignInSource {
  private readonly ttlMs: number;
  private readonly granularityMs: number;
  private readonly cache: LRUCache<string, Entry> | null;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly counters: SignInCacheStats = { hits: 0, shared: 0, misses: 0 };

  constructor(
    private readonly inner: SignInSource,
    cacheSeconds: number,
    options: CachedSignInSourceOptions = {},
  ) {
    this.ttlMs = Math.max(0, cacheSeconds) * 1000;
    this.granularityMs = Math.max(1000, options.granularityMs ?? Math.min(this.ttlMs, 60_000));
    this.cache =
      this.ttlMs > 0
        ? new LRUCache<string, Entry>({
            maxSize: options.maxRecords ?? 20_000,
            sizeCalculation: (entry) => (entry.kind === 'page' ? entry.page.records.length + 1 : 1),
            ttl: this.ttlMs,
            ttlAutopurge: false,
            ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
          })
        : null;
  }

  /** The normalized key of a query (exported for tests and logs). */
  queryKey(query: SignInQuery): string {
    const round = (d: Date) => Math.floor(d.getTime() / this.granularityMs);
    return JSON.stringify([
      'find',
      query.userId?.toLowerCase() ?? null,
      round(query.from),
      round(query.to),
      query.app ? appKey(query.app) : null,
      query.errorCode ?? null,
      query.correlationId ? query.correlationId.toLowerCase() : null,
      query.requestId ? query.requestId.toLowerCase() : null,
      query.category ?? null,
      query.eventTypes ? [...query.eventTypes].sort() : null,
      query.oneRead === true,
    ]);
  }

  async find(query: SignInQuery): Promise<SignInPage> {
    const key = this.queryKey(query);
    const { value, fresh } = await this.shared(key, async () => ({
      kind: 'page' as const,
      page: { ...(await this.inner.find(query)), key: `${key}#${++this.reads}` },
    }));
    const page = (value as Extract<Entry, { kind: 'page' }>).page;
    // Each caller gets its own array (the kept one must not change under later callers). Only the
    // caller whose read went to Graph reports its requests; the others made none.
    return { ...page, records: [...page.records], requests: fresh ? page.requests : 0 };
  }

  async byId(id: string): Promise<SignIn | null> {
    const entry = await this.shared(JSON.stringify(['byId', id.toLowerCase()]), async () => {
      const record = await this.inner.byId(id);
      return record ? { kind: 'record', record } : MISSING;
    });
    return entry.value?.kind === 'record' ? entry.value.record : null;
  }

  async ownById(id: string, userId: string): Promise<SignIn | null> {
    const entry = await this.shared(JSON.stringify(['ownById', id.toLowerCase(), userId.toLowerCase()]), async () => {
      const record = await this.inner.ownById(id, userId);
      return record ? { kind: 'record', record } : MISSING;
    });
    return entry.value?.kind === 'record' ? entry.value.record : null;
  }

  /** Numbers the reads, so that a kept page's key names its records and no others. */
  private reads = 0;

  stats(): SignInCacheStats & { entries: number } {
    return { ...this.counters, entries: this.cache?.size ?? 0 };
  }

  /** Drops every kept answer (reads in flight still complete). */
  clear(): void {
    this.cache?.clear();
  }

  /**
   * One read per key at a time; a finished read is kept for the cache time. `fresh` is true only
   * for the caller that started the read.
   */
  private async shared(
    key: string,
    read: () => Promise<Entry | null>,
  ): Promise<{ value: Entry | null; fresh: boolean }> {
    const cached = this.cache?.get(key);
    if (cached) {
      this.counters.hits++;
      return { value: cached, fresh: false };
    }
    // A read in flight is shared within its limiter lane only: a reader never waits in a non-reader's
    // queue, nor in that of a read made outside any question.
    const flight = `${currentReadLane()?.priority ?? 'system'}|${key}`;
    const pending = this.inFlight.get(flight) as Promise<Entry | null> | undefined;
    if (pending) {
      this.counters.shared++;
      return { value: await pending, fresh: false };
    }
    this.counters.misses++;
    // Registered before the read starts (next microtask), removed when it settles, kept only if it succeeded.
    const started = Promise.resolve()
      .then(read)
      .then((value) => {
        if (value && this.cache) this.cache.set(key, value);
        return value;
      })
      .finally(() => this.inFlight.delete(flight));
    this.inFlight.set(flight, started);
    return { value: await started, fresh: true };
  }
}
