/**
 * A ticket that could not be opened. The message is written for the card: it names the service and
 * what went wrong, and never carries secrets, tokens, URLs (webhook URLs often embed a signature)
 * or the remote service's response body.
 */
export class TicketSinkError extends Error {
  constructor(
    message: string,
    readonly sink: string,
    /** Worth trying again later (5xx, 429, network failure, timeout). */
    readonly retryable: boolean,
    readonly status?: number,
    /** Seconds the service asked us to wait (Retry-After), when it said. */
    readonly retryAfterSeconds?: number,
    /** Why the ledger, not the sink, stopped it: another click holds it, or the state store can't be reached. */
    readonly ledger?: 'busy' | 'state-unavailable',
  ) {
    super(message);
    this.name = 'TicketSinkError';
  }
}

export function isRetryableStatus(status: number): boolean {
  // 429 is the one 4xx that means "later": retried, honouring Retry-After within the budget.
  return status >= 500 || status === 429;
}
