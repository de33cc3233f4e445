/**
 * Who may do what with a delegated token: the permission (scope) each fix's API needs, and the
 * signed-in person's directory role Entra requires besides — including which people that role may
 * act upon. Data from Microsoft's pages; docs/graph-fidelity.md (rules 20–33) names each source.
 */
import { ROLE_TEMPLATE as R, type RoleKey } from './directoryRoles';

/** A row of Entra's tables: what the target person holds. */
type TargetKind = RoleKey | 'noAdminRole' | 'roleAssignableGroupMember' | 'otherRole';

const NON_ADMIN_AND: (...extra: TargetKind[]) => ReadonlySet<TargetKind> = (...extra) =>
  new Set<TargetKind>(['noAdminRole', 'directoryReaders', 'guestInviter', 'passwordAdministrator', ...extra]);
const EVERYONE = 'everyone' as const;
type Reach = ReadonlySet<TargetKind> | typeof EVERYONE;

/**
 * "Who can reset passwords" (the columns reset passwords *and invalidate refresh tokens*): entra-docs
 * docs/identity/role-based-access-control/privileged-roles-permissions.md, section of that name.
 */
export const RESET_PASSWORDS: Partial<Record<RoleKey, Reach>> = {
  passwordAdministrator: NON_ADMIN_AND(),
  helpdeskAdministrator: NON_ADMIN_AND(
    'helpdeskAdministrator',
    'messageCenterReader',
    'reportsReader',
    'usageSummaryReportsReader',
  ),
  authenticationAdministrator: NON_ADMIN_AND(
    'authenticationAdministrator',
    'messageCenterReader',
    'reportsReader',
    'usageSummaryReportsReader',
  ),
  userAdministrator: NON_ADMIN_AND(
    'groupsAdministrator',
    'helpdeskAdministrator',
    'messageCenterReader',
    'reportsReader',
    'userAdministrator',
    'usageSummaryReportsReader',
  ),
  privilegedAuthenticationAdministrator: EVERYONE,
  globalAdministrator: EVERYONE,
};

/**
 * "Who can perform sensitive actions" (accountEnabled, passwordProfile, …): the same page, section of
 * that name. Helpdesk and Password Administrators are not among its columns.
 */
export const SENSITIVE_ACTIONS: Partial<Record<RoleKey, Reach>> = {
  authenticationAdministrator: RESET_PASSWORDS.authenticationAdministrator,
  userAdministrator: RESET_PASSWORDS.userAdministrator,
  privilegedAuthenticationAdministrator: EVERYONE,
  globalAdministrator: EVERYONE,
};

/** Roles that may do an operation on anyone (reads): the roles each page lists, plus Global Administrator. */
const ANYONE = (...roles: RoleKey[]): Partial<Record<RoleKey, Reach>> =>
  Object.fromEntries([...roles, 'globalAdministrator'].map((r) => [r, EVERYONE]));

export type FixCall =
  | 'revokeSessions'
  | 'temporaryAccessPass'
  | 'listMethods'
  | 'requirePasswordChange'
  | 'enableAccount'
  | 'directoryAudits'
  | 'whatIf'
  | 'devices';

export interface CallRule {
  /** Delegated permissions, any one of which suffices (least privileged first). */
  delegated: readonly string[];
  /** Application permissions Graph accepts for the same call (the bot's own token). */
  application: readonly string[];
  /** Which roles may act, and on whom. */
  roles: Partial<Record<RoleKey, Reach>>;
  /** Whether people may do it to themselves without a role. */
  self?: readonly string[];
}

