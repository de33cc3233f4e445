/**
 * The sign-in source questions use when the live index is on: answers from the index when it covers
 * the question (no Graph read), otherwise the per-question read. Same interface, same answers.
 *
 * A window that starts before the index's span and ends inside it (a person's last 7 days with a
 * 24-hour index, or while SIGNIN_INDEX_HOURS=auto still extends it back) is read in two parts: the
 * index's part as it is — from where it covers at that moment — and only the older part from Graph,
 * in one read of both user kinds (`oneRead`). `held` gives the index's part alone at once, so that an
 * answer can show it first and say the older days are still being read (src/answers/twoStep.ts).
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { ReadCoverage, SignInPage, SignInQuery, SignInSource } from '../signInLog';
import type { LiveSignInIndex } from './memoryIndex';
import { indexCanMatch } from './matchQuery';
import { KeptPages } from './keptPages';

export interface IndexedSignInSourceOptions {
  /** Tenant-wide reads also cover app and identity sign-ins, which the index does not hold. */
  tenantWideNeedsGraph?: boolean;
  /** The direct read's page size and page cap (kept for callers; the index answers its span in full). */
  pageSize: number;
  maxPages: number;
}

export interface IndexedSourceStats {
  fromIndex: number;
  fallbacks: number;
  /** Of the fallbacks, windows read in two parts: the index's newer part and Graph's older part. */
  split: number;
}

/**
 * The index answers its span in full (no page cap as a direct read has); this bound only keeps one
 * answer's memory sane in a very large tenant, and an answer cut by it says so like a direct read.
 */
const MAX_ANSWER_RECORDS = 200_000;

export class IndexedSignInSource implements SignInSource {
  private readonly counters: IndexedSourceStats = { fromIndex: 0, fallbacks: 0, split: 0 };
  /** Two-part pages' records by their parts' keys: merged once while both are kept. */
  private readonly merged = new KeptPages();

  constructor(
    private readonly index: LiveSignInIndex,
    private readonly fallback: SignInSource,
    private readonly options: IndexedSignInSourceOptions,
  ) {}

  async find(query: SignInQuery): Promise<SignInPage> {
    if (this.indexMayAnswer(query)) {
      const page = this.index.find(query, MAX_ANSWER_RECORDS);
      if (page) {
        this.counters.fromIndex++;
        return page;
      }
      const split = this.splitAt(query);
      if (split) return this.inTwoParts(query, split);
    }
    this.counters.fallbacks++;
    return this.fallback.find(query);
  }

  held(query: SignInQuery): SignInPage | null {
    const split = this.indexMayAnswer(query) ? this.splitAt(query) : null;
    const page = split && this.index.find({ ...query, from: split }, MAX_ANSWER_RECORDS);
    return page ? { ...page, pending: { from: query.from, to: split }, key: `${page.key}|held` } : null;
  }

  private indexMayAnswer(query: SignInQuery): boolean {
    return indexCanMatch(query) && !(this.options.tenantWideNeedsGraph && query.userId === undefined);
  }

  /** Where the index's span begins inside the query's window (a live index only), or null. */
  private splitAt(query: SignInQuery): Date | null {
    const start = this.index.coverageStart();
    if (start === null || !this.index.isLive()) return null;
    return query.from.getTime() < start && query.to.getTime() > start ? new Date(start) : null;
  }

  /**
   * The index's part now (before a poll can evict its oldest minute), then Graph's older part up to
   * the index's start rounded up to the second (Graph's filter takes whole seconds): the two meet
   * without a gap, and what both hold of that second is taken once, by id.
   */
  private async inTwoParts(query: SignInQuery, split: Date): Promise<SignInPage> {
    const newer = this.index.find({ ...query, from: split }, MAX_ANSWER_RECORDS);
    if (!newer) return this.fallback.find(query);
    this.counters.fallbacks++;
    this.counters.split++;
    const to = new Date(Math.min(query.to.getTime(), Math.ceil(split.getTime() / 1000) * 1000));
    const older = await this.fallback.find({ ...query, to, oneRead: true });
    const merge = () => {
      const seen = new Set(newer.records.map((r) => r.id));
      const both = [...newer.records, ...older.records.filter((r) => !seen.has(r.id))];
      return both.sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)));
    };
    // Kept as both parts are: the index's records and the direct read's kept page.
    const key = newer.key && older.key ? `${newer.key}+${older.key}` : undefined;
    const records = key ? this.merged.records(key, merge) : merge();
    const indexPart: ReadCoverage = {
      kinds: ['interactiveUser', 'nonInteractiveUser'],
      records: newer.records.length,
      complete: !newer.truncated,
      readBackTo: null,
      stoppedBy: null,
    };
    return {
      records,
      truncated: newer.truncated || older.truncated,
      requests: older.requests,
      ...(older.coverage ? { coverage: [indexPart, ...older.coverage] } : {}),
      asOf: newer.asOf,
      ...(key ? { key } : {}),
    };
  }

  async byId(id: string): Promise<SignIn | null> {
    return this.index.get(id)?.toSignIn() ?? this.fallback.byId(id);
  }

  /**
   * This person's own sign-in: from the index when it holds it as theirs. Anything else — someone
   * else's sign-in or an id nobody has — takes the same path, Graph's filtered read, so neither the
   * answer nor its time tells whether the id exists.
   */
  async ownById(id: string, userId: string): Promise<SignIn | null> {
    const held = this.index.get(id);
    if (held && String(held.userId ?? '').toLowerCase() === userId.toLowerCase()) return held.toSignIn();
    return this.fallback.ownById(id, userId);
  }

  stats(): IndexedSourceStats {
    return { ...this.counters };
  }
}
