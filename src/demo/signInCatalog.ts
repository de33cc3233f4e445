/**
 * What the demo tenant's sign-ins are made of: its apps, the failure reason Graph logs for each
 * code, the places people sign in from, and the Conditional Access policies that apply.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';

export interface App {
  appId: string;
  appDisplayName: string;
  resourceDisplayName: string;
  resourceId: string;
}
export interface Where {
  country: string;
  city: string;
  state: string;
  ip: string;
}
export interface Device {
  os: string;
  browser: string;
  compliant: boolean;
  managed: boolean;
  trustType: string;
  name: string;
  id: string;
}

const EXCHANGE = {
  resourceDisplayName: 'Office 365 Exchange Online',
  resourceId: '00000002-0000-0ff1-ce00-000000000000',
};
const GRAPH = { resourceDisplayName: 'Microsoft Graph', resourceId: '00000003-0000-0000-c000-000000000000' };

/**
 * Microsoft's first-party apps by the app id and display name real sign-in logs carry (Microsoft
 * Learn "Verify first-party Microsoft applications in sign-in reports", entra-docs; the community
 * list merill/microsoft-info MicrosoftApps.csv, built from Graph, for those it lacks). Outlook signs
 * in under several: "Microsoft Office" (the shared Office desktop client), "One Outlook Web",
 * "Outlook Mobile" and, for the Outlook desktop app, "Microsoft Outlook".
 */
