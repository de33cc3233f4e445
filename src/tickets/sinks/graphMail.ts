/**
 * Tickets as mail: Graph `POST /users/{mailbox}/sendMail` to the helpdesk address (needs the
 * Mail.Send application permission, ideally limited to that mailbox by an application access policy).
 *
 * Mail has no idempotency of its own: if Graph accepted a message but the answer was lost, the retry
 * sends it again. The reference in the subject lets the helpdesk see that two mails are one ticket.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { toGraphProblem } from '../../graph/errors';
import { TicketSinkError } from '../errors';
import { ticketHtml, ticketNoteText, ticketSummary } from '../format';
import { referenceFor } from '../reference';
import { withRetry, type SinkIdentity, type SinkOptions } from '../retry';
import type { TicketContent, TicketNote, TicketSink } from '../types';

const WHO: SinkIdentity = { name: 'graph-mail', label: 'Microsoft Graph' };

export class GraphMailSink implements TicketSink {
  readonly name = WHO.name;
  readonly idempotent = false; // mail has no idempotency key: the ticket ledger must never send it twice
  readonly destination: string;

  constructor(
    private readonly client: Client,
    private readonly mailbox: string,
    to: string,
    private readonly options: SinkOptions = {},
  ) {
    this.destination = to;
  }

  async create(key: string, content: TicketContent): Promise<{ reference: string }> {
    const reference = referenceFor(key);
    const mail = {
      message: {
        subject: ticketSummary(reference, content, 255),
        body: { contentType: 'HTML', content: ticketHtml(reference, content) },
        toRecipients: [{ emailAddress: { address: this.destination } }],
      },
      saveToSentItems: true,
    };
    await this.send(mail);
    return { reference };
  }

  /** A follow-up mail to the helpdesk, its subject carrying the ticket's reference. */
  async append(reference: string, note: TicketNote): Promise<void> {
    const { subject, text } = ticketNoteText(reference, note);
    await this.send({
      message: {
        subject,
        body: { contentType: 'Text', content: text },
        toRecipients: [{ emailAddress: { address: this.destination } }],
      },
      saveToSentItems: true,
    });
  }

  private async send(mail: object): Promise<void> {
    await withRetry(WHO, this.options, async (signal) => {
      try {
        await this.client
          .api(`/users/${encodeURIComponent(this.mailbox)}/sendMail`)
          .option('signal', signal)
          .post(mail);
      } catch (error) {
        throw this.toSinkError(error);
      }
    });
  }

  private toSinkError(error: unknown): TicketSinkError {
    const problem = toGraphProblem(error);
    const status = problem.status !== undefined && problem.status > 0 ? problem.status : undefined;
    const fail = (message: string, retryable = false) => new TicketSinkError(message, WHO.name, retryable, status);
    switch (problem.kind) {
      case 'authentication':
        return fail(
          "Microsoft Graph did not accept the bot's credentials, so the ticket mail was not sent (HTTP 401).",
        );
      case 'missingPermission':
      case 'notLicensed':
        return fail(
          `The bot may not send mail as ${this.mailbox} (it needs the Mail.Send permission for that mailbox).`,
        );
      case 'notFound':
        return fail(`The ticket mailbox ${this.mailbox} was not found in the tenant.`);
      case 'badRequest':
        return fail(
          `Microsoft Graph refused the ticket mail (HTTP 400${problem.graphCode ? `, ${problem.graphCode}` : ''}).`,
        );
      case 'throttled':
      case 'busy':
        // The Graph client's retry middleware has already waited and retried (busy: mail is not a sign-in log read; for completeness).
        return fail('Microsoft Graph is busy (throttled); try again in a minute.');
      case 'unavailable':
        return fail(
          status
            ? `Microsoft Graph could not send the ticket mail (HTTP ${status}).`
            : 'Microsoft Graph could not be reached to send the ticket mail.',
          true,
        );
    }
  }
}
