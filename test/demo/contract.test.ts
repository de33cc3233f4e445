/**
 * The contract between the demo tenant, the production code and Microsoft's own schema of Graph
 * (test/fixtures/graph-schema/, trimmed from msgraph-metadata's CSDL by scripts/graph-schema.ts):
 * every record the demo tenant returns — v1.0 and beta, every kind of sign-in — and every property the
 * production code selects, filters on or keeps must exist there with that type. Goal: 0 missing.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import v1Schema from '../fixtures/graph-schema/v1.0.json';
import betaSchema from '../fixtures/graph-schema/beta.json';
import { DemoTenant } from '../../src/demo/tenant';
import { withLiveIncident } from '../../src/demo/liveIncident';
import { createGraphClient } from '../../src/graph/client';
import { DemoTenantTransport, demoAuthProvider } from '../../src/demo/graphTransport';
import { BETA_SIGNIN_PROPERTIES, V1_SIGNIN_PROPERTIES } from '../../src/demo/signInSchema';
import { DIRECTORY_ROLE_PROPERTIES, GROUP_PROPERTIES, USER_PROPERTIES } from '../../src/demo/directorySchema';
import { buildSignInFilter, eventTypeFilter } from '../../src/signins/signInLog';
import { SIGNIN_EVENT_TYPES } from '../../src/shared/types';
import { PROJECTED_PARTS } from '../../src/signins/live/compactSignIn';
import { SELECT as PERSON_SELECT } from '../../src/directory/people';
import { ROLE_SELECT } from '../../src/access/readers';
import { toUser } from '../../src/demo/directory';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { delegatedToken, graphWithToken } from '../support/delegated';

type Page = { value: Record<string, unknown>[] };

interface Property {
  type: string;
  collection?: boolean;
  nullable?: boolean;
}
type SchemaType =
  | { kind: 'entity' | 'complex'; baseType?: string; properties: Record<string, Property> }
  | { kind: 'enum'; flags?: boolean; members: string[] }
  | { kind: 'notVendored' };
interface Schema {
  version: string;
  source: string;
  types: Record<string, SchemaType>;
}

const SCHEMAS: Record<'v1.0' | 'beta', Schema> = { 'v1.0': v1Schema as Schema, beta: betaSchema as Schema };
const NOW = new Date('2026-11-27T10:00:00Z');
const HOUR = 3_600_000;

/**
 * A type of one version; for the beta types not vendored (the beta fixture holds the signIn entity
 * only, see its "source") the v1.0 type of the same name: stricter, since beta only adds to them.
 */
function typeOf(version: 'v1.0' | 'beta', name: string): SchemaType | undefined {
  const own = SCHEMAS[version].types[name];
  return own && own.kind !== 'notVendored' ? own : version === 'beta' ? SCHEMAS['v1.0'].types[name] : own;
}

/** Own and inherited properties of an entity or complex type. */
function propertiesOf(version: 'v1.0' | 'beta', name: string): Record<string, Property> {
  const type = typeOf(version, name);
  if (!type || (type.kind !== 'entity' && type.kind !== 'complex')) return {};
  return { ...(type.baseType ? propertiesOf(version, type.baseType) : {}), ...type.properties };
}

