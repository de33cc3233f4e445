/**
 * The doctor (npm run doctor, the start-up check) against the demo tenant through the real Graph
 * client: everything granted; a token whose roles lack the Conditional Access permission; a tenant
 * without Entra ID P1/P2 (Graph's 403 over HTTPS); the one-screen report names what is missing.
 */
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { loadConfig, type Config } from '../../src/config';
import { createGraphClient } from '../../src/graph/client';
import { DemoTenant } from '../../src/demo/tenant';
import { DemoTenantTransport, demoAuthProvider, demoAuthProviderFor } from '../../src/demo/graphTransport';
import { FAULTS, startGraphTestServer } from '../../src/demo/httpsServer';
import { runDoctor, tokenRoles, type DoctorReport } from '../../src/doctor/checks';
import { formatReport } from '../../src/doctor/report';
import type { SpanReport } from '../../src/signins/live/spanReport';

const NOW = new Date('2026-11-27T10:00:00Z');
const config = (env: Record<string, string> = {}): Config => {
  const result = loadConfig({ DEMO: 'true', ...env });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.config;
};
/** An app-only token as Entra issues it: header.payload.signature, the granted application permissions in `roles`. */
const tokenWith = (roles: string[]): AuthenticationProvider => ({
  getAccessToken: async () =>
    ['{"alg":"none"}', JSON.stringify({ aud: 'https://graph.microsoft.com', roles }), 'sig']
      .map((p) => Buffer.from(p).toString('base64url'))
      .join('.'),
});
const statusOf = (report: DoctorReport, name: string) => report.checks.find((c) => c.name === name)?.status;

