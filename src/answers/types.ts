/**
 * What the core decides, as data: every question and card action ends in one `Answer`. Nothing
 * here knows about cards or words; src/cards renders an Answer for a language and an audience,
 * and src/answers/audit.ts derives the audit event from it.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { ParseContext, Question } from '../understanding/question';
import type { Audience, Language } from '../shared/types';
import type { Diagnosis } from '../diagnosis/diagnose';
import type { GraphProblemKind } from '../graph/errors';
import type { Person } from '../directory/people';
import type { Refusal } from '../access/policy';
import type { Incident } from '../incidents/types';
import type { TicketContent } from '../tickets';
import type { Verdict } from './verdictChoice';
import type { PersonFailures, TenantBreakdown } from '../diagnosis/tenantBreakdown';
import type { SignInCounts } from '../diagnosis/counts';
import type { IntrusionFacts } from '../diagnosis/intrusion';
import type { TenantAsk } from './tenantWords';
import type { ResolvedQuery, UnappliedFilter } from './resolvedQuery';
import type { YesNoFact } from './yesNo';
import type { AnswerCoverage, Freshness, HeadlineFrom } from './dataCoverage';
import type { FixAnswers, FixOffer } from './fixTypes';

export type { TenantAsk } from './tenantWords';
export type { ResolvedQuery, UnappliedFilter } from './resolvedQuery';
export type { AnswerCoverage, Freshness, HeadlineFrom } from './dataCoverage';

export interface Requester {
  /** Entra object id (activity.from.aadObjectId). */
  userId: string | undefined;
  tenantId: string | undefined;
  name?: string;
  locale?: string;
  timeZone: string;
  /** Where follow-ups are remembered: one conversation, one person. */
  conversationKey: string;
  /** personal, groupChat or channel: other people's sign-ins are shown only in a personal chat. */
  conversationType?: string;
  /** Where proactive messages to this conversation go (the Bot Framework conversation reference, opaque here). */
  conversationReference?: Record<string, unknown>;
}

/** Draws a ticket's content (src/cards/ticketContent.ts): answers decide that a ticket is opened and about what. */
export interface TicketWriter {
  /** `extra`: the open incident, "This wasn't me" pressed, the answer whose finding the sign-in is evidence of. */
  signIn(
    requester: Requester,
    record: SignIn,
    language: Language,
    comment: string | null,
    extra?: { incidentId?: string; notMe?: boolean; about?: SummaryAnswer },
  ): TicketContent;
  incident(requester: Requester, incident: Incident, language: Language): TicketContent;
}

export interface Understanding {
  parse(text: string, context: ParseContext): Question;
  clean(text: string): { ok: true; text: string } | { ok: false; reason: 'too-long' | 'empty' };
  examples(language: Language): string[];
  detectLanguage(text: string, locale: string | undefined): Language;
  maxLength: number;
}

/** Who a sign-in answer is about. */
export type AnswerSubject = { kind: 'self' } | { kind: 'person'; id: string; name: string } | { kind: 'tenant' };

export interface AnswerWindow {
  from: Date;
  to: Date;
  /** Set when the question gave no time and the default window of this many days was used. */
  defaultDays: number | null;
  /** Set instead when a present-tense question got the recent default window of this many hours. */
  defaultHours?: number | null;
  /** Set when the asked range began before the log's retention and was clamped to this instant. */
  clampedFrom: Date | null;
  retentionDays: number;
}

export interface TicketState {
  reference: string;
  where: string;
  duplicate: boolean;
  /** Taken over from a mail that was cut off mid-send: most likely delivered, not sent again. */
  unconfirmed?: boolean;
  comment: string | null;
}

