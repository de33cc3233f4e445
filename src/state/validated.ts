/**
 * Every item read from the store is checked against its kind's schema (zod). A damaged item — not
 * JSON, not the store's envelope, or a value of the wrong shape (a hand edit, a half-restored
 * backup, an older version) — is quarantined and logged, and reads as absent: the bot heals
 * instead of failing every turn that touches it. The quarantine keeps a copy for a person to look
 * at where the store can (the file store moves the file aside; blobs are deleted conditionally).
 *
 * A kind may name the value that takes a damaged item's place (`healed`), for items whose absence
 * would mean "not done yet" when it may well have been done (a ticket ledger entry: absent would
 * send the ticket again). Kinds without a rule are passed through; their envelope is still checked.
 */
import type { z } from 'zod';
import { StateUnavailableError, type StateStore, type StoredItem } from './types';

/** The store found an item it cannot read as one of its own (thrown by get). */
export class DamagedItemError extends StateUnavailableError {
  constructor(
    message: string,
    readonly key: string,
    readonly etag?: string,
  ) {
    super(message);
    this.name = 'DamagedItemError';
  }
}

export interface ItemRule {
  /** Which keys the rule is for. */
  pattern: RegExp;
  schema: z.ZodType;
  /** Written (create-only) in a damaged item's place, for as long as `healedTtlMs`. */
  healed?: unknown;
  healedTtlMs?: number;
}

/** Stores that can set a damaged item aside rather than delete it. */
export interface Quarantining {
  quarantine(key: string, etag?: string): Promise<boolean>;
}

interface DamageLogger {
  warn(details: object, message: string): void;
}

export class ValidatedStateStore implements StateStore {
  readonly kind: string;

  constructor(
    private readonly inner: StateStore,
    private readonly rules: readonly ItemRule[],
    private readonly logger: DamageLogger,
  ) {
    this.kind = inner.kind;
  }

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    const rule = this.rules.find((r) => r.pattern.test(key));
    let item: StoredItem<unknown> | undefined;
    try {
      item = await this.inner.get<unknown>(key);
    } catch (error) {
      if (!(error instanceof DamagedItemError)) throw error;
      return this.heal<T>(key, rule, error.etag, ['not an item of this store']);
    }
    if (!item || !rule) return item as StoredItem<T> | undefined;
    const parsed = rule.schema.safeParse(item.value);
    if (parsed.success) return { ...item, value: parsed.data as T };
    // Where and what kind of problem, never the values (they may be personal).
    return this.heal<T>(
      key,
      rule,
      item.etag,
      parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(value)'}: ${i.code}`),
    );
  }

  create<T>(key: string, value: T, ttlMs: number): Promise<string | null> {
    return this.inner.create(key, value, ttlMs);
  }

  replace<T>(key: string, value: T, ttlMs: number, etag: string): Promise<string | null> {
    return this.inner.replace(key, value, ttlMs, etag);
  }

  put<T>(key: string, value: T, ttlMs: number): Promise<string> {
    return this.inner.put(key, value, ttlMs);
  }

  delete(key: string, etag?: string): Promise<boolean> {
    return this.inner.delete(key, etag);
  }

  sweep(now?: number): Promise<number> {
    return this.inner.sweep(now);
  }

  /** Item names of a namespace, from stores that list them (subscriptions are enumerated). */
  names(namespace: string): Promise<string[]> {
    const inner = this.inner as Partial<{ names(namespace: string): Promise<string[]> }>;
    return typeof inner.names === 'function' ? inner.names(namespace) : Promise.resolve([]);
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }

  private async heal<T>(
    key: string,
    rule: ItemRule | undefined,
    etag: string | undefined,
    problems: string[],
  ): Promise<StoredItem<T> | undefined> {
    const quarantining = this.inner as Partial<Quarantining>;
    const removed =
      typeof quarantining.quarantine === 'function'
        ? await quarantining.quarantine(key, etag)
        : await this.inner.delete(key, etag);
    this.logger.warn(
      {
        state: {
          store: this.inner.kind,
          namespace: key.split('/')[0],
          item: key,
          problems,
          quarantined: removed,
          healed: rule?.healed !== undefined,
        },
      },
      'damaged state item quarantined',
    );
    if (rule?.healed === undefined) return undefined;
    const ttlMs = rule.healedTtlMs ?? 24 * 3_600_000;
    const written = await this.inner.create(key, rule.healed, ttlMs);
    if (written) return { value: rule.healed as T, etag: written, expiresAt: Date.now() + ttlMs };
    // Someone wrote meanwhile: theirs, if it is sound.
    const now = await this.inner.get<unknown>(key).catch(() => undefined);
    return now && rule.schema.safeParse(now.value).success ? (now as StoredItem<T>) : undefined;
  }
}
