/**
 * The demo tenant's live incident: a Conditional Access policy switched on this morning that blocks
 * the Finance department from Contoso Expenses on devices the company does not manage (53003).
 * Failures since 08:00 Amsterdam time, and while the process runs one or more new ones every minute,
 * each reaching the log 1–3 minutes after it happened (as Entra's log runs behind), so that the live
 * index's overlap has late records to catch and incident alerts have something that grows.
 *
 * The department gets more people for it (FINANCE_TEAM, on top of the three Finance people in
 * people.ts); the Playground's six people and their stories are untouched.
 */
import { randomUUID } from 'node:crypto';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DEMO_PEOPLE, type DemoPerson } from './people';
import { DEMO_APPS, generateSignIns, newestFirst, prng } from './signInGenerator';
import { demoSignIn } from './signInRecord';
import type { DemoTenant, DemoTenantOptions } from './tenant';
import { DEMO_CA_POLICIES, type CaPolicy } from './whatIf';

export const LIVE_INCIDENT = {
  department: 'Finance',
  app: DEMO_APPS.expenses,
  code: 53003,
  policy: { id: 'ca000001-0000-4000-8000-0000000000f1', displayName: 'Block unmanaged devices – Finance apps' },
  /** The policy went on at this local hour this morning. */
  switchedOnHour: 8,
  timeZone: 'Europe/Amsterdam',
  /** New failures per tick, at most; one tick a minute. */
  maxPerTick: 3,
  tickMs: 60_000,
  /** How late a failure reaches the log, in ms. */
  logDelayMs: [60_000, 180_000] as const,
} as const;

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Finance people beyond the three of people.ts: enough for an incident of a department. */
export const FINANCE_TEAM: readonly DemoPerson[] = [
  ['Anouk', 'Mulder'],
  ['Bram', 'de Wit'],
  ['Chloe', 'Evans'],
  ['Daniel', 'Okafor'],
  ['Eva', 'Smit'],
  ['Finn', 'Dekker'],
  ['Hannah', 'Brouwer'],
  ['Isabel', 'Costa'],
  ['Jesse', 'van Dijk'],
  ['Kim', 'Vos'],
  ['Laura', 'Meijer'],
  ['Milan', 'Bos'],
  ['Nina', 'Kramer'],
  ['Oscar', 'Lindqvist'],
  ['Ruben', 'Hoekstra'],
  ['Sara', 'Postma'],
  ['Thijs', 'Kok'],
  ['Yara', 'Haddad'],
].map(([givenName, surname], i) => {
  const upn = `${givenName.toLowerCase()}.${surname.toLowerCase().replace(/[^a-z]/g, '')}@example.com`;
  const city = i % 3 === 2 ? 'London' : 'Amsterdam';
  return {
    id: `f1a00000-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`,
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    userPrincipalName: upn,
    mail: upn,
    jobTitle: i % 4 === 0 ? 'Controller' : 'Accountant',
    department: 'Finance',
    officeLocation: city,
    accountEnabled: true,
    roles: [],
    groups: [],
    country: city === 'London' ? 'GB' : 'NL',
    city,
    stories: ['quiet'],
  } satisfies DemoPerson;
});

/** Everyone the policy blocks: the department, as the directory has it. */
export function affectedPeople(people: readonly DemoPerson[]): DemoPerson[] {
  return people.filter((p) => p.department === LIVE_INCIDENT.department && p.accountEnabled);
}

/** When the policy went on: the last 08:00 Amsterdam time at least half an hour before `now`. */
export function switchedOnAt(now: number): number {
  const hourThere = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: LIVE_INCIDENT.timeZone, hour: 'numeric', hourCycle: 'h23' }).format(
      now,
    ),
  );
  const minuteThere = new Date(now).getUTCMinutes();
  // Whole-hour zones (Amsterdam is): the local hour's start is the UTC hour's start.
  const hourStart = now - minuteThere * MINUTE - (now % MINUTE);
  let at = hourStart - (hourThere - LIVE_INCIDENT.switchedOnHour) * HOUR;
  if (at > now - 30 * MINUTE) at -= 24 * HOUR;
  return at;
}

const PLACES: Record<string, { country: string; state: string; ip: string }> = {
  Amsterdam: { country: 'NL', state: 'Noord-Holland', ip: '145.53.88' },
  Utrecht: { country: 'NL', state: 'Utrecht', ip: '145.53.91' },
  London: { country: 'GB', state: 'England', ip: '81.2.69' },
};

