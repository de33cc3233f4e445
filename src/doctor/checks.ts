/**
 * `npm run doctor` and the start-up check: what the tenant, the app registration and the settings
 * lack, what each lack costs the answers, and how to fix it.
 *
 * Permissions are read from the app-only token's `roles` claim when the token is a JWT (it lists the
 * application permissions granted with admin consent), and confirmed by probing Graph: a one-record
 * read of the sign-in log (403 Authentication_RequestFromNonPremiumTenantOrB2CTenant: no Entra ID
 * P1/P2; other 403: no AuditLog.Read.All), of users (403: no Directory.Read.All), and whether sign-ins
 * that Conditional Access evaluated carry `appliedConditionalAccessPolicies` (Graph omits it without a
 * policy permission). Every probe is a plain documented read through the same Graph client.
 */
import type { AuthenticationProvider, Client } from '@microsoft/microsoft-graph-client';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { Config } from '../config';
import { toGraphProblem, type GraphProblem } from '../graph/errors';
import { and, encodeFilter, odataDate, odataString } from '../graph/odata';
import { eventTypeFilter } from '../signins/signInLog';
import type { SpanReport } from '../signins/live/spanReport';
import { indexSpanCheck } from './indexCheck';
import {
  CA_POLICY_PERMISSION,
  DIRECTORY_PERMISSION,
  SIGN_IN_LOG_PERMISSION,
  grantFix,
  grantedBy,
  neededPermissions,
  type NeededPermission,
} from './permissions';

export type CheckStatus = 'ok' | 'missing' | 'unknown' | 'note';

const NOT_LICENSED = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';

export interface DoctorCheck {
  group: 'permission' | 'licence' | 'setting';
  name: string;
  status: CheckStatus;
  /** How it was found out (token roles, a probe's answer). */
  evidence: string;
  /** What the answers lose (missing, unknown, note). */
  cost?: string;
  fix?: string;
}

export interface DoctorReport {
  mode: Config['mode'];
  tenantId: string;
  checks: DoctorCheck[];
  /** Names of what is missing, for the start-up log. */
  missing: string[];
}

export interface DoctorDeps {
  config: Config;
  graph: Client;
  /** The Graph token source (its token's roles claim lists the application permissions). */
  auth: AuthenticationProvider;
  now?: () => Date;
  /** False at start-up: the sign-in log is not read (its ~5 reads per 10 s are the questions'; every instance starts), so the token's roles decide. */
  readSignInLog?: boolean;
  /** Inside the bot (start-up): the live index's span and fill progress now. */
  signInIndex?: () => SpanReport | null;
}

/** The `roles` claim of a JWT access token; null when the token is not a readable JWT. */
export function tokenRoles(token: string): string[] | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { roles?: unknown };
    return Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return null;
  }
}

type Probe = { ok: true; value: SignIn[] } | { ok: false; problem: GraphProblem };

async function probe(read: () => Promise<unknown>): Promise<Probe> {
  try {
    const page = (await read()) as { value?: SignIn[] };
    return { ok: true, value: page.value ?? [] };
  } catch (error) {
    return { ok: false, problem: toGraphProblem(error) };
  }
}

/** Sign-ins Conditional Access evaluated in the last week (a failure first, else a success); null when Graph would not say. */
async function caEvaluated(graph: Client, now: Date): Promise<SignIn[] | null> {
  const since = `createdDateTime ge ${odataDate(new Date(now.getTime() - 7 * 86_400_000))}`;
  for (const status of ['failure', 'success']) {
    const found = await probe(() =>
      graph
        .api('/auditLogs/signIns')
        .filter(encodeFilter(and(since, `conditionalAccessStatus eq ${odataString(status)}`)))
        .top(5)
        .get(),
    );
    if (!found.ok) {
      if (found.problem.kind !== 'badRequest') return null;
      // A Graph that will not filter on it: the newest sign-ins of the week, looked at here.
      const recent = await probe(() => graph.api('/auditLogs/signIns').filter(encodeFilter(since)).top(1000).get());
      return recent.ok
        ? recent.value.filter((r) => r.conditionalAccessStatus === 'failure' || r.conditionalAccessStatus === 'success')
        : null;
    }
    if (found.value.length > 0) return found.value;
  }
  return [];
}

