/**
 * Raw sign-in records → attempts, failures and findings (typed facts) over the window. No words:
 * the cards word the findings, in the asker's language and for their audience.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { catalog } from './catalog';
import { FINDING_ORDER, POLICY_PERMISSION, type DeviceState, type Finding, type Origin } from './findings';
import { groupAttempts, type Attempt } from './attempts';
import { grantControls } from './grantControls';
import { foldBursts, isBackground, leadOf } from './background';
import type { CodeSummary, Diagnosis, FailedPolicy, Failure } from './types';
import { failingWorkload } from './workloads';
import thresholdsJson from './patterns.json';

export type { Finding, Origin, DeviceState } from './findings';
export { groupAttempts } from './attempts';
export type { Failure, Diagnosis } from './types';

export interface DiagnoseContext {
  tenantWide: boolean;
  thresholds?: Thresholds;
  /** "did … sign in" lists every attempt; "why did … fail" only the failures. */
  intent?: 'failures' | 'signins';
  /** The question is about background sign-ins (token refreshes, "keeps asking"): they may lead. */
  aboutBackground?: boolean;
}

export type Thresholds = typeof thresholdsJson;
export const DEFAULT_THRESHOLDS: Thresholds = thresholdsJson;

/** The default thresholds with a tenant's overrides (PATTERN_THRESHOLDS, checked by the config) laid over them. */
export function thresholdsWith(overrides: Record<string, Record<string, unknown>>): Thresholds {
  const merged = JSON.parse(JSON.stringify(DEFAULT_THRESHOLDS)) as Record<string, Record<string, unknown>>;
  for (const [pattern, values] of Object.entries(overrides)) Object.assign(merged[pattern], values);
  return merged as unknown as Thresholds;
}
const codeOf = (r: SignIn) => r.status?.errorCode ?? 0;
const timeOf = (r: SignIn) => new Date(r.createdDateTime as string);

function failedPolicies(record: SignIn): FailedPolicy[] {
  return (record.appliedConditionalAccessPolicies ?? [])
    .filter((p) => p.result === 'failure')
    .map((p) => ({ name: p.displayName ?? p.id ?? '?', controls: grantControls(p.enforcedGrantControls) }));
}