/** One blocked attempt, in Graph's signIn shape, at `at` (ms). */
export function blockedSignIn(person: DemoPerson, at: number, random: () => number): SignIn {
  const place = PLACES[person.city] ?? PLACES.Amsterdam;
  const ip = `${place.ip}.${10 + Math.floor(random() * 200)}`;
  // A personal laptop: not registered, so neither compliant nor managed.
  const os = random() < 0.7 ? 'Windows10' : 'MacOs';
  const browser = random() < 0.5 ? 'Chrome 131.0.0' : 'Edge 131.0.0';
  return demoSignIn({
    id: randomUUID(),
    correlationId: randomUUID(),
    person,
    at,
    code: LIVE_INCIDENT.code,
    app: LIVE_INCIDENT.app,
    where: { country: place.country, city: person.city, state: place.state, ip },
    device: { os, browser, compliant: false, managed: false, trustType: '', name: '', id: '' },
    extra: {
      status: {
        errorCode: LIVE_INCIDENT.code,
        failureReason:
          'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
        additionalDetails: 'The device is not managed by the organisation.',
      },
      appliedConditionalAccessPolicies: [
        { ...LIVE_INCIDENT.policy, enforcedGrantControls: ['Block'], enforcedSessionControls: [], result: 'failure' },
        {
          id: 'ca000001-0000-4000-8000-000000000002',
          displayName: 'Require MFA for all users',
          enforcedGrantControls: ['Mfa'],
          enforcedSessionControls: [],
          result: 'notApplied',
        },
      ],
      signInEventTypes: ['interactiveUser'],
    } as Partial<SignIn>,
  });
}

/** The failures from the policy's start up to `now`: each person tries again every 20–60 minutes. */
export function failuresSoFar(people: readonly DemoPerson[], now: number, random: () => number): SignIn[] {
  const out: SignIn[] = [];
  const start = switchedOnAt(now);
  for (const person of affectedPeople(people)) {
    for (let at = start + random() * 30 * MINUTE; at <= now; at += (20 + random() * 40) * MINUTE)
      out.push(blockedSignIn(person, at, random));
  }
  return out;
}

/**
 * A default demo tenant with the incident in it: the demo people plus FINANCE_TEAM, their everyday
 * sign-ins, and the failures since this morning. (The six Playground people's records are
 * generated exactly as without the incident.)
 */
export function withLiveIncident(options: DemoTenantOptions): DemoTenantOptions {
  const now = (options.now ?? new Date()).getTime();
  const people = [...(options.people ?? DEMO_PEOPLE), ...FINANCE_TEAM];
  const volume = options.nonInteractivePerDay;
  const base =
    options.signIns ??
    generateSignIns({ now: new Date(now), people: options.people ?? DEMO_PEOPLE, nonInteractivePerDay: volume });
  const teamIds = new Set(FINANCE_TEAM.map((p) => p.id));
  const team = generateSignIns({
    now: new Date(now),
    people: FINANCE_TEAM,
    seed: 1408,
    days: 7,
    nonInteractivePerDay: volume,
  }).filter((r) => teamIds.has(String(r.userId)));
  const signIns = [...base, ...team, ...failuresSoFar(people, now, prng(53003))].sort(newestFirst);
  const policies = [...(options.conditionalAccessPolicies ?? DEMO_CA_POLICIES), incidentPolicy(people)];
  return { ...options, now: new Date(now), people, signIns, conditionalAccessPolicies: policies };
}

/** The policy behind the incident, for What If: the department's people, Contoso Expenses, devices neither compliant nor hybrid joined. */
function incidentPolicy(people: readonly DemoPerson[]): CaPolicy {
  return {
    ...LIVE_INCIDENT.policy,
    state: 'enabled',
    users: { includeUsers: affectedPeople(people).map((p) => p.id) },
    applications: [LIVE_INCIDENT.app.appId],
    deviceFilter: { mode: 'exclude', rule: 'device.isCompliant -eq True -or device.trustType -eq "ServerAD"' },
    grant: ['block'],
  };
}

export interface LiveIncidentRun {
  /** Failures written by the timer so far. */
  written(): number;
  /** Writes one minute's failures now (what the timer calls). */
  tick(): void;
  stop(): void;
}

/** Writes new failures into `tenant` every tickMs until stopped; the timer does not keep the process alive. */
export function startLiveIncident(
  tenant: DemoTenant,
  options: { clock?: () => number; tickMs?: number; seed?: number } = {},
): LiveIncidentRun {
  const clock = options.clock ?? Date.now;
  const random = prng(options.seed ?? Date.now() % 2 ** 31);
  const people = affectedPeople(tenant.people);
  let written = 0;
  const tick = () => {
    if (people.length === 0) return;
    const now = clock();
    const count = 1 + Math.floor(random() * LIVE_INCIDENT.maxPerTick);
    const [early, late] = LIVE_INCIDENT.logDelayMs;
    const records = Array.from({ length: count }, () =>
      blockedSignIn(people[Math.floor(random() * people.length)], now - early - random() * (late - early), random),
    );
    tenant.addSignIns(records);
    written += records.length;
  };
  const timer = setInterval(tick, options.tickMs ?? LIVE_INCIDENT.tickMs);
  timer.unref();
  return { written: () => written, tick, stop: () => clearInterval(timer) };
}
