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
 *
 * The older part of a window the live index holds the rest of (`oneRead`: IndexedSignInSource) ends
 * where the index starts, and in the first minutes after a start that start moves back with every page
 * of SIGNIN_INDEX_HOURS=auto's backward fill. So the same question asked again a minute later (a ticket
 * click re-reading its card's question) asks for a slightly shorter older part, whose key matches
 * nothing, while the backward fill takes most of Graph's reads. Such a part is answered from a complete
 * one of the same question that holds its whole range, kept or still in flight in the same lane: the
 * records of the narrower range, cut by Graph's own bounds (whole seconds, both ends included). (A fixed
 * span's start moves forward, past what was read: that part is read again.) Older parts are kept
 * OLDER_PART_TTL_MS rather than the cache time: they end at least the index's span (1 hour or more)
 * ago, long after sign-ins stop arriving in the log (about 2 minutes at the 95th percentile, 5 at the
 * 99th: /work/shared/reference/graph-signins.md §4), so keeping them longer misses nothing.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { LRUCache } from 'lru-cache';
import { appKey } from './appMatch';
import { type SignInPage, type SignInQuery, type SignInSource } from './signInLog';
import { currentReadLane } from '../graph/readLane';
import { odataDate } from '../graph/odata';

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
  /** Of the misses, older parts answered from a wider one of the same question (no read). */
  narrowed: number;
}

/**
 * How long the older part of a window the live index holds the rest of is kept (when the cache is on):
 * past SIGNIN_INDEX_HOURS=auto's backward fill (about 4 minutes after a start) and a card read before a click.
 */
export const OLDER_PART_TTL_MS = 10 * 60_000;

/** An older part read (or being read): its range as Graph's filter has it, and its key. */
interface OlderPart {
  from: number;
  to: number;
  key: string;
}

type Entry = { kind: 'page'; page: SignInPage } | { kind: 'record'; record: SignIn } | { kind: 'missing' };

const MISSING: Entry = { kind: 'missing' };

export class CachedSignInSource implements SignInSource {
  private readonly ttlMs: number;
  private readonly granularityMs: number;
  private readonly cache: LRUCache<string, Entry> | null;
  private readonly inFlight = new Map<string, Promise<Entry | null>>();
  private readonly counters: SignInCacheStats = { hits: 0, shared: 0, misses: 0, narrowed: 0 };
  /** The older parts read per question (the key without its time range), newest first. */
  private readonly olderParts = new LRUCache<string, OlderPart[]>({ max: 2_000 });

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
    return JSON.stringify(['find', round(query.from), round(query.to), ...shapeOf(query)]);
  }

  async find(query: SignInQuery): Promise<SignInPage> {
    const key = this.queryKey(query);
    const older = this.cache !== null && query.oneRead === true && !query.requestId;
    let keepMs = older ? Math.max(this.ttlMs, OLDER_PART_TTL_MS) : undefined;
    const { value, fresh } = await this.shared(
      key,
      async () => {
        const part = older ? await this.withinOlderPart(query, key) : null;
        if (older) this.rememberOlderPart(query, key);
        if (part) {
          this.counters.narrowed++;
          keepMs = part.keepMs;
        }
        return {
          kind: 'page' as const,
          page: { ...(part?.page ?? (await this.inner.find(query))), key: `${key}#${++this.reads}` },
        };
      },
      () => keepMs,
    );
    const page = (value as Extract<Entry, { kind: 'page' }>).page;
    // Each caller gets its own array (the kept one must not change under later callers). Only the
    // caller whose read went to Graph reports its requests; the others made none.
    return { ...page, records: [...page.records], requests: fresh ? page.requests : 0 };
  }

  /** Registered when its read starts (a narrower part asked meanwhile waits for it rather than reading), or when cut from a wider one. */
  private rememberOlderPart(query: SignInQuery, key: string): void {
    const shape = JSON.stringify(shapeOf(query));
    const [from, to] = graphBounds(query);
    const parts = (this.olderParts.get(shape) ?? []).filter((p) => p.key !== key);
    this.olderParts.set(shape, [{ from, to, key }, ...parts].slice(0, 4));
  }

  /**
   * The records of this older part from a complete wider one of the same question, kept or in flight in
   * this lane, and how long they may still be kept (no longer than the wider part: what was read is never
   * kept past OLDER_PART_TTL_MS); null when there is none. (Not the query's own key: that read is this one.)
   */
  private async withinOlderPart(query: SignInQuery, key: string): Promise<{ page: SignInPage; keepMs: number } | null> {
    const [from, to] = graphBounds(query);
    const lane = currentReadLane()?.priority ?? 'system';
    for (const part of this.olderParts.get(JSON.stringify(shapeOf(query))) ?? []) {
      if (part.key === key || part.from > from || part.to < to) continue;
      const kept = this.cache?.get(part.key);
      const entry = kept ?? (await this.inFlight.get(`${lane}|${part.key}`)?.catch(() => null));
      if (entry?.kind !== 'page' || entry.page.truncated) continue;
      const records = entry.page.records.filter((r) => {
        const at = Date.parse(String(r.createdDateTime));
        return at >= from && at <= to;
      });
      const keepMs = kept ? (this.cache?.getRemainingTTL(part.key) ?? 0) : Math.max(this.ttlMs, OLDER_PART_TTL_MS);
      return { page: { records, truncated: false, requests: 0 }, keepMs };
    }
    return null;
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
    keepMs?: () => number | undefined,
  ): Promise<{ value: Entry | null; fresh: boolean }> {
    const cached = this.cache?.get(key);
    if (cached) {
      this.counters.hits++;
      return { value: cached, fresh: false };
    }
    // A read in flight is shared within its limiter lane only: a reader never waits in a non-reader's
    // queue, nor in that of a read made outside any question.
    const flight = `${currentReadLane()?.priority ?? 'system'}|${key}`;
    const pending = this.inFlight.get(flight);
    if (pending) {
      this.counters.shared++;
      return { value: await pending, fresh: false };
    }
    this.counters.misses++;
    // Registered before the read starts (next microtask), removed when it settles, kept only if it succeeded.
    const started = Promise.resolve()
      .then(read)
      .then((value) => {
        const ttl = keepMs?.();
        if (value && this.cache && (ttl === undefined || ttl > 0))
          this.cache.set(key, value, ttl ? { ttl } : undefined);
        return value;
      })
      .finally(() => this.inFlight.delete(flight));
    this.inFlight.set(flight, started);
    return { value: await started, fresh: true };
  }
}

/** What makes two reads the same question, apart from their time range (see queryKey). */
function shapeOf(query: SignInQuery): unknown[] {
  return [
    query.userId?.toLowerCase() ?? null,
    query.app ? appKey(query.app) : null,
    query.errorCode ?? null,
    query.correlationId ? query.correlationId.toLowerCase() : null,
    query.requestId ? query.requestId.toLowerCase() : null,
    query.category ?? null,
    query.eventTypes ? [...query.eventTypes].sort() : null,
    query.oneRead === true,
  ];
}

/** The time range as Graph's filter has it: whole seconds, both ends included (signInLog.ts buildSignInFilter). */
function graphBounds(query: SignInQuery): [number, number] {
  return [Date.parse(odataDate(query.from)), Date.parse(odataDate(query.to))];
}
