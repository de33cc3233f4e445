/**
 * Microsoft Entra built-in directory roles the demo tenant knows, by their template ids (the same in
 * every tenant; entra-docs docs/identity/role-based-access-control/permissions-reference.md).
 */

export const ROLE_TEMPLATE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  securityOperator: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  passwordAdministrator: '966707d0-3269-4727-9be2-8c3a10f19b9d',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  conditionalAccessAdministrator: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  intuneAdministrator: '3a2c62db-5318-420d-8d74-23affee5d9d5',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  guestInviter: '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  messageCenterReader: '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b',
  groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  usageSummaryReportsReader: '75934031-6c7e-415a-99d7-48dbd49e875e',
} as const;

export type RoleKey = keyof typeof ROLE_TEMPLATE;

export const ROLE_NAMES: Record<string, string> = {
  [ROLE_TEMPLATE.globalAdministrator]: 'Global Administrator',
  [ROLE_TEMPLATE.globalReader]: 'Global Reader',
  [ROLE_TEMPLATE.securityAdministrator]: 'Security Administrator',
  [ROLE_TEMPLATE.securityReader]: 'Security Reader',
  [ROLE_TEMPLATE.securityOperator]: 'Security Operator',
  [ROLE_TEMPLATE.reportsReader]: 'Reports Reader',
  [ROLE_TEMPLATE.helpdeskAdministrator]: 'Helpdesk Administrator',
  [ROLE_TEMPLATE.passwordAdministrator]: 'Password Administrator',
  [ROLE_TEMPLATE.authenticationAdministrator]: 'Authentication Administrator',
  [ROLE_TEMPLATE.privilegedAuthenticationAdministrator]: 'Privileged Authentication Administrator',
  [ROLE_TEMPLATE.userAdministrator]: 'User Administrator',
  [ROLE_TEMPLATE.conditionalAccessAdministrator]: 'Conditional Access Administrator',
  [ROLE_TEMPLATE.intuneAdministrator]: 'Intune Administrator',
  [ROLE_TEMPLATE.directoryReaders]: 'Directory Readers',
  [ROLE_TEMPLATE.guestInviter]: 'Guest Inviter',
  [ROLE_TEMPLATE.messageCenterReader]: 'Message Center Reader',
  [ROLE_TEMPLATE.groupsAdministrator]: 'Groups Administrator',
  [ROLE_TEMPLATE.privilegedRoleAdministrator]: 'Privileged Role Administrator',
  [ROLE_TEMPLATE.usageSummaryReportsReader]: 'Usage Summary Reports Reader',
};
