/** What a support ticket carries and what opening one returns. */

export interface TicketContent {
  requester: { id: string; name: string; upn?: string };
  subject: { id: string; name: string; upn: string };
  /** ISO 8601, UTC. */
  occurredAtUtc: string;
  /** e.g. "27 Nov 2026, 09:12 (Europe/Amsterdam)". */
  occurredAtLocal: string;
  app: string;
  resource: string | null;
  errorCode: number;
  failureReason: string;
  /** Our short title for the code. */
  title: string;
  explanation: string;
  steps: string[];
  requestId: string;
  correlationId: string;
  ipAddress: string | null;
  location: string | null;
  device: string | null;
  clientApp: string | null;
  conditionalAccess: { name: string; result: string; controls: string[] }[];
  lookupUrl: string;
  comment: string | null;
  /** The incident this failure belongs to (src/incidents), when one is open. */
  incidentId?: string;
  /**
   * What the bot found that this sign-in is evidence of (opened from an answer that found something):
   * the finding's kind, the verdict as the helpdesk reads it, and the attempts behind it. `steps` are then its steps.
   */
  finding?: { kind: string; summary: string; evidence: string[] };
}

export interface OpenedTicket {
  reference: string;
  where: string;
  /** Sink name. */
  sink: string;
  createdAt: string;
  /** True when this call returned a ticket opened earlier (or by a concurrent call). */
  duplicate: boolean;
  /** Whose sign-in the ticket is about (object id, from the sign-in read when it was opened): a retry answered from the ledger trusts this, not the card. */
  subjectId?: string;
  /** Sent by an instance that stopped before the sink confirmed it (mail only): most likely delivered. */
  unconfirmed?: boolean;
}

export interface TicketSink {
  readonly name: string;
  /** Human-readable destination, e.g. "helpdesk@contoso.com". */
  readonly destination: string;
  /**
   * Whether calling `create` twice with one key yields one ticket (webhook Idempotency-Key,
   * ServiceNow correlation_id lookup). Mail is not: the ledger must not call it twice.
   */
  readonly idempotent: boolean;
  create(key: string, content: TicketContent): Promise<{ reference: string }>;
  /**
   * Adds a note to an open ticket (a follow-up mail, a webhook `ticketUpdate`, a ServiceNow work note);
   * `key` is the note's own, the same on every retry (the webhook's Idempotency-Key). Sinks without one leave the ticket as it is.
   */
  append?(reference: string, note: TicketNote, key: string): Promise<void>;
}

/** A helpdesk fix done (or refused by Entra) about a ticket's sign-in: what, about whom, by whom, when. Never what it made (a TAP). */
export interface TicketNote {
  fix: string;
  outcome: 'done' | 'refused';
  subject: { id: string; name: string };
  by: { id: string; name: string | null };
  /** ISO 8601, UTC. */
  at: string;
}
