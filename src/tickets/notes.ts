/**
 * Follow-ups on open tickets (a helpdesk fix done or refused, issue 21), sent after the click's answer
 * and never lost, the ticket ledger's way (ledger.ts): each note is first recorded in the shared state
 * store, `ticket-notes/<key>`, by a conditional create, then sent through the sink with the sink's own
 * retry (retry.ts). Sent, the record is marked so (kept an hour); still failing after the sink's retries, it is released
 * and sent again later — on a timer in this process, or by whichever instance records the next note
 * (a conditional replace decides who sends, so one note is sent by one sender at a time).
 *
 *   absent ──create──▶ pending {claimUntil: now + claim} ──sent──▶ {sent} (an hour, then swept)
 *                          └──failed──▶ pending {claimUntil: 0, attempts + 1} ──claimed again (replace)──▶ …
 *
 * A note names the ticket, the fix, its outcome, whom and by whom: never what the fix made (a Temporary
 * Access Pass stays on the card of the click that made it).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { StateStore, StoredItem } from '../state/types';
import type { TicketNote, TicketSink } from './types';

export const noteEntrySchema = z.looseObject({
  reference: z.string().min(1),
  note: z.looseObject({
    fix: z.string().min(1),
    outcome: z.enum(['done', 'refused']),
    subject: z.looseObject({ id: z.string(), name: z.string() }),
    by: z.looseObject({ id: z.string(), name: z.string().nullable() }),
    at: z.string().min(1),
  }),
  claimUntil: z.number(),
  attempts: z.number().int().nonnegative(),
  sent: z.boolean().optional(),
});
interface NoteEntry {
  reference: string;
  note: TicketNote;
  claimUntil: number;
  attempts: number;
  /** Sent: kept a while so that the same note recorded again is not sent twice. */
  sent?: boolean;
}

const NAMESPACE = 'ticket-notes';
/** A note not sent within a week is dropped (the ticket has long been handled). */
export const NOTE_TTL_MS = 7 * 86_400_000;
/** A sent note's record stays this long: the same note recorded again meanwhile is not sent twice. */
const SENT_TTL_MS = 3_600_000;
/** The first retry of a note the sink did not take; doubled up to RETRY_MAX_MS. */
const RETRY_FIRST_MS = 60_000;
const RETRY_MAX_MS = 15 * 60_000;

/** One note's key: the same note (ticket, fix, outcome, whom, by whom, when) is one key, whoever records it. */
export function noteKey(reference: string, note: TicketNote): string {
  const parts = [reference, note.fix, note.outcome, note.subject.id.toLowerCase(), note.by.id.toLowerCase(), note.at];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export interface TicketNotesOptions {
  clock?: () => number;
  /** How long a sender holds a note: longer than the sink's retries may take. */
  claimMs: number;
  logger?: { warn(details: object, message: string): void };
}

export class TicketNotes {
  private readonly running = new Set<Promise<unknown>>();
  private readonly clock: () => number;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = RETRY_FIRST_MS;

  constructor(
    private readonly sink: TicketSink & Required<Pick<TicketSink, 'append'>>,
    private readonly state: StateStore,
    private readonly options: TicketNotesOptions,
  ) {
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Runs `work` (finding the ticket, recording its note) after the caller's turn, in the background:
   * the click is answered first. Its failures are logged, never thrown.
   */
  later(work: () => Promise<void>): void {
    this.track(
      new Promise<void>((resolve) => setImmediate(resolve))
        .then(work)
        .catch((error: unknown) => this.warn(error, null, 'ticket note not recorded')),
    );
  }

  /** Records the note, then sends it (and any note left from before) with the sink's retry. */
  async add(reference: string, note: TicketNote): Promise<void> {
    const key = noteKey(reference, note);
    const entry: NoteEntry = { reference, note, claimUntil: this.clock() + this.options.claimMs, attempts: 0 };
    let etag: string | null;
    try {
      etag = await this.state.create(this.itemOf(key), entry, NOTE_TTL_MS);
    } catch (error) {
      // No record (the state store is down): sent once all the same, with the sink's retry.
      this.warn(error, reference, 'ticket note not recorded; sending it without a record');
      this.track(
        this.sink.append(reference, note, key).catch((e: unknown) => this.warn(e, reference, 'ticket note lost')),
      );
      return;
    }
    if (etag) this.track(this.send(key, { value: entry, etag, expiresAt: 0 }));
    this.track(this.retryPending(key));
  }

  /** Sends every note left unsent whose sender let go of it (or stopped); claimed by a conditional replace. */
  async retryPending(except?: string): Promise<void> {
    for (const key of await this.state.names(NAMESPACE)) {
      if (key === except || !/^[0-9a-f]{64}$/.test(key)) continue;
      const item = await this.state.get<unknown>(this.itemOf(key));
      const parsed = noteEntrySchema.safeParse(item?.value);
      if (!item || !parsed.success || parsed.data.sent || parsed.data.claimUntil > this.clock()) continue;
      const claimed: NoteEntry = {
        ...(parsed.data as unknown as NoteEntry),
        claimUntil: this.clock() + this.options.claimMs,
      };
      const etag = await this.state.replace(this.itemOf(key), claimed, NOTE_TTL_MS, item.etag);
      if (etag) await this.send(key, { value: claimed, etag, expiresAt: 0 });
    }
  }

  /** Resolves when every note in hand has been sent or given back (tests; shutdown's grace). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  close(): void {
    clearTimeout(this.retryTimer);
  }

  private async send(key: string, item: StoredItem<NoteEntry>): Promise<void> {
    const { reference, note } = item.value;
    try {
      await this.sink.append(reference, note, key);
    } catch (error) {
      this.warn(error, reference, 'ticket note not appended yet; it is kept and sent again');
      const released: NoteEntry = { ...item.value, claimUntil: 0, attempts: item.value.attempts + 1 };
      await this.state.replace(this.itemOf(key), released, NOTE_TTL_MS, item.etag).catch(() => null);
      this.scheduleRetry();
      return;
    }
    this.retryDelay = RETRY_FIRST_MS;
    const sent: NoteEntry = { ...item.value, sent: true };
    await this.state.replace(this.itemOf(key), sent, SENT_TTL_MS, item.etag).catch(() => null);
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
      this.track(this.retryPending().catch((error: unknown) => this.warn(error, null, 'ticket notes not retried')));
    }, this.retryDelay).unref();
  }

  private track(work: Promise<unknown>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => undefined);
  }

  private warn(error: unknown, reference: string | null, message: string): void {
    this.options.logger?.warn(
      { sink: this.sink.name, reference, err: { message: (error as Error)?.message } },
      message,
    );
  }

  private itemOf(key: string): string {
    return `${NAMESPACE}/${key}`;
  }
}
