/**
 * Opens each ticket exactly once per key. A second click, a Teams retry of the invoke or two clicks
 * at once all get the same ticket:
 * - calls while one is running share its promise;
 * - a ticket is stored only after the sink confirmed it, and later calls return it from the store;
 * - a failure is not stored, so the next click tries again.
 *
 * Within one process this is exact. Across restarts it is as good as the store (see store.ts) and,
 * beyond that, the sink's own idempotency.
 */
import { TicketSinkError } from './errors';
import { MemoryTicketStore, type TicketStore } from './store';
import type { OpenedTicket, TicketContent, TicketSink } from './types';

export interface TicketDeskOptions {
  store?: TicketStore;
  now?: () => Date;
  /** pino-compatible; told when a confirmed ticket could not be stored. */
  logger?: { warn(details: object, message: string): void };
}

export class TicketDesk {
  private readonly store: TicketStore;
  private readonly now: () => Date;
  private readonly inFlight = new Map<string, Promise<OpenedTicket>>();

  constructor(private readonly sink: TicketSink, private readonly options: TicketDeskOptions = {}) {
    this.store = options.store ?? new MemoryTicketStore();
    this.now = options.now ?? (() => new Date());
  }

  /** Where tickets go, for cards: "helpdesk@contoso.com", "contoso.service-now.com". */
  get destination(): string {
    return this.sink.destination;
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
    const known = await this.store.get(key);
    if (known) return { ...known, duplicate: true };
    let reference: string;
    try {
      ({ reference } = await this.sink.create(key, content));
    } catch (error) {
      throw error instanceof TicketSinkError ? error : new TicketSinkError('The ticket could not be opened.', this.sink.name, false);
    }
    const ticket: OpenedTicket = { reference, where: this.sink.destination, sink: this.sink.name, createdAt: this.now().toISOString(), duplicate: false };
    try {
      await this.store.put(key, ticket);
    } catch (error) {
      // The ticket exists: report it rather than fail and invite a second one.
      this.options.logger?.warn({ err: error, sink: this.sink.name, reference }, 'ticket opened but not stored');
    }
    return ticket;
  }
}
