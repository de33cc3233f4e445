/**
 * Graph's throttle of the identity reports (/auditLogs/…) as the demo tenant applies it: a sliding
 * window of arrivals per app per tenant, 429 with Retry-After beyond it.
 */
import { GraphHttpError } from './graphProtocol';

export interface ReportsLimit {
  maxRequests: number;
  windowMs: number;
}

/** Graph's documented limit for the identity reports, per app per tenant. */
export const GRAPH_REPORTS_LIMIT: ReportsLimit = { maxRequests: 5, windowMs: 10_000 };

/** What the tenant's sign-in log was asked, for tests and the bench. */
export interface ReportsCounters {
  /** Requests to /auditLogs/… answered (not throttled). */
  reads: number;
  /** Requests refused with 429. */
  throttled: number;
}

export class ReportsThrottle {
  /** Arrival times of the report requests inside the current window, oldest first. */
  private readonly reportArrivals: number[] = [];
  private readonly counters: ReportsCounters = { reads: 0, throttled: 0 };

  constructor(
    private readonly limit: ReportsLimit | null,
    private readonly clock: () => number,
  ) {}

  /** Report reads answered and refused so far. */
  snapshot(): ReportsCounters {
    return { ...this.counters };
  }

  /** Counts a report request against the limit; refuses it with Graph's 429 when over. */
  admit(): void {
    const limit = this.limit;
    if (limit) {
      const now = this.clock();
      while (this.reportArrivals.length > 0 && this.reportArrivals[0] <= now - limit.windowMs)
        this.reportArrivals.shift();
      // Throttled calls count too (Graph says so): a client hammering through 429s stays throttled.
      this.reportArrivals.push(now);
      if (this.reportArrivals.length > limit.maxRequests) {
        this.counters.throttled++;
        const freeAt = this.reportArrivals[this.reportArrivals.length - 1 - limit.maxRequests] + limit.windowMs;
        throw new GraphHttpError(429, 'TooManyRequests', 'Too many requests.', {
          'retry-after': String(Math.max(1, Math.ceil((freeAt - now) / 1000))),
        });
      }
    }
    this.counters.reads++;
  }
}
