/**
 * The demo's SSO sign-in service and Bot Framework Token Service imitation, driven by the real
 * botframework-connector TokenApiClient (what UserTokenClientImpl.exchangeToken calls) in-process,
 * and over HTTPS as `npm run demo-tenant` serves it.
 */
import { MicrosoftAppCredentials, TokenApiClient } from 'botframework-connector';
import { Agent } from 'undici';
import { DemoTenant } from '../../src/demo/tenant';
import { DEMO_BOT_APP_ID, DEMO_DELEGATED_SCOPES } from '../../src/demo/delegatedTokens';
import { demoTokenServiceHttpClient } from '../../src/demo/tokenServiceClient';
import { startGraphTestServer } from '../../src/demo/httpsServer';
import { createGraphClient } from '../../src/graph/client';

const NOW = new Date('2026-11-27T10:00:00Z');
const NESTOR = '5e1f0000-0000-4000-8000-000000000006';
const MIRIAM = '5e1f0000-0000-4000-8000-000000000009';
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const HOUR = 3_600_000;

let clock = NOW.getTime();
const tenant = new DemoTenant({ now: NOW, clock: () => clock });
const tokenApi = new TokenApiClient(new MicrosoftAppCredentials('', ''), {
  baseUri: 'https://token.botframework.com',
  httpClient: demoTokenServiceHttpClient(tenant),
} as never);

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

function ssoToken(oid: string): { status: number; body: Record<string, unknown> } {
  const answer = tenant.handle({
    method: 'POST',
    url: 'https://demo.invalid/_demo/sso/token',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ oid }),
  });
  return { status: answer.status, body: JSON.parse(answer.body) as Record<string, unknown> };
}

async function exchange(token: string, userId = '29:nestor') {
  const result = await tokenApi.userToken.exchangeAsync(userId, 'graph', 'msteams', { token });
  return { status: result._response.status, body: result._response.parsedBody as Record<string, unknown> };
}

beforeEach(() => {
  clock = NOW.getTime();
});

describe('demo SSO token (what Teams obtains silently)', () => {
  it('is a JWT for the bot app naming the person, valid for an hour', () => {
    const { status, body } = ssoToken(NESTOR);
    expect(status).toBe(200);
    const claims = claimsOf(body.token as string);
    expect(claims).toMatchObject({
      aud: DEMO_BOT_APP_ID,
      oid: NESTOR,
      upn: 'nestorw@example.com',
      name: 'Nestor Wilke',
    });
    expect(claims.tid).toEqual(expect.any(String));
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
  });

  it('refuses an unknown person and a disabled account with 400', () => {
    expect(ssoToken('5e1f0000-0000-4000-8000-0000deadbeef').status).toBe(400);
    expect(ssoToken(MIRIAM).status).toBe(400);
  });
});

describe('token exchange through the real connector client', () => {
  it('exchanges a valid SSO token for a delegated Graph token: scp, the person, idtyp user, no roles', async () => {
    const { status, body } = await exchange(ssoToken(NESTOR).body.token as string);
    expect(status).toBe(200);
    expect(body).toMatchObject({ channelId: 'msteams', connectionName: 'graph' });
    expect(Date.parse(body.expiration as string)).toBe(NOW.getTime() + HOUR);
    const claims = claimsOf(body.token as string);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      oid: NESTOR,
      idtyp: 'user',
      appid: DEMO_BOT_APP_ID,
    });
    expect((claims.scp as string).split(' ')).toEqual([...DEMO_DELEGATED_SCOPES]);
    expect(claims).not.toHaveProperty('roles');
    expect(tenant.tokenService.counters.tokenExchanges).toBeGreaterThanOrEqual(1);
  });

  it('answers an expired SSO token with 400 and no token (the bot then answers 412)', async () => {
    const token = ssoToken(NESTOR).body.token as string;
    clock += HOUR + 1000;
    const { status, body } = await exchange(token);
    expect(status).toBe(400);
    expect(body).not.toHaveProperty('token');
    expect((body.error as { message: string }).message).toMatch(/expired/i);
  });

  it('refuses a forged token: signed by another tenant, unsigned, or not a JWT', async () => {
    const other = new DemoTenant({ now: NOW, signIns: [], clock: () => clock });
    const foreign = JSON.parse(
      other.handle({
        method: 'POST',
        url: 'https://x/_demo/sso/token',
        headers: {},
        body: JSON.stringify({ oid: NESTOR }),
      }).body,
    ) as { token: string };
    const [header, payload] = (ssoToken(NESTOR).body.token as string).split('.');
    for (const forged of [foreign.token, `${header}.${payload}.`, `${header}.${payload}.AAAA`, 'not-a-jwt']) {
      const { status, body } = await exchange(forged);
      expect(status).toBe(400);
      expect(body.token).toBeUndefined();
    }
  });

  it('refuses a delegated Graph token offered as an SSO token (wrong audience)', async () => {
    const graphToken = (await exchange(ssoToken(NESTOR).body.token as string)).body.token as string;
    expect((await exchange(graphToken)).status).toBe(400);
  });

  it('GetToken returns the exchanged token for that user and connection, then 404 after it expires', async () => {
    await exchange(ssoToken(NESTOR).body.token as string, '29:getter');
    const found = await tokenApi.userToken.getToken('29:getter', 'graph', { channelId: 'msteams' });
    expect(found._response.status).toBe(200);
    expect(claimsOf((found._response.parsedBody as { token: string }).token).oid).toBe(NESTOR);
    const nobody = await tokenApi.userToken.getToken('29:nobody', 'graph', { channelId: 'msteams' });
    expect(nobody._response.status).toBe(404);
    clock += 2 * HOUR;
    expect((await tokenApi.userToken.getToken('29:getter', 'graph', { channelId: 'msteams' }))._response.status).toBe(
      404,
    );
  });
});