export function diagnose(records: SignIn[], context: DiagnoseContext): Diagnosis {
  const thresholds = context.thresholds ?? DEFAULT_THRESHOLDS;
  const legacy = new Set(thresholds.legacyProtocol.clients.map((c) => c.toLowerCase()));
  const attempts = groupAttempts(records);
  const toRow = (attempt: Attempt): Failure => {
    const record = attempt.final;
    const client = record.clientAppUsed ?? '';
    return {
      attempt, record, code: codeOf(record), at: timeOf(record), category: catalog().get(codeOf(record))?.category ?? null,
      failedPolicies: failedPolicies(record), legacyClient: legacy.has(client.toLowerCase()) ? client : null, background: isBackground(record),
    };
  };
  const rowsByAttempt = new Map(attempts.map((a) => [a, toRow(a)]));
  const failures = attempts.filter((a) => a.outcome === 'failed').map((a) => rowsByAttempt.get(a)!);
  const rows = foldBursts(context.intent === 'signins' ? attempts.map((a) => rowsByAttempt.get(a)!) : failures, thresholds.backgroundBurst.gapMinutes);

  // Countries each person signed in from successfully in this window: a failure elsewhere is unusual.
  const homeCountries = new Map<string, Set<string>>();
  for (const a of attempts) {
    const country = a.final.location?.countryOrRegion;
    if (a.outcome === 'failed' || !country) continue;
    const user = a.final.userId ?? '';
    homeCountries.set(user, (homeCountries.get(user) ?? new Set()).add(country));
  }
  const originOf = (r: SignIn): Origin => {
    const country = r.location?.countryOrRegion || null;
    const home = homeCountries.get(r.userId ?? '');
    return { ip: r.ipAddress ?? null, city: r.location?.city || null, country, unusualCountry: Boolean(country && home && home.size > 0 && !home.has(country)) };
  };
  const base = (f: Failure) => ({ signInId: f.record.id ?? '', at: f.at, userId: f.record.userId ?? null, userName: f.record.userDisplayName ?? null });
  const findings: Finding[] = [];
  const chronological = [...failures].reverse();

  // Lockout: a run of wrong passwords ending in a lockout code. Several lockouts of one person make one finding.
  const lockouts = new Map<string, { f: Failure; wrong: number }[]>();
  for (let i = 0; i < chronological.length; i++) {
    const f = chronological[i];
    if (!thresholds.lockout.lockoutCodes.includes(f.code)) continue;
    const user = f.record.userId ?? '';
    const previous = lockouts.get(user) ?? [];
    const last = previous[previous.length - 1];
    if (last && f.at.getTime() - last.f.at.getTime() < 60 * 60_000) continue;
    let wrong = 0;
    for (let j = i - 1; j >= 0; j--) {
      const prev = chronological[j];
      if (prev.record.userId !== f.record.userId) continue;
      if (f.at.getTime() - prev.at.getTime() > 60 * 60_000) break;
      if (thresholds.lockout.wrongPasswordCodes.includes(prev.code)) wrong++;
      else if (!thresholds.lockout.lockoutCodes.includes(prev.code)) break;
    }
    if (wrong >= thresholds.lockout.minWrongPasswords) lockouts.set(user, [...previous, { f, wrong }]);
  }
  for (const list of lockouts.values()) {
    const latest = list[list.length - 1];
    findings.push({ kind: 'lockout', ...base(latest.f), wrongPasswords: latest.wrong, times: list.length, origin: originOf(latest.f.record) });
  }

  // MFA fatigue: many denied or unanswered MFA requests in a short time; one finding per person.
  const fatigue = new Map<string, Failure[][]>();
  slidingBursts(chronological.filter((f) => thresholds.mfaFatigue.codes.includes(f.code)), thresholds.mfaFatigue.windowMinutes, (f) => f.record.userId ?? '', (burst) => {
    if (burst.length < thresholds.mfaFatigue.minDenied) return false;
    const user = burst[0].record.userId ?? '';
    fatigue.set(user, [...(fatigue.get(user) ?? []), burst]);
    return true;
  });
  for (const bursts of fatigue.values()) {
    const latest = bursts[bursts.length - 1];
    const newest = latest[latest.length - 1];
    findings.push({ kind: 'mfaFatigue', ...base(newest), at: latest[0].at, requests: latest.length, bursts: bursts.length, minutes: thresholds.mfaFatigue.windowMinutes, origin: originOf(newest.record) });
  }

  // Password spray (tenant-wide only): one IP, wrong passwords for many people in a short time.
  if (context.tenantWide) {
    slidingBursts(chronological.filter((f) => thresholds.passwordSpray.codes.includes(f.code)), thresholds.passwordSpray.windowMinutes, (f) => f.record.ipAddress ?? '', (burst) => {
      const users = new Set(burst.map((f) => f.record.userId ?? f.record.userPrincipalName));
      if (users.size < thresholds.passwordSpray.minUsers) return false;
      const newest = burst[burst.length - 1];
      findings.push({ kind: 'passwordSpray', ...base(newest), userId: null, userName: null, at: burst[0].at, users: users.size, minutes: thresholds.passwordSpray.windowMinutes, origin: originOf(newest.record) });
      return true;
    });
  }

  // Conditional Access: which policy stopped the person, with which unmet control.
  if (!context.tenantWide) {
    const byPolicy = new Map<string, Failure[]>();
    for (const f of failures) for (const p of f.failedPolicies) byPolicy.set(p.name, [...(byPolicy.get(p.name) ?? []), f]);
    for (const [policy, list] of byPolicy) {
      const latest = list[0];
      const controls = latest.failedPolicies.find((p) => p.name === policy)?.controls ?? [];
      const aboutDevice = controls.some((c) => c === 'CompliantDevice' || c === 'DomainJoinedDevice');
      findings.push({
        kind: 'conditionalAccess', ...base(latest), policy, controls, block: controls.includes('Block'), count: list.length,
        app: latest.record.appDisplayName ?? null, origin: originOf(latest.record), device: aboutDevice ? deviceState(latest.record) : null,
      });
    }
    // Conditional Access stopped it, but Graph left the policies out (no policy permission): still said, without a name.
    const hidden = failures.filter((f) => f.failedPolicies.length === 0 && f.record.appliedConditionalAccessPolicies == null
      && (f.record.conditionalAccessStatus === 'failure' || f.category === 'conditional_access'));
    if (hidden.length > 0) {
      const latest = hidden[0];
      findings.push({
        kind: 'conditionalAccess', ...base(latest), policy: null, controls: [], block: latest.code === 53003, count: hidden.length,
        app: latest.record.appDisplayName ?? null, origin: originOf(latest.record), device: null, policyHiddenFor: POLICY_PERMISSION,
      });
    }
  }

  // Expired passwords: the fix is a place to change it, not a reset by the helpdesk.
  const expiredCodes = (thresholds as Thresholds & { expiredPassword?: { codes: number[] } }).expiredPassword?.codes ?? [];
  const expired = failures.filter((f) => expiredCodes.includes(f.code));
  if (expired.length > 0 && !context.tenantWide) {
    findings.push({ kind: 'expiredPassword', ...base(expired[0]), code: expired[0].code, count: expired.length, app: expired[0].record.appDisplayName ?? null });
  }

  // One app failing for many people with the same code (tenant-wide only).
  if (context.tenantWide) {
    const byAppCode = new Map<string, Failure[]>();
    for (const f of failures) {
      const key = `${f.record.appDisplayName}|${f.code}`;
      byAppCode.set(key, [...(byAppCode.get(key) ?? []), f]);
    }
    for (const list of byAppCode.values()) {
      const users = new Set(list.map((f) => f.record.userId));
      if (users.size >= thresholds.appFailingForMany.minUsers && !thresholds.passwordSpray.codes.includes(list[0].code)) {
        findings.push({ kind: 'appFailingForMany', ...base(list[0]), userId: null, userName: null, app: list[0].record.appDisplayName ?? '?', code: list[0].code, users: users.size });
      }
    }
  }

  // Account loops: a disabled or expired account keeps being tried (an expired password is its own finding).
  if (!context.tenantWide) {
    for (const code of thresholds.accountLoop.codes.filter((c) => !expiredCodes.includes(c))) {
      const hits = failures.filter((f) => f.code === code);
      if (hits.length >= thresholds.accountLoop.minAttempts) findings.push({ kind: 'accountLoop', ...base(hits[0]), code, count: hits.length });
    }
  }

  const legacyFailures = failures.filter((f) => f.legacyClient);
  if (legacyFailures.length > 0) {
    findings.push({ kind: 'legacyProtocol', ...base(legacyFailures[0]), clients: [...new Set(legacyFailures.map((f) => f.legacyClient!))], count: legacyFailures.length });
  }

  // Unusual location, unless a lockout or MFA fatigue already says where the attempts came from.
  if (!context.tenantWide && !findings.some((f) => f.kind === 'lockout' || f.kind === 'mfaFatigue')) {
    const unusual = failures.filter((f) => originOf(f.record).unusualCountry);
    if (unusual.length > 0) findings.push({ kind: 'unusualLocation', ...base(unusual[0]), count: unusual.length, origin: originOf(unusual[0].record) });
  }

  findings.sort((a, b) => FINDING_ORDER.indexOf(a.kind) - FINDING_ORDER.indexOf(b.kind) || b.at.getTime() - a.at.getTime());
  const lead = leadOf(failures, findings, context.aboutBackground ?? false);
  return {
    attempts, failures, rows, findings, headline: lead.headline, leadFinding: lead.finding,
    workload: context.tenantWide ? failingWorkload(records) : null,
    promptedThenSucceeded: attempts.filter((a) => a.outcome === 'promptedThenSucceeded').length,
    succeeded: attempts.filter((a) => a.outcome === 'succeeded').length,
    byCode: summarizeByCode(failures),
    apps: [...new Set(failures.map((f) => f.record.appDisplayName).filter(Boolean) as string[])],
    countries: [...new Set(failures.map((f) => f.record.location?.countryOrRegion).filter(Boolean) as string[])],
    people: new Set(failures.map((f) => f.record.userId ?? f.record.userPrincipalName)).size,
    peopleSeen: new Set(attempts.map((a) => a.final.userId ?? a.final.userPrincipalName)).size,
    recordCount: records.length,
  };
}

