/**
 * A shared demo tenant (`npm run demo-tenant`, DEMO_GRAPH_URL) reached over HTTPS for what sits
 * between Teams and Graph in the fix flow: its Bot Framework Token Service (`/api/usertoken/…`) for
 * the bot's UserTokenClient, and its stand-in for Teams' silent SSO (`/_demo/sso/token`). The
 * connection trusts the certificate the tenant wrote (DEMO_GRAPH_CA_FILE) besides the public roots,
 * as the Graph link does (trustingTransport.ts), and goes to the tenant's own origin only.
 * Loaded only then: it needs the devDependency undici.
 */
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import type { DemoSend } from './tokenServiceClient';

export function sharedTenantSend(url: string, ca: string): { send: DemoSend; close: () => Promise<void> } {
  const origin = new URL(url).origin;
  const agent = new Agent({ connect: { ca: [...rootCertificates, ca] }, keepAliveTimeout: 4_000 });
  const send: DemoSend = async (request) => {
    const target = new URL(request.url);
    // The connector names its own host (the OAuth URL we gave it); only the path and query travel.
    const response = await fetch(`${origin}${target.pathname}${target.search}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      dispatcher: agent,
      redirect: 'error',
    } as RequestInit);
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: await response.text(),
    };
  };
  return { send, close: () => agent.close() };
}