describe('setting', () => {
  it('delegatedFixes: false (npm run demo-tenant -- --delegated off) leaves no token service and no fix endpoints', () => {
    const off = new DemoTenant({ now: NOW, signIns: [], delegatedFixes: false });
    const post = (url: string, body: unknown) =>
      off.handle({
        method: 'POST',
        url,
        headers: { authorization: 'Bearer demo-tenant-token' },
        body: JSON.stringify(body),
      });
    expect(post('https://x/_demo/sso/token', { oid: NESTOR }).status).toBe(400);
    expect(post(`https://graph.microsoft.com/v1.0/users/${MEGAN}/revokeSignInSessions`, {}).status).toBe(400);
    expect(off.delegated.attempts).toHaveLength(0);
  });
});

describe('over HTTPS (npm run demo-tenant)', () => {
  it('serves the SSO token and the exchange on the same server as Graph; /_demo/stats lists the fixes', async () => {
    const server = await startGraphTestServer({ tenant: new DemoTenant({ now: NOW, signIns: [] }) });
    const dispatcher = new Agent({ connect: { ca: server.ca } });
    try {
      const sso = await fetch(`${server.url}/_demo/sso/token`, {
        method: 'POST',
        body: JSON.stringify({ oid: NESTOR }),
        headers: { 'content-type': 'application/json' },
        dispatcher,
      } as RequestInit);
      expect(sso.status).toBe(200);
      const { token } = (await sso.json()) as { token: string };
      const exchanged = await fetch(
        `${server.url}/api/usertoken/exchange?userId=29%3Ax&connectionName=graph&channelId=msteams`,
        {
          method: 'POST',
          body: JSON.stringify({ token }),
          headers: { 'content-type': 'application/json' },
          dispatcher,
        } as RequestInit,
      );
      expect(exchanged.status).toBe(200);
      const graphToken = ((await exchanged.json()) as { token: string }).token;
      expect(claimsOf(graphToken).oid).toBe(NESTOR);

      // A fix with that token over HTTPS shows in GET /_demo/stats as {action, target, caller, at}.
      const graph = createGraphClient({
        endpoint: server.url,
        authProvider: { getAccessToken: async () => graphToken },
        customHosts: [server.host],
        transport: server.transport(),
      });
      await graph.api(`/users/${MEGAN}/revokeSignInSessions`).post({});
      const stats = (await (await fetch(`${server.url}/_demo/stats`, { dispatcher } as RequestInit)).json()) as {
        actions: { action: string; target: string; caller: string; at: string }[];
        delegatedFixCalls: number;
        appOnlyFixCalls: number;
        tokenExchanges: number;
      };
      expect(stats.actions.map(({ action, target, caller }) => ({ action, target, caller }))).toEqual([
        { action: 'revokeSessions', target: MEGAN, caller: NESTOR },
      ]);
      expect(Number.isNaN(Date.parse(stats.actions[0].at))).toBe(false);
      expect(stats).toMatchObject({ delegatedFixCalls: 1, appOnlyFixCalls: 0, tokenExchanges: 1 });
    } finally {
      await dispatcher.close();
      await server.close();
    }
  });
});
