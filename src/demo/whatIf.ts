/**
 * The demo tenant's Conditional Access policies (the ones its sign-ins name) and Graph's What If
 * evaluation of them: POST /identity/conditionalAccess/evaluate (v1.0).
 *
 * - Request and response: api-reference/v1.0/api/conditionalaccessroot-evaluate.md — signInIdentity
 *   (`#microsoft.graph.userSignIn` with userId), signInContext (`#microsoft.graph.applicationContext`
 *   with includeApplications), signInConditions (country, ipAddress, devicePlatform, clientAppType,
 *   deviceInfo …), appliedPoliciesOnly; the answer is a whatIfAnalysisResult collection.
 * - Each result is the policy itself plus `policyApplies` and `analysisReasons`: `notSet` when it
 *   applies, otherwise the condition that kept it out (users, application, location, devices,
 *   policyNotEnabled) or `notEnoughInformation` when the request lacks what a condition needs
 *   (resources/whatifanalysisresult.md). What If names the policies and their controls; it does not
 *   say whether the controls would be satisfied.
 * - Policies in Graph's conditionalAccessPolicy shape (resources/conditionalaccesspolicy.md); the
 *   `Office365` app group and device filters as Entra documents them (entra-docs
 *   docs/identity/conditional-access/reference-office-365-application-contents.md, concept-filter-for-applications).
 */
import { GraphHttpError, parseBody } from './graphProtocol';
import type { DemoPerson } from './people';
import { DEMO_APPS, FIRST_PARTY } from './signInCatalog';

export interface CaPolicy {
  id: string;
  displayName: string;
  state: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced';
  users: { includeUsers: string[]; excludeUsers?: string[]; includeGroups?: string[] };
  applications: string[];
  /** Named-location condition: the policy applies outside these countries. */
  outsideCountries?: string[];
  deviceFilter?: { mode: 'include' | 'exclude'; rule: string };
  grant: string[] | null;
  session?: Record<string, unknown>;
}

/** The countries the tenant's "Allowed countries" named location lists (where its people live). */
export const ALLOWED_COUNTRIES = ['US', 'NL', 'GB', 'DE', 'IE', 'IT', 'ES', 'BE'];
const ALLOWED_COUNTRIES_LOCATION = 'b1c0a000-0000-4000-8000-00000000c0a1';

/** Microsoft's app group "Office 365": the Office apps the demo has (Exchange, SharePoint, Teams, Office home). */
const OFFICE_365 = new Set([...Object.values(FIRST_PARTY).map((a) => a.appId), DEMO_APPS.sharepoint.appId]);

export const DEMO_CA_POLICIES: readonly CaPolicy[] = [
  {
    id: 'ca000001-0000-4000-8000-000000000001',
    displayName: 'Block access from outside allowed countries',
    state: 'enabled',
    users: { includeUsers: ['All'] },
    applications: ['All'],
    outsideCountries: ALLOWED_COUNTRIES,
    grant: ['block'],
  },
  {
    id: 'ca000001-0000-4000-8000-000000000002',
    displayName: 'Require MFA for all users',
    state: 'enabled',
    users: { includeUsers: ['All'] },
    applications: ['All'],
    grant: ['mfa'],
  },
  {
    id: 'ca000001-0000-4000-8000-000000000003',
    displayName: 'Require compliant device for Salesforce',
    state: 'enabled',
    users: { includeUsers: ['All'] },
    applications: [DEMO_APPS.salesforce.appId],
    grant: ['compliantDevice'],
  },
  {
    id: 'ca000001-0000-4000-8000-000000000004',
    displayName: 'Sign-in frequency 12 hours',
    state: 'enabled',
    users: { includeUsers: ['All'] },
    applications: ['All'],
    grant: null,
    session: {
      signInFrequency: {
        value: 12,
        type: 'hours',
        authenticationType: 'primaryAndSecondaryAuthentication',
        frequencyInterval: 'timeBased',
        isEnabled: true,
      },
    },
  },
  {
    id: 'ca000001-0000-4000-8000-000000000005',
    displayName: 'Require compliant device for Office 365',
    state: 'enabled',
    users: { includeUsers: ['All'] },
    applications: ['Office365'],
    grant: ['compliantDevice'],
  },
  {
    id: 'ca000001-0000-4000-8000-000000000006',
    displayName: 'Require hybrid joined device on-site',
    state: 'enabled',
    users: { includeUsers: ['All'] },
    applications: ['Office365'],
    deviceFilter: { mode: 'include', rule: 'device.trustType -eq "Workplace"' },
    grant: ['domainJoinedDevice'],
  },
];

type Reason = 'notSet' | 'notEnoughInformation' | 'users' | 'application' | 'location' | 'devices' | 'policyNotEnabled';

interface WhatIfRequest {
  userId: string;
  applications: string[];
  country: string | null;
  device: Record<string, unknown> | null;
  appliedPoliciesOnly: boolean;
}

export class ConditionalAccess {
  constructor(
    readonly policies: readonly CaPolicy[],
    private readonly groupsOf: (person: DemoPerson) => Set<string>,
  ) {}

