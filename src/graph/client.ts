/**
 * Builds the Microsoft Graph client. Demo and production share the whole middleware chain —
 * authentication, retry (honours Retry-After on 429/503/504), redirect, telemetry — and differ only
 * in the token source and the last link (src/wiring/production.ts, src/demo/wiring.ts): HTTP through fetch, or
 * the demo tenant in-process.
 */
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type AuthenticationProvider,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { isReportsRequest } from './limiter';

export interface GraphClientOptions {
  /** Graph root, e.g. https://graph.microsoft.com (national clouds differ). */
  endpoint: string;
  authProvider: AuthenticationProvider;
  /** The link that answers requests; defaults to real HTTP. */
  transport?: Middleware;
  /** Per-request timeout (HTTP transport only). */
  timeoutMs?: number;
  /**
   * Timeout of a request to the reporting API (`/auditLogs/…`), which Graph answers slowly for wide
   * windows; default timeoutMs. The sign-in log tries a timed-out page again (src/signins/pagedRead.ts).
   */
  reportsTimeoutMs?: number;
  /** Hosts besides Graph's own that may receive the token (a Graph-compatible test server). */
  customHosts?: string[];
  maxRetries?: number;
  /**
   * Extra links placed after telemetry and before the per-request timeout and the transport — e.g.
   * the reports limiter: after the retry handler so that every retry passes through and counts,
   * before the timeout so that time spent queueing is not taken for a slow Graph.
   */
  middleware?: Middleware[];
}

/**
 * Graph clients for one person's delegated token each (a helpdesk fix, issue 21): the same chain and
 * last link as the bot's own client, another token, never the bot's credential.
 */
export function delegatedClients(options: Omit<GraphClientOptions, 'authProvider'>): (token: string) => Client {
  return (token) => createGraphClient({ ...options, authProvider: { getAccessToken: () => Promise.resolve(token) } });
}

export function createGraphClient(options: GraphClientOptions): Client {
  const chain: Middleware[] = [
    new AuthenticationHandler(options.authProvider),
    new RetryHandler(new RetryHandlerOptions(1, options.maxRetries ?? 3)),
    new RedirectHandler(),
    new TelemetryHandler(),
    ...(options.middleware ?? []),
  ];
  if (options.timeoutMs)
    chain.push(new TimeoutHandler(options.timeoutMs, options.reportsTimeoutMs ?? options.timeoutMs));
  chain.push(options.transport ?? new HTTPMessageHandler());
  for (let i = 0; i < chain.length - 1; i++) chain[i].setNext?.(chain[i + 1]);
  return Client.initWithMiddleware({
    middleware: chain[0],
    baseUrl: `${options.endpoint.replace(/\/+$/, '')}/`,
    defaultVersion: 'v1.0',
    customHosts: options.customHosts ? new Set(options.customHosts) : undefined,
  });
}

/** Gives every request an abort signal so that a hung Graph call ends as an error. */
class TimeoutHandler implements Middleware {
  private next?: Middleware;
  constructor(
    private readonly timeoutMs: number,
    private readonly reportsTimeoutMs: number,
  ) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  /** The caller's own signal per request; a retry comes back with the same context and our old timeout in it. */
  private readonly callerSignals = new WeakMap<Context, AbortSignal | undefined>();

  async execute(context: Context): Promise<void> {
    // Keep the caller's own signal (a ticket sink gives up on its own clock): either one aborts.
    if (!this.callerSignals.has(context))
      this.callerSignals.set(context, (context.options as { signal?: AbortSignal } | undefined)?.signal);
    const own = this.callerSignals.get(context);
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const reports = URL.canParse(url) && isReportsRequest(new URL(url));
    const ms = reports ? this.reportsTimeoutMs : this.timeoutMs;
    const timeout = AbortSignal.timeout(ms);
    context.options = { ...(context.options ?? {}), signal: own ? AbortSignal.any([own, timeout]) : timeout };
    try {
      await this.next!.execute(context);
    } catch (error) {
      // Said as a timeout (the client passes the name on as the error's code), so that a slow page can be told from a failed one.
      if (timeout.aborted && !own?.aborted)
        throw Object.assign(new Error(`Microsoft Graph did not answer within ${ms} ms.`), { name: 'TimeoutError' });
      throw error;
    }
  }
}