/** Every way `value` breaks the schema, as "path: problem". */
function problems(version: 'v1.0' | 'beta', value: unknown, property: Property, path: string): string[] {
  if (value === null || value === undefined)
    return property.nullable === false && value === null && property.type !== 'Edm.String'
      ? [`${path}: null but not nullable`]
      : [];
  if (property.collection) {
    if (!Array.isArray(value)) return [`${path}: expected a collection of ${property.type}`];
    return value.flatMap((item, i) => problems(version, item, { type: property.type }, `${path}[${i}]`));
  }
  switch (property.type) {
    case 'Edm.String':
      return typeof value === 'string' ? [] : [`${path}: expected a string`];
    case 'Edm.Boolean':
      return typeof value === 'boolean' ? [] : [`${path}: expected a boolean`];
    case 'Edm.Int32':
    case 'Edm.Int64':
      return Number.isInteger(value) ? [] : [`${path}: expected an integer`];
    case 'Edm.Double':
      return typeof value === 'number' ? [] : [`${path}: expected a number`];
    case 'Edm.DateTimeOffset':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && /Z$|[+-]\d\d:\d\d$/.test(value)
        ? []
        : [`${path}: expected a DateTimeOffset`];
  }
  const type = typeOf(version, property.type);
  if (!type || type.kind === 'notVendored') return [`${path}: type ${property.type} is not in the vendored schema`];
  if (type.kind === 'enum') {
    if (typeof value !== 'string') return [`${path}: expected a member of ${property.type}`];
    const members = type.flags ? value.split(',').map((m) => m.trim()) : [value];
    return members.every((m) => type.members.includes(m))
      ? []
      : [`${path}: '${value}' is not a member of ${property.type}`];
  }
  if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected an object of ${property.type}`];
  const known = propertiesOf(version, property.type);
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
    key.startsWith('@odata.')
      ? []
      : known[key]
        ? problems(version, v, known[key], `${path}.${key}`)
        : [`${path}.${key}: not a property of ${property.type}`],
  );
}

function recordProblems(version: 'v1.0' | 'beta', record: object): string[] {
  return problems(version, record, { type: 'signIn' }, `${version} ${(record as { id?: string }).id ?? '?'}`);
}

describe('the vendored schema', () => {
  it('says where it came from and holds signIn with its nested types', () => {
    for (const schema of Object.values(SCHEMAS)) {
      expect(schema.source).toMatch(/msgraph-metadata schemas\/(v1\.0|beta)-Prod\.csdl @ [0-9a-f]{40}/);
      expect(schema.types.signIn.kind).toBe('entity');
    }
    expect(Object.keys(propertiesOf('v1.0', 'signInLocation'))).toEqual(
      expect.arrayContaining(['city', 'state', 'countryOrRegion', 'geoCoordinates']),
    );
  });

  it('has the same signIn properties as the demo tenant serves per version (signInSchema.ts)', () => {
    expect([...V1_SIGNIN_PROPERTIES].sort()).toEqual(Object.keys(propertiesOf('v1.0', 'signIn')).sort());
    expect([...BETA_SIGNIN_PROPERTIES].sort()).toEqual(Object.keys(propertiesOf('beta', 'signIn')).sort());
  });

  it('has the same directory properties as the demo tenant accepts in $select (directorySchema.ts)', () => {
    expect([...USER_PROPERTIES].sort()).toEqual(Object.keys(propertiesOf('v1.0', 'user')).sort());
    expect([...DIRECTORY_ROLE_PROPERTIES].sort()).toEqual(Object.keys(propertiesOf('v1.0', 'directoryRole')).sort());
    expect([...GROUP_PROPERTIES].sort()).toEqual(Object.keys(propertiesOf('v1.0', 'group')).sort());
  });

  it('catches a wrong record: the checker can fail', () => {
    const bad = {
      id: 'x',
      createdDateTime: 'yesterday',
      managedIdentityType: 'systemAssigned',
      status: { errorCode: '50126' },
      conditionalAccessStatus: 'blocked',
    };
    expect(recordProblems('beta', bad)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('createdDateTime: expected a DateTimeOffset'),
        expect.stringContaining('managedIdentityType: not a property of signIn'),
        expect.stringContaining('status.errorCode: expected an integer'),
        expect.stringContaining("'blocked' is not a member of conditionalAccessStatus"),
      ]),
    );
    expect(recordProblems('v1.0', { id: 'x', signInEventTypes: ['interactiveUser'] })).toEqual([
      expect.stringContaining('signInEventTypes: not a property of signIn'),
    ]);
  });
});

describe("every record the demo tenant returns exists in Microsoft's schema", () => {
  // Realistic volume on (a little of it), so the background kinds are covered too.
  const tenant = new DemoTenant(withLiveIncident({ now: NOW, nonInteractivePerDay: 3 }));
  const client = createGraphClient({
    endpoint: 'https://graph.microsoft.com',
    authProvider: demoAuthProvider,
    transport: new DemoTenantTransport(tenant),
  });

  async function readAll(version: 'v1.0' | 'beta', filter: string | null): Promise<SignIn[]> {
    const out: SignIn[] = [];
    const api = client.api('/auditLogs/signIns').version(version).top(1000);
    let page = (await (filter ? api.filter(encodeURIComponent(filter)) : api).get()) as {
      value: SignIn[];
      '@odata.nextLink'?: string;
    };
    out.push(...page.value);
    while (page['@odata.nextLink']) {
      page = (await client.api(page['@odata.nextLink']).get()) as typeof page;
      out.push(...page.value);
    }
    return out;
  }

  it('v1.0: every interactive record of 30 days, and one by id', async () => {
    const records = await readAll('v1.0', null);
    expect(records.length).toBeGreaterThan(3000);
    expect(records.flatMap((r) => recordProblems('v1.0', r))).toEqual([]);
    const one = (await client.api(`/auditLogs/signIns/${records[0].id}`).get()) as SignIn;
    expect(recordProblems('v1.0', one)).toEqual([]);
  });

  // Three days of each kind: every shape the generators write occurs in them (the daemons sign in every few minutes for 30 days).
  it.each(SIGNIN_EVENT_TYPES.map((t) => [t]))('beta: every %s record of three days', async (kind) => {
    const since = new Date(NOW.getTime() - 72 * HOUR).toISOString().replace('.000Z', 'Z');
    const records = await readAll(
      'beta',
      `createdDateTime ge ${since} and ${eventTypeFilter([kind]) ?? `signInEventTypes/any(t: t eq '${kind}')`}`,
    );
    expect(records.length).toBeGreaterThan(0);
    expect(records.flatMap((r) => recordProblems('beta', r))).toEqual([]);
  });

  it('the directory: users and directory roles as the bot selects them', async () => {
    const users = (await client.api('/users').select(PERSON_SELECT).top(999).get()) as { value: object[] };
    const userProps = propertiesOf('v1.0', 'user');
    expect(users.value.flatMap((u) => Object.keys(u).filter((k) => !k.startsWith('@odata.') && !userProps[k]))).toEqual(
      [],
    );
    expect(Object.keys(toUser(DEMO_PEOPLE[0])).filter((k) => !userProps[k])).toEqual([]);
    const roles = (await client
      .api(`/users/${DEMO_PEOPLE[0].id}/transitiveMemberOf/microsoft.graph.directoryRole`)
      .header('ConsistencyLevel', 'eventual')
      .query({ $count: 'true' })
      .select(ROLE_SELECT)
      .get()) as { value: object[] };
    const roleProps = propertiesOf('v1.0', 'directoryRole');
    expect(roles.value.length).toBeGreaterThan(0);
    expect(roles.value.flatMap((r) => Object.keys(r).filter((k) => !k.startsWith('@odata.') && !roleProps[k]))).toEqual(
      [],
    );
  });
});

describe("every property the production code reads exists in Microsoft's schema", () => {
  it('the fields the live index keeps (the ones answers, findings, cards and tickets read)', () => {
    const signIn = propertiesOf('v1.0', 'signIn');
    const kept = ['id', 'createdDateTime', 'correlationId', ...Object.values(PROJECTED_PARTS).flat()];
    expect(kept.filter((field) => !signIn[field])).toEqual([]);
  });

  it('the $select lists of people and directory roles', () => {
    const user = propertiesOf('v1.0', 'user');
    const role = propertiesOf('v1.0', 'directoryRole');
    expect(PERSON_SELECT.split(',').filter((p) => !user[p])).toEqual([]);
    expect(ROLE_SELECT.split(',').filter((p) => !role[p])).toEqual([]);
  });

  it('every property the sign-in filter names, with the type its literal has', () => {
    const filter = buildSignInFilter({
      // An app the bot does not know goes to Graph as startswith(appDisplayName, …); a known one (Outlook) is matched by app id after the read.
      userId: 'u',
      from: new Date(NOW.getTime() - HOUR),
      to: NOW,
      app: 'Salesforce',
      errorCode: 50126,
      correlationId: 'c',
      requestId: 'r',
    });
    const paths = [...filter.matchAll(/([A-Za-z_]+(?:\/[A-Za-z_]+)?) (?:eq|ge|le) ('|\d)/g)].map(
      (m) => [m[1], m[2] === "'" ? 'Edm.String' : null] as const,
    );
    const starts = [...filter.matchAll(/startswith\(([A-Za-z_/]+),/gi)].map((m) => [m[1], 'Edm.String'] as const);
    expect(paths.length + starts.length).toBeGreaterThanOrEqual(6);
    const missing = [...paths, ...starts].filter(([path, literal]) => {
      let props = propertiesOf('v1.0', 'signIn');
      let property: Property | undefined;
      for (const part of path.split('/')) {
        property = props[part];
        if (!property) return true;
        props = propertiesOf('v1.0', property.type);
      }
      return literal === 'Edm.String'
        ? property!.type !== 'Edm.String'
        : !['Edm.Int32', 'Edm.DateTimeOffset'].includes(property!.type);
    });
    expect(missing).toEqual([]);
  });

  it('a request id tried as originalRequestId filters on a property of the beta signIn it is read from, and apps match on appId', () => {
    const filter = buildSignInFilter(
      { from: new Date(NOW.getTime() - HOUR), to: NOW, requestId: 'r' },
      ['interactiveUser'],
      'originalRequestId',
    );
    expect(filter).toContain("originalRequestId eq 'r'");
    expect(propertiesOf('beta', 'signIn').originalRequestId).toMatchObject({ type: 'Edm.String' });
    expect(propertiesOf('v1.0', 'signIn').appId).toMatchObject({ type: 'Edm.String' });
  });

  it('the beta-only kinds filter on a property beta has', () => {
    expect(eventTypeFilter(['nonInteractiveUser'])).toContain('signInEventTypes');
    expect(propertiesOf('beta', 'signIn').signInEventTypes).toEqual({ type: 'Edm.String', collection: true });
    expect(propertiesOf('v1.0', 'signIn').signInEventTypes).toBeUndefined();
  });
});

describe('the fixes answer in Graph types (issue 21)', () => {
  it("TAP, authentication methods, directory audits, managed devices and What If results are Graph's v1.0 types", async () => {
    const tenant = new DemoTenant({ now: NOW });
    const henrietta = graphWithToken(tenant, delegatedToken(tenant, '5e1f0000-0000-4000-8000-000000000007'));
    const megan = '00000000-0000-0000-0000-0000000000021';
    const check = (value: unknown, type: string, path: string) => problems('v1.0', value, { type }, path);
    const ofOwnType = (item: Record<string, unknown>, path: string) =>
      check(item, String(item['@odata.type']).replace('#microsoft.graph.', ''), path);

    const tap = (await henrietta
      .api(`/users/${megan}/authentication/temporaryAccessPassMethods`)
      .post({ isUsableOnce: true })) as Record<string, unknown>;
    await henrietta.api(`/users/${megan}/revokeSignInSessions`).post({});
    await henrietta.api('/users/5e1f0000-0000-4000-8000-000000000009').patch({ accountEnabled: true });
    const methods = (await henrietta.api(`/users/${megan}/authentication/methods`).get()) as Page;
    const audits = (await henrietta.api('/auditLogs/directoryAudits').get()) as Page;
    const devices = (await henrietta.api(`/users/${megan}/managedDevices`).get()) as Page;
    const whatIf = (await henrietta.api('/identity/conditionalAccess/evaluate').post({
      signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: megan },
      signInContext: { '@odata.type': '#microsoft.graph.applicationContext', includeApplications: ['All'] },
      signInConditions: { country: 'PT', deviceInfo: { isCompliant: false } },
    })) as Page;

    expect(methods.value.length).toBeGreaterThanOrEqual(3);
    expect(audits.value.length).toBeGreaterThanOrEqual(5);
    expect(whatIf.value.length).toBeGreaterThanOrEqual(6);
    expect([
      ...check(tap, 'temporaryAccessPassAuthenticationMethod', 'tap'),
      ...methods.value.flatMap((m, i) => ofOwnType(m, `methods[${i}]`)),
      ...audits.value.flatMap((a, i) => check(a, 'directoryAudit', `audits[${i}]`)),
      ...devices.value.flatMap((d, i) => check(d, 'managedDevice', `devices[${i}]`)),
      ...whatIf.value.flatMap((r, i) => check(r, 'whatIfAnalysisResult', `whatIf[${i}]`)),
    ]).toEqual([]);
    // The checker can fail on these types too.
    expect(check({ complianceState: 'broken', deviceColour: 'red' }, 'managedDevice', 'd')).toHaveLength(2);
  });
});
