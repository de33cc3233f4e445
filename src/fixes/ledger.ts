/**
 * Once per fix: one state item per fix, target and finding, `fixes/<key>`, shared by every instance,
 * the ticket ledger's approach (src/tickets/ledger.ts) for a directory change:
 *
 *   absent ──create (If-None-Match: *)──▶ claimed {by} ──replace (If-Match)──▶ done {by, at}
 *                                              └──delete (If-Match) after Entra refused or Graph failed
 *
 * A repeated or concurrent confirmation finds the claim or the record and does nothing: "done at T by X"
 * (or "being done by X"). A claim runs until `claimUntil`; only after that may another click take it
 * over (a conditional replace), so a crashed instance does not block the fix for long. A damaged
 * item reads as `lost`: something was recorded, so the fix is never done again for it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { StateStore, StoredItem } from '../state/types';
import type { FixId } from './catalog';

export type FixEntry =
  | { state: 'claimed'; claimId: string; by: string; byName: string | null; claimUntil: number }
  | { state: 'done'; by: string; byName: string | null; at: number }
  | { state: 'lost' };

export const fixEntrySchema = z.discriminatedUnion('state', [
  z.looseObject({
    state: z.literal('claimed'),
    claimId: z.string().min(1),
    by: z.string().min(1),
    byName: z.string().nullable(),
    claimUntil: z.number(),
  }),
  z.looseObject({ state: z.literal('done'), by: z.string().min(1), byName: z.string().nullable(), at: z.number() }),
  z.looseObject({ state: z.literal('lost') }),
]);

/** A fix is remembered for a week: a click on an old card says it was done rather than doing it again. */
export const FIX_LEDGER_TTL_MS = 7 * 86_400_000;
/** Longer than a Graph call with its retries may take. */
export const FIX_CLAIM_MS = 60_000;

/** The key of one fix of one person for one finding (its sign-in id), or for one day when asked in words. */
export function fixKey(fix: FixId, targetId: string, findingId: string): string {
  return createHash('sha256').update(`${fix}\n${targetId.toLowerCase()}\n${findingId.toLowerCase()}`).digest('hex');
}

export interface FixClaim {
  key: string;
  etag: string;
}

export type ClaimResult =
  | { claimed: true; claim: FixClaim }
  | { claimed: false; entry: Exclude<FixEntry, { state: 'claimed' }> | (FixEntry & { state: 'claimed' }) };

export class FixLedger {
  constructor(
    private readonly state: StateStore,
    private readonly clock: () => number = Date.now,
  ) {}

  async read(key: string): Promise<StoredItem<FixEntry> | undefined> {
    const item = await this.state.get<unknown>(this.itemOf(key));
    if (!item) return undefined;
    const parsed = fixEntrySchema.safeParse(item.value);
    return { ...item, value: parsed.success ? parsed.data : { state: 'lost' } };
  }

  /** Claims the fix for this person, or says who has it (or did it). */
  async claim(key: string, by: string, byName: string | null): Promise<ClaimResult> {
    const entry: FixEntry = {
      state: 'claimed',
      claimId: randomUUID(),
      by,
      byName,
      claimUntil: this.clock() + FIX_CLAIM_MS,
    };
    const etag = await this.state.create(this.itemOf(key), entry, FIX_LEDGER_TTL_MS);
    if (etag) return { claimed: true, claim: { key, etag } };
    const existing = await this.read(key);
    if (!existing) return this.claim(key, by, byName);
    if (existing.value.state === 'claimed' && existing.value.claimUntil <= this.clock()) {
      const taken = await this.state.replace(this.itemOf(key), entry, FIX_LEDGER_TTL_MS, existing.etag);
      if (taken) return { claimed: true, claim: { key, etag: taken } };
      const now = await this.read(key);
      return { claimed: false, entry: now?.value ?? { state: 'lost' } };
    }
    return { claimed: false, entry: existing.value };
  }

  /** Records the fix as done; false when the claim was lost meanwhile (the fix was done all the same). */
  async complete(claim: FixClaim, by: string, byName: string | null, at: number): Promise<boolean> {
    const entry: FixEntry = { state: 'done', by, byName, at };
    return (await this.state.replace(this.itemOf(claim.key), entry, FIX_LEDGER_TTL_MS, claim.etag)) !== null;
  }

  /** Gives the claim up (Entra refused, Graph failed): someone with the rights may try at once. */
  release(claim: FixClaim): Promise<boolean> {
    return this.state.delete(this.itemOf(claim.key), claim.etag);
  }

  private itemOf(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new RangeError('A fix key is a sha256 hex digest (fixKey).');
    return `fixes/${key}`;
  }
}
