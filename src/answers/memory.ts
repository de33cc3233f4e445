/**
 * Follow-up memory: what "show more", "and the day before?" or a click needs from the previous
 * turn of one conversation. Async so that a shared state store can back it later.
 */
import { LRUCache } from 'lru-cache';
import type { Question } from '../understanding/question';

export interface Remembered {
  question: Question;
  subjectId: string | null;
  subjectName: string | null;
  /** The question was refused (not a sign-in reader): follow-ups to it are refused too. */
  refused?: boolean;
  /** Where "show more" goes on. */
  nextOffset?: number;
}

export interface FollowUpMemory {
  recall(key: string): Promise<Remembered | undefined>;
  remember(key: string, value: Remembered): Promise<void>;
}

export class InMemoryFollowUps implements FollowUpMemory {
  private readonly entries: LRUCache<string, Remembered>;

  constructor(options: { max?: number; ttlMs?: number } = {}) {
    this.entries = new LRUCache({ max: options.max ?? 10_000, ttl: options.ttlMs ?? 60 * 60_000 });
  }

  async recall(key: string): Promise<Remembered | undefined> {
    return this.entries.get(key);
  }

  async remember(key: string, value: Remembered): Promise<void> {
    this.entries.set(key, value);
  }
}
