/**
 * How slowly the demo tenant's sign-in log answers, as Graph's reporting API does, and what it does
 * about it. Off unless asked for (DEMO_GRAPH_LATENCY=on): unit tests stay fast and deterministic.
 *
 * - A page takes longer the wider the window it reads (the reporting API is slow on big windows:
 *   includes/throttling-entra-logs-reports.md advises narrowing `createdDateTime` windows when calls
 *   are slow or throttled; reference/graph-signins.md §5 has the public reports of minutes-long reads).
 * - Now and then a page is short, or empty, with a nextLink all the same: Graph's paging contract only
 *   promises that a nextLink means "there may be more" (concepts/paging.md: page sizes are the
 *   server's choice, and the client follows @odata.nextLink until there is none).
 * - Service time counts against the app as well as requests: "Calls might also be throttled if the
 *   service takes too long to respond" (includes/throttling-entra-logs-reports.md, best practices).
 *   Beyond `serviceMsPerWindow` of answer time in the throttle window the answer is 429 + Retry-After.
 */
import { GraphHttpError } from './graphProtocol';
import { prng } from './random';

export interface ReportsTiming {
  /** Fixed cost of one page. */
  baseMs: number;
  /** Extra cost per day of the window the filter reads (no lower bound: the whole retention). */
  perDayMs: number;
  /** Extra cost per row on the page. */
  perRowMs: number;
  /** Share of pages cut to half their rows (when more follow). */
  shortPageRate: number;
  /** Share of pages answered with no rows but a nextLink (when more follow). */
  emptyPageRate: number;
  /** Answer time allowed per window of the reports limit before 429. */
  serviceMsPerWindow: number;
  windowMs: number;
  seed?: number;
}

/** What `DEMO_GRAPH_LATENCY=on` means: a 1-day page ~0.6 s, a 7-day page ~2.1 s, a 30-day page ~8 s. */
export const GRAPH_LIKE_TIMING: ReportsTiming = {
  baseMs: 300,
  perDayMs: 250,
  perRowMs: 0.5,
  shortPageRate: 0.1,
  emptyPageRate: 0.03,
  serviceMsPerWindow: 30_000,
  windowMs: 10_000,
};

const DAY = 86_400_000;

export interface PagePlan {
  /** Rows this page gets (≤ $top). */
  rows: number;
  delayMs: number;
}

export class ReportsClock {
  private readonly random: () => number;
  /** (start, answer ms) of the answers inside the current window. */
  private readonly served: { at: number; ms: number }[] = [];

  constructor(
    private readonly timing: ReportsTiming | null,
    private readonly clock: () => number,
    private readonly retentionDays = 30,
  ) {
    this.random = prng(timing?.seed ?? 21);
  }

  get enabled(): boolean {
    return this.timing !== null;
  }

  /**
   * The shape and cost of one page: `window` is the filter's [from, to] in ms (either may be
   * missing), `top` the page size asked, `remaining` the rows left from this offset.
   */
  plan(window: { from: number | null; to: number | null }, top: number, remaining: number): PagePlan {
    const t = this.timing;
    remaining = Math.max(0, remaining);
    if (!t) return { rows: Math.min(top, remaining), delayMs: 0 };
    const now = this.clock();
    const from = window.from ?? now - this.retentionDays * DAY;
    const days = Math.max(0, ((window.to ?? now) - from) / DAY);
    let rows = Math.min(top, remaining);
    const draw = this.random();
    if (remaining > top && draw < t.emptyPageRate) rows = 0;
    else if (remaining > top && draw < t.emptyPageRate + t.shortPageRate) rows = Math.max(1, Math.floor(rows / 2));
    return { rows, delayMs: Math.round(t.baseMs + t.perDayMs * days + t.perRowMs * rows) };
  }

  /** Charges an answer's time to the app; refuses it with Graph's 429 when the window's budget is spent. */
  charge(delayMs: number): void {
    const t = this.timing;
    if (!t || delayMs === 0) return;
    const now = this.clock();
    while (this.served.length > 0 && this.served[0].at <= now - t.windowMs) this.served.shift();
    const spent = this.served.reduce((sum, s) => sum + s.ms, 0);
    if (spent + delayMs > t.serviceMsPerWindow) {
      const retryAfter = Math.max(1, Math.ceil((this.served[0].at + t.windowMs - now) / 1000));
      throw new GraphHttpError(429, 'TooManyRequests', 'Too many requests: the reporting service is busy.', {
        'retry-after': String(retryAfter),
      });
    }
    this.served.push({ at: now, ms: delayMs });
  }
}

/** The [from, to] a sign-in filter reads: its createdDateTime ge/eq/le bounds, in ms. */
export function filterWindow(filter: string | null): { from: number | null; to: number | null } {
  const bound = (op: string): number | null => {
    const m = new RegExp(
      `createdDateTime\\s+${op}\\s+(\\d{4}-\\d{2}-\\d{2}(T[\\d:.]+(Z|[+-]\\d{2}:\\d{2}))?)`,
      'i',
    ).exec(filter ?? '');
    if (!m) return null;
    const ms = Date.parse(m[2] ? m[1] : `${m[1]}T00:00:00Z`);
    return Number.isNaN(ms) ? null : ms;
  };
  return { from: bound('ge') ?? bound('eq'), to: bound('le') ?? bound('eq') };
}
