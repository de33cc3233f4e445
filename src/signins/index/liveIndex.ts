/**
 * The live sign-in index: the tenant's recent sign-in log held in memory (compactly, see
 * compactSignIn.ts), filled and kept current by the poller, so that questions about the covered span
 * need no Graph read.
 *
 * Coverage is one span [from, syncedTo]: every record the log held for it when it was read is here.
 * `from` moves back as the start-up fill reads older pages and forward as the oldest records are
 * evicted (by age, record count or bytes, oldest minute first); `syncedTo` is when the last
 * successful poll started. A question is answerable when its window starts inside the span and the
 * index is live (polled recently), since a window ending "now" can then only miss what the log
 * itself has not shown yet either.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { SignInPage, SignInQuery } from '../signInLog';
import { IndexedSignIn, PartTable, RECORD_OVERHEAD_BYTES, secondStamp } from './compactSignIn';
import { matchesQuery, prepareQuery, type PreparedQuery } from './matchQuery';

export interface LiveIndexOptions {
  /** Hours of log kept (SIGNIN_INDEX_HOURS). */
  hours: number;
  maxRecords: number;
  maxBytes: number;
  /** After this long without a successful poll the index answers nothing. */
  maxStalenessMs: number;
  now?: () => number;
}

export interface LiveIndexStats {
  records: number;
  /** Distinct shared parts (people, apps, addresses, devices, outcomes) held. */
  parts: number;
  /** Estimated heap bytes (records and shapes). */
  bytes: number;
  evicted: number;
  duplicates: number;
  coveredFrom: Date | null;
  syncedTo: Date | null;
}

const MINUTE = 60_000;

export class LiveSignInIndex {
  private readonly byId = new Map<string, IndexedSignIn>();
  private readonly byUser = new Map<string, IndexedSignIn[]>();
  private readonly byMinute = new Map<number, IndexedSignIn[]>();
  /** Keys of byMinute, ascending. */
  private readonly minutes: number[] = [];
  private readonly parts = new PartTable();
  private readonly now: () => number;
  private readonly syncedListeners: (() => void)[] = [];
  private coveredFrom = Infinity;
  private syncedTo = -Infinity;
  /** Everything before this was evicted (or is older than the coverage hours). */
  private evictedBefore = -Infinity;
  private counters = { evicted: 0, duplicates: 0 };

