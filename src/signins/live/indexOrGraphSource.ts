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
  /** The direct read's page size and page cap: the index returns no more than it would. */
  pageSize: number;
  maxPages: number;
}

export interface IndexedSourceStats {
  fromIndex: number;
  fallbacks: number;
}

/** Records per page the direct read asks for a single correlation id (GraphSignInLog). */
const CORRELATION_PAGE_SIZE = 50;

export class IndexedSignInSource implements SignInSource {
  private readonly counters: IndexedSourceStats = { fromIndex: 0, fallbacks: 0 };

  constructor(
    private readonly index: LiveSignInIndex,
    private readonly fallback: SignInSource,
    private readonly options: IndexedSignInSourceOptions,
  ) {}

  async find(query: SignInQuery): Promise<SignInPage> {
    if (indexCanMatch(query) && !(this.options.tenantWideNeedsGraph && query.userId === undefined)) {
      const cap = (query.correlationId ? CORRELATION_PAGE_SIZE : this.options.pageSize) * this.options.maxPages;
      const page = this.index.find(query, cap);
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

  /** Held in the index: only if it is this person's, as Graph's filter would decide. */
  async ownById(id: string, userId: string): Promise<SignIn | null> {
    const held = this.index.get(id);
    if (!held) return this.fallback.ownById(id, userId);
    return String(held.userId ?? '').toLowerCase() === userId.toLowerCase() ? held.toSignIn() : null;
  }

  stats(): IndexedSourceStats {
    return { ...this.counters };
  }
}
