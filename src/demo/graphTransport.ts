/** The demo tenant as the Graph client's last link, and the token it is sent. */
import type { AuthenticationProvider, Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { DemoTenant } from './tenant';
import { DEFAULT_DEMO_PERMISSIONS } from './permissions';
import { DEMO_BOT_APP_ID } from './delegatedTokens';
import { DEMO_TENANT_ID } from './settings';

/** Waits `ms`, or fails as fetch does when the request's signal aborts first (the client's timeout). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

const abortError = (signal?: AbortSignal): Error =>
  signal?.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** The demo tenant as the chain's last link: same URLs, no network; its answer times (if on) are waited through `sleep`. */
export class DemoTenantTransport implements Middleware {
  constructor(
    private readonly tenant: DemoTenant,
    private readonly sleep: Sleep = realSleep,
  ) {}

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
    if (answer.delayMs) await this.sleep(answer.delayMs, (options as { signal?: AbortSignal }).signal);
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

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The demo's app-only access token in the shape Entra issues one: a JWT whose `roles` claim lists the
 * application permissions granted, `idtyp` "app", audience Microsoft Graph (entra-docs
 * docs/identity-platform/access-token-claims-reference.md: `roles`, `idtyp`, `tid`, `aud`). It is not
 * signed (the demo tenant trusts its own process); its signature part reads "demo-tenant-token" so
 * the log tests still recognise it. The doctor can read the granted permissions from it as it would
 * from a real token: decode the middle part, read `roles`.
 */
export function demoAccessToken(
  permissions: readonly string[] = DEFAULT_DEMO_PERMISSIONS,
  tenantId = DEMO_TENANT_ID,
): string {
  const header = { typ: 'JWT', alg: 'none' };
  const claims = {
    aud: 'https://graph.microsoft.com',
    iss: `https://sts.windows.net/${tenantId}/`,
    tid: tenantId,
    idtyp: 'app',
    appid: DEMO_BOT_APP_ID,
    app_displayname: 'Sign-in Troubleshooter (demo)',
    roles: [...permissions],
  };
  return `${base64url(header)}.${base64url(claims)}.demo-tenant-token`;
}

/** The roles (granted application permissions) a demo access token carries; [] for another token. */
export function rolesOfToken(token: string): string[] {
  const payload = token.split('.')[1];
  if (!payload) return [];
  try {
    const roles = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown }).roles;
    return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

/** An authentication provider that sends demoAccessToken for this grant. */
export function demoAuthProviderFor(permissions: readonly string[]): AuthenticationProvider {
  const token = demoAccessToken(permissions);
  return { getAccessToken: async () => token };
}
