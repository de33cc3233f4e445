/**
 * Where opened tickets are remembered by key.
 *
 * - MemoryTicketStore: LRU in the process; forgets on restart. Enough for demo and tests, and in
 *   production together with the sinks' own idempotency (ServiceNow correlation_id lookup, webhook
 *   Idempotency-Key, mail reference in the subject).
 * - JsonFileTicketStore: one JSON file, rewritten atomically (write temp file, rename) after every
 *   new ticket; survives restarts of a single instance. Not for several instances sharing a disk:
 *   each would overwrite the others' tickets.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import type { OpenedTicket } from './types';

export interface TicketStore {
  get(key: string): Promise<OpenedTicket | undefined>;
  put(key: string, ticket: OpenedTicket): Promise<void>;
}

export class MemoryTicketStore implements TicketStore {
  private readonly tickets: LRUCache<string, OpenedTicket>;

  constructor(maxEntries = 100_000) {
    this.tickets = new LRUCache({ max: maxEntries });
  }

  async get(key: string): Promise<OpenedTicket | undefined> {
    return this.tickets.get(key);
  }

  async put(key: string, ticket: OpenedTicket): Promise<void> {
    this.tickets.set(key, ticket);
  }
}

export class JsonFileTicketStore implements TicketStore {
  private tickets?: Promise<Map<string, OpenedTicket>>;
  /** Writes run one after another, so that an older snapshot never replaces a newer one. */
  private writing: Promise<void> = Promise.resolve();

  /** Keeps the newest `maxEntries` tickets; older keys fall back to the sinks' own idempotency. */
  constructor(private readonly file: string, private readonly maxEntries = 50_000) {}

  async get(key: string): Promise<OpenedTicket | undefined> {
    return (await this.load()).get(key);
  }

  async put(key: string, ticket: OpenedTicket): Promise<void> {
    const tickets = await this.load();
    tickets.delete(key);
    tickets.set(key, ticket);
    for (const oldest of tickets.keys()) {
      if (tickets.size <= this.maxEntries) break;
      tickets.delete(oldest);
    }
    const snapshot = JSON.stringify(Object.fromEntries(tickets));
    const write = this.writing.then(() => this.replaceFile(snapshot));
    this.writing = write.catch(() => undefined);
    await write;
  }

  private load(): Promise<Map<string, OpenedTicket>> {
    this.tickets ??= this.read();
    return this.tickets;
  }

  private async read(): Promise<Map<string, OpenedTicket>> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    try {
      return new Map(Object.entries(JSON.parse(text) as Record<string, OpenedTicket>));
    } catch {
      // Refuse rather than start empty: an empty store would open every ticket a second time.
      throw new Error(`The ticket store ${this.file} is not valid JSON; fix or remove it.`);
    }
  }

  private async replaceFile(content: string): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temp, content, 'utf8');
    await fs.rename(temp, this.file);
  }
}