/** What Entra knew of the device, for device controls. */
function deviceState(record: SignIn): DeviceState {
  const d = record.deviceDetail;
  return {
    name: d?.displayName || null, os: d?.operatingSystem || null, browser: d?.browser || null, known: Boolean(d?.deviceId),
    compliant: d?.deviceId ? d.isCompliant ?? null : null, managed: d?.deviceId ? d.isManaged ?? null : null, trust: d?.trustType || null,
  };
}

function summarizeByCode(failures: Failure[]): CodeSummary[] {
  const map = new Map<number, CodeSummary>();
  for (const f of failures) {
    const s = map.get(f.code);
    if (s) {
      s.count++;
      if (f.at < s.first) s.first = f.at;
      if (f.at > s.last) s.last = f.at;
    } else map.set(f.code, { code: f.code, count: 1, first: f.at, last: f.at });
  }
  return [...map.values()].sort((a, b) => b.count - a.count || b.last.getTime() - a.last.getTime());
}

/**
 * Walks failures (oldest first) grouped by `groupKey`, and offers each maximal burst inside
 * `windowMinutes` to `report`; a reported burst is skipped past so it is not reported twice.
 */
function slidingBursts(items: Failure[], windowMinutes: number, groupKey: (f: Failure) => string, report: (burst: Failure[]) => boolean): void {
  const groups = new Map<string, Failure[]>();
  for (const f of items) groups.set(groupKey(f), [...(groups.get(groupKey(f)) ?? []), f]);
  for (const list of groups.values()) {
    let start = 0;
    while (start < list.length) {
      let end = start;
      while (end + 1 < list.length && list[end + 1].at.getTime() - list[start].at.getTime() <= windowMinutes * 60_000) end++;
      if (report(list.slice(start, end + 1))) start = end + 1;
      else start++;
    }
  }
}
