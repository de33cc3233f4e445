/** A question whose subject is resolved, to and from what card buttons carry (ids only, validated). */
import type { Question } from '../understanding/question';
import type { FailureCategory, Language } from '../shared/types';
import type { ResolvedQuery } from './types';
import { parseVerbData } from './verbs';

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
    idUnlabelled: false,
    context: 'fresh',
  };
}
