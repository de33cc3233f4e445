/**
 * Tickets as a signed JSON POST (Power Automate, Logic Apps, Jira automation, own receivers).
 *
 * Request:
 *   POST <TICKET_WEBHOOK_URL>
 *   Content-Type: application/json; charset=utf-8
 *   Idempotency-Key: <key>             the same for every retry and click of one ticket
 *   X-Signature-SHA256: sha256=<hex>   HMAC-SHA256 of the exact body bytes, keyed with TICKET_WEBHOOK_SECRET
 *   body: { "key", "reference", ...TicketContent }
 *
 * Receivers verify the signature over the raw body before parsing it, and should drop a second
 * request with a key they have seen. The answer's `reference`, `id`, `ticketId` or `number`
 * (first present) becomes the ticket reference; an empty 2xx keeps our derived reference.
 *
 * A follow-up on an open ticket (a helpdesk fix done or refused, issue 21) is a second message type,
 * signed and keyed the same way (its own Idempotency-Key, the same on every retry), answered by any 2xx:
 *   body: { "type": "ticketUpdate", "key", "reference", "fix", "outcome": "done" | "refused",
 *           "subject": { "id", "name" }, "by": { "id", "name" }, "at" }
 * The ticket itself keeps its body as it was (no `type`): a receiver tells them apart by `type`.
 */
import { createHmac } from 'node:crypto';
import { exchange } from '../http';
import { referenceFor } from '../reference';
import { withRetry, type SinkIdentity, type SinkOptions } from '../retry';
import type { TicketContent, TicketNote, TicketSink } from '../types';

const WHO: SinkIdentity = { name: 'webhook', label: 'The ticket webhook' };
const SIGNATURE_HEADER = 'X-Signature-SHA256';

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export class WebhookSink implements TicketSink {
  readonly name = WHO.name;
  readonly idempotent = true; // the Idempotency-Key header: the receiver answers a repeat with the same ticket
  /** The host only: the full URL of a Logic App or Power Automate trigger contains its signature. */
  readonly destination: string;

  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly options: SinkOptions = {},
  ) {
    this.destination = new URL(url).host;
  }

  async create(key: string, content: TicketContent): Promise<{ reference: string }> {
    const derived = referenceFor(key);
    const body = JSON.stringify({ key, reference: derived, ...content });
    const answer = await this.post(key, body);
    return { reference: referenceFromAnswer(answer.json) ?? derived };
  }

  /** A `ticketUpdate` message: what fix, its outcome, about whom, by whom, when (never what it made). */
  async append(reference: string, note: TicketNote, key: string): Promise<void> {
    await this.post(key, JSON.stringify({ type: 'ticketUpdate', key, reference, ...note }));
  }

  private post(key: string, body: string) {
    const headers = {
      'Content-Type': 'application/json; charset=utf-8',
      Accept: 'application/json',
      'Idempotency-Key': key,
      [SIGNATURE_HEADER]: signBody(body, this.secret),
    };
    return withRetry(WHO, this.options, (signal) =>
      exchange(WHO, { method: 'POST', url: this.url, headers, body, signal }, (status) =>
        status === 401 || status === 403
          ? `The ticket webhook refused the request (HTTP ${status}); check that TICKET_WEBHOOK_SECRET matches the receiver.`
          : undefined,
      ),
    );
  }
}

function referenceFromAnswer(json: unknown): string | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const record = json as Record<string, unknown>;
  for (const field of ['reference', 'id', 'ticketId', 'number']) {
    const value = record[field];
    if ((typeof value === 'string' && value.trim()) || (typeof value === 'number' && Number.isFinite(value)))
      return String(value).trim().slice(0, 100);
  }
  return undefined;
}
