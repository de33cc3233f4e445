import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DemoTenant } from '../../src/demo/tenant';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { createGraphClient } from '../../src/graph/client';
import { DemoTenantTransport, demoAuthProvider } from '../../src/demo/graphTransport';
import { GraphSignInLog, buildSignInFilter } from '../../src/signins/signInLog';

/** A Graph collection page. */
type Page<T> = { value: T[] };

const NOW = new Date('2026-11-27T10:00:00Z');
const tenant = new DemoTenant({ now: NOW });
const client = createGraphClient({
  endpoint: 'https://graph.microsoft.com',
  authProvider: demoAuthProvider,
  transport: new DemoTenantTransport(tenant),
});
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const HOUR = 3_600_000;

async function graphError(promise: Promise<unknown>): Promise<{ statusCode: number; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { statusCode: number; code: string; message: string };
  }
  throw new Error('expected a Graph error');
}

describe('demo tenant data', () => {
  it('has the six Playground users with their ids and at least 30 more people', () => {
    expect(DEMO_PEOPLE.length).toBeGreaterThanOrEqual(36);
    expect(DEMO_PEOPLE.slice(0, 6).map((p) => [p.displayName, p.id, p.userPrincipalName])).toEqual([
      ['Alex Wilber', '00000000-0000-0000-0000-0000000000020', 'alexw@example.com'],
      ['Megan Bowen', '00000000-0000-0000-0000-0000000000021', 'meganb@example.com'],
      ['Adele Vance', '00000000-0000-0000-0000-0000000000022', 'adelev@example.com'],
      ['Isaiah Langer', '00000000-0000-0000-0000-0000000000023', 'isaiah@example.com'],
      ['Patti Fernandez', '00000000-0000-0000-0000-0000000000024', 'pattif@example.com'],
      ['Lynne Robbins', '00000000-0000-0000-0000-0000000000025', 'lynner@example.com'],
    ]);
    const firstNames = DEMO_PEOPLE.map((p) => p.givenName);
    expect(firstNames.filter((n, i) => firstNames.indexOf(n) !== i).length).toBeGreaterThanOrEqual(2);
  });

  it('holds at least 2,000 sign-ins over 30 days with at least 15 distinct failure codes, newest first', () => {
    expect(tenant.signIns.length).toBeGreaterThanOrEqual(2000);
    const codes = new Set(tenant.signIns.map((r) => r.status!.errorCode).filter((c) => c !== 0));
    expect(codes.size).toBeGreaterThanOrEqual(15);
    for (const code of [
      50126, 50053, 500121, 53003, 53000, 53001, 50074, 50076, 50057, 50055, 50034, 700016, 65001, 50058, 50140, 50097,
      50125,
    ])
      expect(codes).toContain(code);
    const times = tenant.signIns.map((r) => Date.parse(r.createdDateTime as string));
    expect(times.every((t, i) => i === 0 || t <= times[i - 1])).toBe(true);
    expect(Math.min(...times)).toBeGreaterThan(NOW.getTime() - 31 * 24 * HOUR);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
  });

  it('gives each Playground user a failure in every 8-hour stretch of the last three days', () => {
    for (const person of DEMO_PEOPLE.slice(0, 6)) {
      const failures = tenant.signIns
        .filter((r) => r.userId === person.id && r.status!.errorCode !== 0)
        .map((r) => Date.parse(r.createdDateTime as string));
      for (let end = NOW.getTime(); end - 8 * HOUR >= NOW.getTime() - 72 * HOUR; end -= HOUR) {
        expect(failures.some((t) => t > end - 8 * HOUR && t <= end)).toBe(true);
      }
    }
  });

  it('writes complete v1.0 records', () => {
    const r = tenant.signIns.find((x) => x.status!.errorCode === 53003) as SignIn;
    expect(r).toMatchObject({ conditionalAccessStatus: 'failure' });
    for (const field of ['id', 'correlationId', 'ipAddress', 'clientAppUsed'] as const)
      expect(typeof r[field]).toBe('string');
    expect(r.deviceDetail).toHaveProperty('isCompliant');
    expect(r.location).toHaveProperty('countryOrRegion');
    expect(r.appliedConditionalAccessPolicies!.filter((p) => p.result === 'failure')).toHaveLength(1);
    expect(r.appliedConditionalAccessPolicies!.length).toBeGreaterThan(1);
  });

  it('is deterministic for the same now', () => {
    const again = new DemoTenant({ now: NOW });
    expect(again.signIns.map((r) => r.id)).toEqual(tenant.signIns.map((r) => r.id));
  });
});

