/**
 * App names people mention without a preposition ("outlook failures for bob"), in any language.
 * Lower case; the app is reported as the user typed it. Longer names first is not needed: the
 * matcher prefers the longest match.
 */
export const knownApps: string[] = [
  'microsoft teams', 'ms teams', 'teams', 'outlook', 'outlook web', 'outlook web access', 'owa', 'outlook on the web',
  'exchange', 'exchange online', 'sharepoint', 'sharepoint online', 'onedrive', 'onedrive for business', 'office 365',
  'office365', 'o365', 'microsoft 365', 'm365', 'office.com', 'microsoft office', 'azure portal', 'azure',
  'azure devops', 'entra', 'entra admin center', 'intune', 'company portal', 'my apps', 'myapps', 'my sign-ins',
  'power bi', 'powerbi', 'power apps', 'power automate', 'dynamics', 'dynamics 365', 'visual studio', 'windows',
  'windows sign in', 'remote desktop', 'rdp', 'avd', 'azure virtual desktop', 'windows 365', 'vpn', 'global protect',
  'globalprotect', 'anyconnect', 'citrix', 'salesforce', 'workday', 'servicenow', 'service now', 'zoom', 'slack',
  'webex', 'jira', 'confluence', 'github', 'gitlab', 'aws', 'sap', 'okta', 'adobe', 'dropbox', 'google workspace',
  'docusign', 'tableau', 'zendesk', 'hubspot', 'yammer', 'viva engage', 'planner', 'onenote', 'excel', 'powerpoint',
  'copilot',
];

/** Nouns that occur inside app names ("HR portal", "Contoso VPN"), though they are not names of people. */
export const appNouns: string[] = [
  'portal', 'portaal', 'app', 'vpn', 'online', 'center', 'centre', 'web', 'admin', 'mail', 'email', 'wifi', 'cloud',
  'service', 'services', 'access', 'network', 'sso', 'site', 'server', 'desktop', 'teams', 'hr', 'crm', 'erp',
];
