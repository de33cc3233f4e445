/**
 * Keeps the live sign-in index current with documented queries only: `createdDateTime ge …` (and
 * `le` for the start-up fill), newest first, paging by `@odata.nextLink`.
 *
 * - Start-up fill: one query over the coverage hours, read page by page newest to oldest, so the
 *   last hour is answerable after the first pages, not after the whole day.
 * - Backward fill (SIGNIN_INDEX_HOURS=auto, `extendToHours`): then a day at a time further back, in
 *   the 'system' lane (two slots of every window left to readers), while the index's memory with
 *   one more day would stay under its budget; each page widens the covered span at once.
 * - Polls every `intervalMs`: everything since the last poll minus `overlapMs`, because records reach
 *   the log minutes late (with an older createdDateTime than records already read); the index drops
 *   what it already holds by id.
 *
 * Every request is a background read: the reports limiter lets questions go first.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { BackgroundRead } from '../../graph/limiter';
import { encodeFilter } from '../../graph/odata';
import type { LiveSignInIndex } from './memoryIndex';

/** What the poller uses of the index (start.ts passes a view that also tells listeners what was added). */
export type PolledIndex = Pick<
  LiveSignInIndex,
  'add' | 'markSynced' | 'markCoveredFrom' | 'keptFrom' | 'coverageStart' | 'stats' | 'setSpanHours' | 'heldBytes'
>;
import { buildSignInFilter, eventTypeFilter, type SignInFilterParts } from '../signInLog';
import { type SignInEventType } from '../../shared/types';

export interface SignInPollerOptions {
  hours: number;
  intervalMs: number;
  overlapMs: number;
  /** Records per page ($top; Graph's maximum is 1,000). */
  pageSize: number;
  /** The user kinds of sign-in to read (SIGNIN_EVENT_TYPES); default interactive only (v1.0). */
  eventTypes?: readonly SignInEventType[];
  /** SIGNIN_INDEX_HOURS=auto: after the fill of `hours`, extend back day by day up to this many hours... */
  extendToHours?: number;
  /** ...while the index's held bytes with one more day stay under this (SIGNIN_INDEX_MAX_MB). */
  budgetBytes?: number;
  now?: () => number;
  onError?: (error: unknown, phase: 'fill' | 'poll') => void;
  /** Told whenever the span's progress changes (the start-up log). */
  onProgress?: (progress: SpanProgress) => void;
}

/**
 * How far the index's span has come: filling its first hours, extending back (auto), or ended —
 * `done` at its target, `budget` where one more day would pass SIGNIN_INDEX_MAX_MB, `failed` where
 * pages kept failing (the span read so far is kept; the polls go on, and auto's backward fill is
 * tried again after a successful poll 10 minutes later).
 */
export interface SpanProgress {
  state: 'filling' | 'extending' | 'done' | 'budget' | 'failed';
  /** The hours filled first (SIGNIN_INDEX_HOURS; with auto 24). */
  firstHours: number;
  /** SIGNIN_INDEX_HOURS, or with auto the most it extends to. */
  targetHours: number;
}

export interface SignInPollerStats {
  polls: number;
  failedPolls: number;
  pages: number;
  added: number;
  /** The first span's fill is running (not auto's backward fill after it: see `span`). */
  filling: boolean;
  span: SpanProgress;
  /** Milliseconds since the newest successful poll started (how far behind the log the index is, besides the log's own delay). */
  lagMs: number | null;
}

interface Page {
  value: SignIn[];
  '@odata.nextLink'?: string;
}

export class SignInPoller {
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private polling: Promise<void> | null = null;
  private filling: Promise<void> | null = null;
  private counters = { polls: 0, failedPolls: 0, pages: 0, added: 0 };
  private span: SpanProgress;
  /** When a failed backward fill may be tried again (extendAgainLater). */
  private extendAgainAt = 0;

  constructor(
    private readonly client: Client,
    private readonly index: PolledIndex,
    private readonly options: SignInPollerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.span = { state: 'filling', firstHours: options.hours, targetHours: options.extendToHours ?? options.hours };
  }

  /**
   * Starts the fill and the polls; returns at once. An index that already holds a synced span (from
   * the state store, published by the previous reader) is polled at once from where it ends, and
   * the fill reads only what lies before it.
   */
  start(): void {
    const continuing = this.index.stats().syncedTo !== null;
    this.filling = this.fill().finally(() => (this.filling = null));
    if (continuing) void this.pollOnce();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([this.polling, this.filling]);
  }

  /**
   * Reads the coverage hours newest to oldest (only those before the span held); the index is usable
   * after the first page. With `extendToHours`, then extends the span back (extend).
   */
  async fill(): Promise<void> {
    const startedAt = this.now();
    const from = startedAt - this.options.hours * HOUR;
    const held = this.index.stats().syncedTo ? this.index.coverageStart() : null;
    // Less than a minute missing: the polls' overlap covers more than that.
    const read =
      held !== null && held - from < 60_000
        ? 'read'
        : await this.readBack(from, held ?? startedAt, 'background', () => {
            // Synced up to the fill's start, unless the index was synced before (later than `until`, by polls).
            if (held === null) this.index.markSynced(startedAt);
          });
    if (read === 'read' && this.options.extendToHours !== undefined) await this.extend(this.options.extendToHours);
    else if (read !== 'stopped') this.setSpan(read === 'read' ? 'done' : read === 'full' ? 'budget' : 'failed');
  }

