/**
 * The ticket ledger: one state item per ticket key, `tickets/<key>`, shared by every instance.
 *
 *   absent ──create (If-None-Match: *)──▶ claimed ──replace (If-Match)──▶ sent {reference}
 *
 * A claim names its holder and runs until `claimUntil`, longer than the sink may take (its budget
 * plus a margin). Only after that may another instance take the claim over, again by a conditional
 * replace, so at most one instance holds a live claim at any time. A sink failure releases the
 * claim (conditional delete) so the next click tries at once.
 *
 * `sending` is set (conditionally) just before a sink without idempotency of its own (graph-mail)
 * is called. A claim taken over with `sending` set is not sent again: the mail may well have gone,
 * and a second one is what the ledger is for. It is recorded as sent with the reference the mail
 * carries, marked unconfirmed. Idempotent sinks (webhook, ServiceNow) are simply called again with
 * the same key and return the same ticket.
 *
 * Every entry is validated on read. One that is damaged (a `sent` without its ticket, a claim
 * without its deadline, …) reads as `lost`: something was recorded for this key, so it is never
 * treated as absent (that would send the ticket again); the desk records it as sent, unconfirmed.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { StateStore, StoredItem } from '../state/types';
import type { OpenedTicket } from './types';

export type LedgerEntry =
  | { state: 'claimed'; claimId: string; claimUntil: number; attempt: number; sending: boolean }
  | { state: 'sent'; ticket: Omit<OpenedTicket, 'duplicate'> }
  /** A damaged entry (see above): never written by a sender, only in a damaged one's place. */
  | { state: 'lost' };

/** The ledger entry's schema (also the state store's rule for `tickets/`, src/stateItems.ts). */
export const ledgerEntrySchema = z.discriminatedUnion('state', [
  z.looseObject({
    state: z.literal('claimed'),
    claimId: z.string().min(1),
    claimUntil: z.number(),
    attempt: z.number().int().positive(),
    sending: z.boolean(),
  }),
  z.looseObject({
    state: z.literal('sent'),
    ticket: z.looseObject({
      reference: z.string().min(1),
      where: z.string(),
      sink: z.string().min(1),
      createdAt: z.string().min(1),
      unconfirmed: z.boolean().optional(),
    }),
  }),
  z.looseObject({ state: z.literal('lost') }),
]);

/** Tickets are remembered as long as the sign-in log reaches back (30 days with Entra ID P1/P2), and a little more. */
export const LEDGER_TTL_MS = 35 * 86_400_000;

export class TicketLedger {
  constructor(
    private readonly state: StateStore,
    private readonly clock: () => number = Date.now,
  ) {}

  async read(key: string): Promise<StoredItem<LedgerEntry> | undefined> {
    const item = await this.state.get<unknown>(this.itemOf(key));
    if (!item) return undefined;
    const parsed = ledgerEntrySchema.safeParse(item.value);
    return { ...item, value: parsed.success ? parsed.data : { state: 'lost' } };
  }

  /** A new claim on an absent entry; null when another instance has one (or the ticket). */
  async claim(key: string, claimMs: number): Promise<Claim | null> {
    const entry = this.newClaim(claimMs, 1);
    const etag = await this.state.create(this.itemOf(key), entry, LEDGER_TTL_MS);
    return etag ? { key, etag, entry } : null;
  }

  /** Takes over a claim whose time ran out; null when someone else changed it first. */
  async takeOver(key: string, previous: StoredItem<LedgerEntry>, claimMs: number): Promise<Claim | null> {
    if (previous.value.state !== 'claimed') return null;
    const entry = { ...this.newClaim(claimMs, previous.value.attempt + 1), sending: previous.value.sending };
    const etag = await this.state.replace(this.itemOf(key), entry, LEDGER_TTL_MS, previous.etag);
    return etag ? { key, etag, entry } : null;
  }

  /** Marks the claim as about to call the sink; false when the claim was lost. */
  async markSending(claim: Claim): Promise<boolean> {
    const entry = { ...claim.entry, sending: true };
    const etag = await this.state.replace(this.itemOf(claim.key), entry, LEDGER_TTL_MS, claim.etag);
    if (!etag) return false;
    claim.etag = etag;
    claim.entry = entry;
    return true;
  }

  /** Records the ticket; false when the claim was lost meanwhile (the ticket still exists). */
  async complete(claim: Claim, ticket: Omit<OpenedTicket, 'duplicate'>): Promise<boolean> {
    return (
      (await this.state.replace(
        this.itemOf(claim.key),
        { state: 'sent', ticket } satisfies LedgerEntry,
        LEDGER_TTL_MS,
        claim.etag,
      )) !== null
    );
  }

  /** Records a ticket without a claim in hand (an unconfirmed mail found on takeover). */
  async completeFrom(
    key: string,
    previous: StoredItem<LedgerEntry>,
    ticket: Omit<OpenedTicket, 'duplicate'>,
  ): Promise<boolean> {
    return (
      (await this.state.replace(
        this.itemOf(key),
        { state: 'sent', ticket } satisfies LedgerEntry,
        LEDGER_TTL_MS,
        previous.etag,
      )) !== null
    );
  }

  /** Gives the claim up after a sink failure, so that the next click may try again at once. */
  release(claim: Claim): Promise<boolean> {
    return this.state.delete(this.itemOf(claim.key), claim.etag);
  }

  now(): number {
    return this.clock();
  }

  private newClaim(claimMs: number, attempt: number): LedgerEntry & { state: 'claimed' } {
    return { state: 'claimed', claimId: randomUUID(), claimUntil: this.clock() + claimMs, attempt, sending: false };
  }

  private itemOf(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new RangeError('A ticket key is a sha256 hex digest (ticketKey).');
    return `tickets/${key}`;
  }
}

export interface Claim {
  key: string;
  etag: string;
  entry: LedgerEntry & { state: 'claimed' };
}
