/** Support tickets: sinks chosen by TICKET_SINK, and the desk that opens each ticket exactly once. */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Config } from '../config';
import type { SinkOptions } from './retry';
import { GraphMailSink } from './sinks/graphMail';
import { ServiceNowSink } from './sinks/serviceNow';
import { WebhookSink } from './sinks/webhook';
import type { TicketSink } from './types';

export type { TicketContent, TicketSink } from './types';
export type { SinkOptions } from './retry';
export { TicketLedger } from './ledger';
export { TicketSinkError } from './errors';
export { ticketKey, incidentTicketKey, referenceFor } from './reference';
export { ticketText, ticketHtml, escapeHtml } from './format';
export { TicketDesk } from './desk';
export { GraphMailSink, ServiceNowSink, WebhookSink };

/** The configured sink, or null when tickets are off ('none'). Throws when a needed setting is missing. */
export function createTicketSink(
  config: Config['tickets'],
  graphClient: Client,
  options: SinkOptions = {},
): TicketSink | null {
  const need = (value: string | undefined, setting: string): string => {
    if (!value) throw new Error(`${setting} is required for TICKET_SINK=${config.sink}`);
    return value;
  };
  switch (config.sink) {
    case 'graph-mail':
      return new GraphMailSink(
        graphClient,
        need(config.mailbox, 'TICKET_MAILBOX'),
        need(config.helpdeskEmail, 'HELPDESK_EMAIL'),
        options,
      );
    case 'webhook':
      return new WebhookSink(
        need(config.webhookUrl, 'TICKET_WEBHOOK_URL'),
        need(config.webhookSecret, 'TICKET_WEBHOOK_SECRET'),
        options,
      );
    case 'servicenow':
      return new ServiceNowSink(
        need(config.serviceNowUrl, 'SERVICENOW_INSTANCE_URL'),
        need(config.serviceNowUser, 'SERVICENOW_USERNAME'),
        need(config.serviceNowPassword, 'SERVICENOW_PASSWORD'),
        options,
      );
    case 'none':
      return null;
  }
}