  constructor(private readonly options: LiveIndexOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Adds records not yet held (by id); returns how many were new. Records older than the kept span are skipped. */
  add(records: readonly SignIn[]): number {
    let added = 0;
    for (const record of records) {
      if (typeof record.id !== 'string' || typeof record.createdDateTime !== 'string') continue;
      const key = record.id.toLowerCase();
      if (this.byId.has(key)) {
        this.counters.duplicates++;
        continue;
      }
      const time = Date.parse(record.createdDateTime);
      if (!Number.isFinite(time) || time < this.keptFrom()) continue;
      const p = this.parts.intern(record);
      // One string for the id and its key when they are the same (Graph's ids are lower case).
      const id = key === record.id ? key : record.id;
      const exact = secondStamp(time) === record.createdDateTime ? null : record.createdDateTime;
      const entry = new IndexedSignIn(id, exact, time, record.correlationId ?? null, p.user, p.app, p.network, p.device, p.outcome);
      this.byId.set(key, entry);
      const user = String(record.userId ?? '').toLowerCase();
      const list = this.byUser.get(user);
      if (list) list.push(entry);
      else this.byUser.set(user, [entry]);
      this.bucket(Math.floor(time / MINUTE)).push(entry);
      added++;
    }
    this.evict();
    return added;
  }

  /** The log has been read completely from `from` up to the newest records (the start-up fill's progress). */
  markCoveredFrom(from: number): void {
    this.coveredFrom = Math.min(this.coveredFrom, from);
  }

  /** A poll that started at `at` read everything up to it. */
  markSynced(at: number): void {
    this.syncedTo = Math.max(this.syncedTo, at);
    if (this.coveredFrom === Infinity) this.coveredFrom = at;
    this.evict();
    for (const listener of this.syncedListeners) listener();
  }

  /** Called after every sync (incident detection runs on what the poll added). */
  onSynced(listener: () => void): void {
    this.syncedListeners.push(listener);
  }

  /** Records created in [from, to], oldest minute first (incident detection reads them). */
  recordsBetween(from: number, to: number): IndexedSignIn[] {
    const out: IndexedSignIn[] = [];
    for (let i = lowerBound(this.minutes, Math.floor(from / MINUTE)); i < this.minutes.length && this.minutes[i] <= Math.floor(to / MINUTE); i++) {
      for (const entry of this.byMinute.get(this.minutes[i])!) if (entry.time >= from && entry.time <= to) out.push(entry);
    }
    return out;
  }

  /** Oldest time the index still wants: older records would be evicted at once. */
  keptFrom(): number {
    return Math.max(this.evictedBefore, this.now() - this.options.hours * 3_600_000);
  }

  /** Start of the covered span, or null when nothing is covered. */
  coverageStart(): number | null {
    if (this.coveredFrom === Infinity || this.syncedTo === -Infinity) return null;
    // What was actually evicted (whole minutes), not "now minus the hours": a question's window of
    // exactly the covered hours, computed a moment earlier, must not miss by a few milliseconds.
    return Math.max(this.coveredFrom, this.evictedBefore);
  }

  isLive(): boolean {
    return this.syncedTo !== -Infinity && this.now() - this.syncedTo <= this.options.maxStalenessMs;
  }

  covers(query: SignInQuery): boolean {
    const start = this.coverageStart();
    if (start === null || query.from.getTime() < start) return false;
    return query.to.getTime() <= this.syncedTo || this.isLive();
  }

  /**
   * The page a direct read would give (newest first, at most `cap` records, truncated beyond), or
   * null when the window is not covered. `asOf` says how fresh it is.
   */
  find(query: SignInQuery, cap: number): SignInPage | null {
    if (!this.covers(query)) return null;
    const q = prepareQuery(query);
    const matches = this.candidates(q).filter((e) => matchesQuery(e, e.time, q));
    matches.sort((a, b) => b.time - a.time);
    return {
      records: matches.slice(0, cap).map((e) => e.toSignIn()),
      truncated: matches.length > cap,
      requests: 0,
      asOf: new Date(this.syncedTo),
    };
  }

  get(id: string): IndexedSignIn | undefined {
    return this.byId.get(id.toLowerCase());
  }

  stats(): LiveIndexStats {
    const start = this.coverageStart();
    return {
      records: this.byId.size,
      parts: this.parts.size,
      bytes: this.bytes(),
      ...this.counters,
      coveredFrom: start === null ? null : new Date(start),
      syncedTo: this.syncedTo === -Infinity ? null : new Date(this.syncedTo),
    };
  }

  private bytes(): number {
    return this.byId.size * RECORD_OVERHEAD_BYTES + this.parts.bytes;
  }

  private candidates(q: PreparedQuery): IndexedSignIn[] {
    if (q.userId !== null) return this.byUser.get(q.userId) ?? [];
    const out: IndexedSignIn[] = [];
    const first = Math.floor(q.from / MINUTE);
    const last = Math.floor(q.to / MINUTE);
    for (let i = lowerBound(this.minutes, first); i < this.minutes.length && this.minutes[i] <= last; i++) {
      out.push(...this.byMinute.get(this.minutes[i])!);
    }
    return out;
  }

  private bucket(minute: number): IndexedSignIn[] {
    let list = this.byMinute.get(minute);
    if (!list) {
      list = [];
      this.byMinute.set(minute, list);
      this.minutes.splice(lowerBound(this.minutes, minute), 0, minute);
    }
    return list;
  }

  /** Drops the oldest minutes while over a bound or older than the coverage hours. */
  private evict(): void {
    const ageLimit = this.now() - this.options.hours * 3_600_000;
    while (this.minutes.length > 0) {
      const minute = this.minutes[0];
      const over = this.byId.size > this.options.maxRecords || this.bytes() > this.options.maxBytes;
      if (!over && (minute + 1) * MINUTE > ageLimit) break;
      this.minutes.shift();
      for (const entry of this.byMinute.get(minute)!) this.remove(entry);
      this.byMinute.delete(minute);
      this.evictedBefore = Math.max(this.evictedBefore, (minute + 1) * MINUTE);
    }
  }

  private remove(entry: IndexedSignIn): void {
    this.byId.delete(entry.id.toLowerCase());
    const user = String(entry.userId ?? '').toLowerCase();
    const list = this.byUser.get(user);
    if (list) {
      const i = list.indexOf(entry);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.byUser.delete(user);
    }
    this.parts.release(entry.parts);
    this.counters.evicted++;
  }
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
