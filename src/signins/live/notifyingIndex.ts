/**
 * The live index as its writers use it — the poller (records read from Graph) and, on an instance
 * that does not read the log itself, the records published by the one that does (singleReader.ts)
 * — telling listeners which records were new and when its covered span moved. Incident detection
 * and the publisher listen here, so they see the same records on every instance.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { projectSignIn } from './compactSignIn';
import type { LiveSignInIndex } from './memoryIndex';
import type { PolledIndex } from './poller';

/** Where records came from: this instance's own Graph read, or the state store. */
export type RecordsOrigin = 'graph' | 'store';

/** Told the records new to the index (as the index keeps them: projectSignIn's fields), oldest call first. */
export type RecordsListener = (records: readonly SignIn[], origin: RecordsOrigin) => void;

export class ObservedIndex implements PolledIndex {
  private readonly recordListeners = new Set<RecordsListener>();
  private readonly spanListeners = new Set<() => void>();

  constructor(readonly index: LiveSignInIndex) {}

  add(records: readonly SignIn[], origin: RecordsOrigin = 'graph'): number {
    if (this.recordListeners.size === 0) return this.index.add(records);
    const fresh = new Map<string, SignIn>();
    for (const record of records) {
      if (typeof record.id === 'string' && !this.index.get(record.id) && !fresh.has(record.id.toLowerCase()))
        fresh.set(record.id.toLowerCase(), record);
    }
    const added = this.index.add(records);
    // Kept by the index: not skipped as too old, not evicted at once.
    const kept = [...fresh.values()]
      .filter((r) => this.index.get(r.id!))
      .map((r) => (origin === 'graph' ? projectSignIn(r) : r));
    if (kept.length > 0) {
      for (const listener of this.recordListeners) {
        try {
          listener(kept, origin);
        } catch {
          /* a listener's failure is its own; the index and the other listeners go on */
        }
      }
    }
    return added;
  }

  markSynced(at: number): void {
    this.index.markSynced(at);
    this.spanMoved();
  }

  markCoveredFrom(from: number): void {
    this.index.markCoveredFrom(from);
    this.spanMoved();
  }

  keptFrom(): number {
    return this.index.keptFrom();
  }

  setSpanHours(hours: number): void {
    this.index.setSpanHours(hours);
    this.spanMoved();
  }

  heldBytes(): number {
    return this.index.heldBytes();
  }

  coverageStart(): number | null {
    return this.index.coverageStart();
  }

  stats(): ReturnType<LiveSignInIndex['stats']> {
    return this.index.stats();
  }

  onRecords(listener: RecordsListener): () => void {
    this.recordListeners.add(listener);
    return () => this.recordListeners.delete(listener);
  }

  /** Told after every markSynced / markCoveredFrom. */
  onSpanMoved(listener: () => void): () => void {
    this.spanListeners.add(listener);
    return () => this.spanListeners.delete(listener);
  }

  private spanMoved(): void {
    for (const listener of this.spanListeners) listener();
  }
}
