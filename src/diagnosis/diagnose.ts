/**
 * Raw sign-in records → attempts, failures and findings (typed facts) over the window. No words:
 * the cards word the findings, in the asker's language and for their audience.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { catalog } from './catalog';
import { FINDING_ORDER, type Finding, type Origin } from './findings';
import { groupAttempts, type Attempt } from './attempts';
import { grantControls } from './grantControls';
import { foldBursts, isBackground, leadOf } from './background';
import type { CodeSummary, Diagnosis, FailedPolicy, Failure } from './types';
import { failingWorkload } from './workloads';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds';
import { DETECTORS } from './detectors';
import { categoryOf } from './categories';
import type { FailureCategory } from '../shared/types';

export type { Finding, Origin, DeviceState } from './findings';
export { groupAttempts } from './attempts';
export type { Failure, Diagnosis, CodeSummary } from './types';
export { thresholdsWith, type Thresholds } from './thresholds';

export interface DiagnoseContext {
  tenantWide: boolean;
  thresholds?: Thresholds;
  /** "did … sign in" lists every attempt; "why did … fail" only the failures. */
  intent?: 'failures' | 'signins';
  /** The question is about background sign-ins (token refreshes, "keeps asking"): they may lead. */
  aboutBackground?: boolean;
  /**
   * One kind of failure asked about ("why was Megan locked out?"): findings are looked for in every
   * record given (a lockout's wrong passwords are not lockouts), but the attempts, rows, counts and
   * findings kept are those of this kind.
   */
  category?: FailureCategory | null;
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
  const tools = thresholds.scriptedClient.browsers.map((b) => b.toLowerCase());
  const scriptedOf = (record: SignIn) => {
    const browser = record.deviceDetail?.browser ?? '';
    return browser && tools.some((t) => browser.toLowerCase().includes(t)) ? browser : null;
  };
  const allAttempts = groupAttempts(records);
  const category = context.category ?? null;
  const attempts = category ? allAttempts.filter((a) => categoryOf(a.final) === category) : allAttempts;
  const toRow = (attempt: Attempt): Failure => {
    const record = attempt.final;
    const client = record.clientAppUsed ?? '';
    return {
      attempt,
      record,
      code: codeOf(record),
      at: timeOf(record),
      category: catalog().get(codeOf(record))?.category ?? null,
      failedPolicies: failedPolicies(record),
      legacyClient: legacy.has(client.toLowerCase()) && !scriptedOf(record) ? client : null,
      scriptedClient: scriptedOf(record),
      background: isBackground(record),
    };
  };
  // Rows only where they are read: the failures, and every attempt only when the question lists sign-ins
  // (a person's week holds hundreds of successful token refreshes).
  const rowsByAttempt = new Map(
    allAttempts.filter((a) => context.intent === 'signins' || a.outcome === 'failed').map((a) => [a, toRow(a)]),
  );
  const everyFailure = allAttempts.filter((a) => a.outcome === 'failed').map((a) => rowsByAttempt.get(a)!);
  const failures = category ? everyFailure.filter((f) => categoryOf(f.record) === category) : everyFailure;
  const rows = foldBursts(
    context.intent === 'signins' ? attempts.map((a) => rowsByAttempt.get(a)!) : failures,
    thresholds.backgroundBurst.gapMinutes,
  );

  // Countries each person signed in from successfully in this window: a failure elsewhere is unusual.
  const homeCountries = new Map<string, Set<string>>();
  for (const a of allAttempts) {
    const country = a.final.location?.countryOrRegion;
    if (a.outcome === 'failed' || !country) continue;
    const user = a.final.userId ?? '';
    homeCountries.set(user, (homeCountries.get(user) ?? new Set()).add(country));
  }
  const originOf = (r: SignIn): Origin => {
    const country = r.location?.countryOrRegion || null;
    const home = homeCountries.get(r.userId ?? '');
    return {
      ip: r.ipAddress ?? null,
      city: r.location?.city || null,
      country,
      unusualCountry: Boolean(country && home && home.size > 0 && !home.has(country)),
    };
  };
  const found: Finding[] = [];
  const input = { failures: everyFailure, chronological: [...everyFailure].reverse(), thresholds, originOf, found };
  for (const detector of DETECTORS) {
    if (detector.scope === (context.tenantWide ? 'person' : 'tenant')) continue;
    found.push(...detector.detect(input));
  }
  const kept = new Set(failures.map((f) => f.record.id));
  const findings = category ? found.filter((f) => f.evidence.some((id) => kept.has(id))) : found;
  findings.sort(
    (a, b) => FINDING_ORDER.indexOf(a.kind) - FINDING_ORDER.indexOf(b.kind) || b.at.getTime() - a.at.getTime(),
  );
  const lead = leadOf(failures, findings, context.aboutBackground ?? false);
  return {
    attempts,
    failures,
    rows,
    findings,
    headline: lead.headline,
    leadFinding: lead.finding,
    workload: context.tenantWide ? failingWorkload(records) : null,
    promptedThenSucceeded: attempts.filter((a) => a.outcome === 'promptedThenSucceeded').length,
    succeeded: attempts.filter((a) => a.outcome === 'succeeded').length,
    byCode: summarizeByCode(failures),
    apps: [...new Set(failures.map((f) => f.record.appDisplayName).filter(Boolean) as string[])],
    countries: [...new Set(failures.map((f) => f.record.location?.countryOrRegion).filter(Boolean) as string[])],
    people: new Set(failures.map((f) => f.record.userId ?? f.record.userPrincipalName)).size,
    peopleSeen: new Set(attempts.map((a) => a.final.userId ?? a.final.userPrincipalName)).size,
    recordCount: category ? records.filter((r) => categoryOf(r) === category).length : records.length,
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
