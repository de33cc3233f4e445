/** A question whose subject is resolved (its type and its conversions), to and from what card buttons carry (ids only, validated). */
import type { Question } from '../understanding/question';
import type { FailureCategory, Language } from '../shared/types';
import type { Platform, TenantAsk } from './tenantWords';
import { parseVerbData } from './verbs';
import type { YesNoAbout } from './yesNo';

/** A question whose subject is already an object id (or everyone): what card actions carry, ids only. */
export interface ResolvedQuery {
  intent: 'failures' | 'signins';
  userId: string | null;
  from: string | null;
  to: string | null;
  app: string | null;
  errorCode: number | null;
  correlationId: string | null;
  /** A request id (a sign-in record's id), when the question named one. */
  requestId?: string | null;
  /** A kind of failure (password, lockout, mfa, conditional_access, …), when the question named one. */
  category?: string | null;
  /** "how many …": the answer leads with a number. */
  counting?: boolean;
  /** "how many people …": the number of people leads. */
  countPeople?: boolean;
  /** About everyone: which tenant-wide answer (who failed, who is locked out, which apps/codes/countries). */
  ask?: TenantAsk | null;
  /** Only sign-ins from (or, `outside`, not from) this country (ISO alpha-2); code null: "abroad", outside the country most sign-ins succeed from. */
  country?: { code: string | null; outside: boolean } | null;
  /** Only sign-ins from devices of this platform. */
  platform?: Platform | null;
  /** Only sign-ins of people from other organisations ("which guests …"). */
  guests?: boolean;
  /** "did anyone try to get into my account?": the failed attempts from unfamiliar places answer. */
  intrusion?: boolean;
  /** Filters named in the question that could not be understood (not carried by buttons). */
  unrecognised?: UnappliedFilter[];
  /** About an app or managed identity named like a person (no one in the directory has that name): only their own sign-ins are read. */
  workload?: boolean;
  /** "is there an outage?": the answer leads with yes or no. */
  yesNo?: boolean;
  /** "is my account locked?", "has Miriam's account been disabled?": one account's yes or no leads (answers/yesNo.ts). */
  yesNoAbout?: YesNoAbout;
  /** "why can't I sign in?" (present tense, no time named): the default window is the recent span (see answers/window.ts). */
  aboutNow?: boolean;
  offset?: number;
  /** At most this many attempts on the card. */
  limit?: number;
}

/** A filter the question named that the answer could not apply (a country not recognised, a platform or guests the records do not say). */
export interface UnappliedFilter {
  kind: 'country' | 'platform' | 'guests';
  text: string;
}

export function toResolved(question: Question, userId: string | null): ResolvedQuery {
  return {
    // Counting needs every outcome.
    intent: question.intent === 'signins' || question.intent === 'count' ? 'signins' : 'failures',
    userId,
    from: question.from ? question.from.toISOString() : null,
    to: question.to ? question.to.toISOString() : null,
    app: question.app,
    errorCode: question.errorCode,
    correlationId: question.correlationId,
    ...(question.requestId ? { requestId: question.requestId } : {}),
    ...(question.category ? { category: question.category } : {}),
  };
}

/** Card data back into a query, validated by the card verbs' schema (it came from the client). */
export function parseResolvedQuery(data: Record<string, unknown>): ResolvedQuery | null {
  const parsed = parseVerbData('showMore', data);
  if (!parsed) return null;
  return JSON.parse(JSON.stringify(parsed)) as ResolvedQuery;
}

/** What a button carries for this query (ids only; no paging). */
export function queryData(query: ResolvedQuery, language: Language): Record<string, unknown> {
  const { offset: _offset, limit: _limit, ...rest } = query;
  return JSON.parse(JSON.stringify({ ...rest, language })) as Record<string, unknown>;
}

/** A resolved query as the Question follow-ups build on (its subject is an object id, or everyone). */
export function asQuestion(query: ResolvedQuery, language: Language): Question {
  return {
    intent: query.intent,
    subject: query.userId === null ? { kind: 'anyone' } : { kind: 'objectId', value: query.userId },
    from: query.from ? new Date(query.from) : null,
    to: query.to ? new Date(query.to) : null,
    app: query.app,
    errorCode: query.errorCode,
    correlationId: query.correlationId,
    requestId: query.requestId ?? null,
    category: (query.category as FailureCategory | null | undefined) ?? null,
    language,
    form: {
      counting: query.counting === true,
      yesNo: false,
      outage: query.yesNo === true,
      presentTense: query.aboutNow === true,
      intrusion: false,
    },
    tenantAsk: null,
    country: null,
    platform: null,
    guests: query.guests === true,
    idUnlabelled: false,
    context: 'fresh',
  };
}
