/**
 * The application permissions granted to the bot's app in the demo tenant (DEMO_GRAPH_PERMISSIONS,
 * `npm run demo-tenant -- --permissions …`), and what Graph does without them. Each rule names the
 * page of microsoft-graph-docs-contrib it follows; docs/graph-fidelity.md lists them.
 */
import { GraphHttpError } from './graphProtocol';

/**
 * What the product asks an administrator to grant (README, docs/deploy.md): the sign-in log, the
 * directory, Conditional Access details, and Mail.Send because the demo's tickets go by mail
 * (TICKET_SINK=graph-mail, for which docs/deploy.md asks it).
 */
export const DEFAULT_DEMO_PERMISSIONS: readonly string[] = [
  'AuditLog.Read.All',
  'Directory.Read.All',
  'Policy.Read.ConditionalAccess',
  'Mail.Send',
];

/** Application permissions the demo tenant knows; anything else in the setting is a typo. */
export const KNOWN_PERMISSIONS: readonly string[] = [
  'AuditLog.Read.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'User.Read.All',
  'User.ReadBasic.All',
  'GroupMember.Read.All',
  'Group.Read.All',
  'Policy.Read.ConditionalAccess',
  'Policy.Read.All',
  'Policy.ReadWrite.ConditionalAccess',
  'RoleManagement.Read.Directory',
  'Mail.Send',
];

/** "AuditLog.Read.All,Directory.Read.All" → the granted set; throws on a name Graph does not have. */
export function parsePermissions(text: string): string[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!KNOWN_PERMISSIONS.includes(name))
      throw new RangeError(`Unknown application permission '${name}' (known: ${KNOWN_PERMISSIONS.join(', ')}).`);
  }
  return [...new Set(names)];
}

/** What one Graph call needs: every group must be met by at least one of its permissions. */
type Requirement = readonly (readonly string[])[];

/**
 * The application permissions each kind of demo request needs (the "Permissions" table of each page,
 * application row; any one permission of a group suffices, every group must be met):
 * - signIns (list, get): api-reference/v1.0/api/signin-list.md — AuditLog.Read.All *and* Directory.Read.All
 *   (the page's "known issue" note requires both);
 * - users: api-reference/v1.0/api/user-list.md, user-get.md — User.Read.All or a wider directory permission;
 * - transitiveMemberOf: user-list-transitivememberof.md; checkMemberGroups: directoryobject-checkmembergroups.md;
 * - sendMail: user-sendmail.md — Mail.Send;
 * - organization: organization-list.md — Organization.Read.All or a wider directory permission.
 */
const NEEDS: Record<'signIns' | 'users' | 'memberOf' | 'checkMemberGroups' | 'sendMail' | 'organization', Requirement> =
  {
    signIns: [['AuditLog.Read.All'], ['Directory.Read.All', 'Directory.ReadWrite.All']],
    users: [['User.Read.All', 'User.ReadBasic.All', 'Directory.Read.All', 'Directory.ReadWrite.All']],
    memberOf: [['User.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All', 'GroupMember.Read.All']],
    checkMemberGroups: [
      ['GroupMember.Read.All', 'User.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    ],
    sendMail: [['Mail.Send']],
    organization: [
      ['Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'],
    ],
  };

export type GrantedCall = keyof typeof NEEDS;

/** Applied CA policies in sign-ins need one of these (api-reference/includes/signins-roles-for-ca-data.md). */
export const CA_DATA_PERMISSIONS: readonly string[] = [
  'Policy.Read.ConditionalAccess',
  'Policy.Read.All',
  'Policy.ReadWrite.ConditionalAccess',
];

export class GrantedPermissions {
  readonly granted: ReadonlySet<string>;

  constructor(granted: readonly string[] = DEFAULT_DEMO_PERMISSIONS) {
    this.granted = new Set(granted);
  }

  /** The first permission group of the call that is not met, or null. */
  missing(call: GrantedCall): readonly string[] | null {
    return NEEDS[call].find((group) => !group.some((p) => this.granted.has(p))) ?? null;
  }

  /**
   * Refuses a call the grant does not cover with Graph's answer:
   * - sign-ins without AuditLog.Read.All: 403 `Authentication_MSGraphPermissionMissing` naming it
   *   (reported against signin-list.md in microsoft-graph-docs-contrib issue #3196);
   * - sign-ins without Directory.Read.All: the licence-check error of Graph's known issue "License
   *   check errors for Azure AD activity reports" (concepts/known-issues.md, linked from signin-list.md);
   * - directory calls: 403 `Authorization_RequestDenied` "Insufficient privileges…" (concepts/errors.md).
   */
  require(call: GrantedCall): void {
    const missing = this.missing(call);
    if (!missing) return;
    if (call === 'signIns' && missing[0] === 'AuditLog.Read.All')
      throw new GraphHttpError(
        403,
        'Authentication_MSGraphPermissionMissing',
        'Calling principal does not have required MSGraph permissions AuditLog.Read.All',
      );
    if (call === 'signIns')
      throw new GraphHttpError(
        403,
        'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
        "Neither tenant is B2C or tenant doesn't have premium license",
      );
    throw new GraphHttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }

  /** Whether sign-ins carry appliedConditionalAccessPolicies. */
  get readsConditionalAccess(): boolean {
    return CA_DATA_PERMISSIONS.some((p) => this.granted.has(p));
  }
}
