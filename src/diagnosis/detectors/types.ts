/** What every detector is given, and what it is: one kind of finding, looked for in one window of failures. */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { Finding, FindingKind, Origin } from '../findings';
import type { Failure } from '../types';
import type { Thresholds } from '../thresholds';

export interface DetectorInput {
  /** Newest first. */
  failures: Failure[];
  /** Oldest first. */
  chronological: Failure[];
  thresholds: Thresholds;
  /** Where a record came from, with whether its country is unusual for the person in this window. */
  originOf: (record: SignIn) => Origin;
  /** The findings of the detectors before this one in the table. */
  found: readonly Finding[];
}

export interface Detector {
  /** The kind of finding it makes. */
  kind: FindingKind;
  /** 'person': only about one person's sign-ins; 'tenant': only tenant-wide; 'any': both. */
  scope: 'person' | 'tenant' | 'any';
  detect(input: DetectorInput): Finding[];
}

/**
 * The fields every finding has: who and the newest failure from `newest`, "since" and the evidence
 * from all the failures behind it (`all`, in any order; `newest` alone when not given).
 */
export function base(newest: Failure, all: readonly Failure[] = [newest]) {
  const ordered = [...all].sort((a, b) => b.at.getTime() - a.at.getTime());
  const last = ordered[0] ?? newest;
  return {
    signInId: last.record.id ?? '',
    at: last.at,
    first: ordered[ordered.length - 1]?.at ?? newest.at,
    evidence: ordered.map((f) => f.record.id ?? '').filter(Boolean),
    userId: newest.record.userId ?? null,
    userName: newest.record.userDisplayName ?? null,
  };
}

/**
 * Walks failures (oldest first) grouped by `groupKey`, and offers each maximal burst inside
 * `windowMinutes` to `report`; a reported burst is skipped past so it is not reported twice.
 */
export function slidingBursts(
  items: Failure[],
  windowMinutes: number,
  groupKey: (f: Failure) => string,
  report: (burst: Failure[]) => boolean,
): void {
  const groups = new Map<string, Failure[]>();
  for (const f of items) groups.set(groupKey(f), [...(groups.get(groupKey(f)) ?? []), f]);
  for (const list of groups.values()) {
    let start = 0;
    while (start < list.length) {
      let end = start;
      while (end + 1 < list.length && list[end + 1].at.getTime() - list[start].at.getTime() <= windowMinutes * 60_000)
        end++;
      if (report(list.slice(start, end + 1))) start = end + 1;
      else start++;
    }
  }
}

/** Codes the expired-password detector claims (an account loop leaves them to it). */
export function expiredCodes(thresholds: Thresholds): number[] {
  return (thresholds as Thresholds & { expiredPassword?: { codes: number[] } }).expiredPassword?.codes ?? [];
}