export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const { config, graph } = deps;
  const now = deps.now?.() ?? new Date();
  const checks: DoctorCheck[] = [];
  let roles: string[] | null = null;
  try {
    roles = tokenRoles(await deps.auth.getAccessToken());
  } catch (error) {
    checks.push({
      group: 'permission',
      name: 'Graph sign-in',
      status: 'missing',
      evidence: `no token: ${(error as Error)?.message ?? String(error)}`.slice(0, 300),
      cost: 'nothing can be read from Graph.',
      fix: 'Check AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret, certificate or managed identity.',
    });
  }

  const readLog = deps.readSignInLog !== false;
  const NOT_READ = 'the sign-in log is not read at start-up (npm run doctor reads it)';
  const signIns = readLog ? await probe(() => graph.api('/auditLogs/signIns').top(1).get()) : null;
  const users = await probe(() => graph.api('/users').select('id').top(1).get());
  // Without Directory.Read.All Graph cannot make its licence check of the sign-in log and says "not
  // licensed" (Graph's known issue "License check errors for Azure AD activity reports",
  // concepts/known-issues.md, linked from signin-list.md): then the 403 tells nothing of the licence.
  const noDirectory =
    (!users.ok && users.problem.kind === 'missingPermission') ||
    (roles !== null && !grantedBy(DIRECTORY_PERMISSION, roles));
  const licence: DoctorCheck =
    signIns === null
      ? { group: 'licence', name: 'Entra ID P1 or P2', status: 'unknown', evidence: NOT_READ }
      : signIns.ok || signIns.problem.kind !== 'notLicensed'
        ? {
            group: 'licence',
            name: 'Entra ID P1 or P2',
            status: signIns.ok ? 'ok' : 'unknown',
            evidence: signIns.ok
              ? 'the sign-in log answered'
              : `the sign-in log answered ${signIns.problem.status ?? signIns.problem.kind}`,
          }
        : noDirectory
          ? {
              group: 'licence',
              name: 'Entra ID P1 or P2',
              status: 'unknown',
              evidence: `403 ${NOT_LICENSED} while ${DIRECTORY_PERMISSION.name} is missing`,
              cost: `Graph answers "not licensed" for the sign-in log whenever the app lacks ${DIRECTORY_PERMISSION.name} (its licence check reads the directory: Graph's known issue "License check errors for Azure AD activity reports"), so this says nothing yet about the tenant's licence.`,
              fix: `Grant ${DIRECTORY_PERMISSION.name} (see above), then run npm run doctor again: only a 403 that stays means the tenant lacks Entra ID P1 or P2.`,
            }
          : {
              group: 'licence',
              name: 'Entra ID P1 or P2',
              status: 'missing',
              evidence: `403 ${NOT_LICENSED}`,
              cost: 'Graph serves the sign-in log only to tenants with Entra ID P1 or P2: no question about sign-ins can be answered.',
              fix: 'License the tenant for Entra ID P1 or P2 (sign-ins then appear within a few days; Free keeps 7 days, P1/P2 30).',
            };

  const caRecords = signIns?.ok ? await caEvaluated(graph, now) : null;
  const probeSays = (p: NeededPermission): { granted: boolean | null; evidence: string } => {
    if (p === SIGN_IN_LOG_PERMISSION) {
      if (signIns === null) return { granted: null, evidence: NOT_READ };
      if (signIns.ok) return { granted: true, evidence: 'reading the sign-in log worked' };
      return signIns.problem.kind === 'missingPermission'
        ? { granted: false, evidence: `the sign-in log answered 403 ${signIns.problem.graphCode ?? ''}`.trim() }
        : { granted: null, evidence: `the sign-in log answered ${signIns.problem.status ?? signIns.problem.kind}` };
    }
    if (p === DIRECTORY_PERMISSION) {
      if (users.ok) return { granted: true, evidence: 'listing users worked' };
      return users.problem.kind === 'missingPermission'
        ? { granted: false, evidence: `users answered 403 ${users.problem.graphCode ?? ''}`.trim() }
        : { granted: null, evidence: `users answered ${users.problem.status ?? users.problem.kind}` };
    }
    if (p === CA_POLICY_PERMISSION) {
      if (signIns === null) return { granted: null, evidence: NOT_READ };
      if (caRecords === null || caRecords.length === 0)
        return { granted: null, evidence: 'no sign-in evaluated by Conditional Access in the last 7 days to look at' };
      const withDetails = caRecords.filter((r) => Array.isArray(r.appliedConditionalAccessPolicies)).length;
      return withDetails > 0
        ? {
            granted: true,
            evidence: `sign-ins evaluated by Conditional Access carry their policies (${withDetails} of ${caRecords.length})`,
          }
        : {
            granted: false,
            evidence: `${caRecords.length} sign-in(s) evaluated by Conditional Access came without appliedConditionalAccessPolicies`,
          };
    }
    return { granted: null, evidence: 'not probed (it would send mail)' };
  };

  for (const p of neededPermissions(config)) {
    const probed = probeSays(p);
    const fromToken = roles === null ? null : grantedBy(p, roles);
    // A probe that saw the permission at work outranks the token; otherwise the token's roles decide.
    const granted = probed.granted ?? fromToken;
    const evidence = [roles === null ? null : `token roles ${fromToken ? 'include' : 'lack'} it`, probed.evidence]
      .filter(Boolean)
      .join('; ');
    checks.push(
      granted === true
        ? { group: 'permission', name: p.name, status: 'ok', evidence }
        : {
            group: 'permission',
            name: p.name,
            status: granted === false ? 'missing' : 'unknown',
            evidence,
            cost: p.cost,
            fix: grantFix(p),
          },
    );
  }
  checks.push(licence);
  checks.push(...(await settingChecks(config, graph, readLog)), indexSpanCheck(config.graph, deps.signInIndex?.()));
  return {
    mode: config.mode,
    tenantId: config.graph.tenantId,
    checks,
    missing: checks.filter((c) => c.status === 'missing').map((c) => c.name),
  };
}

