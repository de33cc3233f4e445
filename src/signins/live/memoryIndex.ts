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
import { IndexedSignIn, PartTable, PARTS_PER_RECORD, PART_INDEX, secondStamp } from './compactSignIn';
import { NO_SLOT, RecordSlots, type SlotList } from './recordSlots';
import { MinuteBuckets } from './minuteBuckets';
import { matchesQuery, prepareQuery, type MatchableSignIn, type PreparedQuery } from './matchQuery';
import { indexPageKey, KeptPages } from './keptPages';

const USER_PART = PART_INDEX.user;
const APP_PART = PART_INDEX.app;
const OUTCOME_PART = PART_INDEX.outcome;

export interface LiveIndexOptions {
  /** Hours of log kept at first (SIGNIN_INDEX_HOURS; with auto 24, extended by setSpanHours). */
  hours: number;
  /** SIGNIN_INDEX_MAX_MB: over it (heldBytes), the oldest minutes older than the first `hours` go. */
  budgetBytes?: number;
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
  /** Hours the index keeps now (coveredFrom says what it actually holds). */
  spanHours: number;
}

export class LiveSignInIndex {
  private readonly slots = new RecordSlots();
  /** Each person's slots (by lower-cased user id), linked through slots.nextOfUser. */
  private readonly users = new Map<string, SlotList>();
  /** Each minute's slots, for windows and eviction. */
  private readonly minutes = new MinuteBuckets(this.slots);
  private readonly parts = new PartTable();
  private readonly now: () => number;
  private readonly syncedListeners: (() => void)[] = [];
  private coveredFrom = Infinity;
  private syncedTo = -Infinity;
  /** Everything before this was evicted (or is older than the coverage hours). */
  private evictedBefore = -Infinity;
  private counters = { evicted: 0, duplicates: 0 };
  private spanHours: number;
  /** Counts every record added or evicted: with the span, a page's key names the records it holds (keptPages.ts). */
  private changes = 0;
  private readonly kept = new KeptPages();
  /** Reused for every candidate of a match: the fields matchesQuery reads. */
  private readonly probe: MatchableSignIn = {
    userId: undefined,
    appId: undefined,
    appDisplayName: undefined,
    status: undefined,
    correlationId: undefined,
  };

  constructor(private readonly options: LiveIndexOptions) {
    this.now = options.now ?? Date.now;
    this.spanHours = options.hours;
  }

  /** Keeps this many hours from now on (the backward fill widens it; fewer evicts the older records at once). */
  setSpanHours(hours: number): void {
    this.spanHours = hours;
    this.evict();
  }

  /** Adds records not yet held (by id); returns how many were new. Records older than the kept span are skipped. */
  add(records: readonly SignIn[]): number {
    let added = 0;
    for (const record of records) {
      if (typeof record.id !== 'string' || typeof record.createdDateTime !== 'string') continue;
      if (this.slots.find(record.id) !== NO_SLOT) {
        this.counters.duplicates++;
        continue;
      }
      const time = Date.parse(record.createdDateTime);
      if (!Number.isFinite(time) || time < this.keptFrom()) continue;
      const slot = this.slots.add(record.id, record.correlationId ?? null, time);
      this.parts.intern(record, this.slots.partNumbers, slot * PARTS_PER_RECORD);
      if (secondStamp(time) !== record.createdDateTime) this.exactCreated.set(slot, record.createdDateTime);
      const user = userKey(record.userId);
      let list = this.users.get(user);
      if (!list) this.users.set(user, (list = { head: NO_SLOT, tail: NO_SLOT }));
      this.slots.linkUser(slot, list);
      this.minutes.append(slot, time);
      this.changes++;
      added++;
    }
    this.evict();
    return added;
  }

  /** createdDateTime of the few records whose stamp is not whole seconds in Graph's form, by slot. */
  private readonly exactCreated = new Map<number, string>();

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

  /**
   * Records created in [from, to], oldest minute first (incident detection reads them); with
   * `failedOnly`, only those whose status has an error code, told apart by their shared outcome part
   * before any record is made: hours of a big tenant are mostly successes.
   */
  recordsBetween(from: number, to: number, failedOnly = false): IndexedSignIn[] {
    const out: IndexedSignIn[] = [];
    const numbers = this.slots.partNumbers;
    this.minutes.forEachIn(from, to, (slot) => {
      const time = this.slots.times[slot];
      if (time < from || time > to) return;
      if (
        failedOnly &&
        !(this.parts.value(numbers[slot * PARTS_PER_RECORD + OUTCOME_PART]) as SignIn).status?.errorCode
      )
        return;
      out.push(this.view(slot));
    });
    return out;
  }

