/**
 * Keeps the live sign-in index current with documented queries only: `createdDateTime ge …` (and
 * `le` for the start-up fill), newest first, paging by `@odata.nextLink`.
 *
 * - Start-up fill: one query over the coverage hours, read page by page newest to oldest, so the
 *   last hour is answerable after the first pages, not after the whole day.
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
  'add' | 'markSynced' | 'markCoveredFrom' | 'keptFrom' | 'coverageStart' | 'stats'
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
  now?: () => number;
  onError?: (error: unknown, phase: 'fill' | 'poll') => void;
}

export interface SignInPollerStats {
  polls: number;
  failedPolls: number;
  pages: number;
  added: number;
  filling: boolean;
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

  constructor(
    private readonly client: Client,
    private readonly index: PolledIndex,
    private readonly options: SignInPollerOptions,
  ) {
    this.now = options.now ?? Date.now;
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

  /** Reads the coverage hours newest to oldest (only those before the span held); the index is usable after the first page. */
  async fill(): Promise<void> {
    const startedAt = this.now();
    const from = startedAt - this.options.hours * 3_600_000;
    const held = this.index.stats().syncedTo ? this.index.coverageStart() : null;
    // Less than a minute missing: the polls' overlap covers more than that.
    if (held !== null && held - from < 60_000) return;
    const until = held ?? startedAt;
    let link: string | null = null;
    let first = true;
    for (let attempt = 0; !this.stopped;) {
      let page: Page;
      try {
        page = await this.read(link, { from: new Date(from), to: new Date(until) });
      } catch (error) {
        this.options.onError?.(error, 'fill');
        // A few tries per page; then the index keeps the span it has and the polls go on.
        if (++attempt >= 3) return;
        await delay(Math.min(30_000, 1000 * 2 ** attempt));
        continue;
      }
      attempt = 0;
      this.index.add(page.value);
      // Synced up to the fill's start, unless the index was synced before (later than `until`, by polls).
      if (first && held === null) this.index.markSynced(startedAt);
      first = false;
      const next = page['@odata.nextLink'];
      if (!next) {
        this.index.markCoveredFrom(from);
        return;
      }
      const oldest = Math.min(...page.value.map((r) => Date.parse(r.createdDateTime as string)));
      // Records at exactly the oldest time may continue on the next page.
      this.index.markCoveredFrom(oldest + 1);
      // Anything older would be evicted at once (the index is full): stop here.
      if (oldest < this.index.keptFrom()) return;
      link = next;
    }
  }

  /** One poll: everything since the last one, less the overlap. Polls do not overlap each other. */
  pollOnce(): Promise<void> {
    if (!this.polling) this.polling = this.poll().finally(() => (this.polling = null));
    return this.polling;
  }

  stats(): SignInPollerStats {
    const synced = this.index.stats().syncedTo;
    return { ...this.counters, filling: this.filling !== null, lagMs: synced ? this.now() - synced.getTime() : null };
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
    } catch (error) {
      this.counters.failedPolls++;
      this.options.onError?.(error, 'poll');
    }
  }

  private async read(link: string | null, span: SignInFilterParts): Promise<Page> {
    // The same kinds and filter as the direct reads (beta with signInEventTypes when more than interactive), so both answer alike.
    const kinds = this.options.eventTypes ?? ['interactiveUser'];
    const first = () => {
      const api = this.client.api('/auditLogs/signIns');
      if (eventTypeFilter(kinds) !== null) api.version('beta');
      return api.filter(encodeFilter(buildSignInFilter(span, kinds))).top(this.options.pageSize);
    };
    const request = link ? this.client.api(link) : first();
    const page = (await request.middlewareOptions([new BackgroundRead()]).get()) as Page;
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

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
