/**
 * The window of a question that names no time.
 *
 * "why can't I sign in?" / "waarom kan ik niet inloggen?" (present tense) is about now: the last
 * 24 hours, never more than DEFAULT_WINDOW_DAYS — the same whatever SIGNIN_INDEX_HOURS is, so that
 * the index and a direct read answer the same question alike. 24 h is what the live index holds by
 * default, so the question everybody asks during an incident is answered from
 * memory instead of costing one of Graph's 5 sign-in log reads per 10 s — and a failure from now is
 * what such an asker means; last week's is not the reason they cannot sign in now. Past tense or a
 * question without a verb ("why did Megan fail", "Megan's sign-ins") keeps DEFAULT_WINDOW_DAYS;
 * named times always mean what they say. A request or correlation id names one attempt, and people paste last
 * week's error screen: without a time it is looked for over the log's whole retention (LOG_RETENTION_DAYS).
 */
import type { Config } from '../config';
import type { AnswerWindow, ResolvedQuery } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The recent window: the span the live index fills first (SIGNIN_INDEX_HOURS=auto's first 24 h), so that it lies inside the index. */
const NOW_HOURS = 24;

function nowHours(config: Config): number {
  return Math.min(NOW_HOURS, config.defaultWindowDays * 24);
}

const namesAnAttempt = (query: ResolvedQuery) => Boolean(query.requestId || query.correlationId);

/** How far back a question without a time looks (the outage question's hour is the caller's). */
export function defaultWindowMs(config: Config, query: ResolvedQuery): number {
  if (namesAnAttempt(query)) return config.logRetentionDays * DAY;
  return query.aboutNow ? nowHours(config) * HOUR : config.defaultWindowDays * DAY;
}

/** What the card says about a default window: days, hours, or nothing when a time was named. */
export function defaultWindowNote(
  config: Config,
  query: ResolvedQuery,
  defaulted: boolean,
): Pick<AnswerWindow, 'defaultDays' | 'defaultHours'> {
  if (!defaulted || query.yesNo) return { defaultDays: null };
  if (namesAnAttempt(query)) return { defaultDays: config.logRetentionDays };
  return query.aboutNow
    ? { defaultDays: null, defaultHours: nowHours(config) }
    : { defaultDays: config.defaultWindowDays };
}