  /** Oldest time the index still wants: older records would be evicted at once. */
  keptFrom(): number {
    return Math.max(this.evictedBefore, this.now() - this.spanHours * 3_600_000);
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
    const matches = this.matching(q);
    const times = this.slots.times;
    matches.sort((a, b) => times[b] - times[a]);
    const ends = matches.length > 0 ? [matches[0], matches[matches.length - 1]].map((s) => this.slots.idOf(s)) : [];
    const state = { changes: this.changes, syncedTo: this.syncedTo, coverageStart: this.coverageStart() };
    const key = indexPageKey(state, query, matches.length, ends, cap);
    return {
      records: this.kept.records(key, () => matches.slice(0, cap).map((slot) => this.view(slot).toSignIn())),
      truncated: matches.length > cap,
      requests: 0,
      asOf: new Date(this.syncedTo),
      key,
    };
  }

  get(id: string): IndexedSignIn | undefined {
    const slot = this.slots.find(id);
    return slot === NO_SLOT ? undefined : this.view(slot);
  }

  stats(): LiveIndexStats {
    const start = this.coverageStart();
    return {
      records: this.slots.size,
      parts: this.parts.size,
      bytes: this.bytes(),
      ...this.counters,
      coveredFrom: start === null ? null : new Date(start),
      syncedTo: this.syncedTo === -Infinity ? null : new Date(this.syncedTo),
      spanHours: this.spanHours,
    };
  }

  private bytes(): number {
    return this.slots.bytes + this.parts.bytes + this.exactCreated.size * 120;
  }

  /** What the records held take (the budget's measure): the columns' spare capacity left out, so it falls as records go. */
  heldBytes(): number {
    return this.slots.usedBytes + this.parts.bytes + this.exactCreated.size * 120;
  }

  private view(slot: number): IndexedSignIn {
    return new IndexedSignIn(
      this.slots.idOf(slot),
      this.exactCreated.get(slot) ?? null,
      this.slots.times[slot],
      this.slots.correlationOf(slot),
      this.parts.partsAt(this.slots.partNumbers, slot * PARTS_PER_RECORD),
    );
  }

  /** Slots that match, from a person's list or the minutes of the window. */
  private matching(q: PreparedQuery): number[] {
    const out: number[] = [];
    const test = (slot: number) => {
      if (this.matches(slot, q)) out.push(slot);
    };
    if (q.userId !== null) {
      for (let slot = this.users.get(q.userId)?.head ?? NO_SLOT; slot !== NO_SLOT; slot = this.slots.nextOfUser[slot])
        test(slot);
      return out;
    }
    this.minutes.forEachIn(q.from, q.to, test);
    return out;
  }

  private matches(slot: number, q: PreparedQuery): boolean {
    const time = this.slots.times[slot];
    if (time < q.from || time > q.to) return false;
    const at = slot * PARTS_PER_RECORD;
    const numbers = this.slots.partNumbers;
    const probe = this.probe;
    probe.userId = (this.parts.value(numbers[at + USER_PART]) as SignIn).userId;
    const app = this.parts.value(numbers[at + APP_PART]) as SignIn;
    probe.appId = app.appId;
    probe.appDisplayName = app.appDisplayName;
    probe.status = (this.parts.value(numbers[at + OUTCOME_PART]) as SignIn).status;
    probe.correlationId = q.correlationId === null ? null : this.slots.correlationOf(slot);
    return matchesQuery(probe, time, q);
  }

  /** Drops the oldest minutes while over a bound, older than the span, or beyond the first hours and over the budget. */
  private evict(): void {
    const [ageLimit, budgetFrom] = [this.spanHours, this.options.hours].map((h) => this.now() - h * 3_600_000);
    for (let end = this.minutes.oldestMinuteEnd(); end !== null; end = this.minutes.oldestMinuteEnd()) {
      const over =
        this.slots.size > this.options.maxRecords ||
        this.bytes() > this.options.maxBytes ||
        (end <= budgetFrom && this.heldBytes() > (this.options.budgetBytes ?? Infinity));
      if (!over && end > ageLimit) break;
      const droppedTo = this.minutes.dropOldest((slot) => this.remove(slot));
      this.evictedBefore = Math.max(this.evictedBefore, droppedTo);
    }
  }

  private remove(slot: number): void {
    const at = slot * PARTS_PER_RECORD;
    const user = userKey((this.parts.value(this.slots.partNumbers[at + USER_PART]) as SignIn).userId);
    const list = this.users.get(user)!;
    this.slots.unlinkUser(slot, list);
    if (list.head === NO_SLOT) this.users.delete(user);
    this.parts.release(this.slots.partNumbers, at);
    this.exactCreated.delete(slot);
    this.slots.remove(slot);
    this.changes++;
    this.counters.evicted++;
  }
}

function userKey(userId: SignIn['userId']): string {
  return String(userId ?? '').toLowerCase();
}
