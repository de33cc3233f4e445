/**
 * One reader of the sign-in log per tenant across instances. The instance holding the lease
 * `signin-reader/<tenant>` runs the poller against Graph and publishes what it adds to the state
 * store (storeFeed.ts); every other instance applies what was published, on a timer, and never
 * polls. When the reader dies, its lease runs out, another instance takes it, applies the last
 * deltas and polls on from where the published span ends: no Graph fill when the store has the
 * span, and no gap, since each poll re-reads its overlap.
 *
 * Role changes, catch-ups and publishes run one at a time, in order.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { Lease, type LeaseOptions } from '../../state/lease';
import type { StateStore } from '../../state/types';
import type { ObservedIndex } from './notifyingIndex';
import type { SignInPoller } from './poller';
import { FeedConflict, PublishedFeed, type FeedStats } from './storeFeed';

export type ReadingRole = 'alone' | 'starting' | 'leader' | 'follower' | 'stopped';

export interface SharedReadingOptions {
  store: StateStore;
  tenantId: string;
  /** Hours the index covers: how long published records are kept. */
  hours: number;
  /** How often an instance that does not read the log applies what was published. */
  followEveryMs: number;
  lease?: Pick<LeaseOptions, 'durationMs' | 'renewEveryMs' | 'holderId'>;
  logger?: { info(details: object, message: string): void; warn(details: object, message: string): void };
}

export interface SharedReadingStats extends FeedStats {
  role: ReadingRole;
  holderId: string;
  /** Times this instance became the reader. */
  terms: number;
}

