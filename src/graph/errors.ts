/** Graph failures turned into the few problems the bot knows how to explain. */

export type GraphProblemKind =
  | 'notLicensed' // 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant: tenant lacks Entra ID P1/P2
  | 'missingPermission' // 403 Authorization_RequestDenied: app permission not granted
  | 'authentication' // 401: the bot's own Graph credential is wrong
  | 'throttled' // 429 after the retry middleware gave up
  | 'unavailable' // 5xx, network error, timeout, malformed answer
  | 'notFound' // 404
  | 'badRequest' // 400: a bug in the query
  | 'busy'; // our own limiter refused the read at once: too many waiting (src/graph/requestLimiter.ts, ReadsBusy)

export class GraphProblem extends Error {
  constructor(
    readonly kind: GraphProblemKind,
    message: string,
    readonly status?: number,
    readonly graphCode?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'GraphProblem';
  }
}

interface GraphErrorLike {
  statusCode?: number;
  code?: string | null;
  message?: string;
  headers?: Headers;
  name?: string;
}

export function toGraphProblem(error: unknown): GraphProblem {
  if (error instanceof GraphProblem) return error;
  const e = (error ?? {}) as GraphErrorLike;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code = e.code ?? undefined;
  const message = e.message ?? String(error);
  // Thrown by the reports limiter inside the Graph client, which hands it on as a GraphError named by its code.
  if ((error as Error | undefined)?.name === 'ReadsBusy' || code === 'ReadsBusy')
    return new GraphProblem('busy', 'Too many sign-in log reads are waiting.', undefined, undefined, 60);
  if (status === 403 && code === 'Authentication_RequestFromNonPremiumTenantOrB2CTenant')
    return new GraphProblem('notLicensed', message, status, code);
  if (status === 403) return new GraphProblem('missingPermission', message, status, code);
  if (status === 401) return new GraphProblem('authentication', message, status, code);
  if (status === 429) {
    const retryAfter = Number(e.headers?.get?.('Retry-After'));
    return new GraphProblem('throttled', message, status, code, Number.isFinite(retryAfter) ? retryAfter : undefined);
  }
  if (status === 404) return new GraphProblem('notFound', message, status, code);
  if (status === 400) return new GraphProblem('badRequest', message, status, code);
  return new GraphProblem('unavailable', message, status, code);
}