  /** The evaluate action: every policy (or only those that apply) with whether and why it applies. */
  evaluate(body: string | undefined, findPerson: (id: string) => DemoPerson): unknown {
    const request = parseRequest(parseBody(body));
    const person = findPerson(request.userId);
    const results = this.policies.map((policy) => {
      const reason = this.reasonFor(policy, person, request);
      return { ...graphShape(policy), policyApplies: reason === 'notSet', analysisReasons: reason };
    });
    return {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.whatIfAnalysisResult)',
      value: request.appliedPoliciesOnly ? results.filter((r) => r.policyApplies) : results,
    };
  }

  private reasonFor(policy: CaPolicy, person: DemoPerson, request: WhatIfRequest): Reason {
    if (policy.state === 'disabled') return 'policyNotEnabled';
    const groups = this.groupsOf(person);
    const included =
      policy.users.includeUsers.includes('All') ||
      policy.users.includeUsers.includes(person.id) ||
      (policy.users.includeGroups ?? []).some((g) => groups.has(g));
    if (!included || (policy.users.excludeUsers ?? []).includes(person.id)) return 'users';
    const appMatches = request.applications.some(
      (app) =>
        policy.applications.includes('All') ||
        policy.applications.includes(app) ||
        (policy.applications.includes('Office365') && OFFICE_365.has(app)),
    );
    if (!appMatches) return 'application';
    if (policy.outsideCountries) {
      if (!request.country) return 'notEnoughInformation';
      if (policy.outsideCountries.includes(request.country.toUpperCase())) return 'location';
    }
    if (policy.deviceFilter) {
      if (!request.device) return 'notEnoughInformation';
      const matches = deviceRuleMatches(policy.deviceFilter.rule, request.device);
      if (matches !== (policy.deviceFilter.mode === 'include')) return 'devices';
    }
    return 'notSet';
  }
}

function parseRequest(raw: unknown): WhatIfRequest {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, Record<string, unknown> | undefined>;
  const identity = body.signInIdentity;
  const context = body.signInContext;
  const conditions = body.signInConditions;
  if (!identity || !context || !conditions)
    throw new GraphHttpError(400, 'BadRequest', 'signInIdentity, signInContext and signInConditions are required.');
  if (identity['@odata.type'] !== '#microsoft.graph.userSignIn' || typeof identity.userId !== 'string')
    throw new GraphHttpError(
      400,
      'BadRequest',
      'The demo evaluates user sign-ins (#microsoft.graph.userSignIn with userId).',
    );
  const applications =
    context['@odata.type'] === '#microsoft.graph.applicationContext' && Array.isArray(context.includeApplications)
      ? context.includeApplications.filter((a): a is string => typeof a === 'string')
      : [];
  const device = conditions.deviceInfo;
  return {
    userId: identity.userId,
    applications,
    country: typeof conditions.country === 'string' ? conditions.country : null,
    device: device && typeof device === 'object' ? (device as Record<string, unknown>) : null,
    appliedPoliciesOnly: (raw as Record<string, unknown>).appliedPoliciesOnly === true,
  };
}

/** A device filter rule of `device.<property> -eq <value>` terms joined by -and / -or (what the demo's policies use). */
function deviceRuleMatches(rule: string, device: Record<string, unknown>): boolean {
  return rule.split(/\s+-or\s+/i).some((any) =>
    any.split(/\s+-and\s+/i).every((term) => {
      const m = /^device\.(\w+)\s+-eq\s+(?:"([^"]*)"|(True|False))$/i.exec(term.trim());
      if (!m) return false;
      const value = device[m[1]];
      return m[3] !== undefined ? value === (m[3].toLowerCase() === 'true') : String(value) === m[2];
    }),
  );
}

/** The policy as Graph's conditionalAccessPolicy (grantControls' authenticationStrength is a navigation property: left out). */
function graphShape(p: CaPolicy): Record<string, unknown> {
  return {
    id: p.id,
    templateId: null,
    displayName: p.displayName,
    createdDateTime: '2025-09-01T09:00:00Z',
    modifiedDateTime: '2026-10-01T09:00:00Z',
    state: p.state,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes: ['all'],
      platforms: null,
      locations: p.outsideCountries
        ? { includeLocations: ['All'], excludeLocations: [ALLOWED_COUNTRIES_LOCATION] }
        : null,
      devices: p.deviceFilter ? { deviceFilter: p.deviceFilter } : null,
      applications: {
        includeApplications: p.applications,
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
      },
      users: {
        includeUsers: p.users.includeUsers,
        excludeUsers: p.users.excludeUsers ?? [],
        includeGroups: p.users.includeGroups ?? [],
        excludeGroups: [],
        includeRoles: [],
        excludeRoles: [],
      },
    },
    grantControls: p.grant
      ? {
          operator: 'OR',
          builtInControls: p.grant,
          customAuthenticationFactors: [],
          termsOfUse: [],
        }
      : null,
    sessionControls: p.session ?? null,
  };
}
