/**
 * Tenant-wide questions as data: who failed (people ranked, each with their main cause), who was
 * locked out (and whether they signed in since), and which apps, codes and countries fail most.
 * Built from a diagnosis (attempts, failures, findings), so it agrees with every other answer about
 * the same records. No words: the cards word it.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { Category } from './catalogTypes';
import type { Diagnosis, Failure } from './diagnose';
import type { FindingKind } from './findings';

export interface PersonFailures {
  userId: string;
  name: string;
  upn: string;
  failures: number;
  /** The code most of their failures had (newest wins a tie). */
  mainCode: number;
  mainCategory: Category | null;
  /** A pattern found for this person (lockout, MFA fatigue): it says more than the code. */
  finding: FindingKind | null;
  first: Date;
  last: Date;
  /** The newest failure, for the row's details. */
  latestSignInId: string;
}

export interface LockedOutPerson {
  userId: string;
  name: string;
  /** The first and the newest lockout in the window. */
  first: Date;
  last: Date;
  lockouts: number;
  /** Their first successful sign-in after the newest lockout; null: none since (may still be locked). */
  signedInSince: Date | null;
  city: string | null;
  country: string | null;
}

export interface Tally {
  key: string;
  failures: number;
  people: number;
}

export interface TenantBreakdown {
  failures: number;
  people: PersonFailures[];
  lockedOut: LockedOutPerson[];
  apps: Tally[];
  codes: Tally[];
  countries: Tally[];
}

const userOf = (r: SignIn) => r.userId ?? r.userPrincipalName ?? '?';

/** Findings about one person that name their problem better than a code. */
const PERSON_FINDINGS: FindingKind[] = [
  'lockout',
  'mfaFatigue',
  'expiredPassword',
  'accountLoop',
  'conditionalAccess',
  'legacyProtocol',
];

export function tenantBreakdown(d: Diagnosis, lockoutCodes: number[]): TenantBreakdown {
  const byPerson = new Map<string, Failure[]>();
  for (const f of d.failures) byPerson.set(userOf(f.record), [...(byPerson.get(userOf(f.record)) ?? []), f]);
  const people: PersonFailures[] = [...byPerson].map(([userId, list]) => {
    const codes = new Map<number, number>();
    for (const f of list) codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
    // list is newest first: the first code to reach the top count is the newest of the most frequent.
    const top = Math.max(...codes.values());
    const main = list.find((f) => codes.get(f.code) === top)!;
    const finding = d.findings.find((x) => x.userId === userId && PERSON_FINDINGS.includes(x.kind))?.kind ?? null;
    return {
      userId,
      name: list[0].record.userDisplayName ?? list[0].record.userPrincipalName ?? userId,
      upn: list[0].record.userPrincipalName ?? '',
      failures: list.length,
      mainCode: main.code,
      mainCategory: main.category,
      finding,
      first: list[list.length - 1].at,
      last: list[0].at,
      latestSignInId: list[0].record.id ?? '',
    };
  });
  // A pattern first (it is what the helpdesk acts on), then the most failures, then the newest.
  people.sort(
    (a, b) =>
      Number(b.finding !== null) - Number(a.finding !== null) ||
      b.failures - a.failures ||
      b.last.getTime() - a.last.getTime(),
  );
  return {
    failures: d.failures.length,
    people,
    lockedOut: lockedOut(d, lockoutCodes),
    apps: tally(d.failures, (f) => f.record.appDisplayName ?? null),
    codes: tally(d.failures, (f) => String(f.code)),
    countries: tally(d.failures, (f) => f.record.location?.countryOrRegion || null),
  };
}

function lockedOut(d: Diagnosis, lockoutCodes: number[]): LockedOutPerson[] {
  const byPerson = new Map<string, Failure[]>();
  for (const f of d.failures)
    if (lockoutCodes.includes(f.code)) byPerson.set(userOf(f.record), [...(byPerson.get(userOf(f.record)) ?? []), f]);
  const list = [...byPerson].map(([userId, locks]) => {
    const last = locks[0];
    const since = d.attempts
      .filter(
        (a) =>
          userOf(a.final) === userId &&
          (a.outcome === 'succeeded' || a.outcome === 'promptedThenSucceeded') &&
          a.at > last.at,
      )
      .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    return {
      userId,
      name: last.record.userDisplayName ?? last.record.userPrincipalName ?? userId,
      first: locks[locks.length - 1].at,
      last: last.at,
      lockouts: locks.length,
      signedInSince: since?.at ?? null,
      city: last.record.location?.city || null,
      country: last.record.location?.countryOrRegion || null,
    };
  });
  // Those with no sign-in since first (they may still be locked out), newest lockout first.
  return list.sort(
    (a, b) =>
      Number(a.signedInSince !== null) - Number(b.signedInSince !== null) || b.last.getTime() - a.last.getTime(),
  );
}

function tally(failures: Failure[], keyOf: (f: Failure) => string | null): Tally[] {
  const map = new Map<string, { failures: number; people: Set<string> }>();
  for (const f of failures) {
    const key = keyOf(f);
    if (!key) continue;
    const entry = map.get(key) ?? { failures: 0, people: new Set<string>() };
    entry.failures++;
    entry.people.add(userOf(f.record));
    map.set(key, entry);
  }
  return [...map]
    .map(([key, e]) => ({ key, failures: e.failures, people: e.people.size }))
    .sort((a, b) => b.failures - a.failures || b.people - a.people || a.key.localeCompare(b.key));
}