export class SharedReading {
  private readonly lease: Lease;
  private readonly feed: PublishedFeed;
  private poller: SignInPoller | null = null;
  private currentRole: ReadingRole = 'starting';
  private queue: Promise<unknown> = Promise.resolve();
  private followTimer: NodeJS.Timeout | null = null;
  private pending: SignIn[] = [];
  private publishQueued = false;
  private terms = 0;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly index: ObservedIndex,
    /** A new poller for each term as reader, started. */
    private readonly startPoller: () => SignInPoller,
    private readonly options: SharedReadingOptions,
  ) {
    this.lease = new Lease(options.store, `signin-reader/${options.tenantId}`, {
      ...options.lease,
      logger: options.logger,
      onChange: (held) => this.enqueue(() => (held ? this.lead() : this.follow())),
    });
    this.feed = new PublishedFeed(options.store, options.tenantId, {
      // Kept as long as the index covers, and a little longer: a joining instance must find the whole span.
      ttlMs: options.hours * 3_600_000 + 10 * 60_000,
      writer: this.lease.holderId,
    });
    this.unsubscribe.push(
      index.onRecords((records, origin) => {
        if (origin === 'graph' && this.currentRole === 'leader') this.pending.push(...records);
      }),
      index.onSpanMoved(() => this.schedulePublish()),
    );
  }

  /** Follows at once (the index fills from the store) and competes for the lease. */
  start(): void {
    this.enqueue(() => this.follow());
    this.lease.start();
  }

  role(): ReadingRole {
    return this.currentRole;
  }

  /** The poller of the current term as reader, if this instance is the reader. */
  currentPoller(): SignInPoller | null {
    return this.poller;
  }

  stats(): SharedReadingStats {
    return { ...this.feed.stats(), role: this.currentRole, holderId: this.lease.holderId, terms: this.terms };
  }

  /** Stops polling or following, publishes what is left, and frees the lease for the next instance. */
  async stop(): Promise<void> {
    const wasLeader = this.currentRole === 'leader';
    this.stopFollowing();
    // A poll under way still counts as the reader's: its records are published below.
    await this.poller?.stop();
    this.currentRole = 'stopped';
    for (const off of this.unsubscribe) off();
    await this.queue;
    if (wasLeader) await this.publishPending(true).catch(() => undefined);
    await this.lease.stop();
  }

  private async lead(): Promise<void> {
    if (this.currentRole === 'stopped' || this.currentRole === 'leader') return;
    this.stopFollowing();
    // What the previous reader published last, also past its head if it died between the two.
    await this.catchUp(true);
    this.currentRole = 'leader';
    this.pending = [];
    this.terms++;
    const stats = this.index.stats();
    this.options.logger?.info(
      { holder: this.lease.holderId, records: stats.records, syncedTo: stats.syncedTo, coveredFrom: stats.coveredFrom },
      'this instance now reads the sign-in log (it holds the lease) and publishes to the state store',
    );
    this.poller = this.startPoller();
  }

  private async follow(): Promise<void> {
    if (this.currentRole === 'stopped') return;
    if (this.currentRole === 'leader') {
      this.options.logger?.warn(
        { holder: this.lease.holderId },
        'this instance lost the sign-in log lease: it stops polling and follows what the reader publishes',
      );
    }
    const poller = this.poller;
    this.poller = null;
    this.currentRole = 'follower';
    this.pending = [];
    await poller?.stop();
    await this.catchUp(false);
    this.scheduleFollow();
  }

  /** The next catch-up: every followEveryMs, or every 2 s while nothing has been published yet (a fresh start). */
  private scheduleFollow(): void {
    if (this.followTimer || this.currentRole !== 'follower') return;
    const delay = this.index.stats().syncedTo
      ? this.options.followEveryMs
      : Math.min(this.options.followEveryMs, 2_000);
    this.followTimer = setTimeout(() => {
      this.followTimer = null;
      if (this.currentRole === 'follower') this.enqueue(() => this.catchUp(false).then(() => this.scheduleFollow()));
    }, delay);
    this.followTimer.unref();
  }

  private stopFollowing(): void {
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = null;
  }

  private async catchUp(beyondHead: boolean): Promise<void> {
    try {
      const first = this.feed.stats().deltasRead === 0;
      const applied = await this.feed.catchUp(this.index, beyondHead);
      if (first && applied > 0) {
        const stats = this.index.stats();
        this.options.logger?.info(
          { records: stats.records, syncedTo: stats.syncedTo, coveredFrom: stats.coveredFrom },
          'filled the sign-in index from the state store (published by the reader of the log)',
        );
      }
    } catch (error) {
      this.options.logger?.warn(
        { err: { message: (error as Error)?.message } },
        'could not read the published sign-ins from the state store; tried again later',
      );
    }
  }

  private schedulePublish(): void {
    if (this.currentRole !== 'leader' || this.publishQueued) return;
    this.publishQueued = true;
    this.enqueue(async () => {
      this.publishQueued = false;
      if (this.currentRole === 'leader') await this.publishPending(false);
    });
  }

  /** Publishes the records added since the last time and the span; a conflict means catching up first, then once more. */
  private async publishPending(last: boolean): Promise<void> {
    const span = () => {
      const stats = this.index.stats();
      return { syncedTo: stats.syncedTo?.getTime() ?? null, coveredFrom: stats.coveredFrom?.getTime() ?? null };
    };
    try {
      try {
        await this.feed.publish(this.pending, span());
      } catch (error) {
        if (!(error instanceof FeedConflict) || last) throw error;
        this.options.logger?.warn(
          { err: { message: error.message } },
          'the published sign-ins changed under this reader: catching up before publishing',
        );
        await this.feed.catchUp(this.index, true);
        await this.feed.publish(this.pending, span());
      }
    } catch (error) {
      // The records stay pending: the next poll's publish takes them along.
      this.options.logger?.warn(
        { err: { message: (error as Error)?.message }, pending: this.pending.length },
        'could not publish the sign-ins read to the state store; tried again after the next poll',
      );
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error: unknown) => {
      this.options.logger?.warn({ err: { message: (error as Error)?.message } }, 'sign-in log sharing step failed');
    });
  }
}
