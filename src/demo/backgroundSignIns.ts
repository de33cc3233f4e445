/**
 * The everyday volume of a real tenant around the demo's stories (DEMO_NONINTERACTIVE_PER_DAY):
 * per person a working day of token refreshes by the Office apps (non-interactive), a few more
 * interactive sign-ins, and daemons and managed identities signing in every few minutes. All of it
 * succeeds: the stories' failures (signInGenerator.ts, otherSignIns.ts) sit among it unchanged.
 *
 * Why so many: an app refreshes its tokens in the background for as long as it runs, and each
 * refresh is a non-interactive sign-in (entra-docs docs/identity/monitoring-health/
 * concept-noninteractive-sign-ins.md: they far outnumber the interactive ones). App ids
 * and names are the first-party ones real logs show (Microsoft Learn "Verify first-party Microsoft
 * applications in sign-in reports"; merill/microsoft-info MicrosoftApps.csv).
 *
 * Deterministic (own seeded generator) and lean: records of one person share their nested objects.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { DemoPerson } from './people';
import { prng } from './random';
import { FIRST_PARTY, type App } from './signInCatalog';
import { BACKUP_RUNNER, PAYROLL_SYNC, workloadSignIn, type BetaSignIn, type Workload } from './otherSignIns';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

export interface BackgroundOptions {
  now: number;
  days: number;
  nonInteractivePerDay: number;
  /** Extra interactive sign-ins per person per day. */
  interactivePerDay?: number;
  seed?: number;
}

/** Office hours in UTC, by the person's country: when their apps are open. */
function workdayStartUtc(country: string): number {
  return country === 'US' ? 15 : country === 'GB' || country === 'IE' ? 8 : 7;
}

/** A daemon app of the tenant that signs in with a certificate every few minutes. */
export const HR_CONNECTOR: Workload = {
  appId: '7d2f1c3b-9a8e-4f60-b1d2-3c4e5f6a7b8c',
  servicePrincipalId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  name: 'Contoso HR Connector',
};

const OK = { errorCode: 0, failureReason: null, additionalDetails: null };
const INTERACTIVE = ['interactiveUser'];
const NON_INTERACTIVE = ['nonInteractiveUser'];

/**
 * A successful sign-in of `base`'s person, written out property by property (one object shape for
 * all: V8 keeps 100,000s of them compact), sharing base's device, place and policies.
 */
function userSignIn(
  base: SignIn,
  id: string,
  correlationId: string,
  createdDateTime: string,
  app: App,
  interactive: boolean,
): BetaSignIn {
  return {
    id,
    createdDateTime,
    userDisplayName: base.userDisplayName,
    userPrincipalName: base.userPrincipalName,
    userId: base.userId,
    appId: app.appId,
    appDisplayName: app.appDisplayName,
    ipAddress: base.ipAddress,
    clientAppUsed: interactive ? 'Browser' : 'Mobile Apps and Desktop clients',
    correlationId,
    conditionalAccessStatus: 'success',
    isInteractive: interactive,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes: base.riskEventTypes,
    riskEventTypes_v2: base.riskEventTypes_v2,
    resourceDisplayName: app.resourceDisplayName,
    resourceId: app.resourceId,
    status: OK,
    deviceDetail: base.deviceDetail,
    location: base.location,
    appliedConditionalAccessPolicies: base.appliedConditionalAccessPolicies,
    signInEventTypes: interactive ? INTERACTIVE : NON_INTERACTIVE,
    originalRequestId: id,
  };
}
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
/** createdDateTime in whole seconds, as the stories write it; the day's prefix is made once per day. */
const dayPrefixes = new Map<number, string>();
function at(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const day = Math.floor(seconds / 86_400);
  let prefix = dayPrefixes.get(day);
  if (!prefix) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const rest = seconds - day * 86_400;
  return `${prefix}${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}Z`;
}

/**
 * The background records for `people`, newest first not guaranteed (the caller sorts).
 * `templates`: one successful interactive record per person (device, place, policies).
 */
export function backgroundSignIns(
  people: readonly DemoPerson[],
  templates: ReadonlyMap<string, SignIn>,
  options: BackgroundOptions,
): BetaSignIn[] {
  const random = prng(options.seed ?? 424242);
  // GUID-shaped ids from a counter: unique, deterministic and cheap for 100,000s of records.
  let serial = 0;
  const guid = () =>
    `b9c0${(serial >>> 0).toString(16).padStart(4, '0').slice(-4)}-${(++serial).toString(16).padStart(4, '0').slice(-4)}-4bd0-a${Math.floor(
      random() * 4096,
    )
      .toString(16)
      .padStart(3, '0')}-${serial.toString(16).padStart(12, '0')}`;
  const out: BetaSignIn[] = [];
  const start = options.now - options.days * DAY;
  const refreshers = [
    FIRST_PARTY.microsoftOffice,
    FIRST_PARTY.teams,
    FIRST_PARTY.oneOutlookWeb,
    FIRST_PARTY.outlookMobile,
    FIRST_PARTY.oneDriveSync,
    FIRST_PARTY.authBroker,
  ];
  const interactiveApps = [FIRST_PARTY.officeHome, FIRST_PARTY.oneOutlookWeb, FIRST_PARTY.teams];

  for (const person of people) {
    const base = templates.get(person.id);
    if (!base) continue;
    const firstHour = workdayStartUtc(person.country);
    for (let day = 0; day < options.days; day++) {
      const dayStart = Math.floor((start + day * DAY) / DAY) * DAY;
      // Most refreshes during the working day, some in the evening (phones keep refreshing).
      for (let i = 0; i < options.nonInteractivePerDay; i++) {
        const inHours = random() < 0.8;
        const when = dayStart + (inHours ? (firstHour + random() * 10) * HOUR : random() * DAY);
        if (when > options.now || when < start) continue;
        const app = refreshers[Math.floor(random() * refreshers.length)];
        out.push(userSignIn(base, guid(), guid(), at(when), app, false));
      }
      for (let i = 0; i < (options.interactivePerDay ?? 4); i++) {
        const when = dayStart + (firstHour + random() * 9) * HOUR;
        if (when > options.now || when < start) continue;
        const app = interactiveApps[Math.floor(random() * interactiveApps.length)];
        out.push(userSignIn(base, guid(), guid(), at(when), app, true));
      }
    }
  }

  // Daemons: every 5 minutes (HR connector), every 10 (payroll, before its secret expired), every 15 (backup's managed identity).
  const workload = (who: Workload, kind: 'servicePrincipal' | 'managedIdentity', when: number) =>
    workloadSignIn(who, kind, {
      id: guid(),
      createdDateTime: at(when),
      correlationId: guid(),
      status: OK,
      associatedResourceId: `/subscriptions/0b1c2d3e-0000-4000-8000-000000000001/resourceGroups/ops/providers/Microsoft.Web/sites/${who.name}`,
    });
  for (let t = start; t <= options.now; t += 5 * MINUTE)
    out.push(workload(HR_CONNECTOR, 'servicePrincipal', t + random() * MINUTE));
  // Payroll Sync's secret expired about 40 hours ago (otherSignIns.ts): its successes end there.
  for (let t = start; t <= options.now - 42 * HOUR; t += 10 * MINUTE)
    out.push(workload(PAYROLL_SYNC, 'servicePrincipal', t + random() * MINUTE));
  for (let t = start; t <= options.now; t += 15 * MINUTE) out.push(workload(BACKUP_RUNNER, 'managedIdentity', t));
  return out.filter((r) => Date.parse(r.createdDateTime as string) <= options.now);
}
