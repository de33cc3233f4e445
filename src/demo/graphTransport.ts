/** The demo tenant as the Graph client's last link, and the fixed token it is sent. */
import type { AuthenticationProvider, Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { DemoTenant } from './tenant';

/** The demo tenant as the chain's last link: same URLs, no network. */
export class DemoTenantTransport implements Middleware {
  constructor(private readonly tenant: DemoTenant) {}

  async execute(context: Context): Promise<void> {
    const request = context.request;
    const url = typeof request === 'string' ? request : request.url;
    const options = context.options ?? {};
    const answer = this.tenant.handle({
      method: (options.method ?? (typeof request === 'string' ? 'GET' : request.method)).toUpperCase(),
      url,
      headers: headerRecord(options.headers),
      body: typeof options.body === 'string' ? options.body : undefined,
    });
    const empty = answer.status === 202 || answer.status === 204;
    context.response = new Response(empty ? null : answer.body, { status: answer.status, headers: answer.headers });
  }
}

function headerRecord(headers: unknown): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers as [string, string][]);
  return { ...(headers as Record<string, string>) };
}

/** A fixed token for the demo tenant: the authentication middleware still runs and sends it. */
export const demoAuthProvider: AuthenticationProvider = { getAccessToken: async () => 'demo-tenant-token' };
