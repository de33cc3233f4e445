/**
 * The fixes' Microsoft Graph calls, made with a client built for one click from the clicking
 * person's own delegated token (never the bot's application credential): Entra's role checks,
 * administrative units and audit log (initiatedBy = that person) apply. A 403 is Entra's answer
 * and is returned as such, with the roles that would allow the fix (catalog.json).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { toGraphProblem, type GraphProblemKind } from '../graph/errors';
import { and, encodeFilter, odataString } from '../graph/odata';
import { fixDefinition, type FixId } from './catalog';

/** A Temporary Access Pass as Graph returns it once (temporaryAccessPassAuthenticationMethod). */
export interface TemporaryAccessPass {
  code: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  startDateTime: string | null;
}

export interface ManagedDevice {
  name: string;
  operatingSystem: string | null;
  complianceState: string;
  lastSync: string | null;
}

/** A policy the What If evaluation says applies, and what it asks for (block, mfa, compliantDevice, …). */
export interface WhatIfPolicy {
  name: string;
  controls: string[];
}

/**
 * One sign-in evaluated: as it was, from a compliant device, from the person's usual country, or with MFA.
 * MFA is not a condition What If takes (signInConditions has no such field): `withMfa` is the as-is
 * result read again, the policies whose only ask is MFA counting as satisfied (`modelled: false`).
 */
export interface WhatIfScenario {
  /** usualCountry: where the person's successful sign-ins come from; homeCountry: the tenant's (organization.countryLetterCode), when those show none. */
  id: 'asIs' | 'compliantDevice' | 'usualCountry' | 'homeCountry' | 'withMfa';
  policies: WhatIfPolicy[];
  country?: string;
  modelled?: false;
}

/** The sign-in a What If is about: its app (an application id), country and the person's usual country (ISO alpha-2). */
export interface WhatIfContext {
  appId?: string | null;
  country?: string | null;
  usualCountry?: string | null;
  homeCountry?: string | null;
}

export type FixOutcome =
  | { ok: true; tap?: TemporaryAccessPass; devices?: ManagedDevice[]; whatIf?: WhatIfScenario[] }
  | { ok: false; forbidden: true; graphCode: string | null }
  | { ok: false; forbidden: false; problem: GraphProblemKind };

/** Who disabled an account and when, from the directory audit log; null when the log does not say. */
export interface DisabledBy {
  by: string | null;
  at: string;
}

const users = (id: string) => `/users/${encodeURIComponent(id)}`;

/** Graph's answer as an outcome: 403 is Entra refusing this person, everything else a problem. */
function failed(error: unknown): FixOutcome {
  const problem = toGraphProblem(error);
  if (problem.status === 403) return { ok: false, forbidden: true, graphCode: problem.graphCode ?? null };
  return { ok: false, forbidden: false, problem: problem.kind };
}

export async function performFix(
  client: Client,
  fix: FixId,
  target: string,
  about: WhatIfContext = {},
): Promise<FixOutcome> {
  const path = fixDefinition(fix).graph.path.replace('{id}', encodeURIComponent(target));
  try {
    switch (fix) {
      case 'revokeSessions':
        await client.api(path).post({});
        return { ok: true };
      case 'temporaryAccessPass': {
        // Single use, the tenant's default lifetime (Graph: temporaryAccessPassAuthenticationMethod).
        const tap = (await client.api(path).post({ isUsableOnce: true })) as Partial<{
          temporaryAccessPass: string;
          lifetimeInMinutes: number;
          isUsableOnce: boolean;
          startDateTime: string;
        }>;
        if (typeof tap.temporaryAccessPass !== 'string') return { ok: false, forbidden: false, problem: 'unavailable' };
        return {
          ok: true,
          tap: {
            code: tap.temporaryAccessPass,
            lifetimeInMinutes: tap.lifetimeInMinutes ?? 60,
            isUsableOnce: tap.isUsableOnce ?? true,
            startDateTime: tap.startDateTime ?? null,
          },
        };
      }
      case 'requirePasswordChange':
        await client.api(path).patch({ passwordProfile: { forceChangePasswordNextSignInWithMfa: true } });
        return { ok: true };
      case 'enableAccount':
        await client.api(path).patch({ accountEnabled: true });
        return { ok: true };
      case 'devices':
        return { ok: true, devices: await managedDevices(client, target) };
      case 'whatIf':
        return { ok: true, whatIf: await whatIf(client, target, about) };
    }
  } catch (error) {
    return failed(error);
  }
}