describe('the doctor', () => {
  it('reads the roles claim of a JWT, and nothing from a token that is not one', () => {
    expect(tokenRoles('not-a-jwt')).toBeNull();
    expect(
      tokenRoles(
        ['{}', '{"roles":["AuditLog.Read.All"]}', 'x'].map((p) => Buffer.from(p).toString('base64url')).join('.'),
      ),
    ).toEqual(['AuditLog.Read.All']);
  });

  it('with everything granted: nothing missing, each permission seen at work', async () => {
    const tenant = new DemoTenant({ now: NOW });
    const graph = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport: new DemoTenantTransport(tenant),
    });
    const report = await runDoctor({
      config: config({ TICKET_SINK: 'none' }),
      graph,
      auth: demoAuthProvider,
      now: () => NOW,
    });
    expect(report.missing).toEqual([]);
    for (const name of [
      'AuditLog.Read.All',
      'Directory.Read.All',
      'Policy.Read.ConditionalAccess',
      'Entra ID P1 or P2',
    ])
      expect(statusOf(report, name)).toBe('ok');
    expect(formatReport(report)).toContain('Nothing missing');
  });

  it('names Policy.Read.ConditionalAccess when the token lacks it and no sign-in shows otherwise, with what it costs and the fix', async () => {
    // No sign-in in the log: the probe cannot see CA details either way, so the token's roles decide.
    const tenant = new DemoTenant({ now: NOW, signIns: [] });
    const auth = tokenWith(['AuditLog.Read.All', 'Directory.Read.All']);
    const graph = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: auth,
      transport: new DemoTenantTransport(tenant),
    });
    const report = await runDoctor({ config: config({ TICKET_SINK: 'none' }), graph, auth, now: () => NOW });
    expect(report.missing).toEqual(['Policy.Read.ConditionalAccess']);
    const check = report.checks.find((c) => c.name === 'Policy.Read.ConditionalAccess')!;
    expect(check.cost).toMatch(/Conditional Access/);
    expect(check.fix).toContain('Policy.Read.ConditionalAccess');
    expect(formatReport(report)).toMatch(/MISSING\s+Policy\.Read\.ConditionalAccess/);
  });

  it('against the demo tenant with Policy.Read.ConditionalAccess removed: the sign-ins show it missing, named with cost and fix', async () => {
    const granted = ['AuditLog.Read.All', 'Directory.Read.All'];
    const tenant = new DemoTenant({ now: NOW, permissions: granted });
    // Once with the demo's token (roles as granted), once with a token that says nothing: the probe alone must name it.
    for (const auth of [demoAuthProviderFor(granted), demoAuthProvider]) {
      const graph = createGraphClient({
        endpoint: 'https://graph.microsoft.com',
        authProvider: auth,
        transport: new DemoTenantTransport(tenant),
      });
      const report = await runDoctor({ config: config({ TICKET_SINK: 'none' }), graph, auth, now: () => NOW });
      expect(report.missing).toEqual(['Policy.Read.ConditionalAccess']);
      expect(report.checks.find((c) => c.name === 'Policy.Read.ConditionalAccess')!.evidence).toMatch(
        /without appliedConditionalAccessPolicies/,
      );
    }
  });

  it('without Directory.Read.All Graph says "not licensed" for the sign-in log: the doctor names the permission, not the licence', async () => {
    const granted = ['AuditLog.Read.All', 'Policy.Read.ConditionalAccess'];
    const tenant = new DemoTenant({ now: NOW, permissions: granted });
    // With the demo's token (roles as granted) and with a token that says nothing: the users probe alone must tell.
    for (const auth of [demoAuthProviderFor(granted), demoAuthProvider]) {
      const graph = createGraphClient({
        endpoint: 'https://graph.microsoft.com',
        authProvider: auth,
        transport: new DemoTenantTransport(tenant),
      });
      const report = await runDoctor({ config: config({ TICKET_SINK: 'none' }), graph, auth, now: () => NOW });
      expect(report.missing).toContain('Directory.Read.All');
      expect(report.missing).not.toContain('Entra ID P1 or P2');
      const licence = report.checks.find((c) => c.name === 'Entra ID P1 or P2')!;
      expect(licence.status).toBe('unknown');
      expect(licence.evidence).toContain('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
      expect(licence.fix).toContain('Directory.Read.All');
      expect(formatReport(report)).toContain('Directory.Read.All');
    }
  });

  it('at start-up (readSignInLog: false): no sign-in log read, and the token still names what it lacks', async () => {
    const granted = ['AuditLog.Read.All', 'Directory.Read.All'];
    const tenant = new DemoTenant({ now: NOW, permissions: granted });
    const auth = demoAuthProviderFor(granted);
    const graph = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: auth,
      transport: new DemoTenantTransport(tenant),
    });
    const before = tenant.requestLog.filter((r) => r.path.startsWith('/auditLogs')).length;
    const report = await runDoctor({
      config: config({ TICKET_SINK: 'none' }),
      graph,
      auth,
      now: () => NOW,
      readSignInLog: false,
    });
    expect(tenant.requestLog.filter((r) => r.path.startsWith('/auditLogs')).length).toBe(before);
    expect(report.missing).toEqual(['Policy.Read.ConditionalAccess']);
    expect(statusOf(report, 'AuditLog.Read.All')).toBe('ok');
    expect(statusOf(report, 'Entra ID P1 or P2')).toBe('unknown');
  });

  it('a tenant without Entra ID P1/P2 (403 Authentication_RequestFromNonPremiumTenantOrB2CTenant): the licence is missing, not a permission', async () => {
    const server = await startGraphTestServer({ tenant: new DemoTenant({ now: NOW }) });
    try {
      server.setFaults((r) => (r.path.startsWith('/auditLogs') ? FAULTS.notLicensed() : null));
      const graph = createGraphClient({
        endpoint: server.url,
        authProvider: demoAuthProvider,
        customHosts: [server.host],
        transport: server.transport(),
        maxRetries: 0,
      });
      const report = await runDoctor({
        config: config({ TICKET_SINK: 'none' }),
        graph,
        auth: demoAuthProvider,
        now: () => NOW,
      });
      expect(report.missing).toContain('Entra ID P1 or P2');
      expect(report.missing).not.toContain('AuditLog.Read.All');
      expect(statusOf(report, 'Directory.Read.All')).toBe('ok');
    } finally {
      await server.close();
    }
  });

  it("tells the live index's span: what SIGNIN_INDEX_HOURS asks for and, inside the bot, what it holds and how far its fill has come", async () => {
    const tenant = new DemoTenant({ now: NOW });
    const graph = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport: new DemoTenantTransport(tenant),
    });
    const indexLine = async (env: Record<string, string>, signInIndex?: () => SpanReport | null) => {
      const report = await runDoctor({
        config: config(env),
        graph,
        auth: demoAuthProvider,
        now: () => NOW,
        signInIndex,
      });
      return report.checks.find((c) => c.name === 'SIGNIN_INDEX_HOURS')!;
    };
    // The default: auto, within SIGNIN_INDEX_MAX_MB (how many sign-ins a day fit 7 days).
    const auto = await indexLine({});
    expect(auto.status).toBe('ok');
    expect(auto.evidence).toMatch(
      /^auto: the newest 24 h first, then back day by day to 7 days .*SIGNIN_INDEX_MAX_MB=512 .*528,[\d]{3} sign-ins a day/,
    );
    expect((await indexLine({ SIGNIN_INDEX_MAX_MB: '64' })).evidence).toMatch(/66,[\d]{3} sign-ins a day/);
    expect((await indexLine({ SIGNIN_INDEX_HOURS: '72' })).evidence).toMatch(/^3 days \(SIGNIN_INDEX_HOURS=72\)$/);
    const off = await indexLine({ SIGNIN_INDEX_HOURS: '0' });
    expect(off.status).toBe('note');
    expect(off.fix).toContain('SIGNIN_INDEX_HOURS=auto');
    // Inside the bot: the index's own report, as the start-up check logs it.
    const now = {
      state: 'budget' as const,
      coveredHours: 72,
      targetHours: 168,
      records: 12_345,
      megabytes: 85,
      text: 'stopped at 3 days: memory budget (SIGNIN_INDEX_MAX_MB); 12,345 sign-ins, 85 MB',
    };
    expect((await indexLine({}, () => now)).evidence).toMatch(/; now stopped at 3 days: memory budget/);
    expect(
      formatReport(await runDoctor({ config: config({}), graph, auth: demoAuthProvider, now: () => NOW })),
    ).toMatch(/ok\s+SIGNIN_INDEX_HOURS — auto: /);
  });
});
