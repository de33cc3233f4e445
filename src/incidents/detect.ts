/**
 * Incident detection over the live index's failures: a pure function of the records, the clock and
 * the thresholds, so that every instance holding the same index finds the same incidents.
 *
 * Failures (interrupts and ignored codes left out) are grouped by what they share — one app, one
 * code, one failing Conditional Access policy, 50053 (a lockout wave), 50126 from one address (a
 * password spray) — and each group is cut into runs wherever it was quiet for `quietMinutes`. A
 * run is an incident once some `windowMinutes` of it held failures of at least the threshold of
 * distinct people; it is resolved when its last failure is `quietMinutes` old. One cause usually
 * shows up in several groups (a policy blocking one app fails that app and that code too): the most
 * specific group is kept and the others, mostly the same people, are dropped.
 */
import { createHash } from 'node:crypto';
import { isInterrupt } from '../diagnosis/catalog';
import type { FailureRecord, Incident, IncidentKind, IncidentThresholds } from './types';

const MINUTE = 60_000;
/** Most specific first: which of several groups with the same people names the incident. */
const PRIORITY: IncidentKind[] = ['password-spray', 'lockout-wave', 'policy', 'app', 'code'];

/** An incident as detected, before the registry settles its id across instances. */
export interface DetectedIncident extends Incident {
  /** Hash of the kind and what the group shares (an address stays inside the hash). */
  groupKey: string;
}

interface Group {
  kind: IncidentKind;
  value: string;
  minPeople: number;
  records: FailureRecord[];
}

export function detectIncidents(
  records: readonly FailureRecord[],
  now: number,
  t: IncidentThresholds,
): DetectedIncident[] {
  const from = now - t.lookbackHours * 60 * MINUTE;
  const failures = records.filter(
    (r) => r.code !== 0 && !isInterrupt(r.code) && r.time >= from && r.time <= now && r.userId,
  );
  const candidates: DetectedIncident[] = [];
  for (const group of groupsOf(failures, t).values()) {
    group.records.sort((a, b) => a.time - b.time);
    for (const run of runsOf(group.records, t.quietMinutes * MINUTE)) {
      if (!crosses(run, group.minPeople, t.windowMinutes * MINUTE)) continue;
      candidates.push(incidentOf(group, run, now, from, t));
    }
  }
  return dropSameCause(candidates, t.sameCauseShare);
}

