/**
 * Each person's share of the sign-in log reads. Graph allows about GRAPH_REPORTS_MAX_REQUESTS reads
 * per GRAPH_REPORTS_WINDOW_SECONDS for the whole tenant and the reports limiter queues the rest, so
 * reads one person makes without limit delay everyone's answers. A person may start at most
 * `perPerson` reads per window (by default half the tenant's); past that they are told to wait,
 * and no read is made.
 */
import { LRUCache } from 'lru-cache';

export interface ReadBudgetOptions {
  perPerson: number;
  windowMs: number;
  now?: () => number;
}

export class ReadBudget {
  private readonly spent = new LRUCache<string, number[]>({ max: 50_000 });
  private readonly now: () => number;

  constructor(private readonly options: ReadBudgetOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The tenant's reports limit, halved: one person can never hold the whole window. */
  static forTenant(graph: { reportsMaxRequests: number; reportsWindowSeconds: number }): ReadBudget {
    return new ReadBudget({
      perPerson: Math.max(1, Math.floor(graph.reportsMaxRequests / 2)),
      windowMs: graph.reportsWindowSeconds * 1000,
    });
  }

  /** Takes one read from the person's budget: true when they may read now. */
  take(personId: string): boolean {
    const key = personId.toLowerCase();
    const now = this.now();
    const recent = (this.spent.get(key) ?? []).filter((t) => now - t < this.options.windowMs);
    const allowed = recent.length < this.options.perPerson;
    if (allowed) recent.push(now);
    this.spent.set(key, recent);
    return allowed;
  }
}
