/**
 * The demo tenant's granted application permissions decide what it answers, as Graph's do:
 * Conditional Access policies only with a policy permission, 403 with Graph's error where a needed
 * permission is missing; the setting (DEMO_GRAPH_PERMISSIONS) reaches the tenant and the token.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DemoTenant } from '../../src/demo/tenant';
import { createGraphClient } from '../../src/graph/client';
import { DemoTenantTransport, demoAccessToken, demoAuthProvider, rolesOfToken } from '../../src/demo/graphTransport';
import { DEFAULT_DEMO_PERMISSIONS, parsePermissions } from '../../src/demo/permissions';
import { demoWiring } from '../../src/demo/wiring';
import { GraphSignInLog } from '../../src/signins/signInLog';
import { loadSettings } from '../../src/loadSettings';

const NOW = new Date('2026-11-27T10:00:00Z');
const ADELE = '00000000-0000-0000-0000-0000000000022';
const HOUR = 3_600_000;
const signIns = new DemoTenant({ now: NOW }).signIns;

function clientFor(permissions: readonly string[]) {
  const tenant = new DemoTenant({ now: NOW, signIns, permissions });
  return createGraphClient({
    endpoint: 'https://graph.microsoft.com',
    authProvider: demoAuthProvider,
    transport: new DemoTenantTransport(tenant),
  });
}

async function adeleBlocks(permissions: readonly string[]): Promise<SignIn[]> {
  const log = new GraphSignInLog(clientFor(permissions), {
    pageSize: 500,
    maxPages: 3,
    eventTypes: ['interactiveUser'],
  });
  const page = await log.find({ userId: ADELE, from: new Date(NOW.getTime() - 72 * HOUR), to: NOW, errorCode: 53003 });
  return page.records;
}

async function graphError(promise: Promise<unknown>): Promise<{ statusCode: number; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { statusCode: number; code: string; message: string };
  }
  throw new Error('expected a Graph error');
}

describe('Conditional Access details need a policy permission', () => {
  it("with the default grant, Adele's blocks name the policy that failed", async () => {
    expect(DEFAULT_DEMO_PERMISSIONS).toContain('Policy.Read.ConditionalAccess');
    const records = await adeleBlocks(DEFAULT_DEMO_PERMISSIONS);
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.appliedConditionalAccessPolicies?.some((p) => p.result === 'failure'))).toBe(true);
  });

  it('without it the property is left out altogether, and the CA status stays', async () => {
    const records = await adeleBlocks(['AuditLog.Read.All', 'Directory.Read.All']);
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => !('appliedConditionalAccessPolicies' in r))).toBe(true);
    expect(records.every((r) => r.conditionalAccessStatus === 'failure')).toBe(true);
  });

  it('Policy.Read.All is as good', async () => {
    const records = await adeleBlocks(['AuditLog.Read.All', 'Directory.Read.All', 'Policy.Read.All']);
    expect(records.every((r) => (r.appliedConditionalAccessPolicies?.length ?? 0) > 0)).toBe(true);
  });
});

describe('403 where a permission is missing', () => {
  it('sign-ins without AuditLog.Read.All: Authentication_MSGraphPermissionMissing naming it, a missingPermission problem', async () => {
    const error = await graphError(clientFor(['Directory.Read.All']).api('/auditLogs/signIns').get());
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('Authentication_MSGraphPermissionMissing');
    expect(error.message).toContain('AuditLog.Read.All');
    const log = new GraphSignInLog(clientFor(['Directory.Read.All']), { pageSize: 500, maxPages: 1 });
    await expect(log.find({ userId: ADELE, from: new Date(NOW.getTime() - HOUR), to: NOW })).rejects.toMatchObject({
      kind: 'missingPermission',
    });
  });

  it("sign-ins without Directory.Read.All: Graph's licence-check error (its known issue)", async () => {
    const error = await graphError(clientFor(['AuditLog.Read.All']).api('/auditLogs/signIns').get());
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
  });

  it('users, roles and groups without a directory permission: Authorization_RequestDenied', async () => {
    const client = clientFor(['AuditLog.Read.All']);
    for (const request of [
      client.api('/users').get(),
      client.api(`/users/${ADELE}`).get(),
      client
        .api(`/users/${ADELE}/transitiveMemberOf/microsoft.graph.directoryRole`)
        .header('ConsistencyLevel', 'eventual')
        .query({ $count: 'true' })
        .get(),
      client.api(`/users/${ADELE}/checkMemberGroups`).post({ groupIds: ['9d3a0000-0000-4000-8000-000000000001'] }),
    ]) {
      const error = await graphError(request);
      expect([error.statusCode, error.code]).toEqual([403, 'Authorization_RequestDenied']);
    }
    expect(((await clientFor(['User.Read.All']).api(`/users/${ADELE}`).get()) as { id: string }).id).toBe(ADELE);
  });

  it('mail without Mail.Send', async () => {
    const error = await graphError(
      clientFor(['AuditLog.Read.All', 'Directory.Read.All'])
        .api('/users/signin-troubleshooter@example.com/sendMail')
        .post({
          message: {
            subject: 's',
            body: { contentType: 'Text', content: 'c' },
            toRecipients: [{ emailAddress: { address: 'helpdesk@example.com' } }],
          },
        }),
    );
    expect(error.statusCode).toBe(403);
  });
});

describe('the setting', () => {
  it('names only permissions Graph has', () => {
    expect(parsePermissions(' AuditLog.Read.All , Directory.Read.All,AuditLog.Read.All')).toEqual([
      'AuditLog.Read.All',
      'Directory.Read.All',
    ]);
    expect(() => parsePermissions('AuditLog.Read.Everything')).toThrow(/Unknown application permission/);
    const bad = loadSettings({ DEMO: 'true', DEMO_GRAPH_PERMISSIONS: 'not a permission' });
    expect(bad.ok).toBe(false);
  });

  it('DEMO_GRAPH_PERMISSIONS reaches the built-in tenant and the roles claim of the token it is sent', async () => {
    const result = loadSettings({ DEMO: 'true', DEMO_GRAPH_PERMISSIONS: 'AuditLog.Read.All,Directory.Read.All' });
    if (!result.ok) throw new Error(result.errors.join('; '));
    const wiring = demoWiring(result.config, { now: NOW, settings: result.demoSettings });
    try {
      expect([...wiring.demoTenant!.grant.granted].sort()).toEqual(['AuditLog.Read.All', 'Directory.Read.All']);
      expect(wiring.demoTenant!.grant.readsConditionalAccess).toBe(false);
      const token = await wiring.graphAuth.getAccessToken();
      expect(rolesOfToken(token).sort()).toEqual(['AuditLog.Read.All', 'Directory.Read.All']);
      // The token's signature part keeps the marker the log tests look for.
      expect(token).toContain('demo-tenant-token');
    } finally {
      wiring.close?.();
    }
  });

  it('a demo token carries its roles in a JWT shape; another token carries none', () => {
    const [header, payload] = demoAccessToken(['AuditLog.Read.All']).split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({
      idtyp: 'app',
      aud: 'https://graph.microsoft.com',
      roles: ['AuditLog.Read.All'],
    });
    expect(rolesOfToken('demo-tenant-token')).toEqual([]);
  });
});
