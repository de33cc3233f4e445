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
  perDay: Array<{ day: string; total: number; failed: number }>;
  /** Most sign-ins first. */
  perApp: Array<{ app: string; total: number; failed: number }>;
  /** interactiveUser, nonInteractiveUser, servicePrincipal, managedIdentity → count. */
  perEventType: Record<string, number>;
  /** Most frequent failure codes first (interrupts left out). */
  topCodes: Array<{ code: number; count: number }>;
}

const outcome = (r: SignIn): 'succeeded' | 'failed' | 'interrupted' => {
  const code = r.status?.errorCode ?? 0;
  if (code === 0) return 'succeeded';
  return isInterrupt(code) ? 'interrupted' : 'failed';
};

/** One day of `timeZone` as YYYY-MM-DD. */
function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export function countSignIns(records: SignIn[], timeZone: string, topN = 5): SignInCounts {
  const counts: SignInCounts = { total: 0, succeeded: 0, failed: 0, interrupted: 0, perDay: [], perApp: [], perEventType: {}, topCodes: [] };
  const days = new Map<string, { total: number; failed: number }>();
  const apps = new Map<string, { total: number; failed: number }>();
  const codes = new Map<number, number>();
  for (const r of records) {
    const result = outcome(r);
    counts.total++;
    counts[result]++;
    const failed = result === 'failed' ? 1 : 0;
    const at = new Date(r.createdDateTime as string);
    if (!Number.isNaN(at.getTime())) {
      const day = days.get(localDay(at, timeZone)) ?? { total: 0, failed: 0 };
      day.total++;
      day.failed += failed;
      days.set(localDay(at, timeZone), day);
    }
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
  counts.perApp = [...apps].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0])).map(([app, c]) => ({ app, ...c }));
  counts.topCodes = [...codes].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, topN).map(([code, count]) => ({ code, count }));
  return counts;
}
