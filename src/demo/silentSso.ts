/**
 * The stand-in for the Teams client's silent SSO in demo mode: a demo person's SSO token
 * (`POST /_demo/sso/token`, src/demo/tokenService.ts), asked of the demo tenant — in-process, or a
 * shared one (`npm run demo-tenant`, DEMO_GRAPH_URL) over HTTPS (sharedTenantLink.ts).
 */
import type { DemoTenant } from './tenant';
import { inProcess, type DemoSend } from './tokenServiceClient';

/** A demo person's SSO token, as the Teams client would obtain it silently; null when the tenant gives none. */
export function demoSsoToken(
  tenant: DemoTenant | DemoSend,
  base = 'http://127.0.0.1',
): (oid: string) => Promise<string | null> {
  const send = typeof tenant === 'function' ? tenant : inProcess(tenant);
  return async (oid) => {
    const answer = await send({
      method: 'POST',
      url: `${base}/_demo/sso/token`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ oid }),
    });
    if (answer.status !== 200) return null;
    try {
      const token = (JSON.parse(answer.body) as { token?: unknown }).token;
      return typeof token === 'string' ? token : null;
    } catch {
      return null;
    }
  };
}
