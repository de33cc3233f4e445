/**
 * Card verbs and their data, typed and validated in one place. Card data comes back from the
 * client and is untrusted: every field is checked here, and whatever is not valid is rejected as a
 * whole (a forged or damaged button), never half-used. Access is decided elsewhere (src/access).
 */
import { z } from 'zod';
import { FAILURE_CATEGORIES, type Language } from '../shared/types';
import { PLATFORMS, TENANT_ASKS } from './tenantWords';
import { YES_NO_ABOUT } from './yesNo';
import { FIX_IDS } from '../fixes/catalog';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
/** GUIDs, and the Agents Playground's ids with 13 digits in the last group. */
const GUIDISH = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12,13}$/;
/** Entra object ids and sign-in ids as Graph writes them. */
const ID = /^[0-9a-zA-Z-]{1,64}$/;
const APP_NAME = /^[\p{L}\p{N} .&()_-]{1,80}$/u;
/** The name of a card's comment input (e.g. comment3). */
const INPUT_ID = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/** An optional field: missing and null both mean "not given"; anything else must be valid. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);
/** An optional field that is left out when not given (newer fields: older buttons stay as they were). */
const absent = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
const instant = z
  .string()
  .regex(ISO_INSTANT)
  .transform((v, ctx) => {
    const time = new Date(v);
    if (Number.isNaN(time.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'not a date' });
      return z.NEVER;
    }
    return time.toISOString();
  });

/** A question whose subject is an object id, or null for everyone: what showMore, choosePerson and retry carry. */
const resolvedAsk = z
  .object({
    intent: z.enum(['failures', 'signins']).default('failures'),
    userId: optional(
      z
        .string()
        .regex(ID)
        .transform((v) => v.toLowerCase()),
    ),
    from: optional(instant),
    to: optional(instant),
    app: optional(z.string().regex(APP_NAME)),
    errorCode: optional(z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)),
    correlationId: optional(
      z
        .string()
        .regex(GUIDISH)
        .transform((v) => v.toLowerCase()),
    ),
    requestId: optional(
      z
        .string()
        .regex(GUIDISH)
        .transform((v) => v.toLowerCase()),
    ),
    category: optional(z.enum(FAILURE_CATEGORIES)),
    // Tenant-wide kinds and narrowing (src/answers/tenantWide.ts).
    ask: absent(z.enum(TENANT_ASKS)),
    country: absent(
      z.object({
        code: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .nullable(),
        outside: z.boolean(),
      }),
    ),
    platform: absent(z.enum(PLATFORMS)),
    guests: z
      .unknown()
      .optional()
      .transform((v) => (v === true ? true : undefined)),
    // The answer's shape ("how many", "is there an outage?"): only true counts.
    counting: z
      .unknown()
      .optional()
      .transform((v) => (v === true ? true : undefined)),
    yesNo: z
      .unknown()
      .optional()
      .transform((v) => (v === true ? true : undefined)),
    aboutNow: z
      .unknown()
      .optional()
      .transform((v) => (v === true ? true : undefined)),
    countPeople: z
      .unknown()
      .optional()
      .transform((v) => (v === true ? true : undefined)),
    intrusion: z
      .unknown()
      .optional()
      .transform((v) => (v === true ? true : undefined)),
    // A yes/no question about one account keeps its yes or no when a click refreshes the card.
    yesNoAbout: absent(z.enum(YES_NO_ABOUT)),
    // Where "show more" goes on; an unusable offset starts from the beginning rather than refusing.
    offset: z
      .unknown()
      .optional()
      .transform((v) => {
        const n = Number(v);
        return v !== null && v !== '' && Number.isInteger(n) && n >= 0 && n < 100_000 ? n : undefined;
      }),
  })
  .refine((a) => !(a.from && a.to && a.from >= a.to), { message: 'from must be before to' });

/** "Open support ticket": the sign-in, and which input holds the comment (the comment itself is read by `ticketComment`). */
const openTicket = z.object({
  // Graph's sign-in ids are GUIDs: anything else is refused before any read.
  signInId: z
    .string()
    .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/)
    .transform((v) => v.toLowerCase()),
  /** Whose sign-in the card says it is: when that already rules the click out, nothing is read. */
  userId: optional(
    z
      .string()
      .regex(ID)
      .transform((v) => v.toLowerCase()),
  ),
  commentId: z.string().regex(INPUT_ID).default('comment'),
  /** "This wasn't me": the ticket says so first. */
  notMe: z
    .unknown()
    .optional()
    .transform((v) => (v === true ? true : undefined)),
});

