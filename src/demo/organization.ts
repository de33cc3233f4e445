/**
 * The demo tenant's organization: `GET /organization` (Microsoft Graph v1.0, "List organizations",
 * api-reference/v1.0/api/organization-list.md): a collection with exactly one organization object,
 * `$select` honoured. Permissions (the page's table): application Organization.Read.All or
 * Directory.Read.All (or their ReadWrite forms), else 403 — the bot holds Directory.Read.All already.
 * Its `countryLetterCode` (resources/organization.md: "Country or region abbreviation for the
 * organization in ISO 3166-2 format") is the tenant's home country: where the demo's people work.
 */
import { rejectUnsupported, select } from './graphProtocol';
import { DEMO_TENANT_ID } from './settings';

/** The organization properties of Graph's v1.0 resource that $select may name (resources/organization.md). */
const ORGANIZATION_TYPE = {
  name: 'organization',
  properties: new Set([
    'id',
    'displayName',
    'countryLetterCode',
    'city',
    'country',
    'preferredLanguage',
    'tenantType',
    'verifiedDomains',
    'createdDateTime',
  ]),
};

/** The demo tenant's home country (its people work in the Netherlands). */
export const DEMO_HOME_COUNTRY = 'NL';

export function organizationListing(query: URLSearchParams): unknown {
  rejectUnsupported(query, ['$select']);
  const organization = {
    id: DEMO_TENANT_ID,
    displayName: 'Contoso (demo)',
    countryLetterCode: DEMO_HOME_COUNTRY,
    city: 'Amsterdam',
    country: null,
    preferredLanguage: 'en',
    tenantType: 'AAD',
    createdDateTime: '2019-03-01T09:00:00Z',
    verifiedDomains: [
      { name: 'example.com', type: 'Managed', isDefault: true, isInitial: false, capabilities: 'Email' },
    ],
  };
  return {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#organization',
    value: [select(organization, query.get('$select'), ORGANIZATION_TYPE)],
  };
}