export const CALL_RULES: Record<FixCall, CallRule> = {
  // user-revokesigninsessions.md (Permissions); roles: "Who can reset passwords" (invalidate refresh tokens).
  revokeSessions: {
    delegated: ['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
    application: ['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
    roles: RESET_PASSWORDS,
    self: ['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  },
  // authentication-post-temporaryaccesspassmethods.md; rbac-authentication-methods-apis-write-others.md.
  temporaryAccessPass: {
    delegated: ['UserAuthenticationMethod.ReadWrite.All', 'UserAuthMethod-TAP.ReadWrite.All'],
    application: ['UserAuthenticationMethod.ReadWrite.All', 'UserAuthMethod-TAP.ReadWrite.All'],
    roles: {
      authenticationAdministrator: RESET_PASSWORDS.authenticationAdministrator,
      privilegedAuthenticationAdministrator: EVERYONE,
      globalAdministrator: EVERYONE,
    },
  },
  // authentication-list-methods.md; rbac-authentication-methods-apis-read-others.md.
  listMethods: {
    delegated: ['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'],
    application: ['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'],
    roles: ANYONE('globalReader', 'authenticationAdministrator', 'privilegedAuthenticationAdministrator'),
    self: [
      'UserAuthenticationMethod.Read',
      'UserAuthenticationMethod.ReadWrite',
      'UserAuthenticationMethod.Read.All',
      'UserAuthenticationMethod.ReadWrite.All',
    ],
  },
  // user-update.md (passwordProfile); authenticationmethod-resetpassword.md: Helpdesk, Password and User
  // Administrators reset passwords as "Who can reset passwords" says.
  requirePasswordChange: {
    delegated: ['User-PasswordProfile.ReadWrite.All', 'Directory.AccessAsUser.All'],
    application: [],
    roles: RESET_PASSWORDS,
  },
  // user-update.md (accountEnabled); "Who can perform sensitive actions".
  enableAccount: {
    delegated: ['User.EnableDisableAccount.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
    application: ['User.EnableDisableAccount.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
    roles: SENSITIVE_ACTIONS,
  },
  // directoryaudit-list.md; rbac-directoryaudit-apis.md (Reports Reader, Security Administrator, Security Reader).
  directoryAudits: {
    delegated: ['AuditLog.Read.All'],
    application: ['AuditLog.Read.All'],
    roles: ANYONE('reportsReader', 'securityReader', 'securityAdministrator', 'globalReader'),
  },
  // conditionalaccessroot-evaluate.md; rbac-conditionalaccess-apis-read.md.
  whatIf: {
    delegated: ['Policy.Read.ConditionalAccess', 'Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'],
    application: ['Policy.Read.ConditionalAccess', 'Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'],
    roles: ANYONE('securityReader', 'securityAdministrator', 'globalReader', 'conditionalAccessAdministrator'),
  },
  // user-list-manageddevices.md / intune-devices-manageddevice-list.md; Intune reads need an Intune role.
  devices: {
    delegated: ['DeviceManagementManagedDevices.Read.All', 'DeviceManagementManagedDevices.ReadWrite.All'],
    application: ['DeviceManagementManagedDevices.Read.All', 'DeviceManagementManagedDevices.ReadWrite.All'],
    roles: ANYONE('intuneAdministrator', 'globalReader'),
  },
};

const KEY_OF: ReadonlyMap<string, RoleKey> = new Map(
  (Object.entries(R) as [RoleKey, string][]).map(([key, id]) => [id, key]),
);

/** The rows of Entra's tables a person falls in. */
export function targetKinds(roleIds: Iterable<string>, inRoleAssignableGroup: boolean): TargetKind[] {
  const kinds: TargetKind[] = [...roleIds].map((id) => KEY_OF.get(id) ?? 'otherRole');
  if (inRoleAssignableGroup) kinds.push('roleAssignableGroupMember');
  return kinds.length === 0 ? ['noAdminRole'] : kinds;
}

/** Whether one of the caller's roles may do `call` to a person of these kinds (an empty list: a call without a target). */
export function roleAllows(call: FixCall, callerRoleIds: Iterable<string>, target: TargetKind[] | null): boolean {
  const rules = CALL_RULES[call].roles;
  for (const id of callerRoleIds) {
    const key = KEY_OF.get(id);
    const reach = key ? rules[key] : undefined;
    if (!reach) continue;
    if (reach === EVERYONE || target === null || target.every((kind) => reach.has(kind))) return true;
  }
  return false;
}
