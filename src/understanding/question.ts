/** What the asker wants, as understood from one message. The contract between `understand` and the rest of the flow. */
import type { FailureCategory, Language } from '../shared/types';

/** 'count': counts and patterns (per day, per app, success vs failure, top codes) rather than the list of failures. */
export type Intent = 'failures' | 'signins' | 'count' | 'explain' | 'help' | 'unknown' | 'subscribe' | 'unsubscribe';

export type Subject =
  | { kind: 'self' }
  | { kind: 'person'; text: string }
  | { kind: 'upn'; value: string }
  | { kind: 'objectId'; value: string }
  /** Index into the `mentions` passed to `parse` (the bot's own mention already removed). */
  | { kind: 'mention'; index: number }
  | { kind: 'anyone' };

/** A follow-up that acts on the previous answer rather than asking a new question. `details.index` is 0-based ("the second one" → 1). */
export type FollowUp = { kind: 'more' } | { kind: 'details'; index: number };

/** The shape of answer the words ask for (src/understanding/form.ts); read from this message only, never from the previous one. */
export interface QuestionForm {
  /** "how many", "hoe vaak": a number. */
  counting: boolean;
  /** Asked as a yes/no question ("is my account locked?", "heeft Miriam…?"): answer yes or no first. */
  yesNo: boolean;
  /** "is there an outage?", "storing": whether something is down for everyone. */
  outage: boolean;
  /** "why can't I sign in?", "kan niet": about now (used when no time is named). */
  presentTense: boolean;
}

export interface Question {
  intent: Intent;
  subject: Subject | null;
  /** UTC instants; null when the question gives no time (the caller applies the default window). */
  from: Date | null;
  to: Date | null;
  app: string | null;
  errorCode: number | null;
  correlationId: string | null;
  /** The request id of one sign-in (Graph's signIn.id): "Request Id", "Trace ID", "Aanvraag-id". */
  requestId: string | null;
  /** The kind of failure asked about ("which accounts are locked" → lockout). */
  category: FailureCategory | null;
  language: Language;
  form: QuestionForm;
  followUp?: FollowUp;
}

/** A Teams mention of someone other than the bot, in the order it appears in the message. */
export interface Mention {
  /** Teams user id (29:…). */
  id: string;
  name: string;
  aadObjectId?: string;
}

export interface ParseContext {
  now: Date;
  /** IANA zone of the asker, e.g. Europe/Amsterdam. */
  timeZone: string;
  /** BCP-47 tag from the activity, e.g. nl-NL; may be undefined. */
  locale?: string;
  mentions?: Mention[];
  /** The previous question of this conversation, for follow-ups ("and the day before?"). */
  previous?: Question;
}
