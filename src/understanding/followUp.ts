/**
 * Follow-ups. Commands that act on the previous answer ("show more", "details of the second one")
 * must be the whole message apart from politeness, so "show me more about bob's failures" stays a
 * question; detail indexes are 0-based ("the second one" → 1). Questions that change part of the
 * previous one ("and yesterday?", "what about bob?") are merged with it by `mergeWithPrevious`.
 */
import type { CountryFilter, FollowUp, Intent, Platform, Question, QuestionForm, Subject, TenantAsk } from './question';
import type { FailureCategory, Language } from '../shared/types';
import { alternation } from './phrases';
import { TimeContext, TimeRange, shiftRange } from './timeRange';
import { merged, mergedRecord } from './words';

const MORE = new Set(merged((w) => w.followUp.more));
const ORDINALS = mergedRecord((w) => w.followUp.ordinals);
const DETAIL_WORDS = alternation(merged((w) => w.followUp.details));
const ITEMS = alternation(merged((w) => w.followUp.items));
const ORDINAL = alternation(Object.keys(ORDINALS));

/** Politeness and fillers around a follow-up command. */
const LEADING =
  /^(?:(?:ok|okay|oke|oké|and|en|now|nu|please|pls|graag|can you|could you|kun je|kan je|kunt u|cool|thanks|bedankt)\s+)+/u;
const TRAILING = /(?:\s+(?:please|pls|plz|graag|aub|alsjeblieft|alstublieft|thanks|thx|bedankt))+$/u;

const DETAILS = new RegExp(
  `^(?:(${DETAIL_WORDS})\\s+)?(?:(?:of|on|about|for|over|van|voor)\\s+)?(?:(?:the|de|het)\\s+)?` +
    `(?:(?:number|no|nr|nummer|#)\\s*)?(${ORDINAL}|\\d{1,2})(?:\\s+(?:${ITEMS}))?$`,
  'u',
);

