/**
 * The live index's pages, keyed and kept while the index is unchanged: a busy helpdesk hour asks the
 * same question about the same records, and making the records of a page (views of the index's compact
 * slots, compactSignIn.ts) is most of the cost of answering from the index. The key also lets answers
 * keep their diagnosis and card as they do for a Graph read's page (src/answers/signIns.ts, src/cards/cache.ts).
 * A window read in two parts (indexOrGraphSource.ts) keeps its merged records the same way, by both parts' keys.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { LRUCache } from 'lru-cache';
import { appKey } from '../appMatch';
import type { SignInQuery } from '../signInLog';

/** What of the index a page depends on besides its filters: every record added or evicted, the span, the last poll. */
export interface IndexState {
  changes: number;
  syncedTo: number;
  coverageStart: number | null;
}

/**
 * Equal keys, equal pages: the index unchanged, the same filters, and the same newest and oldest match
 * (ids) and count. The matches are then every record of the filters between those two times, whatever
 * the window's exact ends: questions whose window ends "now" share the key until another sign-in of theirs arrives.
 */
export function indexPageKey(
  state: IndexState,
  query: SignInQuery,
  count: number,
  ends: readonly string[],
  cap: number,
): string {
  return JSON.stringify([
    'index',
    state.changes,
    state.syncedTo,
    state.coverageStart,
    query.userId?.toLowerCase() ?? null,
    query.app ? appKey(query.app) : null,
    query.errorCode ?? null,
    query.correlationId?.toLowerCase() ?? null,
    count,
    cap,
    ...ends,
  ]);
}

/** Pages' records by key, bounded by the records held (a tenant-wide day is not kept). */
export class KeptPages {
  private readonly pages = new LRUCache<string, readonly SignIn[]>({
    maxSize: 20_000,
    sizeCalculation: (records) => records.length + 1,
  });

  /** The page's records, made once per key; each caller gets its own array. */
  records(key: string, make: () => SignIn[]): SignIn[] {
    const kept = this.pages.get(key);
    if (kept) return [...kept];
    const made = make();
    this.pages.set(key, [...made]);
    return made;
  }
}
