/**
 * Counts for "what is Adele's sign-in pattern?", "how many times did users sign in during a week?"
 * and "what is the status of those sign-ins?": per day (in the asker's zone), per app, per kind of
 * sign-in, successes against failures and the most frequent error codes. Pure data; the wording
 * belongs to the cards.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { isInterrupt } from './catalog';

export interface SignInCounts {
  total: number;
  succeeded: number;
  failed: number;
  /** Prompts the person normally gets past (MFA prompt, "stay signed in?"): neither success nor failure. */
  interrupted: number;
  /** Local calendar day (YYYY-MM-DD) → counts, oldest day first. */
  perDay: Array<{ day: string; total: number; failed: number; succeeded: number }>;
  /** Local hour (YYYY-MM-DDTHH) → counts, oldest first: for patterns within a day or two. */
  perHour: Array<{ hour: string; total: number; failed: number; succeeded: number }>;
  /** Country (ISO alpha-2, as Graph logs it) → counts, most sign-ins first; '?' when not logged. */
  perCountry: Array<{ country: string; total: number; failed: number }>;
  /** Most sign-ins first. */
  perApp: Array<{ app: string; total: number; failed: number }>;
  /** interactiveUser, nonInteractiveUser, servicePrincipal, managedIdentity → count. */
  perEventType: Record<string, number>;
  /** Most frequent failure codes first (interrupts left out). */
  topCodes: Array<{ code: number; count: number }>;
  /** Every hour (a window of two days or less) or day of the window, empty ones included: what a chart draws. */
  timeline: {
    bucket: 'hour' | 'day';
    points: Array<{ key: string; total: number; failed: number; succeeded: number }>;
  };
  /**
   * The sign-ins were narrowed to one kind of failure (a code, a category) before counting: no success was read,
   * so "0 succeeded" would be a claim the log never made.
   */
  onlyFailures?: true;
}

/** The most frequent failure codes kept. */
const TOP_CODES = 5;

/** Windows up to this long are drawn per hour, longer ones per day. */
const HOURLY_UP_TO_MS = 48 * 3_600_000;

const outcome = (r: SignIn): 'succeeded' | 'failed' | 'interrupted' => {
  const code = r.status?.errorCode ?? 0;
  if (code === 0) return 'succeeded';
  return isInterrupt(code) ? 'interrupted' : 'failed';
};

/** One day of `timeZone` as YYYY-MM-DD. */
function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** One hour of `timeZone` as YYYY-MM-DDTHH. */
function localHour(at: Date, timeZone: string): string {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at);
  return `${localDay(at, timeZone)}T${hour}`;
}

type Bucket = { total: number; failed: number; succeeded: number };
function add(map: Map<string, Bucket>, key: string, result: 'succeeded' | 'failed' | 'interrupted'): void {
  const b = map.get(key) ?? { total: 0, failed: 0, succeeded: 0 };
  b.total++;
  if (result === 'failed') b.failed++;
  if (result === 'succeeded') b.succeeded++;
  map.set(key, b);
}

export function countSignIns(
  records: SignIn[],
  timeZone: string,
  window?: { from: Date; to: Date },
  narrowedTo: { onlyFailures?: boolean } = {},
): SignInCounts {
  const counts: SignInCounts = {
    total: 0,
    succeeded: 0,
    failed: 0,
    interrupted: 0,
    perDay: [],
    perHour: [],
    perCountry: [],
    perApp: [],
    perEventType: {},
    topCodes: [],
    timeline: { bucket: 'day', points: [] },
    ...(narrowedTo.onlyFailures ? { onlyFailures: true as const } : {}),
  };
  const days = new Map<string, Bucket>();
  const hours = new Map<string, Bucket>();
  const countries = new Map<string, Bucket>();
  const apps = new Map<string, { total: number; failed: number }>();
  const codes = new Map<number, number>();
  for (const r of records) {
    const result = outcome(r);
    counts.total++;
    counts[result]++;
    const failed = result === 'failed' ? 1 : 0;
    const at = new Date(r.createdDateTime as string);
    if (!Number.isNaN(at.getTime())) {
      add(days, localDay(at, timeZone), result);
      add(hours, localHour(at, timeZone), result);
    }
    add(countries, r.location?.countryOrRegion || '?', result);
    const appName = r.appDisplayName || (r as { servicePrincipalName?: string }).servicePrincipalName || '?';
    const app = apps.get(appName) ?? { total: 0, failed: 0 };
    app.total++;
    app.failed += failed;
    apps.set(appName, app);
    const types = (r as { signInEventTypes?: string[] }).signInEventTypes;
    const kind = types?.[0] ?? (r.isInteractive === false ? 'nonInteractiveUser' : 'interactiveUser');
    counts.perEventType[kind] = (counts.perEventType[kind] ?? 0) + 1;
    if (failed) codes.set(r.status!.errorCode!, (codes.get(r.status!.errorCode!) ?? 0) + 1);
  }
  counts.perDay = [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, c]) => ({ day, ...c }));
  counts.perHour = [...hours].sort(([a], [b]) => a.localeCompare(b)).map(([hour, c]) => ({ hour, ...c }));
  counts.perCountry = [...countries]
    .sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))
    .map(([country, c]) => ({ country, total: c.total, failed: c.failed }));
  counts.perApp = [...apps]
    .sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))
    .map(([app, c]) => ({ app, ...c }));
  counts.timeline = timeline(days, hours, timeZone, window);
  counts.topCodes = [...codes]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, TOP_CODES)
    .map(([code, count]) => ({ code, count }));
  return counts;
}

/** The window's hours or days in order, each with its counts (zero when nothing happened then). */
function timeline(
  days: Map<string, Bucket>,
  hours: Map<string, Bucket>,
  timeZone: string,
  window?: { from: Date; to: Date },
): SignInCounts['timeline'] {
  const known = (map: Map<string, Bucket>) => [...map.keys()].sort();
  if (!window) {
    return { bucket: 'day', points: known(days).map((key) => ({ key, ...days.get(key)! })) };
  }
  const hourly = window.to.getTime() - window.from.getTime() <= HOURLY_UP_TO_MS;
  const map = hourly ? hours : days;
  const keyOf = hourly ? localHour : localDay;
  const keys: string[] = [];
  // Step an hour at a time (days included: DST days are 23 or 25 hours long); keep each key once.
  for (let t = window.from.getTime(); t <= window.to.getTime(); t += 3_600_000) {
    const key = keyOf(new Date(t), timeZone);
    if (keys[keys.length - 1] !== key) keys.push(key);
  }
  const last = keyOf(window.to, timeZone);
  if (keys[keys.length - 1] !== last) keys.push(last);
  return {
    bucket: hourly ? 'hour' : 'day',
    points: keys.map((key) => ({ key, ...(map.get(key) ?? { total: 0, failed: 0, succeeded: 0 }) })),
  };
}
