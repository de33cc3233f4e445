/**
 * The sliding-window limiter behind the reports limiter (src/graph/limiter.ts, which explains the
 * lanes): a queue per lane, room per lane in each window, and Retry-After pauses.
 */
/**
 * question: a reader's; limited: anyone else's question; background: the index's poller; system:
 * a read made outside any question (for no one, such as the index's backward fill), which must not count
 * as a reader's.
 */
export type ReadPriority = 'question' | 'limited' | 'background' | 'system';
type BackgroundPriority = 'background' | 'system';

/** A read refused at once because its lane's queue is full (or the person already has one waiting). */
export class ReadsBusy extends Error {
  constructor(readonly why: 'person' | 'lane') {
    super(
      why === 'person'
        ? 'This person already has a sign-in log read waiting.'
        : 'Too many sign-in log reads are waiting.',
    );
    this.name = 'ReadsBusy';
  }
}

/** Called when the request's answer has arrived; see `acquire`. */
export type Release = () => void;

export interface RequestLimiterOptions {
  /** Requests that may start within any window. */
  maxRequests: number;
  /** Length of the sliding window. */
  windowMs: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Slots of any window that limited reads may use (default: half, rounded down, at least one: a question often takes two reads, one per kind of sign-in, and a reader's must find both free). */
  limitedShare?: number;
  /** Limited reads that may wait; more are refused (default: maxRequests, at least 2). */
  maxLimitedWaiting?: number;
  /** Questions that may wait; more are refused (default: 100). */
  maxWaiting?: number;
}

export interface LimiterStats {
  /** Requests let through. */
  started: number;
  /** Requests that had to wait for a slot or a pause. */
  delayed: number;
  /** Requests waiting now. */
  queued: number;
  /** Background requests let through (included in started). */
  backgroundStarted: number;
  /** Longest queue seen. */
  maxQueued: number;
  /** Pauses ordered by Retry-After. */
  pauses: number;
  /** Start times of the requests let through (ms since epoch), newest last; capped. */
  startTimes: number[];
  /** Limited requests let through (included in started). */
  limitedStarted: number;
  /** Requests refused because their queue was full. */
  shed: number;
}

const KEEP_START_TIMES = 10_000;
const MAX_PAUSE_MS = 180_000;

/** A sliding-window limiter with a FIFO queue and a pause ("come back after …"). */
export class RequestLimiter {
  private readonly maxRequests: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  /** Start times inside the current window, oldest first. */
  private readonly recent: number[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly waitingBackground: { priority: BackgroundPriority; go: () => void }[] = [];
  private readonly waitingLimited: { person: string; go: () => void }[] = [];
  /** Start times of limited reads inside the current window. */
  private readonly limitedStarts: number[] = [];
  private readonly limitedShare: number;
  private readonly maxLimitedWaiting: number;
  private readonly maxWaiting: number;
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = 0;
  private closed = false;
  private readonly counters = {
    started: 0,
    delayed: 0,
    maxQueued: 0,
    pauses: 0,
    backgroundStarted: 0,
    limitedStarted: 0,
    shed: 0,
  };
  private readonly starts: number[] = [];

  constructor(options: RequestLimiterOptions) {
    if (!Number.isFinite(options.maxRequests) || options.maxRequests < 1)
      throw new RangeError('maxRequests must be at least 1.');
    if (!Number.isFinite(options.windowMs) || options.windowMs < 0)
      throw new RangeError('windowMs must not be negative.');
    this.maxRequests = Math.floor(options.maxRequests);
    this.windowMs = options.windowMs;
    this.now = options.now ?? Date.now;
    this.limitedShare = Math.max(
      1,
      Math.min(this.maxRequests, options.limitedShare ?? Math.floor(this.maxRequests / 2)),
    );
    this.maxLimitedWaiting = Math.max(1, options.maxLimitedWaiting ?? Math.max(2, this.maxRequests));
    this.maxWaiting = Math.max(1, options.maxWaiting ?? 100);
  }

  /**
   * Resolves when the caller may send one request; the request counts from that moment. Calling the
   * returned release when its answer has arrived moves its time to that moment: the server counted
   * it on arrival, somewhat after we let it go, and a window measured from our start alone could
   * reopen a few milliseconds before Graph's does.
   *
   * Background requests wait while any question waits, and never take the last slot of a window;
   * system requests wait after them and after limited ones, and leave two (a reader's question often takes two reads).
   * Limited requests (`person`: whose) wait for both, use at most their share of a window, and are
   * refused with ReadsBusy when their queue is full or the person already has one waiting.
   */
  acquire(priority: ReadPriority = 'question', person = ''): Promise<Release> {
    const key = person.toLowerCase();
    if (
      priority === 'limited' &&
      (this.waitingLimited.length >= this.maxLimitedWaiting || this.waitingLimited.some((w) => w.person === key))
    ) {
      this.counters.shed++;
      return Promise.reject(new ReadsBusy(this.waitingLimited.some((w) => w.person === key) ? 'person' : 'lane'));
    }
    if (priority === 'question' && this.waiting.length >= this.maxWaiting) {
      this.counters.shed++;
      return Promise.reject(new ReadsBusy('lane'));
    }
    // Nobody of its own lane or a higher one waiting: it may start now if its lane has room.
    const ahead =
      this.waiting.length +
      (priority === 'question' ? 0 : this.backgroundWaiting(priority === 'system')) +
      (priority === 'limited' || priority === 'system' ? this.waitingLimited.length : 0);
    if (ahead === 0) {
      const started = this.tryStart(priority);
      if (started !== null) return Promise.resolve(this.releaser(started));
    }
    this.counters.delayed++;
    return new Promise<Release>((resolve) => {
      const go = () => resolve(this.releaser(this.lastStart));
      if (priority === 'limited') this.waitingLimited.push({ person: key, go });
      else if (priority === 'question') this.waiting.push(go);
      else this.waitingBackground.push({ priority, go });
      this.counters.maxQueued = Math.max(this.counters.maxQueued, this.queued());
      this.schedule();
    });
  }

  /**
   * Shutdown: clears the timer and drops the reads still waiting (their turns are cut with the
   * server's connections), so that no timer keeps the process alive or lets a read go after close.
   */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting.length = 0;
    this.waitingBackground.length = 0;
    this.waitingLimited.length = 0;
  }

