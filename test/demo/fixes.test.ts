/**
 * The fix endpoints of the demo tenant, called by the real Graph client with a delegated token
 * obtained as the bot obtains it (SSO token → token exchange): Entra's scope and role rules decide,
 * the effects show afterwards, and every call is recorded with the kind of token that made it.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DemoTenant } from '../../src/demo/tenant';
import { DemoTenantTransport, demoAuthProviderFor } from '../../src/demo/graphTransport';
import { DEFAULT_DEMO_PERMISSIONS } from '../../src/demo/permissions';
import { createGraphClient } from '../../src/graph/client';
import { LIVE_INCIDENT, withLiveIncident } from '../../src/demo/liveIncident';
import { delegatedToken, graphWithToken } from '../support/delegated';

const NOW = new Date('2026-11-27T10:00:00Z');
const P = {
  alex: '00000000-0000-0000-0000-0000000000020',
  megan: '00000000-0000-0000-0000-0000000000021',
  isaiah: '00000000-0000-0000-0000-0000000000023',
  diego: '5e1f0000-0000-4000-8000-000000000004',
  grady: '5e1f0000-0000-4000-8000-000000000005',
  nestor: '5e1f0000-0000-4000-8000-000000000006',
  henrietta: '5e1f0000-0000-4000-8000-000000000007',
  miriam: '5e1f0000-0000-4000-8000-000000000009',
};

let clock = NOW.getTime() + 60_000;
const tenant = new DemoTenant({ now: NOW, clock: () => clock });

const tokenFor = (oid: string, on: DemoTenant = tenant) => delegatedToken(on, oid);
const graphAs = (token: string, on: DemoTenant = tenant) => graphWithToken(on, token);
const as = (oid: string) => graphAs(tokenFor(oid));

async function refusal(promise: Promise<unknown>): Promise<{ statusCode: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { statusCode: number; code: string };
  }
  throw new Error('expected Graph to refuse');
}
const denied = { statusCode: 403, code: 'Authorization_RequestDenied' };

beforeEach(() => {
  clock += 1000;
});

describe('revokeSignInSessions', () => {
  it('a Helpdesk Administrator revokes a non-admin: true, the user property, 50173 refreshes, the audit log, stats', async () => {
    clock += 60_000;
    const answer = (await as(P.nestor).api(`/users/${P.megan}/revokeSignInSessions`).post({})) as { value: boolean };
    expect(answer.value).toBe(true);
    const revokedAt = new Date(clock).toISOString();

    const megan = (await graphAs('app').api(`/users/${P.megan}`).get()) as Record<string, unknown>;
    expect(megan.signInSessionsValidFromDateTime).toBe(revokedAt);

    const refreshes = (await graphAs('app')
      .api('/auditLogs/signIns')
      .version('beta')
      .filter(
        `userId eq '${P.megan}' and signInEventTypes/any(t: t eq 'nonInteractiveUser') and status/errorCode eq 50173`,
      )
      .get()) as { value: SignIn[] };
    const after = refreshes.value.filter(
      (r) => Date.parse(r.createdDateTime as string) >= Date.parse(revokedAt) - 1000,
    );
    expect(after.length).toBeGreaterThanOrEqual(2);

    const audit = tenant.audits
      .all()
      .find((e) => e.activityDisplayName === 'Update StsRefreshTokenValidFrom Timestamp');
    expect(audit?.initiatedBy.user?.id).toBe(P.nestor);
    expect(audit?.targetResources[0].id).toBe(P.megan);
    expect(tenant.delegated.actions).toContainEqual({
      action: 'revokeSessions',
      target: P.megan,
      caller: P.nestor,
      at: revokedAt,
    });
  });

  it("is refused as Entra refuses it: a Reports Reader, and a Helpdesk Administrator on an admin or a role-assignable group's member", async () => {
    expect(await refusal(as(P.alex).api(`/users/${P.megan}/revokeSignInSessions`).post({}))).toMatchObject(denied);
    expect(await refusal(as(P.nestor).api(`/users/${P.henrietta}/revokeSignInSessions`).post({}))).toMatchObject(
      denied,
    );
    expect(await refusal(as(P.nestor).api(`/users/${P.grady}/revokeSignInSessions`).post({}))).toMatchObject(denied);
    // Another Helpdesk Administrator is within a Helpdesk Administrator's reach ("Who can reset passwords").
    await as(P.nestor).api(`/users/${P.diego}/revokeSignInSessions`).post({});
  });
});

describe('Temporary Access Pass', () => {
  it('an Authentication Administrator issues one: the pass once, 60 minutes by default; the methods list shows it without the secret', async () => {
    const henrietta = as(P.henrietta);
    const tap = (await henrietta
      .api(`/users/${P.megan}/authentication/temporaryAccessPassMethods`)
      .post({ isUsableOnce: true })) as Record<string, unknown>;
    expect(tap).toMatchObject({ lifetimeInMinutes: 60, isUsableOnce: true, isUsable: true });
    expect(tap.temporaryAccessPass).toMatch(/^\S{8}$/);
    const methods = (await henrietta.api(`/users/${P.megan}/authentication/methods`).get()) as {
      value: Record<string, unknown>[];
    };
    const listed = methods.value.find(
      (m) => m['@odata.type'] === '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
    );
    expect(listed).toMatchObject({ id: tap.id, temporaryAccessPass: null, isUsableOnce: true });
    expect(JSON.stringify(methods)).not.toContain(tap.temporaryAccessPass as string);
    expect(tenant.audits.all()[0]).toMatchObject({
      activityDisplayName: 'Admin registered security info',
      loggedByService: 'Authentication Methods',
    });
  });

  it('refuses a Helpdesk Administrator, a lifetime outside the policy, and an Authentication Administrator on a Helpdesk Administrator', async () => {
    const path = `/users/${P.megan}/authentication/temporaryAccessPassMethods`;
    expect(await refusal(as(P.nestor).api(path).post({}))).toMatchObject(denied);
    expect(await refusal(as(P.henrietta).api(path).post({ lifetimeInMinutes: 30 }))).toMatchObject({ statusCode: 400 });
    expect(
      await refusal(as(P.henrietta).api(`/users/${P.nestor}/authentication/temporaryAccessPassMethods`).post({})),
    ).toMatchObject(denied);
    expect(await refusal(as(P.alex).api(`/users/${P.megan}/authentication/methods`).get())).toMatchObject(denied);
  });
});

describe('require a new password at next sign-in', () => {
  it('a Helpdesk Administrator may (a password reset); a Reports Reader may not', async () => {
    const body = {
      passwordProfile: { forceChangePasswordNextSignIn: true, forceChangePasswordNextSignInWithMfa: true },
    };
    await as(P.nestor).api(`/users/${P.megan}`).patch(body);
    const megan = (await graphAs('app').api(`/users/${P.megan}`).select('passwordProfile').get()) as Record<
      string,
      unknown
    >;
    expect(megan.passwordProfile).toMatchObject({ forceChangePasswordNextSignInWithMfa: true, password: null });
    expect(tenant.audits.all()[0]).toMatchObject({ activityDisplayName: 'Set force change user password' });
    expect(tenant.delegated.actions.at(-1)).toMatchObject({ action: 'requirePasswordChange', caller: P.nestor });
    expect(await refusal(as(P.alex).api(`/users/${P.megan}`).patch(body))).toMatchObject(denied);
  });
});

describe('a disabled account: who disabled it, then enable it', () => {
  const disabledBy = `/auditLogs/directoryAudits`;

  it("the audit log says who disabled Miriam and when (before her first 50057); a Helpdesk Administrator can't read it", async () => {
    const audits = (await as(P.alex)
      .api(disabledBy)
      .filter(`activityDisplayName eq 'Disable account' and targetResources/any(t: t/id eq '${P.miriam}')`)
      .get()) as { value: { initiatedBy: { user: { id: string } }; activityDateTime: string }[] };
    expect(audits.value).toHaveLength(1);
    expect(audits.value[0].initiatedBy.user.id).toBe(P.henrietta);
    const firstFailure = tenant.signIns
      .filter((r) => r.userId === P.miriam && r.status?.errorCode === 50057)
      .map((r) => Date.parse(r.createdDateTime as string))
      .sort((a, b) => a - b)[0];
    expect(Date.parse(audits.value[0].activityDateTime)).toBeLessThan(firstFailure);
    expect(await refusal(as(P.nestor).api(disabledBy).get())).toMatchObject({
      statusCode: 403,
      code: 'Authentication_RequestFromUnsupportedUserRole',
    });
  });

  it('the audit log takes the filters its resource page documents and refuses others (400)', async () => {
    const alex = as(P.alex);
    const since = new Date(NOW.getTime() - 40 * 86_400_000).toISOString();
    const byHenrietta = (await alex
      .api(disabledBy)
      .filter(`initiatedBy/user/id eq '${P.henrietta}' and activityDateTime ge ${since}`)
      .get()) as { value: { initiatedBy: { user: { id: string } } }[] };
    expect(byHenrietta.value.length).toBeGreaterThanOrEqual(4);
    expect(byHenrietta.value.every((e) => e.initiatedBy.user.id === P.henrietta)).toBe(true);
    for (const filter of ["category eq 'UserManagement'", "activityDisplayName eq 'a' or activityDisplayName eq 'b'"])
      expect(await refusal(alex.api(disabledBy).filter(filter).get())).toMatchObject({ statusCode: 400 });
  });

  it('enabling needs a sensitive-actions role: Nestor is refused, Henrietta enables; Miriam signs in again', async () => {
    expect(await refusal(as(P.nestor).api(`/users/${P.miriam}`).patch({ accountEnabled: true }))).toMatchObject(denied);
    clock += 60_000;
    await as(P.henrietta).api(`/users/${P.miriam}`).patch({ accountEnabled: true });
    expect(((await graphAs('app').api(`/users/${P.miriam}`).get()) as { accountEnabled: boolean }).accountEnabled).toBe(
      true,
    );
    const latest = tenant.signIns.find((r) => r.userId === P.miriam);
    expect(latest?.status?.errorCode).toBe(0);
    const enabled = (await as(P.alex).api(disabledBy).filter("activityDisplayName eq 'Enable account'").get()) as {
      value: { initiatedBy: { user: { id: string } } }[];
    };
    expect(enabled.value[0].initiatedBy.user.id).toBe(P.henrietta);
    expect(() => tokenFor(P.miriam)).not.toThrow();
  });
});

describe('What If and devices', () => {
  const whatIf = (country: string, isCompliant: boolean) => ({
    signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: '00000000-0000-0000-0000-0000000000022' },
    signInContext: {
      '@odata.type': '#microsoft.graph.applicationContext',
      includeApplications: ['7c1b3f2a-5d4e-4a6b-9c8d-0e1f2a3b4c5d'],
    },
    signInConditions: { country, deviceInfo: { isCompliant } },
    appliedPoliciesOnly: true,
  });
  type Results = {
    value: { displayName: string; policyApplies: boolean; grantControls: { builtInControls: string[] } | null }[];
  };

  it("names the policies that would apply to Adele's Salesforce sign-in, and which control each requires", async () => {
    const henrietta = as(P.henrietta);
    const abroad = (await henrietta.api('/identity/conditionalAccess/evaluate').post(whatIf('BR', false))) as Results;
    const block = abroad.value.find((p) => p.displayName === 'Block access from outside allowed countries');
    expect(block?.grantControls?.builtInControls).toEqual(['block']);
    const home = (await henrietta.api('/identity/conditionalAccess/evaluate').post(whatIf('NL', true))) as Results;
    expect(home.value.map((p) => p.displayName)).not.toContain('Block access from outside allowed countries');
    expect(home.value.map((p) => p.displayName)).toContain('Require compliant device for Salesforce');
    expect(
      await refusal(as(P.alex).api('/identity/conditionalAccess/evaluate').post(whatIf('NL', true))),
    ).toMatchObject(denied);
    // Without a country the location condition cannot be evaluated: What If says so.
    const unknown = (await henrietta
      .api('/identity/conditionalAccess/evaluate')
      .post({ ...whatIf('NL', true), signInConditions: {}, appliedPoliciesOnly: false })) as {
      value: { displayName: string; policyApplies: boolean; analysisReasons: string }[];
    };
    expect(unknown.value.find((p) => p.displayName === 'Block access from outside allowed countries')).toMatchObject({
      policyApplies: false,
      analysisReasons: 'notEnoughInformation',
    });
    expect(tenant.delegated.actions.at(-1)).toMatchObject({
      action: 'whatIf',
      target: '00000000-0000-0000-0000-0000000000022',
      caller: P.henrietta,
    });
  });

  it("the live incident's policy blocks a Finance person on Contoso Expenses unless the device is compliant", async () => {
    const incident = new DemoTenant({ ...withLiveIncident({ now: NOW }), clock: () => clock });
    const finance = incident.people.find((p) => p.department === 'Finance' && p.accountEnabled)!;
    const evaluate = (isCompliant: boolean) =>
      graphAs(tokenFor(P.henrietta, incident), incident)
        .api('/identity/conditionalAccess/evaluate')
        .post({
          signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: finance.id },
          signInContext: {
            '@odata.type': '#microsoft.graph.applicationContext',
            includeApplications: [LIVE_INCIDENT.app.appId],
          },
          signInConditions: { country: 'NL', deviceInfo: { isCompliant, trustType: 'Workplace' } },
        }) as Promise<{ value: { id: string; policyApplies: boolean; analysisReasons: string }[] }>;
    const policy = (r: { value: { id: string; policyApplies: boolean; analysisReasons: string }[] }) =>
      r.value.find((p) => p.id === LIVE_INCIDENT.policy.id);
    expect(policy(await evaluate(false))).toMatchObject({ policyApplies: true, analysisReasons: 'notSet' });
    expect(policy(await evaluate(true))).toMatchObject({ policyApplies: false, analysisReasons: 'devices' });
  });

  it("lists a person's managed devices with their compliance state", async () => {
    const devices = (id: string) =>
      as(P.henrietta).api(`/users/${id}/managedDevices`).get() as Promise<{ value: { complianceState: string }[] }>;
    expect((await devices(P.isaiah)).value[0].complianceState).toBe('noncompliant');
    expect((await devices(P.megan)).value[0].complianceState).toBe('compliant');
    expect(await refusal(as(P.nestor).api(`/users/${P.isaiah}/managedDevices`).get())).toMatchObject(denied);
  });
});

describe('tokens and permissions', () => {
  it("the bot's own app-only token does no fix, and the attempts are recorded as the app's", async () => {
    const bot = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProviderFor(DEFAULT_DEMO_PERMISSIONS),
      transport: new DemoTenantTransport(tenant),
    });
    const before = tenant.delegated.actions.length;
    expect(await refusal(bot.api(`/users/${P.megan}/revokeSignInSessions`).post({}))).toMatchObject(denied);
    expect(
      await refusal(bot.api(`/users/${P.megan}/authentication/temporaryAccessPassMethods`).post({})),
    ).toMatchObject(denied);
    expect(await refusal(bot.api(`/users/${P.miriam}`).patch({ accountEnabled: false }))).toMatchObject(denied);
    expect(tenant.delegated.actions.length).toBe(before);
    expect(tenant.delegated.counters().appOnlyFixCalls).toBe(0);
    expect(tenant.delegated.attempts.filter((a) => a.token === 'app').map((a) => a.status)).toEqual([403, 403, 403]);
  });

  it('a token without the scope is refused whatever the role; an expired or foreign token is 401', async () => {
    const narrow = new DemoTenant({ now: NOW, signIns: [], clock: () => clock, delegatedScopes: ['User.Read'] });
    const henrietta = graphAs(tokenFor(P.henrietta, narrow), narrow);
    const calls: (() => Promise<unknown>)[] = [
      () => henrietta.api(`/users/${P.megan}/revokeSignInSessions`).post({}),
      () => henrietta.api(`/users/${P.megan}/authentication/temporaryAccessPassMethods`).post({}),
      () => henrietta.api(`/users/${P.megan}/authentication/methods`).get(),
      () => henrietta.api(`/users/${P.megan}`).patch({ passwordProfile: { forceChangePasswordNextSignIn: true } }),
      () => henrietta.api(`/users/${P.miriam}`).patch({ accountEnabled: true }),
      () => henrietta.api('/identity/conditionalAccess/evaluate').post({}),
      () => henrietta.api(`/users/${P.megan}/managedDevices`).get(),
    ];
    for (const call of calls) expect(await refusal(call())).toMatchObject(denied);
    expect(narrow.delegated.actions).toEqual([]);
    expect(await refusal(henrietta.api('/auditLogs/directoryAudits').get())).toMatchObject({
      statusCode: 403,
      code: 'Authentication_MSGraphPermissionMissing',
    });
    // A token of another tenant (its own key) and an expired one.
    expect(
      await refusal(graphAs(tokenFor(P.henrietta, narrow)).api(`/users/${P.megan}/revokeSignInSessions`).post({})),
    ).toMatchObject({
      statusCode: 401,
      code: 'InvalidAuthenticationToken',
    });
    const token = tokenFor(P.henrietta);
    clock += 2 * 3_600_000;
    expect(await refusal(graphAs(token).api(`/users/${P.megan}/revokeSignInSessions`).post({}))).toMatchObject({
      statusCode: 401,
      code: 'InvalidAuthenticationToken',
    });
  });
});
