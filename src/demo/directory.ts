/**
 * The directory half of the demo tenant: users, nested groups and directory roles, answered with
 * Graph's JSON shapes (GET /users, /users/{id}, transitiveMemberOf, checkMemberGroups).
 */
import { GraphHttpError, headerOf, pageSize, rejectUnsupported, select, type GraphRequest } from './graphProtocol';
import { compileFilter, USER_FILTER_RULES } from './odataFilter';
import { DEMO_GROUPS, ROLE_NAMES, type DemoPerson } from './people';
import { DIRECTORY_ROLE_PROPERTIES, GROUP_PROPERTIES, USER_PROPERTIES } from './directorySchema';

/** $select on users names properties of Graph's v1.0 user (directorySchema.ts). */
export const USER_TYPE = { name: 'user', properties: USER_PROPERTIES };

const MAX_USER_PAGE = 999;

export interface PasswordFlags {
  forceChangePasswordNextSignIn: boolean;
  forceChangePasswordNextSignInWithMfa: boolean;
}

export class DemoDirectory {
  /** Changes made through Graph (PATCH accountEnabled, revokeSignInSessions); the people themselves stay as generated. */
  private readonly enabled = new Map<string, boolean>();
  private readonly sessionsValidFrom = new Map<string, string>();
  private readonly passwordProfiles = new Map<string, PasswordFlags>();

  constructor(readonly people: readonly DemoPerson[]) {}

  isEnabled(person: DemoPerson): boolean {
    return this.enabled.get(person.id) ?? person.accountEnabled;
  }

  setEnabled(person: DemoPerson, value: boolean): void {
    this.enabled.set(person.id, value);
  }

  /** revokeSignInSessions: refresh tokens and session cookies issued before this instant no longer work. */
  revokeSessions(person: DemoPerson, at: Date): void {
    this.sessionsValidFrom.set(person.id, at.toISOString());
  }

  sessionsValidFromOf(person: DemoPerson): string | null {
    return this.sessionsValidFrom.get(person.id) ?? null;
  }

  /** PATCH passwordProfile: what the person must do at their next sign-in (the password itself is never kept). */
  setPasswordProfile(person: DemoPerson, flags: PasswordFlags): void {
    this.passwordProfiles.set(person.id, flags);
  }

  /** The person as Graph's user, with what was changed through Graph. */
  user(person: DemoPerson): Record<string, unknown> {
    const flags = this.passwordProfiles.get(person.id);
    return {
      ...toUser(person),
      accountEnabled: this.isEnabled(person),
      signInSessionsValidFromDateTime: this.sessionsValidFromOf(person),
      ...(flags ? { passwordProfile: { ...flags, password: null } } : {}),
    };
  }

  listUsers(query: URLSearchParams): unknown {
    rejectUnsupported(query, ['$filter', '$top', '$select', '$count']);
    const top = pageSize(query.get('$top'), 100, MAX_USER_PAGE);
    const filter = query.get('$filter');
    const users = this.people.map((p) => this.user(p));
    const matches = filter === null ? users : users.filter(compileFilter(filter, USER_FILTER_RULES).test);
    select({}, query.get('$select'), USER_TYPE); // Graph checks the names even when nothing matches.
    return {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users',
      value: matches.slice(0, top).map((u) => select(u, query.get('$select'), USER_TYPE)),
    };
  }

  findUser(key: string): DemoPerson {
    const lower = key.toLowerCase();
    const user = this.people.find((p) => p.id.toLowerCase() === lower || p.userPrincipalName.toLowerCase() === lower);
    if (!user)
      throw new GraphHttpError(
        404,
        'Request_ResourceNotFound',
        `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
      );
    return user;
  }

  /** Every group a person belongs to, directly or through nested groups. */
  groupsOf(person: DemoPerson): Set<string> {
    const all = Object.values(DEMO_GROUPS);
    const result = new Set<string>(person.groups);
    let grew = true;
    while (grew) {
      grew = false;
      for (const group of all) {
        if (!result.has(group.id) && group.memberGroups.some((child) => result.has(child))) {
          result.add(group.id);
          grew = true;
        }
      }
    }
    return result;
  }

  /** The directory roles a person holds: assigned directly or through a role-assignable group. */
  rolesOf(person: DemoPerson): Set<string> {
    const groups = this.groupsOf(person);
    const roleIds = new Set(person.roles);
    for (const group of Object.values(DEMO_GROUPS)) {
      if ('role' in group && groups.has(group.id)) roleIds.add(group.role);
    }
    return roleIds;
  }

  /** Whether the person is a member of a role-assignable group (Entra protects them as it protects admins). */
  inRoleAssignableGroup(person: DemoPerson): boolean {
    const groups = this.groupsOf(person);
    return Object.values(DEMO_GROUPS).some((g) => 'role' in g && groups.has(g.id));
  }

  transitiveMemberOf(
    person: DemoPerson,
    cast: string | undefined,
    query: URLSearchParams,
    request: GraphRequest,
  ): unknown {
    if (cast !== undefined && !['microsoft.graph.directoryRole', 'microsoft.graph.group'].includes(cast)) {
      throw new GraphHttpError(400, 'Request_BadRequest', `Unsupported type cast '${cast}'.`);
    }
    if (
      cast !== undefined &&
      (headerOf(request.headers, 'consistencylevel') !== 'eventual' || query.get('$count') !== 'true')
    ) {
      throw new GraphHttpError(
        400,
        'Request_UnsupportedQuery',
        'A type cast on this collection needs the ConsistencyLevel: eventual header and $count=true.',
      );
    }
    const groups = this.groupsOf(person);
    const roles = [...this.rolesOf(person)].map((templateId) => ({
      '@odata.type': '#microsoft.graph.directoryRole',
      id: `role-${templateId.slice(0, 8)}`,
      displayName: ROLE_NAMES[templateId] ?? 'Directory role',
      roleTemplateId: templateId,
    }));
    const groupObjects = Object.values(DEMO_GROUPS)
      .filter((g) => groups.has(g.id))
      .map((g) => ({ '@odata.type': '#microsoft.graph.group', id: g.id, displayName: g.displayName }));
    const value =
      cast === 'microsoft.graph.directoryRole'
        ? roles
        : cast === 'microsoft.graph.group'
          ? groupObjects
          : [...roles, ...groupObjects];
    const type =
      cast === 'microsoft.graph.directoryRole'
        ? { name: 'directoryRole', properties: DIRECTORY_ROLE_PROPERTIES }
        : cast === 'microsoft.graph.group'
          ? { name: 'group', properties: GROUP_PROPERTIES }
          : { name: 'directoryObject', properties: new Set([...DIRECTORY_ROLE_PROPERTIES, ...GROUP_PROPERTIES]) };
    select({}, query.get('$select'), type); // Graph checks the names even when nothing matches.
    return { '@odata.count': value.length, value: value.map((v) => select(v, query.get('$select'), type)) };
  }
}

export function toUser(p: DemoPerson): Record<string, unknown> {
  return {
    id: p.id,
    displayName: p.displayName,
    givenName: p.givenName,
    surname: p.surname,
    userPrincipalName: p.userPrincipalName,
    mail: p.mail,
    jobTitle: p.jobTitle,
    department: p.department,
    officeLocation: p.officeLocation,
    accountEnabled: p.accountEnabled,
  };
}