/** Settings that cost answers: what is read (and from which endpoint), tickets, the live index, retention. */
async function settingChecks(config: Config, graph: Client, readLog: boolean): Promise<DoctorCheck[]> {
  const g = config.graph;
  const checks: DoctorCheck[] = [];
  const kinds = g.signInEventTypes;
  if (!kinds.includes('nonInteractiveUser')) {
    checks.push({
      group: 'setting',
      name: 'SIGNIN_EVENT_TYPES',
      status: 'note',
      evidence: kinds.join(','),
      cost: 'failing token refreshes (non-interactive sign-ins: "Outlook keeps asking for my password") are not seen.',
      fix: "Add nonInteractiveUser to SIGNIN_EVENT_TYPES (read from Graph's beta endpoint, the only one that has them).",
    });
  } else if (!readLog) {
    checks.push({
      group: 'setting',
      name: 'SIGNIN_EVENT_TYPES',
      status: 'note',
      evidence: `${kinds.join(',')}: interactive sign-ins from v1.0; the other kinds from Graph's beta endpoint (not read at start-up)`,
    });
  } else {
    const beta = await probe(() =>
      graph
        .api('/auditLogs/signIns')
        .version('beta')
        .filter(encodeFilter(eventTypeFilter(['nonInteractiveUser'])!))
        .top(1)
        .get(),
    );
    checks.push(
      beta.ok
        ? {
            group: 'setting',
            name: 'SIGNIN_EVENT_TYPES',
            status: 'note',
            evidence: `${kinds.join(',')}: interactive sign-ins from v1.0; the other kinds from Graph's beta endpoint (the only one that has them; Microsoft does not support beta in production)`,
          }
        : {
            group: 'setting',
            name: 'SIGNIN_EVENT_TYPES',
            status: 'missing',
            evidence: `the beta sign-in log answered ${beta.problem.status ?? beta.problem.kind}`,
            cost: 'non-interactive (and app) sign-ins cannot be read: every question fails while they are configured.',
            fix: 'Set SIGNIN_EVENT_TYPES=interactiveUser to read v1.0 only.',
          },
    );
  }
  if (config.tickets.sink === 'none')
    checks.push({
      group: 'setting',
      name: 'TICKET_SINK',
      status: 'note',
      evidence: 'none',
      cost: '"Open support ticket" is not offered.',
      fix: 'Set TICKET_SINK to graph-mail, webhook or servicenow (README, settings).',
    });
  return checks;
}
