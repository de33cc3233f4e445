/**
 * A lease on the state store: at most one holder of a name (e.g. "the reader of tenant X's sign-in
 * log") across instances, taken over by another instance when the holder stops renewing.
 *
 * Built on the store's conditional writes rather than Azure's native blob leases, so the same code
 * runs on the file store (one machine) and Blob Storage (many): the item `leases/<name>` holds the
 * holder's id and the time its claim runs to. Acquiring is create-only (or, once that time has
 * passed, compare-and-swap on the ETag); renewing is compare-and-swap with the holder's ETag, so a
 * holder that was taken over learns it on its next renewal and stops.
 *
 * Timing: a claim runs `durationMs`; the holder renews every `renewEveryMs` and considers itself
 * the holder only until `renewEveryMs` before its claim ends, so instance clocks may differ by up
 * to that much without two holders. A dead holder is replaced after at most durationMs +
 * renewEveryMs (40 s with the defaults).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { StateStore } from './types';

export interface LeaseOptions {
  durationMs?: number;
  renewEveryMs?: number;
  /** Who holds it, for logs; unique per process by default. */
  holderId?: string;
  clock?: () => number;
  /** Told when this instance gains or loses the lease. */
  onChange?: (held: boolean) => void;
  logger?: { warn(details: object, message: string): void };
}

interface LeaseRecord {
  holder: string;
  until: number;
}

export class Lease {
  readonly holderId: string;
  private readonly durationMs: number;
  private readonly renewEveryMs: number;
  private readonly clock: () => number;
  private readonly key: string;
  private etag: string | null = null;
  private until = 0;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private wasHeld = false;

  constructor(
    private readonly store: StateStore,
    name: string,
    private readonly options: LeaseOptions = {},
  ) {
    this.durationMs = options.durationMs ?? 30_000;
    this.renewEveryMs = options.renewEveryMs ?? 10_000;
    if (this.renewEveryMs * 2 > this.durationMs)
      throw new RangeError('A lease is renewed at least twice per duration.');
    this.holderId = options.holderId ?? `${process.pid}-${randomUUID()}`;
    this.clock = options.clock ?? Date.now;
    this.key = `leases/${createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 40)}`;
  }

  /** True while this instance holds the lease (with a margin for clock differences). */
  get held(): boolean {
    return this.etag !== null && this.clock() < this.until - this.renewEveryMs;
  }

  /** Tries at once, then every renewEveryMs: acquire when free or expired, renew when held. */
  start(): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.renewEveryMs);
    this.timer.unref();
  }

  /** Stops renewing and frees the lease for the next instance at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.busy) await new Promise((r) => setTimeout(r, 10));
    if (this.etag) await this.store.delete(this.key, this.etag).catch(() => false);
    this.etag = null;
    this.report();
  }

  /** One acquire-or-renew round; returns whether the lease is held afterwards. */
  async tick(): Promise<boolean> {
    if (this.busy) return this.held;
    this.busy = true;
    try {
      const until = this.clock() + this.durationMs;
      const record: LeaseRecord = { holder: this.holderId, until };
      let etag: string | null = null;
      if (this.etag) {
        etag = await this.store.replace(this.key, record, this.durationMs, this.etag);
      } else {
        etag = await this.store.create(this.key, record, this.durationMs);
        if (!etag) {
          const current = await this.store.get<LeaseRecord>(this.key);
          if (current && current.value.until <= this.clock())
            etag = await this.store.replace(this.key, record, this.durationMs, current.etag);
        }
      }
      this.etag = etag;
      if (etag) this.until = until;
    } catch (error) {
      // Unknown whether the renewal landed: keep the ETag (a later renewal settles it) but let `held` run out.
      this.options.logger?.warn(
        { err: { message: (error as Error)?.message } },
        'lease not renewed: state store unreachable',
      );
    } finally {
      this.busy = false;
    }
    this.report();
    return this.held;
  }

  private report(): void {
    const held = this.held;
    if (held !== this.wasHeld) {
      this.wasHeld = held;
      this.options.onChange?.(held);
    }
  }
}