  /** Waiting poller reads ('background'), and with `andSystem` the system reads too. */
  private backgroundWaiting(andSystem = false): number {
    return andSystem
      ? this.waitingBackground.length
      : this.waitingBackground.filter((w) => w.priority === 'background').length;
  }

  private queued(): number {
    return this.waiting.length + this.waitingBackground.length + this.waitingLimited.length;
  }

  /** Slots of a window a request of this lane may fill. */
  private room(priority: ReadPriority): number {
    if (priority === 'limited') return this.limitedShare;
    if (priority === 'question' || this.maxRequests === 1) return this.maxRequests;
    if (priority === 'system') return Math.max(1, this.maxRequests - (this.maxRequests > 3 ? 2 : 1));
    // With non-readers' reads in the window, background leaves two slots: a reader's question often takes two reads.
    const limitedInWindow = this.limitedStarts.some((t) => t > this.now() - this.windowMs);
    return Math.max(1, this.maxRequests - (limitedInWindow && this.maxRequests > 3 ? 2 : 1));
  }

  private lastStart = 0;

  private releaser(startedAt: number): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const i = this.recent.indexOf(startedAt);
      if (i < 0) return;
      this.recent.splice(i, 1);
      const at = Math.max(startedAt, this.now());
      let j = this.recent.length;
      while (j > 0 && this.recent[j - 1] > at) j--;
      this.recent.splice(j, 0, at);
    };
  }

  /**
   * Holds every request back for this long (a Retry-After). A shorter pause never cuts a longer one.
   * Capped like the Graph client's own retry handler caps it: a Retry-After far in the future must
   * not stall every question for hours.
   */
  pauseFor(ms: number): void {
    if (!(ms > 0)) return;
    const until = this.now() + Math.min(ms, MAX_PAUSE_MS);
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.counters.pauses++;
    this.schedule();
  }

  stats(): LimiterStats {
    return { ...this.counters, queued: this.queued(), startTimes: [...this.starts] };
  }

  /** Takes a slot now if there is one; returns its time, or null. */
  private tryStart(priority: ReadPriority = 'question'): number | null {
    const now = this.now();
    if (now < this.pausedUntil) return null;
    while (this.recent.length > 0 && this.recent[0] <= now - this.windowMs) this.recent.shift();
    while (this.limitedStarts.length > 0 && this.limitedStarts[0] <= now - this.windowMs) this.limitedStarts.shift();
    if (this.recent.length >= this.room(priority)) return null;
    this.recent.push(now);
    this.lastStart = now;
    this.counters.started++;
    if (priority === 'background') this.counters.backgroundStarted++;
    if (priority === 'limited') {
      this.counters.limitedStarted++;
      this.limitedStarts.push(now);
    }
    this.starts.push(now);
    if (this.starts.length > KEEP_START_TIMES) this.starts.splice(0, this.starts.length - KEEP_START_TIMES);
    return now;
  }

  /**
   * Lets waiting requests go while there is room — questions, then the poller's background reads,
   * then limited, then system reads (made for no one: they wait while anyone's question waits, so a
   * long backward fill of the index never holds non-readers back) — then sleeps until the next slot opens.
   */
  private pump(): void {
    while (this.waiting.length > 0 && this.tryStart('question') !== null) this.waiting.shift()!();
    if (this.waiting.length === 0) {
      this.startWaiting('background');
      if (this.backgroundWaiting() === 0) {
        while (this.waitingLimited.length > 0 && this.tryStart('limited') !== null) this.waitingLimited.shift()!.go();
        if (this.waitingLimited.length === 0) this.startWaiting('system');
      }
    }
    if (this.queued() > 0) this.schedule();
  }

  /** Starts the waiting reads of one background lane, first come first served, while it has room. */
  private startWaiting(priority: BackgroundPriority): void {
    for (let i = this.waitingBackground.findIndex((w) => w.priority === priority); i >= 0;) {
      if (this.tryStart(priority) === null) return;
      this.waitingBackground.splice(i, 1)[0].go();
      i = this.waitingBackground.findIndex((w) => w.priority === priority);
    }
  }

  private schedule(): void {
    if (this.closed || this.queued() === 0) return;
    const now = this.now();
    // The slot the first in line needs: its lane's room must have one free.
    const first: ReadPriority =
      this.waiting.length > 0
        ? 'question'
        : this.backgroundWaiting() > 0
          ? 'background'
          : this.waitingLimited.length > 0
            ? 'limited'
            : 'system';
    const need = this.room(first);
    const slotFree = this.recent.length >= need ? this.recent[this.recent.length - need] + this.windowMs : now;
    const at = Math.max(now, this.pausedUntil, slotFree);
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.pump();
      },
      Math.max(0, at - now),
    );
  }
}