function normalise(lower: string): string {
  return lower
    .replace(/[^\p{L}\p{N}#'\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(LEADING, '')
    .replace(TRAILING, '');
}

/** Longer than any command with its politeness: a pasted screen need not be normalised to learn that. */
const MAX_COMMAND_LENGTH = 120;

export function findFollowUp(lower: string): FollowUp | null {
  if (lower.length > MAX_COMMAND_LENGTH) return null;
  const text = normalise(lower);
  if (MORE.has(text)) return { kind: 'more' };
  const m = DETAILS.exec(text);
  if (!m) return null;
  const [, asking, ordinal] = m;
  const isNumber = /^\d+$/.test(ordinal);
  // A bare number is a detail request only with an asking word or a "#"/"number" ("details 2", "#2").
  if (isNumber && !asking && !/(?:#|number|no|nr|nummer)\s*\d+/.test(text)) return null;
  const position = isNumber ? Number(ordinal) : ORDINALS[ordinal];
  return position >= 1 ? { kind: 'details', index: position - 1 } : null;
}

/** What a message itself says; null where it says nothing. */
export interface Changes {
  intent: Intent;
  subject: Subject | null;
  range: TimeRange | null;
  shiftDays?: number;
  app: string | null;
  errorCode: number | null;
  correlationId: string | null;
  requestId: string | null;
  category: FailureCategory | null;
  /** Read from this message only: "and yesterday?" after "how many…" is not itself counting. */
  form: QuestionForm;
  tenantAsk: TenantAsk | null;
  country: CountryFilter | null;
  platform: Platform | null;
  guests: boolean;
  idUnlabelled: boolean;
}

/** What one message is, for the context rules. */
export interface MessageTraits {
  intent: Intent;
  /** Opens as a follow-up: "and …", "what about …", "en voor …". */
  opened: boolean;
  /** "the day before", "de week ervoor": moves the previous range. */
  shifts: boolean;
  /** Names a time of its own ("today", "this week"). */
  namesTime: boolean;
  /** Asks something itself (failure, sign-in, count or explain words). */
  asks: boolean;
  /** Names a subject, time, app, code, id, category, country or platform. */
  says: boolean;
  screen: boolean;
  /** A request or correlation id (labelled or alone). */
  signInId: boolean;
  outage: boolean;
  tenantAsk: boolean;
  /** "how many were failures?", "status of those sign-ins", "how many yesterday?": counts the previous answer. */
  countsPrevious: boolean;
}

export type Context = 'fresh' | 'fragment' | 'counts-previous';

/** Questions that leave nothing for the next one to build on. */
const NO_CONTEXT: Intent[] = ['help', 'unknown', 'subscribe', 'unsubscribe'];

/**
 * THE context rules, in order (tested as a table in test/understanding/context.test.ts): a complete
 * question starts fresh — help, a pasted screen, a request or correlation id, an outage question, a
 * tenant-wide question — and so does anything after a question that left no context (help);
 * a fragment ("and this week?", "what about Lynne?", "and on his phone?") changes only what it names.
 */
export function contextOf(previous: Question | undefined, m: MessageTraits): Context {
  if (!previous || NO_CONTEXT.includes(previous.intent)) return 'fresh';
  // "help" alone; "en de dag ervoor?" has a greeting word ("dag") but moves the previous range.
  if (m.intent === 'help' && !m.shifts && !m.opened && !m.says) return 'fresh';
  if (m.screen || m.signInId || m.outage) return 'fresh';
  // "and what are the top codes across the tenant today?" after Megan: everyone, and its own time, is a new question.
  if (m.tenantAsk && (!m.opened || (m.namesTime && previous.subject?.kind !== 'anyone'))) return 'fresh';
  // ("hoeveel waren het er gisteren?" after a count: the same count for another day.)
  if (m.countsPrevious && (!m.namesTime || previous.intent === 'count')) return 'counts-previous';
  if (m.opened || m.shifts) return 'fragment';
  return !m.asks && m.says ? 'fragment' : 'fresh';
}

/**
 * The previous question with what this message changes. The intent stays unless the message asks
 * something itself ("and did she sign in?"); a new subject drops the previous correlation id (it
 * belonged to that person's sign-in); "the day before" moves the previous range.
 */
export function mergeWithPrevious(
  previous: Question,
  changes: Changes,
  asksAgain: boolean,
  language: Language,
  timeCtx: TimeContext,
): Question {
  const previousRange = previous.from && previous.to ? { from: previous.from, to: previous.to } : null;
  const range =
    changes.shiftDays !== undefined
      ? shiftRange(previousRange, changes.shiftDays, timeCtx)
      : (changes.range ?? previousRange);
  const previousAnswered = previous.intent !== 'unknown' && previous.intent !== 'help';
  const intent = (asksAgain || !previousAnswered) && changes.intent !== 'unknown' ? changes.intent : previous.intent;
  const subject = changes.subject ?? previous.subject;
  const requestId = changes.requestId ?? (changes.subject ? null : (previous.requestId ?? null));
  return {
    intent,
    subject,
    from: range?.from ?? null,
    to: range?.to ?? null,
    app: changes.app ?? previous.app,
    errorCode: changes.errorCode ?? previous.errorCode,
    correlationId: changes.correlationId ?? (changes.subject ? null : previous.correlationId),
    requestId,
    category: changes.category ?? previous.category ?? null,
    language,
    // "how many … from Germany?" then "en uit België?": still a number asked for. (A question kept from before forms
    // were read has none.)
    form: {
      ...changes.form,
      counting:
        changes.form.counting || (intent === 'count' && (previous.form as QuestionForm | undefined)?.counting === true),
    },
    // A ranking or "who" belongs to a question about everyone; naming someone ends it.
    tenantAsk: subject?.kind === 'anyone' ? (changes.tenantAsk ?? previous.tenantAsk) : null,
    country: changes.country ?? previous.country,
    platform: changes.platform ?? previous.platform,
    // "and only the guests?" narrows; naming someone ends it.
    guests: changes.guests || (!changes.subject && previous.guests === true),
    idUnlabelled: requestId !== null && (changes.requestId !== null ? changes.idUnlabelled : previous.idUnlabelled),
    context: 'continued',
  };
}

/** A question of its own: what the message says, nothing of the one before. */
export function freshQuestion(changes: Changes, range: TimeRange | null, language: Language): Question {
  const answerable = changes.intent !== 'unknown' && changes.intent !== 'help';
  return {
    intent: changes.intent,
    subject: answerable ? changes.subject : null, // "what's the weather like today" names no one
    from: range?.from ?? null,
    to: range?.to ?? null,
    app: changes.app,
    errorCode: changes.errorCode,
    correlationId: changes.correlationId,
    requestId: changes.requestId,
    category: changes.category,
    language,
    form: changes.form,
    tenantAsk: answerable ? changes.tenantAsk : null,
    country: answerable ? changes.country : null,
    platform: answerable ? changes.platform : null,
    guests: answerable && changes.guests,
    idUnlabelled: changes.idUnlabelled,
    context: 'fresh',
  };
}