export interface SummaryAnswer {
  kind: 'summary';
  query: ResolvedQuery;
  subject: AnswerSubject;
  window: AnswerWindow;
  diagnosis: Diagnosis;
  /** What the answer leads with (chosen by answers/verdict.ts): the cards word it. */
  verdict: Verdict;
  /** The attempts listed: diagnosis.rows (answers/evidence.ts's order) from offset, at most limit, before the folded. */
  offset: number;
  limit: number;
  /** The first `evidence` rows are the verdict's own attempts; the last `folded` are background refreshes, folded. */
  evidence?: number;
  folded?: number;
  truncated: boolean;
  /** Set when the window could not be read whole: the card says how far back it was searched. */
  coverage?: AnswerCoverage;
  graphRequests: number;
  freshness?: Freshness;
  /** A first answer from the live index: the older part of the window, still being read (twoStep.ts). */
  pending?: { from: Date; to: Date };
  /** The sign-in whose details are open (a "Details" click refreshes the card with it). */
  detailsOf?: string;
  /** A ticket opened from this answer (the investigation stays on the card). */
  ticket?: TicketState;
  /** Nothing found, and apps' and managed identities' sign-ins are not read (SIGNIN_EVENT_TYPES): the card says which setting. */
  workloadsOff?: boolean;
  /** A stable key of the records and the query, for caching the rendered card. */
  key: string;
  /** The asker's failures match an open incident: said first (src/incidents). */
  knownProblem?: IncidentAnswer;
  /** A yes/no question about this account: the yes or no and its deciding fact, said first. */
  yesNo?: YesNoFact;
  fixes?: FixOffer[]; // helpdesk fix buttons: src/answers/fixes.ts
}

export interface CountAnswer {
  kind: 'count';
  query: ResolvedQuery;
  subject: AnswerSubject;
  window: AnswerWindow;
  diagnosis: Diagnosis;
  truncated: boolean;
  coverage?: AnswerCoverage;
  graphRequests: number;
  freshness?: Freshness;
  /** A first answer from the live index: the older part of the window, still being read (twoStep.ts). */
  pending?: { from: Date; to: Date };
  key: string;
  /** Counts per day, hour, app and country: what the chart draws. */
  pattern: SignInCounts;
  /** Filters the question named that could not be applied: said on the card, never dropped. */
  unapplied?: UnappliedFilter[];
  headlineFrom?: HeadlineFrom;
  /** About the whole tenant: open incidents the failing people are caught in, said right after the number. */
  incidents?: { incident: Incident; failing: number }[];
}

/** "who failed to sign in today?", "who is locked out?", "which apps fail most?": the whole tenant, one kind of answer each. */
export interface TenantAnswer {
  kind: 'tenant';
  subject: { kind: 'tenant' };
  ask: TenantAsk;
  query: ResolvedQuery;
  window: AnswerWindow;
  breakdown: TenantBreakdown;
  /** The diagnosis the breakdown was made from (every failure read). */
  diagnosis: Diagnosis;
  /** Open incidents the answer's failing people are caught in, with how many of them: said first. */
  incidents: { incident: Incident; failing: number }[];
  /** The people who failed and are in none of those incidents, ranked (breakdown.people minus the incidents'). */
  others: PersonFailures[];
  unapplied: UnappliedFilter[];
  /** Counts per day or hour and country, for the chart. */
  pattern: SignInCounts;
  truncated: boolean;
  /** How far back a read cut off by its size reached (answers/signIns.ts coverageOf). */
  coverage?: AnswerCoverage;
  headlineFrom?: HeadlineFrom;
  graphRequests: number;
  freshness?: Freshness;
  key: string;
}

/** "Did anyone try to get into my account?": yes or no first, from failed attempts in places the person does not sign in from. */
export interface IntrusionAnswer {
  kind: 'intrusion';
  query: ResolvedQuery;
  subject: AnswerSubject;
  window: AnswerWindow;
  facts: IntrusionFacts;
  /** The attempt a ticket ("this wasn't me") is about: the newest one from an unfamiliar place. */
  ticketSignInId: string | null;
  /** The person's own lockout or MFA-fatigue finding, when the attempts caused one. */
  finding: 'lockout' | 'mfaFatigue' | null;
  ticket?: TicketState;
  truncated: boolean;
  graphRequests: number;
  freshness?: Freshness;
  key: string;
}

/** A known problem affecting many people: an open incident the asker is caught in (src/incidents). */
export interface IncidentAnswer {
  kind: 'incident';
  id?: string;
  what: { app?: string; code?: number; policy?: string };
  since: Date;
  /** It may have begun before `since` (types.ts Incident sinceCutOffHours). */
  sinceOrEarlier?: boolean;
  people: number;
  resolved: boolean;
}

