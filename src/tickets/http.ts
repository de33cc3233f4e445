/** One HTTP exchange for the fetch-based sinks, with failures turned into TicketSinkError. */
import { TicketSinkError, isRetryableStatus } from './errors';
import type { SinkIdentity } from './retry';

export interface HttpAnswer {
  status: number;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

/** What the caller says about a refusal, by status; the default covers the rest. */
export type RefusalText = (status: number) => string | undefined;

export async function exchange(
  who: SinkIdentity,
  request: HttpRequest,
  refusal: RefusalText = () => undefined,
): Promise<HttpAnswer> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      redirect: 'error',
    });
    text = await response.text();
  } catch {
    // The cause (DNS name, address, TLS detail) goes unsaid: it may include the URL.
    throw new TicketSinkError(`${who.label} could not be reached.`, who.name, true);
  }
  if (response.status >= 400) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new TicketSinkError(
      refusal(response.status) ?? `${who.label} answered with an error (HTTP ${response.status}).`,
      who.name,
      isRetryableStatus(response.status),
      response.status,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }
  return { status: response.status, json: parseJson(text) };
}

function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
