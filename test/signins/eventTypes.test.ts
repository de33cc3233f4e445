/**
 * The kinds of sign-in through the real Graph client against the demo tenant: v1.0 for interactive
 * only, beta with signInEventTypes for more, user and non-user kinds read apart; request ids,
 * categories; and the demo tenant refusing what Graph refuses.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DemoTenant } from '../../src/demo/tenant';
import { PAYROLL_SYNC, TOKEN_TROUBLE_USER } from '../../src/demo/otherSignIns';
import { createGraphClient } from '../../src/graph/client';
import { DemoTenantTransport, demoAuthProvider } from '../../src/demo/graphTransport';
import { GraphSignInLog, buildSignInFilter, readsFor } from '../../src/signins/signInLog';
import { categoryOf } from '../../src/diagnosis/categories';

const NOW = new Date('2026-11-27T10:00:00Z');
const tenant = new DemoTenant({ now: NOW });
const client = createGraphClient({
  endpoint: 'https://graph.microsoft.com',
  authProvider: demoAuthProvider,
  transport: new DemoTenantTransport(tenant),
});
const window = { from: new Date(NOW.getTime() - 3 * 86_400_000), to: NOW };
// v1.0 records have no signInEventTypes (Graph's v1.0 signIn lacks the property): isInteractive tells.
const kindOf = (r: SignIn) =>
  (r as { signInEventTypes?: string[] }).signInEventTypes?.[0] ??
  (r.isInteractive === false ? 'nonInteractiveUser' : 'interactiveUser');
const log = (eventTypes: ConstructorParameters<typeof GraphSignInLog>[1]['eventTypes']) =>
  new GraphSignInLog(client, { pageSize: 1000, maxPages: 5, eventTypes });

describe('the sign-in query', () => {
  it('puts a request id in as id eq, and the event types as a beta lambda only when more than interactive is wanted', () => {
    const q = { userId: 'u1', from: window.from, to: window.to, requestId: "x'1", errorCode: 50126 };
    expect(buildSignInFilter(q)).toBe(
      "id eq 'x''1' and userId eq 'u1' and createdDateTime ge 2026-11-24T10:00:00Z and createdDateTime le 2026-11-27T10:00:00Z and status/errorCode eq 50126",
    );
    expect(buildSignInFilter(q, ['interactiveUser', 'nonInteractiveUser'])).toMatch(
      / and signInEventTypes\/any\(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser'\)$/,
    );
  });

  it('is the poller filter too: without an end, everything since the start', () => {
    expect(buildSignInFilter({ from: window.from }, ['interactiveUser', 'nonInteractiveUser'])).toBe(
      "createdDateTime ge 2026-11-24T10:00:00Z and signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')",
    );
  });

  it('reads each kind apart, interactive first; a person never gets app or identity reads', () => {
    const all = ['managedIdentity', 'nonInteractiveUser', 'servicePrincipal', 'interactiveUser'] as const;
    expect(readsFor(all, undefined)).toEqual([
      ['interactiveUser'],
      ['nonInteractiveUser'],
      ['servicePrincipal'],
      ['managedIdentity'],
    ]);
    expect(readsFor(all, 'someone')).toEqual([['interactiveUser'], ['nonInteractiveUser']]);
  });

  it('with oneRead (the older part of a window the live index holds the rest of), the user kinds are one read; app kinds stay apart', () => {
    const all = ['managedIdentity', 'nonInteractiveUser', 'servicePrincipal', 'interactiveUser'] as const;
    expect(readsFor(all, 'someone', true)).toEqual([['interactiveUser', 'nonInteractiveUser']]);
    expect(readsFor(all, undefined, true)).toEqual([
      ['interactiveUser', 'nonInteractiveUser'],
      ['servicePrincipal'],
      ['managedIdentity'],
    ]);
    // Interactive alone stays one v1.0 read.
    expect(readsFor(['interactiveUser'], 'someone', true)).toEqual([['interactiveUser']]);
  });
});

describe('reading every kind of sign-in from the demo tenant', () => {
  it("reads interactive sign-ins on v1.0 and non-interactive ones apart on beta, and gets the troubled user's refresh failures", async () => {
    const before = tenant.requestLog.length;
    const interactive = await log(['interactiveUser']).find({ userId: TOKEN_TROUBLE_USER, ...window });
    const both = await log(['interactiveUser', 'nonInteractiveUser']).find({ userId: TOKEN_TROUBLE_USER, ...window });
    expect(new Set(interactive.records.map(kindOf))).toEqual(new Set(['interactiveUser']));
    const refreshes = both.records.filter((r) => kindOf(r) === 'nonInteractiveUser');
    expect(refreshes.length).toBeGreaterThan(0);
    expect(refreshes.every((r) => r.isInteractive === false)).toBe(true);
    expect(new Set(refreshes.filter((r) => r.status!.errorCode !== 0).map((r) => r.status!.errorCode))).toEqual(
      new Set([50173, 70043, 700082]),
    );
    expect(both.records.length).toBe(interactive.records.length + refreshes.length);
    const filters = tenant.requestLog.slice(before).map((r) => r.filter);
    expect(filters[0]).not.toContain('signInEventTypes');
    expect(filters[1]).not.toContain('signInEventTypes');
    expect(filters[2]).toContain("signInEventTypes/any(t: t eq 'nonInteractiveUser')");
  });

  it('reads the failing Payroll Sync service principal tenant-wide, newest first across reads', async () => {
    const page = await log(['interactiveUser', 'servicePrincipal', 'managedIdentity']).find({
      ...window,
      app: 'Payroll Sync',
    });
    expect(page.requests).toBe(3);
    const payroll = page.records.filter((r) => kindOf(r) === 'servicePrincipal');
    expect(payroll.length).toBeGreaterThan(0);
    expect(payroll[0]).toMatchObject({
      servicePrincipalName: PAYROLL_SYNC.name,
      servicePrincipalId: PAYROLL_SYNC.servicePrincipalId,
      isInteractive: false,
    });
    expect(payroll.some((r) => r.status!.errorCode === 7000222)).toBe(true);
    const times = page.records.map((r) => String(r.createdDateTime));
    expect(times).toEqual([...times].sort().reverse());
  });

  it("finds one sign-in by its request id, and only among the person's own", async () => {
    const record = tenant.signIns.find((r) => r.userId === TOKEN_TROUBLE_USER && r.isInteractive === false)!;
    const reader = log(['interactiveUser', 'nonInteractiveUser']);
    expect(
      (await reader.find({ userId: TOKEN_TROUBLE_USER, ...window, requestId: record.id })).records.map((r) => r.id),
    ).toEqual([record.id]);
    expect(
      (await reader.find({ userId: '00000000-0000-0000-0000-0000000000020', ...window, requestId: record.id })).records,
    ).toEqual([]);
  });

  it('filters a kind of failure after the read', async () => {
    const page = await log(['interactiveUser', 'nonInteractiveUser']).find({ ...window, category: 'lockout' });
    expect(page.records.length).toBeGreaterThan(0);
    expect(page.records.every((r) => categoryOf(r) === 'lockout')).toBe(true);
  });

  it('refuses what Graph refuses: signInEventTypes on v1.0, user and non-user kinds together', async () => {
    await expect(
      client
        .api('/auditLogs/signIns')
        .filter(encodeURIComponent("signInEventTypes/any(t: t eq 'nonInteractiveUser')"))
        .get(),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      client
        .api('/auditLogs/signIns')
        .version('beta')
        .filter(encodeURIComponent("signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'servicePrincipal')"))
        .get(),
    ).rejects.toMatchObject({ statusCode: 400 });
    const beta = (await client.api('/auditLogs/signIns').version('beta').top(1000).get()) as { value: SignIn[] };
    expect(new Set(beta.value.map(kindOf))).toEqual(new Set(['interactiveUser']));
  });
});