/** "notify this channel about sign-in incidents" / "stop notifying" (src/answers/incidents.ts). */
export interface SubscriptionAnswer {
  kind: 'subscription';
  /** limit-person, limit-tenant: the caps on subscriptions; address-refused: demo mode posts to this machine only. */
  result:
    | 'subscribed'
    | 'already-subscribed'
    | 'unsubscribed'
    | 'not-subscribed'
    | 'not-allowed'
    | 'limit-person'
    | 'limit-tenant'
    | 'address-refused';
  /** A channel or group chat: the alerts there carry counts only. */
  shared: boolean;
  /** With limit-person or limit-tenant: the cap that was reached. */
  limit?: number;
}

/** An incident alert card (posted proactively; also the answer to its buttons). `notice`: what a click did. */
export interface IncidentAlertAnswer {
  kind: 'incident-alert';
  incident: Incident;
  /** The conversation said "stop notifying" then: the card's final state (no longer updated). */
  stoppedAt?: Date;
  notice?:
    | { kind: 'people-sent' }
    | { kind: 'people-personal-first' }
    | { kind: 'ticket'; ticket: TicketState }
    | { kind: 'not-allowed' };
}

/** The people an incident affects: for a reader, in a personal chat only. */
export interface IncidentPeopleAnswer {
  kind: 'incident-people';
  incident: Incident;
  people: { name: string; upn: string }[];
}

export type RefusalReason = Exclude<Refusal, 'shared-conversation'> | 'not-own-sign-in' | 'bad-action-data';

export type Answer =
  /** `onClick`: refused on a button click (the wording says what was done: a click is not a question). */
  | { kind: 'refused'; reason: RefusalReason; onClick?: boolean }
  | { kind: 'ask-privately'; personalChatUrl?: string } // a Teams deep link to the bot's personal chat
  /** `suggestions`: close matches of a misspelt name ("did you mean …?"), readers only; `pending` is the question to ask about the one picked. */
  | { kind: 'not-found'; name: string; workloadsOff?: boolean; suggestions?: Person[]; pending?: ResolvedQuery }
  | { kind: 'choose-person'; typedName: string; people: Person[]; pending: ResolvedQuery }
  | SummaryAnswer
  | CountAnswer
  | TenantAnswer
  | IntrusionAnswer
  | IncidentAnswer
  | SubscriptionAnswer
  | IncidentAlertAnswer
  | IncidentPeopleAnswer
  | { kind: 'incident-gone' }
  /** An alert button the clicker may not use: said without looking the incident up. */
  | { kind: 'incident-refused' }
  | { kind: 'explain-code'; code: number }
  /** `fromLedger`: a retry answered from the ticket ledger; `record` then holds only the sign-in's id and its owner (as the ledger recorded it) until the investigation supplies it. */
  | {
      kind: 'ticket-opened';
      ticket: TicketState;
      record: SignIn;
      summary?: SummaryAnswer | IntrusionAnswer;
      fromLedger?: boolean;
    }
  | {
      kind: 'ticket-failed';
      reason: 'sink-failed' | 'not-configured' | 'sign-in-gone' | 'busy' | 'state-unavailable';
      retry?: Record<string, unknown>;
    }
  | { kind: 'problem'; problem: GraphProblemKind; retryAfterSeconds?: number; retry: Record<string, unknown> | null }
  | { kind: 'help'; reader: boolean; examples: string[] }
  | { kind: 'unknown'; examples: string[]; reason?: 'empty' | 'unknown-verb' }
  | { kind: 'too-long'; max: number }
  | { kind: 'before-retention'; days: number; oldest: Date; query: ResolvedQuery }
  | { kind: 'still-looking' }
  | FixAnswers;

/** An answer with what rendering it needs: the asker's language, audience and clock. */
export interface Reply {
  answer: Answer;
  language: Language;
  audience: Audience;
  timeZone: string;
  /** A first answer's complete one (answer.pending set), when it is ready: it replaces the first card. */
  later?: Promise<Reply>;
}
