/**
 * The demo's Bot Framework Token Service as an HttpClient in the (core-http) shape
 * botframework-connector's clients accept as `ConnectorClientOptions.httpClient` (botbuilder-stdlib's
 * ServiceClientContext converts it with @azure/core-http-compat's convertHttpClient), handing each
 * request to the demo tenant: in-process (`tenant.handle`), or a shared one over HTTPS
 * (sharedTenantLink.ts). Only the token service's paths (`/api/usertoken/…`, `/_demo/sso/token`) are
 * answered; anything else is an error, so a connector client given this one cannot reach a real
 * channel by mistake.
 */
import { DemoTokenService } from './tokenService';
import type { GraphRequest, GraphResponse } from './graphProtocol';
import type { DemoTenant } from './tenant';

/** One request to the demo tenant, however it is reached. */
export type DemoSend = (request: GraphRequest) => Promise<GraphResponse>;

/** The in-process tenant as a DemoSend. */
export function inProcess(tenant: DemoTenant): DemoSend {
  return (request) => Promise.resolve(tenant.handle(request));
}

/** What the connector hands over (a WebResourceLike): only the parts used here. */
interface CompatRequest {
  url: string;
  method: string;
  headers?: { toJson?: (options?: { preserveCase?: boolean }) => Record<string, string> };
  body?: unknown;
}

export function demoTokenServiceHttpClient(tenant: DemoTenant | DemoSend) {
  const send = typeof tenant === 'function' ? tenant : inProcess(tenant);
  return {
    async sendRequest(request: CompatRequest) {
      const pathname = new URL(request.url).pathname;
      if (!DemoTokenService.serves(pathname))
        throw new Error(`The demo token service answers /api/usertoken/… only, not ${pathname}.`);
      const body =
        request.body === undefined || request.body === null
          ? undefined
          : typeof request.body === 'string'
            ? request.body
            : JSON.stringify(request.body);
      const answer = await send({
        method: request.method,
        url: request.url,
        headers: request.headers?.toJson?.({ preserveCase: true }) ?? {},
        body,
      });
      const headers = new Map(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v]));
      return {
        request,
        status: answer.status,
        bodyAsText: answer.body === '' ? undefined : answer.body,
        headers: {
          get: (name: string) => headers.get(name.toLowerCase()),
          contains: (name: string) => headers.has(name.toLowerCase()),
          toJson: () => Object.fromEntries(headers),
          rawHeaders: () => Object.fromEntries(headers),
          headerNames: () => [...headers.keys()],
          headerValues: () => [...headers.values()],
          headersArray: () => [...headers].map(([name, value]) => ({ name, value })),
        },
      };
    },
  };
}