  /**
   * The backward fill: a day further back at a time while one more day, at the bytes a day of the
   * span held so far takes, keeps the index under its budget. Where the budget still runs out within
   * a day (the index lets that day's oldest minutes go), the span ends at the last whole day.
   */
  private async extend(most: number): Promise<void> {
    const budget = this.options.budgetBytes ?? Infinity;
    this.setSpan('extending');
    while (!this.stopped) {
      const start = this.index.coverageStart();
      if (start === null) return this.setSpan('failed');
      const coveredHours = (this.now() - start) / HOUR;
      if (coveredHours >= most - 1 / 60) return this.setSpan('done');
      const days = Math.max(1, Math.floor((coveredHours + 12) / 24));
      const next = Math.min(most, (days + 1) * 24);
      if (this.index.heldBytes() * (1 + (next - coveredHours) / coveredHours) > budget) return this.setSpan('budget');
      this.index.setSpanHours(Math.max(this.index.stats().spanHours, next));
      // Up to the span's first whole second (Graph's filter takes whole seconds): the two meet without a gap.
      const read = await this.readBack(this.now() - next * HOUR, Math.ceil(start / 1000) * 1000, 'system');
      if (read === 'stopped') return;
      if (read === 'failed') return this.setSpan('failed');
      if (read === 'read') this.setSpan('extending');
      if (read === 'full') {
        const whole = Math.max(this.options.hours, Math.floor((this.now() - this.index.coverageStart()!) / DAY) * 24);
        this.index.setSpanHours(whole);
        return this.setSpan('budget');
      }
    }
  }

  /**
   * Reads [from, until] newest to oldest, widening the covered span after every page: 'read' when it
   * reached `from`. A page that fails is tried again after a pause, a few times; then ('failed') the
   * index keeps the span it has. 'full': stopped where older records would be evicted at once.
   */
  private async readBack(
    from: number,
    until: number,
    lane: BackgroundRead['lane'],
    afterFirstPage?: () => void,
  ): Promise<'read' | 'full' | 'failed' | 'stopped'> {
    let link: string | null = null;
    for (let attempt = 0, first = true; !this.stopped;) {
      let page: Page;
      try {
        page = await this.read(link, { from: new Date(from), to: new Date(until) }, lane);
      } catch (error) {
        this.options.onError?.(error, 'fill');
        if (++attempt >= 3) return 'failed';
        await delay(Math.min(30_000, 1000 * 2 ** attempt));
        continue;
      }
      attempt = 0;
      this.index.add(page.value);
      if (first) afterFirstPage?.();
      first = false;
      const next = page['@odata.nextLink'];
      if (!next) {
        this.index.markCoveredFrom(from);
        return 'read';
      }
      const oldest = Math.min(...page.value.map((r) => Date.parse(r.createdDateTime as string)));
      // Records at exactly the oldest time may continue on the next page.
      this.index.markCoveredFrom(oldest + 1);
      if (oldest < this.index.keptFrom()) return 'full';
      link = next;
    }
    return 'stopped';
  }

  private setSpan(state: SpanProgress['state']): void {
    if (state === 'failed') this.extendAgainAt = this.now() + 10 * 60_000;
    this.span = { ...this.span, state };
    this.options.onProgress?.(this.span);
  }

  /** One poll: everything since the last one, less the overlap. Polls do not overlap each other. */
  pollOnce(): Promise<void> {
    if (!this.polling) this.polling = this.poll().finally(() => (this.polling = null));
    return this.polling;
  }

  stats(): SignInPollerStats {
    const synced = this.index.stats().syncedTo;
    return {
      ...this.counters,
      // The first span only: incident detection and the health check wait for it, not for auto's backward fill.
      filling: this.filling !== null && this.span.state === 'filling',
      span: this.span,
      lagMs: synced ? this.now() - synced.getTime() : null,
    };
  }

  private async poll(): Promise<void> {
    const synced = this.index.stats().syncedTo;
    // Before the fill's first page there is nothing to continue from.
    if (!synced) return;
    const startedAt = this.now();
    const since = new Date(synced.getTime() - this.options.overlapMs);
    this.counters.polls++;
    try {
      let link: string | null = null;
      do {
        const page = await this.read(link, { from: since });
        this.index.add(page.value);
        link = page['@odata.nextLink'] ?? null;
      } while (link && !this.stopped);
      if (!this.stopped) this.index.markSynced(startedAt);
      this.extendAgainLater();
    } catch (error) {
      this.counters.failedPolls++;
      this.options.onError?.(error, 'poll');
    }
  }

  /** A backward fill whose pages kept failing goes on from where it stopped, after a successful poll, at most every 10 minutes. */
  private extendAgainLater(): void {
    const most = this.options.extendToHours;
    if (most === undefined || this.span.state !== 'failed' || this.filling || this.now() < this.extendAgainAt) return;
    this.filling = this.extend(most).finally(() => (this.filling = null));
  }

  private async read(
    link: string | null,
    span: SignInFilterParts,
    lane: BackgroundRead['lane'] = 'background',
  ): Promise<Page> {
    // The same kinds and filter as the direct reads (beta with signInEventTypes when more than interactive), so both answer alike.
    const kinds = this.options.eventTypes ?? ['interactiveUser'];
    const first = () => {
      const api = this.client.api('/auditLogs/signIns');
      if (eventTypeFilter(kinds) !== null) api.version('beta');
      return api.filter(encodeFilter(buildSignInFilter(span, kinds))).top(this.options.pageSize);
    };
    const request = link ? this.client.api(link) : first();
    const page = (await request.middlewareOptions([new BackgroundRead(lane)]).get()) as Page;
    this.counters.pages++;
    this.counters.added += page.value.length;
    return page;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.pollOnce().finally(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref();
  }
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
