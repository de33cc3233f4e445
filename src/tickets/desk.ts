/**
 * Opens each ticket exactly once per key, across clicks, instances and restarts:
 * - calls in this process while one is running share its promise;
 * - across processes the ticket ledger (ledger.ts, on the shared state store) decides by conditional
 *   writes who sends: one claim at a time, the ticket recorded after the sink confirmed it, later
 *   calls answered from the ledger;
 * - a sink failure releases the claim, so the next click tries again;
 * - when the state store cannot be reached nothing is sent: a refusal now is better than a duplicate.
 */
import { DEFAULT_SINK_OPTIONS } from './retry';
import { TicketSinkError } from './errors';
import { referenceFor } from './reference';
import { TicketLedger, type Claim, type LedgerEntry } from './ledger';
import { TicketNotes } from './notes';
import { MemoryStateStore } from '../state/memoryStore';
import { StateUnavailableError, type StateStore, type StoredItem } from '../state/types';
import type { OpenedTicket, TicketContent, TicketNote, TicketSink } from './types';

export interface TicketDeskOptions {
  /** The shared state store; memory (this process only) when not given. */
  state?: StateStore;
  now?: () => Date;
  /** How long a claim holds: longer than the sink may take (its budget) plus a margin. */
  claimMs?: number;
  /** How long a click waits for another instance's claim to finish before answering "busy". */
  waitMs?: number;
  /** pino-compatible. */
  logger?: { warn(details: object, message: string): void };
}

const POLL_MS = 250;

export class TicketDesk {
  private readonly ledger: TicketLedger;
  private readonly now: () => Date;
  private readonly claimMs: number;
  private readonly waitMs: number;
  private readonly inFlight = new Map<string, Promise<OpenedTicket>>();
  private readonly notes: TicketNotes | null;

  constructor(
    private readonly sink: TicketSink,
    private readonly options: TicketDeskOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.ledger = new TicketLedger(options.state ?? new MemoryStateStore());
    this.claimMs = options.claimMs ?? DEFAULT_SINK_OPTIONS.budgetMs + 5_000;
    this.waitMs = options.waitMs ?? 4_000;
    const appendable = sink.append ? (sink as TicketSink & Required<Pick<TicketSink, 'append'>>) : null;
    this.notes = appendable
      ? new TicketNotes(appendable, options.state ?? new MemoryStateStore(), {
          claimMs: this.claimMs,
          logger: options.logger,
          clock: () => this.ledger.now(),
        })
      : null;
  }

  /** Where tickets go, for cards: "helpdesk@contoso.com", "contoso.service-now.com". */
  get destination(): string {
    return this.sink.destination;
  }

  /**
   * The ticket already opened under this key (by this process or any instance), or null: a retry of
   * an existing ticket is answered from here, before any read. Null as well when the ledger cannot
   * be reached (opening then refuses, as it must).
   */
  async existing(key: string): Promise<OpenedTicket | null> {
    const running = this.inFlight.get(key);
    if (running)
      return running.then(
        (ticket) => ({ ...ticket, duplicate: true }),
        () => null,
      );
    const entry = await this.ledger.read(key).catch(() => undefined);
    return entry?.value.state === 'sent' ? { ...entry.value.ticket, duplicate: true } : null;
  }

  /**
   * Runs `work` after the caller's turn (a fix click is answered first), tracked until it ends; nothing
   * when the sink takes no follow-ups. `work` records notes with `append`.
   */
  later(work: () => Promise<void>): void {
    this.notes?.later(work);
  }

  /** Records a note on an open ticket and sends it with the sink's retry, never lost (notes.ts); false: the sink takes no follow-ups. */
  async append(ticket: OpenedTicket, note: TicketNote): Promise<boolean> {
    if (!this.notes) return false;
    await this.notes.add(ticket.reference, note);
    return true;
  }

  /** Resolves when the notes in hand are sent or kept for later (tests, shutdown). */
  async idle(): Promise<void> {
    await this.notes?.idle();
  }

  close(): void {
    this.notes?.close();
  }

