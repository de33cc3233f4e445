/**
 * Tickets as ServiceNow incidents through the Table API, with basic authentication.
 *
 * Exactly once across restarts: the ticket key goes into the incident's `correlation_id`, and every
 * attempt first looks for an incident with that correlation id. So a retry after a lost answer, or
 * a click after the bot restarted, finds the incident instead of opening a second one.
 */
import { exchange, type RefusalText } from '../http';
import { TicketSinkError } from '../errors';
import { ticketSummary, ticketText } from '../format';
import { referenceFor } from '../reference';
import { withRetry, type SinkIdentity, type SinkOptions } from '../retry';
import type { TicketContent, TicketSink } from '../types';

const WHO: SinkIdentity = { name: 'servicenow', label: 'ServiceNow' };
// One person cannot sign in: impact 3 (low), urgency 2 (medium) → priority 4 in the default matrix.
const IMPACT = '3';
const URGENCY = '2';

interface IncidentRecord {
  number?: string;
  sys_id?: string;
}

export class ServiceNowSink implements TicketSink {
  readonly name = WHO.name;
  readonly idempotent = true; // an incident with our correlation_id is found before another is made
  readonly destination: string;
  private readonly tableUrl: string;
  private readonly authorization: string;

  constructor(
    instanceUrl: string,
    user: string,
    password: string,
    private readonly options: SinkOptions = {},
  ) {
    const base = instanceUrl.replace(/\/+$/, '');
    this.destination = new URL(base).host;
    this.tableUrl = `${base}/api/now/table/incident`;
    this.authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
  }

  async create(key: string, content: TicketContent): Promise<{ reference: string }> {
    const number = await withRetry(
      WHO,
      this.options,
      async (signal) => (await this.find(key, signal)) ?? this.insert(key, content, signal),
    );
    return { reference: number };
  }

  private async find(key: string, signal: AbortSignal): Promise<string | undefined> {
    const query = new URLSearchParams({
      sysparm_query: `correlation_id=${key}`,
      sysparm_limit: '1',
      sysparm_fields: 'number,sys_id',
    });
    const answer = await exchange(
      WHO,
      { method: 'GET', url: `${this.tableUrl}?${query}`, headers: this.headers(), signal },
      refusal,
    );
    const result = (answer.json as { result?: IncidentRecord[] } | undefined)?.result;
    if (!Array.isArray(result)) throw malformed();
    return result[0]?.number || undefined;
  }

  private async insert(key: string, content: TicketContent, signal: AbortSignal): Promise<string> {
    const reference = referenceFor(key);
    const incident = {
      short_description: ticketSummary(reference, content, 160),
      description: ticketText(reference, content),
      impact: IMPACT,
      urgency: URGENCY,
      correlation_id: key,
      correlation_display: 'Sign-in Troubleshooter',
    };
    const query = new URLSearchParams({ sysparm_fields: 'number,sys_id', sysparm_exclude_reference_link: 'true' });
    const answer = await exchange(
      WHO,
      {
        method: 'POST',
        url: `${this.tableUrl}?${query}`,
        headers: { ...this.headers(), 'Content-Type': 'application/json' },
        body: JSON.stringify(incident),
        signal,
      },
      refusal,
    );
    const number = (answer.json as { result?: IncidentRecord } | undefined)?.result?.number;
    if (typeof number !== 'string' || !number) throw malformed();
    return number;
  }

  private headers(): Record<string, string> {
    return { Accept: 'application/json', Authorization: this.authorization };
  }
}

const refusal: RefusalText = (status) => {
  if (status === 401) return "ServiceNow did not accept the bot's user name or password (HTTP 401).";
  if (status === 403) return "The bot's ServiceNow user may not read or create incidents (HTTP 403).";
  return undefined;
};

function malformed(): TicketSinkError {
  return new TicketSinkError(
    'ServiceNow answered in an unexpected shape; the incident number is unknown.',
    WHO.name,
    false,
  );
}