/** An incident alert's buttons: the incident, by its id (src/incidents/detect.ts). */
const incidentAction = z.object({ incidentId: z.string().regex(/^inc-[0-9a-f]{16}$/) });

/**
 * A fix button ("fix") and its confirmation ("fixConfirm"): which fix, for whom, about which sign-in.
 * Whoever the card names is checked again on the server (src/answers/fixes.ts).
 */
const fixAction = z.object({
  fix: z.enum(FIX_IDS),
  userId: z
    .string()
    .regex(ID)
    .transform((v) => v.toLowerCase()),
  signInId: optional(
    z
      .string()
      .regex(ID)
      .transform((v) => v.toLowerCase()),
  ),
  appId: optional(z.string().regex(GUIDISH)),
  country: optional(z.string().regex(/^[A-Z]{2}$/)),
  usualCountry: optional(z.string().regex(/^[A-Z]{2}$/)),
});

/** Every verb a card may send, with the schema of its data. New verbs are added here. */
export const VERB_SCHEMAS = {
  showMore: resolvedAsk,
  choosePerson: resolvedAsk,
  retry: resolvedAsk,
  /** "Show details": the same question again, with one attempt (the card's attempt picker) opened. */
  details: resolvedAsk,
  openTicket,
  /** "Show affected people" on an incident alert. */
  incidentPeople: incidentAction,
  /** "Open incident ticket": one per incident. */
  incidentTicket: incidentAction,
  /** A helpdesk fix: the confirmation (a change) or the result (a read). */
  fix: fixAction,
  /** The confirmation's button: the only click that changes anything. */
  fixConfirm: fixAction,
} as const;

export type Verb = keyof typeof VERB_SCHEMAS;
export type VerbData<V extends Verb> = z.output<(typeof VERB_SCHEMAS)[V]>;
export type CardAction = { [V in Verb]: { verb: V; data: VerbData<V> } }[Verb];

export type ParsedAction = { ok: true; action: CardAction } | { ok: false; reason: 'unknown-verb' | 'bad-action-data' };

export function isVerb(verb: unknown): verb is Verb {
  return typeof verb === 'string' && Object.prototype.hasOwnProperty.call(VERB_SCHEMAS, verb);
}

/** A card verb and its data, checked. */
export function parseCardAction(verb: unknown, data: unknown): ParsedAction {
  if (!isVerb(verb)) return { ok: false, reason: 'unknown-verb' };
  const parsed = VERB_SCHEMAS[verb].safeParse(data);
  if (!parsed.success) return { ok: false, reason: 'bad-action-data' };
  return { ok: true, action: { verb, data: parsed.data } as CardAction };
}

/** The data of one verb, checked; null when it is not valid. */
export function parseVerbData<V extends Verb>(verb: V, data: unknown): VerbData<V> | null {
  const parsed = VERB_SCHEMAS[verb].safeParse(data);
  return parsed.success ? (parsed.data as VerbData<V>) : null;
}

/** The card's own language, when its data names one we speak. */
export function cardLanguage(data: unknown): Language | undefined {
  const language = (data as { language?: unknown } | null)?.language;
  return language === 'en' || language === 'nl' ? language : undefined;
}

export const MAX_COMMENT_CHARACTERS = 1000;

/** The comment typed on a card (Action.Execute sends its inputs next to the data), trimmed and bounded. */
export function ticketComment(inputs: Record<string, unknown>, commentId: string): string {
  const value = Object.prototype.hasOwnProperty.call(inputs, commentId) ? inputs[commentId] : undefined;
  return typeof value === 'string' ? value.slice(0, MAX_COMMENT_CHARACTERS).trim() : '';
}

/** The verb and data of an Action.Execute invoke value, whatever shape it arrived in. */
export function readInvoke(value: unknown): { verb: string; data: Record<string, unknown> } {
  const action = (value as { action?: unknown } | null)?.action as
    { verb?: unknown; data?: unknown } | null | undefined;
  const data = action?.data;
  return {
    verb: typeof action?.verb === 'string' ? action.verb : '',
    data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
  };
}

/** The attempt picked on a card for "Show details" (an input sent next to the data), or undefined. */
export function pickedAttempt(inputs: Record<string, unknown>, inputId = 'attempt'): string | undefined {
  const value = Object.prototype.hasOwnProperty.call(inputs, inputId) ? inputs[inputId] : undefined;
  return typeof value === 'string' && ID.test(value) ? value : undefined;
}