function groupsOf(failures: FailureRecord[], t: IncidentThresholds): Map<string, Group> {
  const groups = new Map<string, Group>();
  const add = (kind: IncidentKind, value: string, minPeople: number, record: FailureRecord) => {
    const key = `${kind}\u0000${value}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { kind, value, minPeople, records: [] }));
    group.records.push(record);
  };
  for (const r of failures) {
    if (t.passwordSpray.codes.includes(r.code) && r.ipAddress)
      add('password-spray', r.ipAddress, t.passwordSpray.minAccounts, r);
    if (t.lockoutWave.codes.includes(r.code)) add('lockout-wave', String(r.code), t.lockoutWave.minPeople, r);
    for (const policy of new Set(r.failedPolicies.map((p) => p.name)))
      add('policy', policy, t.policyFailing.minPeople, r);
    if (r.app) add('app', r.app, t.appFailing.minPeople, r);
    add('code', String(r.code), t.codeFailing.minPeople, r);
  }
  return groups;
}

/** Sorted records cut wherever nothing happened for `quietMs`. */
function runsOf(sorted: FailureRecord[], quietMs: number): FailureRecord[][] {
  const runs: FailureRecord[][] = [];
  for (const r of sorted) {
    const run = runs[runs.length - 1];
    if (run && r.time - run[run.length - 1].time < quietMs) run.push(r);
    else runs.push([r]);
  }
  return runs;
}

/** Whether some window of `windowMs` in the run held failures of at least `minPeople` distinct people. */
function crosses(run: FailureRecord[], minPeople: number, windowMs: number): boolean {
  const inWindow = new Map<string, number>();
  let start = 0;
  for (const r of run) {
    inWindow.set(r.userId, (inWindow.get(r.userId) ?? 0) + 1);
    while (r.time - run[start].time >= windowMs) {
      const id = run[start++].userId;
      const left = inWindow.get(id)! - 1;
      if (left === 0) inWindow.delete(id);
      else inWindow.set(id, left);
    }
    if (inWindow.size >= minPeople) return true;
  }
  return false;
}

function incidentOf(
  group: Group,
  run: FailureRecord[],
  now: number,
  from: number,
  t: IncidentThresholds,
): DetectedIncident {
  const since = run[0].time;
  // Less than a quiet gap after the lookback's start: the run may well have begun before it.
  const sinceCutOff = since - from < t.quietMinutes * MINUTE;
  const last = run[run.length - 1].time;
  const userIds = [...new Set(run.map((r) => r.userId.toLowerCase()))].sort();
  const share = t.sameCauseShare;
  const policy =
    group.kind === 'policy'
      ? group.value
      : dominant(
          run.flatMap((r) => r.failedPolicies.map((p) => p.name)),
          run.length,
          share,
        );
  const policyControls = policy
    ? run.flatMap((r) => r.failedPolicies.filter((p) => p.name === policy).flatMap((p) => p.controls))
    : [];
  const app =
    group.kind === 'app'
      ? group.value
      : dominant(
          run.map((r) => r.app),
          run.length,
          share,
        );
  const code =
    group.kind === 'code' || group.kind === 'lockout-wave'
      ? Number(group.value)
      : dominant(
          run.map((r) => r.code),
          run.length,
          share,
        );
  const unmetControl = policy ? dominant(policyControls, policyControls.length, share) : undefined;
  const groupKey = hash(`${group.kind}\u0000${group.value}`);
  return {
    id: incidentId(groupKey, since),
    groupKey,
    kind: group.kind,
    ...(app ? { app } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(policy ? { policy } : {}),
    ...(unmetControl ? { unmetControl } : {}),
    since: new Date(since),
    ...(sinceCutOff ? { sinceCutOffHours: t.lookbackHours } : {}),
    people: userIds.length,
    trend: trendOf(run, now, t),
    trendBucketMinutes: t.trendBucketMinutes,
    lastFailure: new Date(last),
    resolved: now - last >= t.quietMinutes * MINUTE,
    userIds,
  };
}

/** The value at least `share` of `total` have, if any. */
function dominant<T>(values: (T | null | undefined)[], total: number, share: number): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) if (v !== null && v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: [T, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best && total > 0 && best[1] / total >= share ? best[0] : undefined;
}

function trendOf(run: FailureRecord[], now: number, t: IncidentThresholds): number[] {
  const size = t.trendBucketMinutes * MINUTE;
  const start = now - t.trendBuckets * size;
  const buckets = new Array<number>(t.trendBuckets).fill(0);
  for (const r of run) {
    if (r.time <= start || r.time > now) continue;
    buckets[Math.min(t.trendBuckets - 1, Math.floor((r.time - start - 1) / size))]++;
  }
  return buckets;
}

/** Keeps the most specific of groups that are mostly the same people at the same time. */
function dropSameCause(candidates: DetectedIncident[], share: number): DetectedIncident[] {
  const ordered = [...candidates].sort(
    (a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || b.people - a.people,
  );
  const kept: DetectedIncident[] = [];
  for (const c of ordered) {
    const same = kept.some((k) => overlaps(k, c) && sharedPeople(k, c) >= share * c.people);
    if (!same) kept.push(c);
  }
  return kept;
}

function overlaps(a: Incident, b: Incident): boolean {
  return a.since <= b.lastFailure && b.since <= a.lastFailure;
}

function sharedPeople(a: Incident, b: Incident): number {
  const mine = new Set(a.userIds);
  return b.userIds.filter((id) => mine.has(id)).length;
}

function hash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 24);
}

/** The id a new incident gets: its group and its start, to the minute. */
export function incidentId(groupKey: string, since: number): string {
  return `inc-${hash(`${groupKey}|${Math.floor(since / MINUTE)}`).slice(0, 16)}`;
}
