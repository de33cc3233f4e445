/**
 * A per-tenant limiter in front of Microsoft Graph's identity reports (`/auditLogs/…`), which Graph
 * throttles at about 5 requests per 10 seconds per app per tenant.
 *
 * Requests over the limit wait in a first-in, first-out queue instead of failing. When Graph answers
 * 429 or 503 with `Retry-After`, every reporting request waits until that time has passed, not only
 * the one that was refused: retrying the others sooner only earns more 429s, since throttled calls
 * still count against the limit.
 *
 * Readers first: a sign-in reader's question goes before the index's background reads, which go
 * before everyone else's questions ("limited"). Those may take only part of each window, may each
 * have one read waiting, and wait in a short queue: when it is full a read is refused at once
 * (ReadsBusy: "busy, try in a minute") rather than delaying everyone behind it. A read made outside
 * any question — work that is for no one, such as the index's backward fill — comes last: it waits while
 * anyone's read waits and leaves a reader two slots of every window
 * ("system"; the app's setting: it never counts as a reader's). Which lane a read is in comes from the question it is made for
 * (src/graph/readLane.ts), so the sign-in log code needs to know nothing of it.
 *
 * It is a Graph client middleware placed *after* the retry handler, so that every attempt — the
 * retries of a 429 or 503 included — passes through it and counts; and *before* the per-request
 * timeout, so that time spent queueing is not mistaken for a slow Graph. One Graph client serves one
 * tenant, so one limiter per client is one limiter per tenant.
 */
import type { Context, Middleware, MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import { currentReadLane } from './readLane';
import { RequestLimiter, type LimiterStats, type ReadPriority, type RequestLimiterOptions } from './requestLimiter';

export { RequestLimiter, ReadsBusy, type LimiterStats } from './requestLimiter';

/**
 * Marks a request as background work (the sign-in index's poller): it waits while any question
 * waits, and leaves the last slot of every window to questions; as 'system' (the index's backward
 * fill, which nobody waits for) it leaves two, as a read made for no one does.
 */
export class BackgroundRead implements MiddlewareOptions {
  constructor(readonly lane: 'background' | 'system' = 'background') {}
}

export interface ReportsLimiterOptions extends Pick<
  RequestLimiterOptions,
  'limitedShare' | 'maxLimitedWaiting' | 'maxWaiting'
> {
  maxRequests: number;
  windowSeconds: number;
  /** Which requests count; default: the identity reports under /auditLogs/. */
  applies?: (url: URL) => boolean;
  now?: () => number;
  /** The lane of a read made outside any question and not marked as background (default: a question's). */
  unlaned?: ReadPriority;
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
  private readonly unlaned: ReadPriority;

  constructor(options: ReportsLimiterOptions) {
    const { windowSeconds, applies: _applies, unlaned: _unlaned, ...rest } = options;
    this.limiter = new RequestLimiter({ ...rest, windowMs: windowSeconds * 1000 });
    this.applies = options.applies ?? isReportsRequest;
    this.unlaned = options.unlaned ?? 'question';
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
    const background = context.middlewareControl?.getMiddlewareOptions(BackgroundRead) as BackgroundRead | undefined;
    const lane = background ? undefined : currentReadLane();
    const release = await this.limiter.acquire(background?.lane ?? lane?.priority ?? this.unlaned, lane?.person);
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

  /** At shutdown: see RequestLimiter.close. */
  close(): void {
    this.limiter.close();
  }
}

/**
 * Builds the reports limiter from the configuration (GRAPH_REPORTS_MAX_REQUESTS / _WINDOW_SECONDS).
 * `unlaned`: the lane of reads made outside any question (the app: 'system').
 */
export function createReportsLimiter(
  settings: { reportsMaxRequests: number; reportsWindowSeconds: number },
  unlaned?: ReadPriority,
): ReportsLimiter {
  return new ReportsLimiter({
    maxRequests: settings.reportsMaxRequests,
    windowSeconds: settings.reportsWindowSeconds,
    unlaned,
  });
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
