/**
 * A per-tenant limiter in front of Microsoft Graph's identity reports (`/auditLogs/…`), which Graph
 * throttles at about 5 requests per 10 seconds per app per tenant.
 *
 * Requests over the limit wait in a first-in, first-out queue instead of failing. When Graph answers
 * 429 or 503 with `Retry-After`, every reporting request waits until that time has passed, not only
 * the one that was refused: retrying the others sooner only earns more 429s, since throttled calls
 * still count against the limit.
 *
 * It is a Graph client middleware placed *after* the retry handler, so that every attempt — the
 * retries of a 429 or 503 included — passes through it and counts; and *before* the per-request
 * timeout, so that time spent queueing is not mistaken for a slow Graph. One Graph client serves one
 * tenant, so one limiter per client is one limiter per tenant.
 */
import type { Context, Middleware, MiddlewareOptions } from '@microsoft/microsoft-graph-client';

/**
 * Marks a request as background work (the sign-in index's poller): it waits while any question
 * waits, and leaves the last slot of every window to questions.
 */
export class BackgroundRead implements MiddlewareOptions {}

export type ReadPriority = 'question' | 'background';

/** Called when the request's answer has arrived; see `acquire`. */
export type Release = () => void;

export interface RequestLimiterOptions {
  /** Requests that may start within any window. */
  maxRequests: number;
  /** Length of the sliding window. */
  windowMs: number;
  /** Clock, for tests. */
  now?: () => number;
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
  private readonly waitingBackground: (() => void)[] = [];
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = 0;
  private readonly counters = { started: 0, delayed: 0, maxQueued: 0, pauses: 0, backgroundStarted: 0 };
  private readonly starts: number[] = [];

  constructor(options: RequestLimiterOptions) {
    if (!Number.isFinite(options.maxRequests) || options.maxRequests < 1) throw new RangeError('maxRequests must be at least 1.');
    if (!Number.isFinite(options.windowMs) || options.windowMs < 0) throw new RangeError('windowMs must not be negative.');
    this.maxRequests = Math.floor(options.maxRequests);
    this.windowMs = options.windowMs;
    this.now = options.now ?? Date.now;
  }

  /**
   * Resolves when the caller may send one request; the request counts from that moment. Calling the
   * returned release when its answer has arrived moves its time to that moment: the server counted
   * it on arrival, somewhat after we let it go, and a window measured from our start alone could
   * reopen a few milliseconds before Graph's does.
   *
   * Background requests wait while any question waits, and never take the last slot of a window.
   */
  acquire(priority: ReadPriority = 'question'): Promise<Release> {
    const background = priority === 'background';
    const queue = background ? this.waitingBackground : this.waiting;
    if (this.waiting.length === 0 && queue.length === 0) {
      const started = this.tryStart(background);
      if (started !== null) return Promise.resolve(this.releaser(started));
    }
    this.counters.delayed++;
    return new Promise<Release>((resolve) => {
      queue.push(() => resolve(this.releaser(this.lastStart)));
      this.counters.maxQueued = Math.max(this.counters.maxQueued, this.waiting.length + this.waitingBackground.length);
      this.schedule();
    });
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
    return { ...this.counters, queued: this.waiting.length + this.waitingBackground.length, startTimes: [...this.starts] };
  }

  /** Takes a slot now if there is one; returns its time, or null. */
  private tryStart(background = false): number | null {
    const now = this.now();
    if (now < this.pausedUntil) return null;
    while (this.recent.length > 0 && this.recent[0] <= now - this.windowMs) this.recent.shift();
    const room = background && this.maxRequests > 1 ? this.maxRequests - 1 : this.maxRequests;
    if (this.recent.length >= room) return null;
    this.recent.push(now);
    this.lastStart = now;
    this.counters.started++;
    if (background) this.counters.backgroundStarted++;
    this.starts.push(now);
    if (this.starts.length > KEEP_START_TIMES) this.starts.splice(0, this.starts.length - KEEP_START_TIMES);
    return now;
  }

  /** Lets waiting requests go while there is room (questions first), then sleeps until the next slot opens. */
  private pump(): void {
    while (this.waiting.length > 0 && this.tryStart() !== null) this.waiting.shift()!();
    if (this.waiting.length === 0) {
      while (this.waitingBackground.length > 0 && this.tryStart(true) !== null) this.waitingBackground.shift()!();
    }
    if (this.waiting.length + this.waitingBackground.length > 0) this.schedule();
  }

  private schedule(): void {
    if (this.waiting.length + this.waitingBackground.length === 0) return;
    const now = this.now();
    // The slot the first in line needs: a background request needs one more free than a question.
    const need = this.waiting.length > 0 || this.maxRequests === 1 ? this.maxRequests : this.maxRequests - 1;
    const slotFree = this.recent.length >= need ? this.recent[this.recent.length - need] + this.windowMs : now;
    const at = Math.max(now, this.pausedUntil, slotFree);
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, Math.max(0, at - now));
  }
}

export interface ReportsLimiterOptions {
  maxRequests: number;
  windowSeconds: number;
  /** Which requests count; default: the identity reports under /auditLogs/. */
  applies?: (url: URL) => boolean;
  now?: () => number;
}

/** True for Graph's identity and access reports (`/v1.0/auditLogs/…`, `/beta/auditLogs/…`). */
export function isReportsRequest(url: URL): boolean {
  return /^\/(?:v1\.0|beta)\/auditLogs(?:\/|$)/i.test(url.pathname);
}

/** The limiter as a link in the Graph client's middleware chain. */
export class ReportsLimiter implements Middleware {
  readonly limiter: RequestLimiter;
  private next?: Middleware;
  private readonly applies: (url: URL) => boolean;

  constructor(options: ReportsLimiterOptions) {
    this.limiter = new RequestLimiter({ maxRequests: options.maxRequests, windowMs: options.windowSeconds * 1000, now: options.now });
    this.applies = options.applies ?? isReportsRequest;
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('ReportsLimiter needs a next middleware.');
    const request = context.request;
    const url = safeUrl(typeof request === 'string' ? request : request.url);
    if (!url || !this.applies(url)) {
      await this.next.execute(context);
      return;
    }
    const background = context.middlewareControl?.getMiddlewareOptions(BackgroundRead) !== undefined;
    const release = await this.limiter.acquire(background ? 'background' : 'question');
    try {
      await this.next.execute(context);
    } finally {
      release();
    }
    const response = context.response;
    if (response && (response.status === 429 || response.status === 503)) {
      const ms = retryAfterMs(response.headers.get('Retry-After'));
      if (ms !== null) this.limiter.pauseFor(ms);
    }
  }

  stats(): LimiterStats {
    return this.limiter.stats();
  }
}

/** Builds the reports limiter from the configuration (GRAPH_REPORTS_MAX_REQUESTS / _WINDOW_SECONDS). */
export function createReportsLimiter(settings: { reportsMaxRequests: number; reportsWindowSeconds: number }): ReportsLimiter {
  return new ReportsLimiter({ maxRequests: settings.reportsMaxRequests, windowSeconds: settings.reportsWindowSeconds });
}

/** Retry-After as milliseconds: delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