  open(key: string, content: TicketContent): Promise<OpenedTicket> {
    const running = this.inFlight.get(key);
    if (running) return running.then((ticket) => ({ ...ticket, duplicate: true }));
    // Registered synchronously, before any await, so that a concurrent call always finds it.
    const opening = this.openOnce(key, content).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, opening);
    return opening;
  }

  private async openOnce(key: string, content: TicketContent): Promise<OpenedTicket> {
    const giveUpAt = this.ledger.now() + this.waitMs;
    for (;;) {
      const entry = await this.ledgerCall(() => this.ledger.read(key));
      if (entry?.value.state === 'sent') return { ...entry.value.ticket, duplicate: true };
      // Something was recorded and cannot be read: as a mail that may have gone, never sent again.
      if (entry?.value.state === 'lost') return this.recordUnconfirmed(key, entry);
      let claim: Claim | null;
      if (!entry) {
        claim = await this.ledgerCall(() => this.ledger.claim(key, this.claimMs));
      } else if (entry.value.claimUntil <= this.ledger.now()) {
        if (entry.value.sending && !this.sink.idempotent) return this.recordUnconfirmed(key, entry);
        claim = await this.ledgerCall(() => this.ledger.takeOver(key, entry, this.claimMs));
      } else if (this.ledger.now() >= giveUpAt) {
        throw new TicketSinkError(
          'This ticket is being opened by another click at this moment.',
          this.sink.name,
          true,
          undefined,
          undefined,
          'busy',
        );
      } else {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        continue;
      }
      if (claim) return this.send(claim, content);
    }
  }

  private async send(claim: Claim, content: TicketContent): Promise<OpenedTicket> {
    if (!this.sink.idempotent && !(await this.ledgerCall(() => this.ledger.markSending(claim)))) {
      throw new TicketSinkError(
        'This ticket is being opened by another click at this moment.',
        this.sink.name,
        true,
        undefined,
        undefined,
        'busy',
      );
    }
    let reference: string;
    try {
      ({ reference } = await this.sink.create(claim.key, content));
    } catch (error) {
      await this.ledger
        .release(claim)
        .catch((e: unknown) =>
          this.options.logger?.warn(
            { err: { message: (e as Error)?.message }, sink: this.sink.name },
            'ticket claim not released; it expires by itself',
          ),
        );
      throw error instanceof TicketSinkError
        ? error
        : new TicketSinkError('The ticket could not be opened.', this.sink.name, false);
    }
    const ticket = {
      reference,
      where: this.sink.destination,
      sink: this.sink.name,
      createdAt: this.now().toISOString(),
      ...(content.subject.id ? { subjectId: content.subject.id } : {}),
    };
    try {
      if (!(await this.ledger.complete(claim, ticket)))
        this.options.logger?.warn({ sink: this.sink.name, reference }, 'ticket opened after its claim ran out');
    } catch (error) {
      // The ticket exists: report it rather than fail and invite a second one.
      this.options.logger?.warn(
        { err: { message: (error as Error)?.message }, sink: this.sink.name, reference },
        'ticket opened but not stored',
      );
    }
    return { ...ticket, duplicate: false };
  }

  /** A mail whose sender stopped mid-send: most likely delivered, so it is recorded rather than sent twice. */
  private async recordUnconfirmed(key: string, entry: StoredItem<LedgerEntry>): Promise<OpenedTicket> {
    const ticket = {
      reference: referenceFor(key),
      where: this.sink.destination,
      sink: this.sink.name,
      createdAt: this.now().toISOString(),
      unconfirmed: true,
    };
    await this.ledgerCall(() => this.ledger.completeFrom(key, entry, ticket));
    this.options.logger?.warn(
      { sink: this.sink.name, reference: ticket.reference },
      'ticket sender stopped while sending; recorded as sent without sending again',
    );
    return { ...ticket, duplicate: true };
  }

  private async ledgerCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof StateUnavailableError)) throw error;
      this.options.logger?.warn(
        { err: { message: error.message }, sink: this.sink.name },
        'state store unreachable: ticket refused',
      );
      throw new TicketSinkError(
        'The bot cannot reach its state store right now, so it did not open the ticket (it could not be sure of opening it only once).',
        this.sink.name,
        true,
        undefined,
        undefined,
        'state-unavailable',
      );
    }
  }
}
