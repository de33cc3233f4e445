/**
 * The one place that decides whether an indexed sign-in answers a question, mirroring the server-side
 * filter of the per-question read (buildSignInFilter): same fields, same comparisons.
 *
 * To teach the index a new SignInQuery field: add its name to INDEXED_QUERY_FIELDS and its test to
 * matchesQuery (and, if it needs a record field the index does not keep, to PROJECTED_FIELDS).
 * Until then a query that uses the field is not answerable here and goes to Graph.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { SignInQuery } from '../signInLog';
import { appMatch, matchesApp, type AppMatch } from '../appMatch';

export const INDEXED_QUERY_FIELDS: ReadonlySet<string> = new Set([
  'userId',
  'from',
  'to',
  'app',
  'errorCode',
  'correlationId',
]);

/** True when every field the query sets is one the index can match. */
export function indexCanMatch(query: SignInQuery): boolean {
  return Object.entries(query).every(
    ([key, value]) => value === undefined || value === null || INDEXED_QUERY_FIELDS.has(key),
  );
}

/** A query prepared once for many records (lower-cased strings, times as numbers). */
export interface PreparedQuery {
  userId: string | null;
  from: number;
  to: number;
  app: AppMatch | null;
  errorCode: number | null;
  correlationId: string | null;
}

export function prepareQuery(query: SignInQuery): PreparedQuery {
  return {
    userId: query.userId ? query.userId.toLowerCase() : null,
    from: query.from.getTime(),
    to: query.to.getTime(),
    app: query.app ? appMatch(query.app) : null,
    errorCode: query.errorCode ?? null,
    correlationId: query.correlationId ? query.correlationId.toLowerCase() : null,
  };
}

/** The record fields the match reads (a full SignIn or an indexed one). */
export type MatchableSignIn = Pick<SignIn, 'userId' | 'appId' | 'appDisplayName' | 'status' | 'correlationId'>;

/** `time` is the record's createdDateTime in ms (the index keeps it parsed). */
export function matchesQuery(record: MatchableSignIn, time: number, q: PreparedQuery): boolean {
  // createdDateTime ge from and le to
  if (time < q.from || time > q.to) return false;
  if (q.userId !== null && String(record.userId ?? '').toLowerCase() !== q.userId) return false;
  // The app as the direct read picks it out (appMatch.ts): by app id or display name, without regard to case.
  if (q.app !== null && !matchesApp(record, q.app)) return false;
  if (q.errorCode !== null && record.status?.errorCode !== q.errorCode) return false;
  if (q.correlationId !== null && String(record.correlationId ?? '').toLowerCase() !== q.correlationId) return false;
  return true;
}
