/**
 * What the bot needs from the tenant, as data: each Graph application permission, what it buys the
 * answers and what goes missing without it. Sources: Microsoft Graph docs — List signIns
 * (api-reference/v1.0/api/signin-list.md, Permissions), signIn resource (appliedConditionalAccessPolicies:
 * includes/signins-roles-for-ca-data.md), List users (user-list.md, Permissions), user: sendMail
 * (user-sendmail.md, Permissions).
 */
import type { Config } from '../config';

export interface NeededPermission {
  /** The permission the docs and the deployment steps ask for. */
  name: string;
  /** Other application permissions that also grant it (a token holding one of them is fine). */
  alsoGrantedBy: string[];
  /** What the answers lose without it. */
  cost: string;
}

export const SIGN_IN_LOG_PERMISSION: NeededPermission = {
  name: 'AuditLog.Read.All',
  alsoGrantedBy: [],
  cost: 'no sign-in can be read: every question about sign-ins fails.',
};

export const DIRECTORY_PERMISSION: NeededPermission = {
  name: 'Directory.Read.All',
  alsoGrantedBy: [],
  cost: 'people cannot be found by name and nobody counts as a sign-in reader or helpdesk member: only questions about oneself work. Graph also refuses the sign-in log itself as "not licensed" (403 Authentication_RequestFromNonPremiumTenantOrB2CTenant) without it, whatever the licence: its licence check reads the directory (known issue "License check errors for Azure AD activity reports").',
};

export const CA_POLICY_PERMISSION: NeededPermission = {
  name: 'Policy.Read.ConditionalAccess',
  alsoGrantedBy: ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'],
  cost: 'Graph leaves Conditional Access policy details out of every sign-in: a block is still called a Conditional Access block, but the card cannot name the policy or what it requires, and policy incidents are not detected.',
};

export const MAIL_PERMISSION: NeededPermission = {
  name: 'Mail.Send',
  alsoGrantedBy: [],
  cost: '"Open support ticket" cannot send its e-mail (TICKET_SINK=graph-mail).',
};

/** The permissions this configuration needs, most important first. */
export function neededPermissions(config: Config): NeededPermission[] {
  return [
    SIGN_IN_LOG_PERMISSION,
    DIRECTORY_PERMISSION,
    CA_POLICY_PERMISSION,
    ...(config.tickets.sink === 'graph-mail' ? [MAIL_PERMISSION] : []),
  ];
}

export function grantedBy(permission: NeededPermission, roles: readonly string[]): boolean {
  const held = new Set(roles.map((r) => r.toLowerCase()));
  return [permission.name, ...permission.alsoGrantedBy].some((p) => held.has(p.toLowerCase()));
}

/** How to grant one: the same steps as docs/deploy.md. */
export function grantFix(permission: NeededPermission): string {
  return `Entra admin center › App registrations › the bot's Graph app › API permissions › Add a permission › Microsoft Graph › Application permissions › ${permission.name}, then "Grant admin consent" (for a managed identity: az rest … appRoleAssignments, see docs/deploy.md).`;
}