export const FIRST_PARTY = {
  microsoftOutlook: { appId: '5d661950-3475-41cd-a2c3-d671a3162bc1', appDisplayName: 'Microsoft Outlook', ...EXCHANGE },
  microsoftOffice: { appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', appDisplayName: 'Microsoft Office', ...EXCHANGE },
  oneOutlookWeb: { appId: '9199bf20-a13f-4107-85dc-02114787ef48', appDisplayName: 'One Outlook Web', ...EXCHANGE },
  outlookMobile: { appId: '27922004-5251-4030-b22d-91ecd9a37ea4', appDisplayName: 'Outlook Mobile', ...EXCHANGE },
  teams: {
    appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
    appDisplayName: 'Microsoft Teams',
    resourceDisplayName: 'Microsoft Teams Services',
    resourceId: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe',
  },
  officeHome: { appId: '4765445b-32c6-49b0-83e6-1d93765276ca', appDisplayName: 'OfficeHome', ...GRAPH },
  oneDriveSync: {
    appId: 'ab9b8c07-8f02-4f72-87fa-80105867a763',
    appDisplayName: 'OneDrive SyncEngine',
    resourceDisplayName: 'Office 365 SharePoint Online',
    resourceId: '00000003-0000-0ff1-ce00-000000000000',
  },
  authBroker: {
    appId: '29d9ed98-a469-4536-ade2-f981bc1d605e',
    appDisplayName: 'Microsoft Authentication Broker',
    resourceDisplayName: 'Windows Azure Active Directory',
    resourceId: '00000002-0000-0000-c000-000000000000',
  },
} satisfies Record<string, App>;

export const DEMO_APPS = {
  outlook: FIRST_PARTY.microsoftOutlook,
  teams: FIRST_PARTY.teams,
  sharepoint: {
    appId: '08e18876-6177-487e-b8b5-cf950c1e598c',
    appDisplayName: 'SharePoint Online Web Client Extensibility',
    resourceDisplayName: 'Office 365 SharePoint Online',
    resourceId: '00000003-0000-0ff1-ce00-000000000000',
  },
  officeHome: FIRST_PARTY.officeHome,
  salesforce: {
    appId: '7c1b3f2a-5d4e-4a6b-9c8d-0e1f2a3b4c5d',
    appDisplayName: 'Salesforce',
    resourceDisplayName: 'Salesforce',
    resourceId: '7c1b3f2a-5d4e-4a6b-9c8d-0e1f2a3b4c5d',
  },
  vpn: {
    appId: '2b9c4d6e-8f0a-4b1c-9d2e-3f4a5b6c7d8e',
    appDisplayName: 'Contoso VPN',
    resourceDisplayName: 'Contoso VPN',
    resourceId: '2b9c4d6e-8f0a-4b1c-9d2e-3f4a5b6c7d8e',
  },
  azurePortal: {
    appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
    appDisplayName: 'Azure Portal',
    resourceDisplayName: 'Windows Azure Service Management API',
    resourceId: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
  },
  expenses: {
    appId: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
    appDisplayName: 'Contoso Expenses',
    resourceDisplayName: 'Microsoft Graph',
    resourceId: '00000003-0000-0000-c000-000000000000',
  },
  legacyPortal: {
    appId: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
    appDisplayName: 'Contoso Legacy Portal',
    resourceDisplayName: 'Contoso Legacy Portal',
    resourceId: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
  },
} satisfies Record<string, App>;

export const EVERYDAY_APPS = [
  DEMO_APPS.outlook,
  DEMO_APPS.teams,
  DEMO_APPS.teams,
  DEMO_APPS.sharepoint,
  DEMO_APPS.officeHome,
  DEMO_APPS.salesforce,
  DEMO_APPS.vpn,
];

/** The failure reason Graph would log for each code the demo uses (our wording). */
export const REASONS: Record<number, { failureReason: string; additionalDetails?: string }> = {
  0: { failureReason: 'Other.' },
  50126: {
    failureReason: 'Error validating credentials due to invalid username or password.',
    additionalDetails: "The user didn't enter the right credentials.",
  },
  50053: {
    failureReason:
      'Account is locked because the user tried to sign in too many times with an incorrect user ID or password.',
    additionalDetails: 'Smart lockout blocked further attempts for a while.',
  },
  50055: {
    failureReason: 'The password is expired.',
    additionalDetails: 'The user must change the password before signing in.',
  },
  50057: {
    failureReason: 'The user account is disabled.',
    additionalDetails: 'An administrator disabled the account.',
  },
  50034: {
    failureReason: 'The user account does not exist in the directory.',
    additionalDetails: 'The sign-in name typed does not match any user in this tenant.',
  },
  50074: {
    failureReason: 'Strong Authentication is required.',
    additionalDetails: 'MFA requirement satisfied by claim in the token or by the prompt that followed.',
  },
  50076: {
    failureReason:
      'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication.',
    additionalDetails: 'MFA was requested; the user completed it.',
  },
  50058: {
    failureReason: 'Session information is not sufficient for single-sign-on.',
    additionalDetails: 'No browser session was present; the user was asked to sign in.',
  },
  50140: {
    failureReason: 'This error occurred due to the "Keep me signed in" interrupt when the user was signing in.',
  },
  500121: {
    failureReason: 'Authentication failed during strong authentication request.',
    additionalDetails: 'The user denied the MFA request in Microsoft Authenticator.',
  },
  53003: {
    failureReason:
      'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  },
  53000: {
    failureReason:
      'Device is not in required device state: compliant. Conditional Access policy requires a compliant device, and the device is not compliant.',
  },
  53001: { failureReason: 'Device is not in required device state: domain joined.' },
  65001: {
    failureReason: 'The user or administrator has not consented to use the application.',
    additionalDetails: 'Admin consent is required for the permissions this app asks for.',
  },
  700016: {
    failureReason: 'Application with identifier was not found in the directory.',
    additionalDetails: 'The app may not be installed by the tenant administrator.',
  },
  50097: { failureReason: 'Device authentication is required.' },
  50125: { failureReason: 'Sign-in was interrupted due to a password reset or password registration entry.' },
};

/** Countries far from every demo person's home, where the lockout and CA stories come from. */
export const FOREIGN: { country: string; city: string; state: string; ipPrefix: string }[] = [
  { country: 'BR', city: 'São Paulo', state: 'São Paulo', ipPrefix: '203.0.113' },
  { country: 'PT', city: 'Lisbon', state: 'Lisboa', ipPrefix: '198.51.100' },
  { country: 'VN', city: 'Hanoi', state: 'Hanoi', ipPrefix: '192.0.2' },
];

export const COORDS: Record<string, [number, number]> = {
  Seattle: [47.6, -122.33],
  Amsterdam: [52.37, 4.9],
  London: [51.51, -0.13],
  'New York': [40.71, -74.0],
  Berlin: [52.52, 13.4],
  Milan: [45.46, 9.19],
  Utrecht: [52.09, 5.12],
  Rotterdam: [51.92, 4.48],
  Dublin: [53.35, -6.26],
  Madrid: [40.42, -3.7],
  Eindhoven: [51.44, 5.48],
  Antwerp: [51.22, 4.4],
  'São Paulo': [-23.55, -46.63],
  Lisbon: [38.72, -9.14],
  Hanoi: [21.03, 105.85],
};

/** The policies evaluated on an ordinary sign-in: MFA for everyone, and the country block. */
export function standardPolicies(result: 'success' | 'notApplied'): SignIn['appliedConditionalAccessPolicies'] {
  return [
    {
      id: 'ca000001-0000-4000-8000-000000000002',
      displayName: 'Require MFA for all users',
      enforcedGrantControls: ['Mfa'],
      enforcedSessionControls: [],
      result,
    },
    {
      id: 'ca000001-0000-4000-8000-000000000001',
      displayName: 'Block access from outside allowed countries',
      enforcedGrantControls: ['Block'],
      enforcedSessionControls: [],
      result: 'notApplied',
    },
  ];
}
