/**
 * What each kind of state item must look like when read (src/state/validated.ts): one rule per
 * key pattern, with the schema of its value and, where absence would mean "not done yet" when it
 * may have been done, the value that takes a damaged item's place. Objects are loose (fields a
 * newer version adds are kept); what the code reads is checked.
 */
import { z } from 'zod';
import type { ItemRule } from './state/validated';
import { ledgerEntrySchema, LEDGER_TTL_MS } from './tickets/ledger';
import { fixEntrySchema, FIX_LEDGER_TTL_MS } from './fixes/ledger';
import { noteEntrySchema } from './tickets/notes';

const address = z.record(z.string(), z.unknown());
const subscription = z.looseObject({
  id: z.string().min(1),
  address,
  language: z.enum(['en', 'nl']),
  timeZone: z.string().min(1),
  conversationType: z.string(),
  expiresAt: z.number(),
  // The alert ledger's second record (src/incidents/subscriptions.ts).
  posted: z.record(z.string(), z.looseObject({ activityId: z.string().min(1).nullable(), at: z.number() })).optional(),
});

export const STATE_ITEM_RULES: readonly ItemRule[] = [
  { pattern: /^tickets\//, schema: ledgerEntrySchema, healed: { state: 'lost' }, healedTtlMs: LEDGER_TTL_MS },
  // A damaged fix record may stand for a fix already done: it is never done again for it (issue 21).
  { pattern: /^fixes\//, schema: fixEntrySchema, healed: { state: 'lost' }, healedTtlMs: FIX_LEDGER_TTL_MS },
  // A follow-up not yet on its ticket (src/tickets/notes.ts): a damaged one is dropped, not sent half.
  { pattern: /^ticket-notes\//, schema: noteEntrySchema },
  { pattern: /^rate\//, schema: z.number().int().nonnegative() },
  { pattern: /^leases\//, schema: z.looseObject({ holder: z.string().min(1), until: z.number() }) },
  {
    pattern: /^followups\//,
    schema: z.looseObject({
      question: z.looseObject({ intent: z.string().min(1) }),
      subjectId: z.string().nullish(),
      subjectName: z.string().nullish(),
      refused: z.boolean().optional(),
      nextOffset: z.number().int().nonnegative().optional(),
    }),
  },
  { pattern: /^incidents\/subscriptions$/, schema: z.looseObject({ entries: z.record(z.string(), subscription) }) },
  // One item per subscribed conversation (issue 24, item 2).
  { pattern: /^subscriptions\//, schema: subscription },
  {
    pattern: /^incidents\/group-/,
    schema: z.looseObject({
      id: z.string().min(1),
      since: z.number(),
      sinceCutOffHours: z.number().optional(),
      lastFailure: z.number(),
      resolved: z.boolean(),
    }),
  },
  {
    pattern: /^incident-alerts\//,
    schema: z.looseObject({
      activityId: z.string().min(1).nullable(),
      claimedAt: z.number(),
      shown: z.string().nullable(),
      lost: z.boolean().optional(),
    }),
    // A damaged alert record may stand for a card already posted: the alert is not posted again for it.
    healed: { activityId: null, claimedAt: 0, shown: null, lost: true },
    healedTtlMs: 7 * 24 * 3_600_000,
  },
  { pattern: /^personal-chats\//, schema: z.looseObject({ address }) },
  {
    pattern: /^signins\/[0-9a-f]+\.head$/,
    schema: z.looseObject({
      v: z.literal(1),
      run: z.string(),
      baseSeq: z.number(),
      seq: z.number(),
      syncedTo: z.number().nullable(),
      coveredFrom: z.number().nullable(),
      writer: z.string(),
    }),
  },
  // Deltas are checked row by row where they are applied (src/signins/index/published.ts).
  { pattern: /^signins\/[0-9a-f]+\.d\.\d+$/, schema: z.looseObject({}) },
];