describe('demo tenant through the real Graph client', () => {
  it('filters sign-ins server-side by user and time and pages with @odata.nextLink', async () => {
    const from = new Date(NOW.getTime() - 48 * HOUR);
    const log = new GraphSignInLog(client, { pageSize: 7, maxPages: 100 });
    const page = await log.find({ userId: MEGAN, from, to: NOW });
    const expected = tenant.signIns.filter(
      (r) => r.userId === MEGAN && Date.parse(r.createdDateTime as string) >= from.getTime(),
    );
    expect(page.records.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    // Interactive and non-interactive sign-ins are read apart, each paged by 7.
    const interactive = expected.filter((r) => r.isInteractive !== false).length;
    expect(page.requests).toBe(Math.ceil(interactive / 7) + Math.ceil((expected.length - interactive) / 7));
    expect(page.truncated).toBe(false);
  });

  it('stops at the page cap and says the result is truncated', async () => {
    const log = new GraphSignInLog(client, { pageSize: 5, maxPages: 2 });
    const page = await log.find({ userId: MEGAN, from: new Date(NOW.getTime() - 72 * HOUR), to: NOW });
    expect(page.records).toHaveLength(10);
    expect(page.truncated).toBe(true);
    expect(page.requests).toBe(2);
  });

  it('supports eq on error code, startswith on app name and correlation id', async () => {
    const log = new GraphSignInLog(client, { pageSize: 1000, maxPages: 5 });
    const lockouts = await log.find({
      userId: MEGAN,
      from: new Date(NOW.getTime() - 30 * 24 * HOUR),
      to: NOW,
      errorCode: 50053,
    });
    expect(lockouts.records.length).toBeGreaterThan(0);
    expect(lockouts.records.every((r) => r.status!.errorCode === 50053)).toBe(true);
    const teams = await log.find({ from: new Date(NOW.getTime() - 24 * HOUR), to: NOW, app: 'teams' });
    expect(teams.records.length).toBeGreaterThan(0);
    expect(teams.records.every((r) => r.appDisplayName === 'Microsoft Teams')).toBe(true);
    const one = lockouts.records[0];
    const byCorrelation = await log.find({
      from: new Date(NOW.getTime() - 30 * 24 * HOUR),
      to: NOW,
      correlationId: one.correlationId,
    });
    expect(byCorrelation.records.map((r) => r.id)).toContain(one.id);
    expect(await log.byId(one.id as string)).toMatchObject({ id: one.id, userId: MEGAN });
    expect(await log.byId('does-not-exist')).toBeNull();
    expect(await log.ownById(one.id as string, MEGAN)).toMatchObject({ id: one.id });
    expect(await log.ownById(one.id as string, '00000000-0000-0000-0000-0000000000020')).toBeNull();
  });

  it('escapes quotes so a name with an apostrophe is one literal', async () => {
    expect(buildSignInFilter({ userId: "o'brien", from: NOW, to: NOW })).toBe(
      "userId eq 'o''brien' and createdDateTime ge 2026-11-27T10:00:00Z and createdDateTime le 2026-11-27T10:00:00Z",
    );
    const users = (await client.api('/users').filter("startswith(surname,'O''Brien')").get()) as Page<{
      displayName: string;
    }>;
    expect(users.value.map((u) => u.displayName)).toEqual(["Seán O'Brien"]);
  });

  it('finds users by name prefix, id and UPN, with $select and $top', async () => {
    const alexes = (await client
      .api('/users')
      .filter("startswith(givenName,'alex')")
      .select('id,displayName')
      .top(5)
      .get()) as Page<unknown>;
    expect(alexes.value).toEqual([
      { id: '00000000-0000-0000-0000-0000000000020', displayName: 'Alex Wilber' },
      { id: '5e1f0000-0000-4000-8000-000000000001', displayName: 'Alex Darrow' },
    ]);
    expect(((await client.api('/users/meganb@example.com').get()) as { id: string }).id).toBe(MEGAN);
    expect(((await client.api(`/users/${MEGAN}`).get()) as { displayName: string }).displayName).toBe('Megan Bowen');
    expect(
      ((await client.api('/users').filter("userPrincipalName eq 'MEGANB@example.com'").get()) as Page<unknown>).value,
    ).toHaveLength(1);
    const missing = await graphError(client.api('/users/nobody@example.com').get());
    expect(missing.statusCode).toBe(404);
  });

  it.each([
    ["userId eq 'x' or userId eq 'y'", "'or' operator"],
    ["userId ne 'x'", "Operator 'ne'"],
    ["userId eq 'x' and createdDateTime gt 2026-11-01T00:00:00Z", "Operator 'gt'"],
    // riskState is filterable (beta/resources/signin.md); isInteractive is not documented as such.
    ['isInteractive eq true', "Property 'isInteractive'"],
    ["nosuchProperty eq 'x'", "Could not find a property named 'nosuchProperty'"],
    ["userId eq 'x') or (true", ''],
    ["userId eq 'unterminated", 'Unterminated'],
    ["status/errorCode eq '50126'", 'number literal'],
    ['', 'empty'],
  ])('answers a Graph-style 400 for the unsupported filter %p', async (filter, fragment) => {
    const error = await graphError(client.api('/auditLogs/signIns').filter(filter).get());
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('BadRequest');
    expect(error.message).toContain(fragment);
  });

  it('treats a quote-doubled injection as one literal that matches nobody', async () => {
    const page = (await client
      .api('/auditLogs/signIns')
      .filter("userId eq 'x'' or ''1'' eq ''1'")
      .get()) as Page<SignIn>;
    expect(page.value).toEqual([]);
  });

  it('rejects $top above 1000 and unknown query options', async () => {
    expect((await graphError(client.api('/auditLogs/signIns').top(1001).get())).statusCode).toBe(400);
    expect((await graphError(client.api('/auditLogs/signIns').query({ $search: 'x' }).get())).statusCode).toBe(400);
  });

  it('refuses requests without a bearer token', () => {
    const answer = tenant.handle({ method: 'GET', url: 'https://graph.microsoft.com/v1.0/users', headers: {} });
    expect(answer.status).toBe(401);
    expect((JSON.parse(answer.body) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
  });

  it('answers directory roles and group membership transitively', async () => {
    const roles = (await client
      .api('/users/5e1f0000-0000-4000-8000-000000000005/transitiveMemberOf/microsoft.graph.directoryRole')
      .header('ConsistencyLevel', 'eventual')
      .query({ $count: 'true' })
      .get()) as Page<{ displayName: string }>;
    expect(roles.value.map((r) => r.displayName)).toEqual(['Security Reader']);
    const groups = (await client.api('/users/5e1f0000-0000-4000-8000-000000000006/checkMemberGroups').post({
      groupIds: ['9d3a0000-0000-4000-8000-000000000001', '9d3a0000-0000-4000-8000-000000000004'],
    })) as Page<string>;
    expect(groups.value).toEqual(['9d3a0000-0000-4000-8000-000000000001']);
    const noHeader = await graphError(
      client.api(`/users/${MEGAN}/transitiveMemberOf/microsoft.graph.directoryRole`).get(),
    );
    expect(noHeader.statusCode).toBe(400);
  });
});
