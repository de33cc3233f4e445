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

/**
 * What a tenant-wide question asks for, each its own answer: who failed (people, ranked), who is
 * locked out now, which apps / error codes / countries fail most.
 */
export const TENANT_ASKS = ['people', 'locked-now', 'top-apps', 'top-codes', 'top-countries'] as const;
export type TenantAsk = (typeof TENANT_ASKS)[number];

/** "from Portugal", "outside the Netherlands", "vanuit het buitenland". */
export interface CountryFilter {
  /** As typed ("the Netherlands", "Nederland"); null for "abroad" / "outside the country" (the tenant's own country). */
  name: string | null;
  /** ISO 3166-1 alpha-2, as Graph's signIn.location.countryOrRegion; null when not known. */
  code: string | null;
  /** "outside", "not from", "buiten": every country but this one. */
  outside: boolean;
}

/** "on his phone" (mobile), "on her iPhone" (ios), "op zijn Android", "on Windows", "on a Mac". */
export type Platform = 'mobile' | 'ios' | 'android' | 'windows' | 'macos' | 'linux';

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
  /** "did anyone try to get into my account?", "ben ik gehackt?": others' attempts on this account (failures in unfamiliar places). */
  intrusion: boolean;
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
  /** A tenant-wide question's kind (see TenantAsk); null for a question about one subject or a plain list. */
  tenantAsk: TenantAsk | null;
  /** A country the question narrows to or excludes; the answer says so when it cannot apply it. */
  country: CountryFilter | null;
  /** A device platform the question narrows to; the answer says so when it cannot apply it. */
  platform: Platform | null;
  /** "which guests …", "welke gasten": only people from other organisations; said when the records cannot tell. */
  guests: boolean;
  /**
   * `requestId` came with no word saying what it is (a GUID alone): look it up as a sign-in first
   * (id, originalRequestId, correlationId), as a user's object id second.
   */
  idUnlabelled: boolean;
  /** 'continued': a fragment ("and this week?") merged with the previous question; 'fresh': a question of its own. */
  context: 'fresh' | 'continued';
  followUp?: FollowUp;
  /** A fix asked for in words ("unlock Megan's account", "ontgrendel Megan"): src/understanding/fixWords.ts. */
  fixAsked?: FixAsked;
}

/** The fixes people ask for in words; 'unlock' has no Entra action of its own (src/answers/fixes.ts). */
export type FixAsked = 'unlock' | 'revokeSessions' | 'temporaryAccessPass' | 'requirePasswordChange' | 'enableAccount';

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
