/** A question whose subject is resolved, to and from what card buttons carry (ids only, validated). */
import type { Language, Question } from '../understanding/question';
import type { ResolvedQuery } from './types';

export function toResolved(question: Question, userId: string | null): ResolvedQuery {
  const extra = question as Question & { requestId?: string | null; category?: string | null };
  return {
    intent: question.intent === 'signins' ? 'signins' : 'failures',
    userId,
    from: question.from ? question.from.toISOString() : null,
    to: question.to ? question.to.toISOString() : null,
    app: question.app, errorCode: question.errorCode, correlationId: question.correlationId,
    ...(extra.requestId ? { requestId: extra.requestId } : {}),
    ...(extra.category ? { category: extra.category } : {}),
  };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const GUIDISH = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12,13}$/;
const CATEGORY = /^[a-z_]{1,32}$/;

/** Card data back into a query, validating every field (it came from the client). */
export function parseResolvedQuery(data: Record<string, unknown>): ResolvedQuery | null {
  const date = (v: unknown) => (typeof v === 'string' && ISO.test(v) ? new Date(v).toISOString() : null);
  const given = (v: unknown) => v !== null && v !== undefined;
  const intent = data.intent === 'signins' ? 'signins' : 'failures';
  const code = typeof data.errorCode === 'number' && Number.isSafeInteger(data.errorCode) && data.errorCode >= 0 ? data.errorCode : null;
  const userId = typeof data.userId === 'string' && /^[0-9a-zA-Z-]{1,64}$/.test(data.userId) ? data.userId : null;
  if (given(data.userId) && userId === null) return null;
  const app = typeof data.app === 'string' && /^[\p{L}\p{N} .&()_-]{1,80}$/u.test(data.app) ? data.app : null;
  if (given(data.app) && app === null) return null;
  const correlationId = typeof data.correlationId === 'string' && GUIDISH.test(data.correlationId) ? data.correlationId.toLowerCase() : null;
  if (given(data.correlationId) && correlationId === null) return null;
  const requestId = typeof data.requestId === 'string' && GUIDISH.test(data.requestId) ? data.requestId.toLowerCase() : null;
  if (given(data.requestId) && requestId === null) return null;
  const category = typeof data.category === 'string' && CATEGORY.test(data.category) ? data.category : null;
  if (given(data.category) && category === null) return null;
  const from = date(data.from);
  const to = date(data.to);
  if ((given(data.from) && !from) || (given(data.to) && !to) || (from && to && from >= to)) return null;
  const offset = Number(data.offset);
  return {
    intent, userId, from, to, app, errorCode: code, correlationId,
    ...(requestId ? { requestId } : {}),
    ...(category ? { category } : {}),
    ...(data.counting === true ? { counting: true } : {}),
    ...(data.yesNo === true ? { yesNo: true } : {}),
    offset: Number.isInteger(offset) && offset >= 0 && offset < 100_000 ? offset : undefined,
  };
}

/** What a button carries for this query (ids only; no paging). */
export function queryData(query: ResolvedQuery, language: Language): Record<string, unknown> {
  const { offset: _offset, limit: _limit, ...rest } = query;
  return JSON.parse(JSON.stringify({ ...rest, language })) as Record<string, unknown>;
}

/** A resolved query as the Question follow-ups build on (its subject is an object id, or everyone). */
export function asQuestion(query: ResolvedQuery, language: Language): Question {
  return {
    intent: query.intent, subject: query.userId === null ? { kind: 'anyone' } : { kind: 'objectId', value: query.userId },
    from: query.from ? new Date(query.from) : null, to: query.to ? new Date(query.to) : null,
    app: query.app, errorCode: query.errorCode, correlationId: query.correlationId, language,
  };
}
