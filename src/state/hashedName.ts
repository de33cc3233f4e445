/**
 * The store never sees a person's or conversation's id, only its SHA-256. Every turn hashes the
 * same few ids again, so the hashes of recent ids are kept (bounded; evicted oldest first).
 */
import { createHash } from 'node:crypto';

const MAX_KEPT = 10_000;

export class HashedNames {
  private readonly kept = new Map<string, string>();

  constructor(private readonly max = MAX_KEPT) {}

  /** Lower-case hex SHA-256 of `id` (UTF-8). */
  of(id: string): string {
    let hash = this.kept.get(id);
    if (hash === undefined) {
      hash = createHash('sha256').update(id, 'utf8').digest('hex');
      if (this.kept.size >= this.max) this.kept.delete(this.kept.keys().next().value as string);
      this.kept.set(id, hash);
    }
    return hash;
  }
}
