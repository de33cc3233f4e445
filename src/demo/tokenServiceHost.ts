/**
 * The demo tenant's Bot Framework Token Service imitation on a loopback HTTP port of its own, for the
 * in-process demo: botframework-connector's real UserTokenClient talks HTTP, so its OAuth URL must be an
 * address (the shared demo tenant, npm run demo-tenant, serves the same paths on its HTTPS port).
 * Only the Token Service's paths (`/api/usertoken/…`) are answered here; anything else is 404.
 * And the stand-in for the Teams client's silent SSO: a demo person's SSO token (`POST /_demo/sso/token`),
 * asked of the tenant in-process.
 */
import http from 'node:http';
import type { DemoTenant } from './tenant';

/** Starts on first use; the address, and a way to stop it. */
export function loopbackTokenService(tenant: DemoTenant): { url: () => Promise<string>; close: () => void } {
  let server: http.Server | null = null;
  let started: Promise<string> | null = null;
  const url = () =>
    (started ??= new Promise<string>((resolve, reject) => {
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const path = req.url ?? '/';
          if (!/^\/api\/usertoken\//i.test(path)) {
            res.writeHead(404).end();
            return;
          }
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
          const answer = tenant.handle({
            method: req.method ?? 'GET',
            url: `http://127.0.0.1${path}`,
            headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
          res.writeHead(answer.status, answer.headers).end(answer.body);
        });
      });
      server.on('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server!.address() as { port: number };
        resolve(`http://127.0.0.1:${address.port}`);
      });
      server.unref();
    }));
  return { url, close: () => void server?.close() };
}

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
