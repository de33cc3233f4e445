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

export class DemoDirectory {
  constructor(readonly people: readonly DemoPerson[]) {}

  listUsers(query: URLSearchParams): unknown {
    rejectUnsupported(query, ['$filter', '$top', '$select', '$count']);
    const top = pageSize(query.get('$top'), 100, MAX_USER_PAGE);
    const filter = query.get('$filter');
    const users = this.people.map(toUser);
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
    const roleIds = new Set(person.roles);
    for (const group of Object.values(DEMO_GROUPS)) {
      if ('role' in group && groups.has(group.id)) roleIds.add(group.role);
    }
    const roles = [...roleIds].map((templateId) => ({
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
