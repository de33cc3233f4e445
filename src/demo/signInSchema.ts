/**
 * What Graph's `signIn` is on each endpoint, as the demo tenant needs it: the property names
 * (Microsoft's metadata, msgraph-metadata schemas/v1.0-Prod.csdl and beta-Prod.csdl, vendored under
 * test/fixtures/graph-schema/; test/demo/contract.test.ts keeps these lists equal to it), which of
 * them `$filter` supports with which operators, and the projection of a stored record onto a version.
 */
import type { CollectionRules, PropertyRule } from './filterRules';

export type GraphVersion = 'v1.0' | 'beta';

/** v1.0 signIn (v1.0-Prod.csdl, EntityType signIn plus `id` from entity). */
export const V1_SIGNIN_PROPERTIES: readonly string[] = [
  'id',
  'appDisplayName',
  'appId',
  'appliedConditionalAccessPolicies',
  'authenticationAppDeviceDetails',
  'clientAppUsed',
  'conditionalAccessStatus',
  'correlationId',
  'createdDateTime',
  'deviceDetail',
  'homeTenantId',
  'ipAddress',
  'isInteractive',
  'location',
  'resourceDisplayName',
  'resourceId',
  'resourceTenantId',
  'riskDetail',
  'riskEventTypes',
  'riskEventTypes_v2',
  'riskLevelAggregated',
  'riskLevelDuringSignIn',
  'riskState',
  'servicePrincipalId',
  'servicePrincipalName',
  'status',
  'userAgent',
  'userDisplayName',
  'userId',
  'userPrincipalName',
];

/** beta signIn (beta-Prod.csdl): v1.0's without `riskEventTypes`, and these. */
const BETA_ONLY: readonly string[] = [
  'agent',
  'appOwnerTenantId',
  'appTokenProtectionStatus',
  'appliedEventListeners',
  'authenticationAppPolicyEvaluationDetails',
  'authenticationContextClassReferences',
  'authenticationDetails',
  'authenticationMethodsUsed',
  'authenticationProcessingDetails',
  'authenticationProtocol',
  'authenticationRequirement',
  'authenticationRequirementPolicies',
  'autonomousSystemNumber',
  'azureResourceId',
  'clientCredentialType',
  'clientSessionId',
  'conditionalAccessAudiences',
  'crossTenantAccessType',
  'federatedCredentialId',
  'flaggedForReview',
  'globalSecureAccessIpAddress',
  'homeTenantName',
  'incomingTokenType',
  'ipAddressFromResourceProvider',
  'isTenantRestricted',
  'isThroughGlobalSecureAccess',
  'managedServiceIdentity',
  'mfaDetail',
  'networkLocationDetails',
  'originalRequestId',
  'originalTransferMethod',
  'privateLinkDetails',
  'processingTimeInMilliseconds',
  'resourceOwnerTenantId',
  'resourceServicePrincipalId',
  'servicePrincipalCredentialKeyId',
  'servicePrincipalCredentialThumbprint',
  'sessionId',
  'sessionLifetimePolicies',
  'signInEventTypes',
  'signInIdentifier',
  'signInIdentifierType',
  'signInTokenProtectionStatus',
  'tokenIssuerName',
  'tokenIssuerType',
  'tokenProtectionStatusDetails',
  'uniqueTokenIdentifier',
  'userType',
];

export const BETA_SIGNIN_PROPERTIES: readonly string[] = [
  ...V1_SIGNIN_PROPERTIES.filter((p) => p !== 'riskEventTypes'),
  ...BETA_ONLY,
];

export const SIGNIN_PROPERTIES: Record<GraphVersion, ReadonlySet<string>> = {
  'v1.0': new Set(V1_SIGNIN_PROPERTIES),
  beta: new Set(BETA_SIGNIN_PROPERTIES),
};

const EQ: PropertyRule = { type: 'string', ops: ['eq'] };
const EQ_STARTS: PropertyRule = { type: 'string', ops: ['eq', 'startswith'] };

/**
 * `$filter` support as the signIn resource page lists it per property ("Supports `$filter` (…)",
 * microsoft-graph-docs-contrib api-reference/beta/resources/signin.md, Properties); a property the
 * version does not have is refused with Graph's "Could not find a property" (see ruleFor).
 */
const DOCUMENTED_FILTERS: Record<string, PropertyRule> = {
  id: EQ,
  createdDateTime: { type: 'datetime', ops: ['eq', 'ge', 'le'] },
  userId: EQ,
  userPrincipalName: EQ_STARTS,
  userDisplayName: EQ_STARTS,
  appId: EQ,
  appDisplayName: EQ_STARTS,
  ipAddress: EQ_STARTS,
  clientAppUsed: EQ,
  correlationId: EQ,
  conditionalAccessStatus: EQ,
  resourceId: EQ,
  resourceDisplayName: EQ,
  'status/errorCode': { type: 'number', ops: ['eq'] },
  'deviceDetail/browser': EQ_STARTS,
  'deviceDetail/operatingSystem': EQ_STARTS,
  'location/city': EQ_STARTS,
  'location/state': EQ_STARTS,
  'location/countryOrRegion': EQ_STARTS,
  riskDetail: EQ,
  riskLevelAggregated: EQ,
  riskLevelDuringSignIn: EQ,
  riskState: EQ,
  originalRequestId: EQ,
  authenticationRequirement: EQ_STARTS,
  servicePrincipalId: EQ_STARTS,
  servicePrincipalName: EQ_STARTS,
  tokenIssuerName: EQ,
  userAgent: EQ_STARTS,
};

/** The filter rules of one endpoint: only documented properties that exist there. */
export function signInFilterRules(version: GraphVersion): CollectionRules {
  const exists = SIGNIN_PROPERTIES[version];
  const properties = Object.fromEntries(
    Object.entries(DOCUMENTED_FILTERS).filter(([path]) => exists.has(path.split('/')[0])),
  );
  // Sign-in log string equality is case-sensitive: Graph stores userPrincipalName in lower case and
  // `eq` with another case finds nothing (microsoftgraph/microsoft-graph-docs issue #13684,
  // microsoft-graph-docs-contrib issue #9049); startsWith is what Microsoft suggests instead
  // (Azure/azure-docs-powershell-azuread issue #755), so it compares without regard to case.
  return {
    allowOr: false,
    properties,
    caseSensitiveEquality: true,
    caseInsensitiveNames: true,
    knownProperties: exists,
  };
}

/** A stored record as the endpoint returns it: only that version's properties. */
export function projectSignIn(record: object, version: GraphVersion): Record<string, unknown> {
  const allowed = SIGNIN_PROPERTIES[version];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (allowed.has(key)) out[key] = value;
  return out;
}
