/**
 * The sign-in log as one instance read it, in the state store for the others (singleReader.ts):
 *
 * - `signins/<t>.d.<seq>`: a delta — the records one read added (a poll, a page of the fill), at
 *   most `maxRecordsPerItem` per item (feedEncoding.ts form), written create-only so that two writers
 *   never overwrite each other; kept as long as the index covers (`ttlMs`).
 * - `signins/<t>.head`: the newest seq, and the span the writer's index covered when it wrote it
 *   (coveredFrom, syncedTo): whoever has applied every delta up to `seq` covers that span too.
 *   Written with If-Match on its ETag after the deltas, so it never names one that is not there.
 *
 * `<t>` is a hash of the tenant id. A run of the feed starts (when no head is left) at the current
 * epoch milliseconds, so its seqs never meet those of an earlier run still in the store.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { StateStore } from '../../state/types';
import { decodeRecords, encodeRecords } from './feedEncoding';

export interface FeedHead {
  v: 1;
  /** Changes when the feed starts over; a reader of another run joins afresh. */
  run: string;
  /** The run's first seq (where the search for the oldest live delta starts). */
  baseSeq: number;
  seq: number;
  syncedTo: number | null;
  coveredFrom: number | null;
  /** The lease holder that wrote it (for logs). */
  writer: string;
}

/** What the feed writes to when it applies deltas. */
export interface FeedTarget {
  add(records: readonly SignIn[], origin: 'store'): number;
  markSynced(at: number): void;
  markCoveredFrom(from: number): void;
}

export interface FeedStats {
  deltasWritten: number;
  bytesWritten: number;
  deltasRead: number;
  recordsRead: number;
  /** Deltas named by the head but not found (expired or lost). */
  missing: number;
}

/** Another writer got to the store first: catch up, then go on. */
export class FeedConflict extends Error {
  constructor(what: string) {
    super(`another instance wrote ${what} first`);
    this.name = 'FeedConflict';
  }
}

const PARALLEL_READS = 16;

export class PublishedFeed {
  private readonly prefix: string;
  private run: string | null = null;
  private baseSeq = 0;
  /** The newest seq applied or written here. */
  private position = 0;
  private headEtag: string | null = null;
  private lastMarks = '';
  private readonly counters: FeedStats = {
    deltasWritten: 0,
    bytesWritten: 0,
    deltasRead: 0,
    recordsRead: 0,
    missing: 0,
  };

  constructor(
    private readonly store: StateStore,
    tenantId: string,
    private readonly options: { ttlMs: number; maxRecordsPerItem?: number; writer: string },
  ) {
    this.prefix = `signins/${createHash('sha256').update(tenantId, 'utf8').digest('hex').slice(0, 16)}`;
  }

  /**
   * Applies what was published since the last call (on the first call, or after the feed started
   * over, every delta still kept). `beyondHead`: also deltas written after the head, when the writer
   * died between the two (the next writer must not write over them).
   */
  async catchUp(target: FeedTarget, beyondHead: boolean): Promise<number> {
    const head = await this.store.get<FeedHead>(this.headKey());
    if (!head || head.value.v !== 1) return 0;
    const joining = head.value.run !== this.run;
    if (joining) {
      this.run = head.value.run;
      this.baseSeq = head.value.baseSeq;
      this.position = (await this.firstLive(head.value.baseSeq, head.value.seq)) - 1;
    }
    this.headEtag = head.etag;
    let applied = 0;
    while (this.position < head.value.seq) {
      const seqs = Array.from(
        { length: Math.min(PARALLEL_READS, head.value.seq - this.position) },
        (_, i) => this.position + 1 + i,
      );
      const items = await Promise.all(seqs.map((seq) => this.store.get(this.deltaKey(seq))));
      items.forEach((item) => {
        if (item) applied += this.apply(target, item.value);
        else this.counters.missing++;
      });
      this.position = seqs[seqs.length - 1];
    }
    for (
      let item = beyondHead ? await this.store.get(this.deltaKey(this.position + 1)) : undefined;
      item;
      item = await this.store.get(this.deltaKey(this.position + 1))
    ) {
      applied += this.apply(target, item.value);
      this.position++;
    }
    if (head.value.coveredFrom !== null) target.markCoveredFrom(head.value.coveredFrom);
    if (head.value.syncedTo !== null) target.markSynced(head.value.syncedTo);
    return applied;
  }

  /**
   * Writes `pending` (taken from its front as each delta lands) and moves the head to the span
   * given. Nothing is written when there is nothing new. Throws FeedConflict when another writer
   * got a key first; the records not yet written stay in `pending`.
   */
  async publish(pending: SignIn[], span: { syncedTo: number | null; coveredFrom: number | null }): Promise<void> {
    const marks = JSON.stringify(span);
    if (pending.length === 0 && marks === this.lastMarks) return;
    if (this.run === null) {
      this.run = randomUUID();
      this.baseSeq = Date.now();
      this.position = this.baseSeq - 1;
      this.headEtag = null;
    }
    const size = this.options.maxRecordsPerItem ?? 2_000;
    while (pending.length > 0) {
      const chunk = pending.slice(0, size);
      const item = encodeRecords(chunk);
      const etag = await this.store.create(this.deltaKey(this.position + 1), item, this.options.ttlMs);
      if (!etag) throw new FeedConflict(`delta ${this.position + 1}`);
      this.position++;
      // Only what was written: the reader may have added more meanwhile.
      pending.splice(0, chunk.length);
      this.counters.deltasWritten++;
      this.counters.bytesWritten += Buffer.byteLength(JSON.stringify(item));
    }
    const head: FeedHead = {
      v: 1,
      run: this.run,
      baseSeq: this.baseSeq,
      seq: this.position,
      ...span,
      writer: this.options.writer,
    };
    const etag = this.headEtag
      ? await this.store.replace(this.headKey(), head, this.options.ttlMs, this.headEtag)
      : await this.store.create(this.headKey(), head, this.options.ttlMs);
    if (!etag) throw new FeedConflict('the head');
    this.headEtag = etag;
    this.lastMarks = marks;
  }

  stats(): FeedStats {
    return { ...this.counters };
  }

  private apply(target: FeedTarget, value: unknown): number {
    try {
      const { records } = decodeRecords(value);
      this.counters.deltasRead++;
      this.counters.recordsRead += records.length;
      return target.add(records, 'store');
    } catch {
      this.counters.missing++;
      return 0;
    }
  }

  /** The oldest seq in [low, high] whose delta is still kept (they expire oldest first); high + 1 when none is. */
  private async firstLive(low: number, high: number): Promise<number> {
    let lo = low;
    let hi = high + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (await this.store.get(this.deltaKey(mid))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private headKey(): string {
    return `${this.prefix}.head`;
  }

  private deltaKey(seq: number): string {
    return `${this.prefix}.d.${seq}`;
  }
}
