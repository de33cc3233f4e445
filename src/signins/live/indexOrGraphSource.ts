/**
 * The sign-in source questions use when the live index is on: answers from the index when it covers
 * the question (no Graph read), otherwise the per-question read. Same interface, same answers.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { SignInPage, SignInQuery, SignInSource } from '../signInLog';
import type { LiveSignInIndex } from './memoryIndex';
import { indexCanMatch } from './matchQuery';

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
}

/**
 * The index answers its span in full (no page cap as a direct read has); this bound only keeps one
 * answer's memory sane in a very large tenant, and an answer cut by it says so like a direct read.
 */
const MAX_ANSWER_RECORDS = 200_000;

export class IndexedSignInSource implements SignInSource {
  private readonly counters: IndexedSourceStats = { fromIndex: 0, fallbacks: 0 };

  constructor(
    private readonly index: LiveSignInIndex,
    private readonly fallback: SignInSource,
    private readonly options: IndexedSignInSourceOptions,
  ) {}

  async find(query: SignInQuery): Promise<SignInPage> {
    if (indexCanMatch(query) && !(this.options.tenantWideNeedsGraph && query.userId === undefined)) {
      const page = this.index.find(query, MAX_ANSWER_RECORDS);
      if (page) {
        this.counters.fromIndex++;
        return page;
      }
    }
    this.counters.fallbacks++;
    return this.fallback.find(query);
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