async function managedDevices(client: Client, target: string): Promise<ManagedDevice[]> {
  const page = (await client
    .api(`${users(target)}/managedDevices`)
    .select('deviceName,operatingSystem,complianceState,lastSyncDateTime')
    .get()) as {
    value?: { deviceName?: string; operatingSystem?: string; complianceState?: string; lastSyncDateTime?: string }[];
  };
  return (page.value ?? []).slice(0, 10).map((d) => ({
    name: d.deviceName ?? '?',
    operatingSystem: d.operatingSystem ?? null,
    complianceState: d.complianceState ?? 'unknown',
    lastSync: d.lastSyncDateTime ?? null,
  }));
}

/**
 * The sign-in asked of What If as it was (app and country), from a compliant device and from the
 * person's usual country (Graph: conditionalAccessRoot: evaluate, v1.0, request body signInIdentity,
 * signInContext, signInConditions with country and deviceInfo); then "with MFA" read from the as-is answer.
 */
async function whatIf(client: Client, target: string, about: WhatIfContext): Promise<WhatIfScenario[]> {
  const base = about.country ? { country: about.country } : {};
  const evaluate = async (conditions: Record<string, unknown>): Promise<WhatIfPolicy[]> => {
    const result = (await client.api('/identity/conditionalAccess/evaluate').post({
      signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: target },
      signInContext: {
        '@odata.type': '#microsoft.graph.applicationContext',
        includeApplications: [about.appId ?? 'All'],
      },
      signInConditions: conditions,
      appliedPoliciesOnly: true,
    })) as {
      value?: {
        displayName?: string;
        policyApplies?: boolean;
        grantControls?: { builtInControls?: string[] } | null;
      }[];
    };
    return (result.value ?? [])
      .filter((p) => p.policyApplies !== false)
      .map((p) => ({ name: p.displayName ?? '?', controls: p.grantControls?.builtInControls ?? [] }));
  };
  const asIs = await evaluate(base);
  const scenarios: WhatIfScenario[] = [
    { id: 'asIs', policies: asIs },
    { id: 'compliantDevice', policies: await evaluate({ ...base, deviceInfo: { isCompliant: true } }) },
  ];
  const usual = about.usualCountry;
  const home = about.homeCountry;
  if (usual && usual !== about.country)
    scenarios.push({ id: 'usualCountry', country: usual, policies: await evaluate({ country: usual }) });
  else if (home && home !== about.country)
    scenarios.push({ id: 'homeCountry', country: home, policies: await evaluate({ country: home }) });
  scenarios.push({ id: 'withMfa', policies: asIs, modelled: false });
  return scenarios;
}

/** The newest "Disable account" entry about this person in the directory audit log (read as the clicker). */
export async function whoDisabled(client: Client, target: string): Promise<DisabledBy | null | 'forbidden'> {
  const filter = and(
    `activityDisplayName eq ${odataString('Disable account')}`,
    `targetResources/any(t:t/id eq ${odataString(target)})`,
  );
  try {
    const page = (await client.api('/auditLogs/directoryAudits').filter(encodeFilter(filter)).top(5).get()) as {
      value?: {
        activityDateTime?: string;
        initiatedBy?: {
          user?: { displayName?: string; userPrincipalName?: string } | null;
          app?: { displayName?: string } | null;
        };
      }[];
    };
    const newest = (page.value ?? []).sort((a, b) =>
      String(b.activityDateTime).localeCompare(String(a.activityDateTime)),
    )[0];
    if (!newest?.activityDateTime) return null;
    const user = newest.initiatedBy?.user;
    const name = user ? (user.displayName ?? user.userPrincipalName) : newest.initiatedBy?.app?.displayName;
    return { by: name ?? null, at: newest.activityDateTime };
  } catch (error) {
    if (toGraphProblem(error).status === 403) return 'forbidden';
    throw toGraphProblem(error);
  }
}
