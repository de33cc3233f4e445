/**
 * Tickets as ServiceNow incidents through the Table API, with basic authentication.
 *
 * Exactly once across restarts: the ticket key goes into the incident's `correlation_id`, and every
 * attempt first looks for an incident with that correlation id. So a retry after a lost answer, or
 * a click after the bot restarted, finds the incident instead of opening a second one.
 *
 * A follow-up (a helpdesk fix done or refused, issue 21) is a work note on the incident: its sys_id
 * looked up by number, then `PATCH /api/now/table/incident/{sys_id}` with `{"work_notes": "…"}`
 * (ServiceNow docs, REST API reference › Table API › "Table - PATCH /now/table/{tableName}/{sys_id}":
 * updates the record with the name-value pairs of the body; work_notes is a journal field, so each
 * write adds an entry). A retry after a lost answer may add the note twice; it never changes anything else.
 */
import { exchange, type RefusalText } from '../http';
import { TicketSinkError } from '../errors';
import { ticketNoteText, ticketSummary, ticketText } from '../format';
import { referenceFor } from '../reference';
import { withRetry, type SinkIdentity, type SinkOptions } from '../retry';
import type { TicketContent, TicketNote, TicketSink } from '../types';

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

  async append(reference: string, note: TicketNote): Promise<void> {
    const { text } = ticketNoteText(reference, note);
    // An incident number ("INC0010001"): nothing that could change the encoded query.
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(reference)) throw malformed();
    await withRetry(WHO, this.options, async (signal) => {
      const query = new URLSearchParams({
        sysparm_query: `number=${reference}`,
        sysparm_limit: '1',
        sysparm_fields: 'sys_id',
      });
      const found = await exchange(
        WHO,
        { method: 'GET', url: `${this.tableUrl}?${query}`, headers: this.headers(), signal },
        refusal,
      );
      const sysId = (found.json as { result?: IncidentRecord[] } | undefined)?.result?.[0]?.sys_id;
      if (typeof sysId !== 'string' || !/^[0-9a-f]{32}$/i.test(sysId)) throw malformed();
      await exchange(
        WHO,
        {
          method: 'PATCH',
          url: `${this.tableUrl}/${sysId}?${new URLSearchParams({ sysparm_fields: 'number' })}`,
          headers: { ...this.headers(), 'Content-Type': 'application/json' },
          body: JSON.stringify({ work_notes: text }),
          signal,
        },
        refusal,
      );
    });
  }

  private headers(): Record<string, string> {
    return { Accept: 'application/json', Authorization: this.authorization };
  }
}

const refusal: RefusalText = (status) => {
  if (status === 401) return "ServiceNow did not accept the bot's user name or password (HTTP 401).";
  if (status === 403) return "The bot's ServiceNow user may not read, create or update incidents (HTTP 403).";
  return undefined;
};

function malformed(): TicketSinkError {
  return new TicketSinkError(
    'ServiceNow answered in an unexpected shape; the incident number is unknown.',
    WHO.name,
    false,
  );
}
