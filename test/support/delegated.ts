/**
 * A demo person's delegated Graph token, obtained as the bot obtains it (the SSO token Teams would
 * get silently, exchanged at the Token Service), and the real Graph client sending it to the tenant.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { DemoTenant } from '../../src/demo/tenant';
import { DemoTenantTransport } from '../../src/demo/graphTransport';
import { createGraphClient } from '../../src/graph/client';

export function delegatedToken(tenant: DemoTenant, oid: string): string {
  const post = (url: string, body: unknown) => {
    const answer = tenant.handle({ method: 'POST', url, headers: {}, body: JSON.stringify(body) });
    if (answer.status !== 200) throw new Error(`${url}: ${answer.status} ${answer.body}`);
    return JSON.parse(answer.body) as { token: string };
  };
  const { token } = post('https://demo.invalid/_demo/sso/token', { oid });
  return post('https://demo.invalid/api/usertoken/exchange?userId=29%3A1&connectionName=graph&channelId=msteams', {
    token,
  }).token;
}

/** The Graph client with a fixed token (a delegated one, or any other string for the app's own) on the tenant. */
export function graphWithToken(tenant: DemoTenant, token: string): Client {
  return createGraphClient({
    endpoint: 'https://graph.microsoft.com',
    authProvider: { getAccessToken: async () => token },
    transport: new DemoTenantTransport(tenant),
  });
}
