/**
 * The demo tenant is as strict as Graph, one test per rule, through the real Graph client (each rule's
 * source is in docs/graph-fidelity.md).
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DemoTenant } from '../../src/demo/tenant';
import { createGraphClient } from '../../src/graph/client';
import { DemoTenantTransport, demoAuthProvider } from '../../src/demo/graphTransport';
import { GraphSignInLog } from '../../src/signins/signInLog';

type Page = { value: Record<string, unknown>[]; '@odata.nextLink'?: string };
const NOW = new Date('2026-11-27T10:00:00Z');
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const HOUR = 3_600_000;
const tenant = new DemoTenant({ now: NOW });
const client = createGraphClient({
  endpoint: 'https://graph.microsoft.com',
  authProvider: demoAuthProvider,
  transport: new DemoTenantTransport(tenant),
});
const list = (version: 'v1.0' | 'beta', filter?: string) => {
  const api = client.api('/auditLogs/signIns').version(version);
  return filter === undefined ? api : api.filter(encodeURIComponent(filter));
};
const read = async (request: { get(): Promise<unknown> }) => (await request.get()) as Page;

async function graphError(
  promise: Promise<unknown>,
): Promise<{ statusCode: number; code: string; message: string; body?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { statusCode: number; code: string; message: string };
  }
  throw new Error('expected a Graph error');
}

describe('$select', () => {
  it("answers 400 with Graph's error body for a property the type does not have", async () => {
    const answer = tenant.handle({
      method: 'GET',
      url: 'https://graph.microsoft.com/v1.0/auditLogs/signIns?$select=id,failureReason',
      headers: { authorization: 'Bearer t' },
    });
    expect(answer.status).toBe(400);
    const body = JSON.parse(answer.body) as {
      error: { code: string; message: string; innerError: Record<string, string> };
    };
    expect(body.error.code).toBe('BadRequest');
    expect(body.error.message).toContain(
      "Could not find a property named 'failureReason' on type 'microsoft.graph.signIn'",
    );
    expect(body.error.innerError['request-id']).toBe(answer.headers['request-id']);
    expect((await graphError(list('v1.0').select('id,nope').get())).statusCode).toBe(400);
  });

  it('on the directory too: users and directory roles', async () => {
    const user = await graphError(client.api(`/users/${MEGAN}`).select('id,favouriteColour').get());
    expect([user.statusCode, user.code]).toEqual([400, 'BadRequest']);
    expect(user.message).toContain("on type 'microsoft.graph.user'");
    expect((await graphError(client.api('/users').select('id,nope').get())).statusCode).toBe(400);
    const roles = (await client
      .api(`/users/${MEGAN}/transitiveMemberOf/microsoft.graph.directoryRole`)
      .header('ConsistencyLevel', 'eventual')
      .query({ $count: 'true' })
      .select('id,roleTemplateId')
      .get()) as Page;
    expect(Array.isArray(roles.value)).toBe(true);
    expect(
      (
        await graphError(
          client
            .api(`/users/${MEGAN}/transitiveMemberOf/microsoft.graph.directoryRole`)
            .header('ConsistencyLevel', 'eventual')
            .query({ $count: 'true' })
            .select('id,mail')
            .get(),
        )
      ).statusCode,
    ).toBe(400);
    expect(
      ((await client.api(`/users/${MEGAN}`).select('ID,DisplayName').get()) as Record<string, unknown>).displayName,
    ).toBe('Megan Bowen');
  });

  it('returns exactly the selected properties, names matched in any case', async () => {
    const page = await read(list('v1.0').select('id,USERID,status').top(5));
    expect(page.value).toHaveLength(5);
    for (const r of page.value) expect(Object.keys(r).sort()).toEqual(['id', 'status', 'userId']);
  });
});

describe('v1.0 and beta', () => {
  it('v1.0 has no signInEventTypes: not in its records, not selectable, not filterable', async () => {
    const page = await read(list('v1.0').top(50));
    expect(page.value.some((r) => 'signInEventTypes' in r)).toBe(false);
    expect(page.value.every((r) => r.isInteractive === true)).toBe(true);
    expect((await graphError(list('v1.0').select('signInEventTypes').get())).statusCode).toBe(400);
    const filtered = await graphError(list('v1.0', "signInEventTypes/any(t: t eq 'nonInteractiveUser')").get());
    expect(filtered.statusCode).toBe(400);
    expect(filtered.message).toContain("Could not find a property named 'signInEventTypes'");
  });

  it('beta returns interactive sign-ins only unless signInEventTypes asks for more, and carries the property', async () => {
    const plain = await read(list('beta').top(200));
    expect(plain.value.every((r) => (r.signInEventTypes as string[]).includes('interactiveUser'))).toBe(true);
    const refreshes = await read(list('beta', "signInEventTypes/any(t: t eq 'nonInteractiveUser')").top(50));
    expect(refreshes.value.length).toBeGreaterThan(0);
    expect(
      refreshes.value.every(
        (r) => (r.signInEventTypes as string[])[0] === 'nonInteractiveUser' && r.isInteractive === false,
      ),
    ).toBe(true);
  });

  it("managed identities come with beta's managedServiceIdentity, which v1.0 does not have", async () => {
    const identities = await read(list('beta', "signInEventTypes/any(t: t eq 'managedIdentity')").top(5));
    expect(identities.value[0].managedServiceIdentity).toMatchObject({ msiType: 'systemAssigned' });
    expect(identities.value[0]).not.toHaveProperty('managedIdentityType');
    const byId = (await client.api(`/auditLogs/signIns/${String(identities.value[0].id)}`).get()) as Record<
      string,
      unknown
    >;
    expect(byId).not.toHaveProperty('managedServiceIdentity');
    expect(byId).not.toHaveProperty('signInEventTypes');
  });
});

describe('$filter as the signIn resource documents it', () => {
  it.each([
    [
      "location/city eq 'Amsterdam'",
      (r: Record<string, unknown>) => (r.location as { city: string }).city === 'Amsterdam',
    ],
    [
      "startswith(location/countryOrRegion,'n')",
      (r: Record<string, unknown>) => (r.location as { countryOrRegion: string }).countryOrRegion.startsWith('N'),
    ],
    ["clientAppUsed eq 'Browser'", (r: Record<string, unknown>) => r.clientAppUsed === 'Browser'],
    [
      "deviceDetail/operatingSystem eq 'MacOs'",
      (r: Record<string, unknown>) => (r.deviceDetail as { operatingSystem: string }).operatingSystem === 'MacOs',
    ],
    ["conditionalAccessStatus eq 'failure'", (r: Record<string, unknown>) => r.conditionalAccessStatus === 'failure'],
    ["riskState eq 'none'", (r: Record<string, unknown>) => r.riskState === 'none'],
  ])('accepts %s', async (filter, holds) => {
    const page = await read(list('v1.0', filter).top(100));
    expect(page.value.length).toBeGreaterThan(0);
    expect(page.value.every(holds)).toBe(true);
  });

  it("accepts a date-only literal as that day's midnight UTC", async () => {
    const page = await read(
      list(
        'v1.0',
        `userId eq '${MEGAN}' and createdDateTime ge 2026-11-26 and createdDateTime le 2026-11-26T23:59:59Z`,
      ),
    );
    expect(page.value.length).toBeGreaterThan(0);
    expect(page.value.every((r) => String(r.createdDateTime).startsWith('2026-11-26'))).toBe(true);
    expect((await graphError(list('v1.0', 'createdDateTime ge 2026-13-45').get())).statusCode).toBe(400);
  });

  it('filters originalRequestId on beta, where the property is; v1.0 does not have it', async () => {
    // An interrupted sign-in and the success after it: one sequence, the success names the interrupt's request id.
    const success = tenant.signIns.find((r) => {
      const first = (r as { originalRequestId?: string }).originalRequestId;
      return r.status?.errorCode === 0 && first !== undefined && first !== r.id;
    }) as SignIn & { originalRequestId: string };
    const page = await read(list('beta', `originalRequestId eq '${success.originalRequestId}'`));
    expect(page.value.map((r) => r.id).sort()).toEqual([success.originalRequestId, success.id].sort());
    expect(
      (await graphError(list('v1.0', `originalRequestId eq '${success.originalRequestId}'`).get())).statusCode,
    ).toBe(400);
  });

  it('refuses what the page does not document: a filter on isInteractive, ne, gt, or', async () => {
    for (const filter of [
      'isInteractive eq true',
      "userId ne 'x'",
      'createdDateTime gt 2026-11-01T00:00:00Z',
      "userId eq 'a' or userId eq 'b'",
    ]) {
      expect((await graphError(list('v1.0', filter).get())).statusCode).toBe(400);
    }
  });
});

describe('case rules', () => {
  it('string eq is case-sensitive on the sign-in log (UPNs are stored in lower case)', async () => {
    expect((await read(list('v1.0', "userPrincipalName eq 'meganb@example.com'").top(5))).value.length).toBeGreaterThan(
      0,
    );
    expect((await read(list('v1.0', "userPrincipalName eq 'MeganB@example.com'").top(5))).value).toEqual([]);
  });

  it('startswith compares without regard to case', async () => {
    const page = await read(list('v1.0', "startswith(userPrincipalName,'MEGANB@')").top(5));
    expect(page.value.length).toBeGreaterThan(0);
    expect(page.value.every((r) => r.userPrincipalName === 'meganb@example.com')).toBe(true);
  });

  it('keywords, functions and property names in any case', async () => {
    const page = await read(
      list('v1.0', "STARTSWITH(userprincipalname,'meganb') AND Status/ErrorCode EQ 50126").top(5),
    );
    expect(page.value.length).toBeGreaterThan(0);
    expect(page.value.every((r) => (r.status as { errorCode: number }).errorCode === 50126)).toBe(true);
  });

  it('the directory compares UPNs without regard to case', async () => {
    const users = (await client.api('/users').filter("userPrincipalName eq 'MEGANB@EXAMPLE.COM'").get()) as Page;
    expect(users.value).toHaveLength(1);
  });
});

describe('$orderby', () => {
  it('sorts by createdDateTime either way; other properties are refused', async () => {
    const filter = `userId eq '${MEGAN}' and createdDateTime ge ${new Date(NOW.getTime() - 24 * HOUR).toISOString()}`;
    const newest = await read(list('v1.0', filter).orderby('createdDateTime desc'));
    const oldest = await read(list('v1.0', filter).orderby('createdDateTime asc'));
    const stamps = (p: Page) => p.value.map((r) => String(r.createdDateTime));
    expect(stamps(newest).length).toBeGreaterThan(3);
    expect(stamps(oldest)).toEqual([...stamps(newest)].reverse());
    expect((await graphError(list('v1.0').orderby('userId').get())).statusCode).toBe(400);
  });
});

describe('the production reader on the strict tenant', () => {
  it("reads a person's week through GraphSignInLog without a refused query", async () => {
    const log = new GraphSignInLog(client, {
      pageSize: 500,
      maxPages: 5,
      eventTypes: ['interactiveUser', 'nonInteractiveUser'],
    });
    const page = await log.find({
      userId: MEGAN,
      from: new Date(NOW.getTime() - 7 * 24 * HOUR),
      to: NOW,
      app: 'outlook',
    });
    expect(page.records.length).toBeGreaterThan(0);
    expect(page.records.every((r: SignIn) => r.userId === MEGAN)).toBe(true);
  });
});
