/**
 * Raw sign-in records → attempts, failures with their explanation, and patterns over the window.
 *
 * An attempt is every record sharing a correlationId. Its last record decides the outcome: an
 * interrupt (MFA prompt, "stay signed in?") followed by success is "prompted, then succeeded",
 * not a failure.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { Language } from '../understanding/question';
import type { Audience } from './catalogTypes';
import { explain, isInterrupt, type Explanation } from './catalog';
import { localDateTime, localTime } from '../time';
import thresholdsJson from './patterns.json';
import textsJson from './texts.json';

export type Outcome = 'succeeded' | 'promptedThenSucceeded' | 'interrupted' | 'failed';

export interface Attempt {
  correlationId: string;
  /** Oldest first. */
  records: SignIn[];
  final: SignIn;
  at: Date;
  outcome: Outcome;
}

export interface FailedPolicy {
  name: string;
  /** The grant controls the policy asked for and that were not met (Block, Mfa, CompliantDevice, …). */
  controls: string[];
}

/** An attempt with its deciding record explained (a failure, or any attempt when listing sign-ins). */
export interface Failure {
  attempt: Attempt;
  record: SignIn;
  code: number;
  at: Date;
  explanation: Explanation;
  failedPolicies: FailedPolicy[];
  /** The legacy client (IMAP4, POP3, …) when the attempt used one. */
  legacyClient: string | null;
}

export type PatternKind = 'lockout' | 'conditionalAccess' | 'passwordSpray' | 'mfaFatigue' | 'unusualLocation' | 'accountLoop' | 'legacyProtocol' | 'appFailingForMany';

export interface Pattern {
  kind: PatternKind;
  headline: string;
  at: Date;
}

export interface CodeSummary {
  code: number;
  title: string;
  count: number;
  first: Date;
  last: Date;
}

export interface Diagnosis {
  attempts: Attempt[];
  /** Newest first. */
  failures: Failure[];
  /** What the card lists, newest first: the failures, or every attempt when the question was about sign-ins. */
  rows: Failure[];
  promptedThenSucceeded: number;
  succeeded: number;
  patterns: Pattern[];
  byCode: CodeSummary[];
  apps: string[];
  countries: string[];
  /** Devices of the failed attempts: name, or OS and browser when the device is unknown to Entra. */
  devices: string[];
  people: number;
  headline: string;
  notes: string[];
}

export interface DiagnoseContext {
  language: Language;
  audience: Audience;
  timeZone: string;
  /** How the subject is named in sentences: a display name, or "You". */
  subjectName: string;
  /** The asker asks about themselves: sentences say "you". */
  self?: boolean;
  tenantWide: boolean;
  window: { from: Date; to: Date };
  retentionDays: number;
  /** Set when the asked range started before the log's retention and was clamped. */
  clampedFrom?: Date;
  truncated?: boolean;
  thresholds?: Thresholds;
  /** "did … sign in" lists every attempt; "why did … fail" only the failures. */
  intent?: 'failures' | 'signins';
}

export type Thresholds = typeof thresholdsJson;
export const DEFAULT_THRESHOLDS: Thresholds = thresholdsJson;

/** The default thresholds with a tenant's overrides (PATTERN_THRESHOLDS, checked by the config) laid over them. */
export function thresholdsWith(overrides: Record<string, Record<string, unknown>>): Thresholds {
  const merged = JSON.parse(JSON.stringify(DEFAULT_THRESHOLDS)) as Record<string, Record<string, unknown>>;
  for (const [pattern, values] of Object.entries(overrides)) Object.assign(merged[pattern], values);
  return merged as unknown as Thresholds;
}
type TextKey = Exclude<keyof typeof textsJson.en, 'grantControls' | 'deviceWords'>;

/** Conditional Access grant controls in words ("a compliant device or multifactor authentication"). */
export function describeControls(controls: string[], language: Language): string {
  const words = textsJson[language].grantControls as Record<string, string>;
  return controls.map((c) => words[c] ?? c).join(textsJson[language].or) || '?';
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => (key in values ? String(values[key]) : `{${key}}`));
}

const codeOf = (r: SignIn) => r.status?.errorCode ?? 0;
const timeOf = (r: SignIn) => new Date(r.createdDateTime as string);
const place = (r: SignIn) => [r.location?.city, r.location?.countryOrRegion].filter(Boolean).join(', ') || '?';

/** Rows of one correlation id further apart than this are separate attempts (a client can reuse an id). */
const ATTEMPT_GAP_MS = 15 * 60_000;

