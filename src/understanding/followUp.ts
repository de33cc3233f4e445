/**
 * Follow-ups. Commands that act on the previous answer ("show more", "details of the second one")
 * must be the whole message apart from politeness, so "show me more about bob's failures" stays a
 * question; detail indexes are 0-based ("the second one" → 1). Questions that change part of the
 * previous one ("and yesterday?", "what about bob?") are merged with it by `mergeWithPrevious`.
 */
import type { FollowUp, Intent, Question, QuestionForm, Subject } from './question';
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
const LEADING = /^(?:(?:ok|okay|oke|oké|and|en|now|nu|please|pls|graag|can you|could you|kun je|kan je|kunt u|cool|thanks|bedankt)\s+)+/u;
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
    changes.shiftDays !== undefined ? shiftRange(previousRange, changes.shiftDays, timeCtx) : (changes.range ?? previousRange);
  const previousAnswered = previous.intent !== 'unknown' && previous.intent !== 'help';
  const intent = (asksAgain || !previousAnswered) && changes.intent !== 'unknown' ? changes.intent : previous.intent;
  return {
    intent,
    subject: changes.subject ?? previous.subject,
    from: range?.from ?? null,
    to: range?.to ?? null,
    app: changes.app ?? previous.app,
    errorCode: changes.errorCode ?? previous.errorCode,
    correlationId: changes.correlationId ?? (changes.subject ? null : previous.correlationId),
    requestId: changes.requestId ?? (changes.subject ? null : previous.requestId ?? null),
    category: changes.category ?? previous.category ?? null,
    language,
    form: changes.form,
  };
}
