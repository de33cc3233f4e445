/**
 * The stand-in for the Teams client's silent SSO in demo mode: a demo person's SSO token
 * (`POST /_demo/sso/token`, src/demo/tokenService.ts), asked of the in-process tenant.
 */
import type { DemoTenant } from './tenant';

/** A demo person's SSO token, as the Teams client would obtain it silently; null when the tenant gives none. */
export function demoSsoToken(tenant: DemoTenant): (oid: string) => Promise<string | null> {
  return (oid) => {
    const answer = tenant.handle({
      method: 'POST',
      url: 'http://127.0.0.1/_demo/sso/token',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ oid }),
    });
    if (answer.status !== 200) return Promise.resolve(null);
    try {
      const token = (JSON.parse(answer.body) as { token?: unknown }).token;
      return Promise.resolve(typeof token === 'string' ? token : null);
    } catch {
      return Promise.resolve(null);
    }
  };
}