/**
 * Records → attempts: the rows of one correlation id, oldest first, cut after every real failure
 * (a wrong password, then the right one, is a failure and then a success) and at long gaps.
 * Interrupts (MFA prompt, "stay signed in?") stay in the attempt they interrupted.
 */
export function groupAttempts(records: SignIn[]): Attempt[] {
  const groups = new Map<string, SignIn[]>();
  for (const record of records) {
    const key = record.correlationId || `record:${record.id}`;
    const list = groups.get(key);
    if (list) list.push(record);
    else groups.set(key, [record]);
  }
  const attempts: Attempt[] = [];
  for (const [correlationId, list] of groups) {
    list.sort((a, b) => timeOf(a).getTime() - timeOf(b).getTime());
    let current: SignIn[] = [];
    const close = () => {
      if (current.length > 0) attempts.push(attemptOf(correlationId, current));
      current = [];
    };
    for (const record of list) {
      const last = current[current.length - 1];
      if (last && timeOf(record).getTime() - timeOf(last).getTime() > ATTEMPT_GAP_MS) close();
      current.push(record);
      const code = codeOf(record);
      if (code !== 0 && !isInterrupt(code)) close();
    }
    close();
  }
  return attempts.sort((a, b) => b.at.getTime() - a.at.getTime());
}

function attemptOf(correlationId: string, records: SignIn[]): Attempt {
  const final = records[records.length - 1];
  const finalCode = codeOf(final);
  let outcome: Outcome;
  if (finalCode === 0) outcome = records.length > 1 ? 'promptedThenSucceeded' : 'succeeded';
  else if (isInterrupt(finalCode)) outcome = 'interrupted';
  else outcome = 'failed';
  return { correlationId, records, final, at: timeOf(records[0]), outcome };
}

function failedPolicies(record: SignIn): FailedPolicy[] {
  return (record.appliedConditionalAccessPolicies ?? [])
    .filter((p) => p.result === 'failure')
    .map((p) => ({ name: p.displayName ?? p.id ?? '?', controls: p.enforcedGrantControls ?? [] }));
}

export function diagnose(records: SignIn[], context: DiagnoseContext): Diagnosis {
  const thresholds = context.thresholds ?? DEFAULT_THRESHOLDS;
  const texts = textsJson[context.language];
  const t = (key: TextKey, values: Record<string, string | number> = {}) => {
    const selfKey = `${key}Self` as TextKey;
    return fill(context.self && !context.tenantWide && selfKey in texts ? texts[selfKey] : texts[key], values);
  };
  const newCountryText = context.self ? texts.newCountrySelf : texts.newCountry;
  const when = (at: Date) => localDateTime(at, context.timeZone, context.language);
  const legacy = new Set(thresholds.legacyProtocol.clients.map((c) => c.toLowerCase()));

  const attempts = groupAttempts(records);
  const explained = (attempt: Attempt): Failure => {
    const record = attempt.final;
    const client = record.clientAppUsed ?? '';
    return {
      attempt, record, code: codeOf(record), at: timeOf(record),
      explanation: explain(codeOf(record), context.language, context.audience, record.status?.failureReason),
      failedPolicies: failedPolicies(record),
      legacyClient: legacy.has(client.toLowerCase()) ? client : null,
    };
  };
  const failures: Failure[] = attempts.filter((a) => a.outcome === 'failed').map(explained);
  const listsSignIns = context.intent === 'signins';
  const rows = listsSignIns ? attempts.map((a) => (a.outcome === 'failed' ? failures.find((f) => f.attempt === a)! : explained(a))) : failures;

  const patterns: Pattern[] = [];
  const successCountries = new Set(attempts.filter((a) => a.outcome !== 'failed').map((a) => a.final.location?.countryOrRegion).filter(Boolean));
  const isNewCountry = (r: SignIn) => Boolean(r.location?.countryOrRegion) && successCountries.size > 0 && !successCountries.has(r.location!.countryOrRegion);
  const chronological = [...failures].reverse();

  // Lockout: a run of wrong passwords ending in a lockout code. Several lockouts of one person make one banner.
  const lockouts = new Map<string, { at: Date; wrong: number; record: SignIn }[]>();
  for (let i = 0; i < chronological.length; i++) {
    const f = chronological[i];
    if (!thresholds.lockout.lockoutCodes.includes(f.code)) continue;
    const user = f.record.userId ?? '';
    const previous = lockouts.get(user) ?? [];
    const last = previous[previous.length - 1];
    if (last && f.at.getTime() - last.at.getTime() < 60 * 60_000) continue;
    let wrong = 0;
    for (let j = i - 1; j >= 0; j--) {
      const prev = chronological[j];
      if (prev.record.userId !== f.record.userId) continue;
      if (f.at.getTime() - prev.at.getTime() > 60 * 60_000) break;
      if (thresholds.lockout.wrongPasswordCodes.includes(prev.code)) wrong++;
      else if (!thresholds.lockout.lockoutCodes.includes(prev.code)) break;
    }
    if (wrong >= thresholds.lockout.minWrongPasswords) lockouts.set(user, [...previous, { at: f.at, wrong, record: f.record }]);
  }
  for (const list of lockouts.values()) {
    const latest = list[list.length - 1];
    const values = {
      name: context.tenantWide ? latest.record.userDisplayName ?? '?' : context.subjectName, time: when(latest.at), count: latest.wrong, times: list.length,
      ip: latest.record.ipAddress ?? '?', place: place(latest.record), newCountry: isNewCountry(latest.record) ? newCountryText : '',
    };
    patterns.push({ kind: 'lockout', at: latest.at, headline: t(list.length > 1 ? 'lockoutRepeated' : 'lockout', values) });
  }

  // MFA fatigue: many denied or unanswered MFA requests in a short time.
  slidingBursts(chronological.filter((f) => thresholds.mfaFatigue.codes.includes(f.code)), thresholds.mfaFatigue.windowMinutes, (f) => f.record.userId ?? '', (burst) => {
    if (burst.length < thresholds.mfaFatigue.minDenied) return false;
    const first = burst[0];
    patterns.push({
      kind: 'mfaFatigue', at: first.at,
      headline: t('mfaFatigue', {
        count: burst.length, name: context.tenantWide ? first.record.userDisplayName ?? '?' : context.subjectName,
        minutes: thresholds.mfaFatigue.windowMinutes, time: when(first.at), ip: first.record.ipAddress ?? '?', place: place(first.record),
      }),
    });
    return true;
  });

  // Password spray (tenant-wide only): one IP, wrong passwords for many people in a short time.
  if (context.tenantWide) {
    slidingBursts(chronological.filter((f) => thresholds.passwordSpray.codes.includes(f.code)), thresholds.passwordSpray.windowMinutes, (f) => f.record.ipAddress ?? '', (burst) => {
      const users = new Set(burst.map((f) => f.record.userId ?? f.record.userPrincipalName));
      if (users.size < thresholds.passwordSpray.minUsers) return false;
      patterns.push({
        kind: 'passwordSpray', at: burst[0].at,
        headline: t('passwordSpray', { ip: burst[0].record.ipAddress ?? '?', place: place(burst[0].record), users: users.size, minutes: thresholds.passwordSpray.windowMinutes, time: when(burst[0].at) }),
      });
      return true;
    });
  }

  // For device controls, what Entra knew of the device: compliant, managed, how it is joined.
  const deviceSentence = (record: SignIn): string => {
    const words = texts.deviceWords;
    const device = record.deviceDetail;
    if (!device?.deviceId) return fill(texts.deviceState, { device: [device?.operatingSystem, device?.browser].filter(Boolean).join(', ') || '?', compliance: words.unknown, managed: words.notManaged, trust: '' });
    return fill(texts.deviceState, {
      device: [device.displayName, device.operatingSystem].filter(Boolean).join(', '),
      compliance: device.isCompliant ? words.compliant : words.notCompliant,
      managed: device.isManaged ? words.managed : words.notManaged,
      trust: device.trustType ? fill(words.trust, { trust: device.trustType }) : '',
    });
  };

  // Conditional Access: which policy blocked, with which unmet control (the portal makes you open each record).
  if (!context.tenantWide) {
    const byPolicy = new Map<string, Failure[]>();
    for (const f of failures) for (const p of f.failedPolicies) byPolicy.set(p.name, [...(byPolicy.get(p.name) ?? []), f]);
    for (const [policy, list] of byPolicy) {
      const latest = list[0];
      const controls = latest.failedPolicies.find((p) => p.name === policy)?.controls ?? [];
      const block = controls.includes('Block');
      const key: TextKey = block ? (list.length === 1 ? 'conditionalAccessBlockOne' : 'conditionalAccessBlock') : list.length === 1 ? 'conditionalAccessOne' : 'conditionalAccess';
      const aboutDevice = controls.some((c) => c === 'CompliantDevice' || c === 'DomainJoinedDevice');
      const headline = t(key, { count: list.length, policy, controls: describeControls(controls, context.language), time: when(latest.at), app: latest.record.appDisplayName ?? '?', place: place(latest.record) });
      patterns.push({ kind: 'conditionalAccess', at: latest.at, headline: aboutDevice ? headline + deviceSentence(latest.record) : headline });
    }
  }

  // Unusual location: failures from a country where the person had no other sign-in this period.
  if (!context.tenantWide && !patterns.some((p) => p.kind === 'lockout' || p.kind === 'mfaFatigue')) {
    const unusual = failures.find((f) => isNewCountry(f.record));
    if (unusual) patterns.push({ kind: 'unusualLocation', at: unusual.at, headline: t('unusualLocation', { name: context.subjectName, place: place(unusual.record), ip: unusual.record.ipAddress ?? '?', time: when(unusual.at) }) });
  }

  // Account loops: a disabled or expired account keeps being tried.
  if (!context.tenantWide) {
    for (const code of thresholds.accountLoop.codes) {
      const hits = chronological.filter((f) => f.code === code);
      if (hits.length >= thresholds.accountLoop.minAttempts) {
        patterns.push({ kind: 'accountLoop', at: hits[0].at, headline: t('accountLoop', { count: hits.length, time: when(hits[0].at), title: hits[0].explanation.title }) });
      }
    }
  }

  // Legacy protocols.
  const legacyFailures = failures.filter((f) => f.legacyClient);
  if (legacyFailures.length > 0) {
    const clients = [...new Set(legacyFailures.map((f) => f.legacyClient))].join(', ');
    patterns.push({ kind: 'legacyProtocol', at: legacyFailures[0].at, headline: t(legacyFailures.length === 1 ? 'legacyProtocolOne' : 'legacyProtocol', { count: legacyFailures.length, clients }) });
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
        patterns.push({ kind: 'appFailingForMany', at: list[0].at, headline: t('appFailingForMany', { app: list[0].record.appDisplayName ?? '?', users: users.size, code: list[0].code, title: list[0].explanation.title }) });
      }
    }
  }

  const byCode = summarizeByCode(failures);
  const windowText = t('window', { from: when(context.window.from), to: when(context.window.to) });
  const people = new Set(failures.map((f) => f.record.userId ?? f.record.userPrincipalName)).size;
  let headline: string;
  const succeeded = attempts.filter((a) => a.outcome === 'succeeded' || a.outcome === 'promptedThenSucceeded');
  if (listsSignIns && !context.tenantWide) {
    const last = succeeded[0];
    headline = last
      ? t('headlineSignins', { name: context.subjectName, ok: succeeded.length, window: windowText, time: localDateTime(last.at, context.timeZone, context.language), app: last.final.appDisplayName ?? '?' })
      : t('headlineSigninsNone', { name: context.subjectName, window: windowText });
  } else if (failures.length === 0) headline = t(context.tenantWide ? 'headlineNoneTenant' : 'headlineNone', { name: context.subjectName, window: windowText });
  else if (patterns.length > 0 && !context.tenantWide) headline = patterns[0].headline;
  else if (context.tenantWide) headline = t(people === 1 ? 'headlineTenantOnePerson' : 'headlineTenant', { count: failures.length, users: people, window: windowText, title: byCode[0].title, codeCount: byCode[0].count });
  else {
    const latest = failures[0];
    headline = t(failures.length === 1 ? 'headlineOneFailure' : 'headlineFailures', {
      name: context.subjectName, count: failures.length, window: windowText, title: latest.explanation.title,
      app: latest.record.appDisplayName ?? '?', time: localTime(latest.at, context.timeZone, context.language),
    });
  }

  const notes: string[] = [];
  const prompted = attempts.filter((a) => a.outcome === 'promptedThenSucceeded').length;
  if (prompted > 0) notes.push(t('promptedNote', { count: prompted }));
  if (context.clampedFrom) notes.push(t('clampedNote', { days: context.retentionDays, from: when(context.clampedFrom) }));
  if (context.truncated) notes.push(t('truncatedNote', { count: records.length }));
  if (rows.length === 0) notes.push(t('emptyNote', { days: context.retentionDays }));

  return {
    attempts, failures, rows, promptedThenSucceeded: prompted, succeeded: attempts.filter((a) => a.outcome === 'succeeded').length,
    patterns, byCode,
    apps: [...new Set(failures.map((f) => f.record.appDisplayName).filter((v): v is string => Boolean(v)))],
    countries: [...new Set(failures.map((f) => f.record.location?.countryOrRegion).filter((v): v is string => Boolean(v)))],
    devices: [...new Set(failures.map((f) => f.record.deviceDetail?.displayName || [f.record.deviceDetail?.operatingSystem, f.record.deviceDetail?.browser].filter(Boolean).join(' / ')).filter((v): v is string => Boolean(v)))],
    people, headline, notes,
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
    } else map.set(f.code, { code: f.code, title: f.explanation.title, count: 1, first: f.at, last: f.at });
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
