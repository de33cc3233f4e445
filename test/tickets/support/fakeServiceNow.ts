/**
 * A ServiceNow Table API look-alike for `incident`: basic auth, GET with sysparm_query
 * correlation_id=… or number=…, POST answering 201 {"result":{…}}, PATCH /incident/{sys_id} with
 * `work_notes` adding a journal entry (kept in `workNotes`), and ServiceNow's error JSON.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, startLoopback, type Loopback, type Received } from './loopback';

export interface Incident {
  number: string;
  sys_id: string;
  /** The journal's entries, oldest first: each PATCH with work_notes adds one. */
  workNotes?: string[];
  [field: string]: unknown;
}

export interface FakeServiceNow extends Loopback {
  incidents: Incident[];
  /** Runs before the normal answer; return true when it answered itself. */
  intercept?: (request: Received, res: ServerResponse) => boolean;
}

export async function startFakeServiceNow(user: string, password: string): Promise<FakeServiceNow> {
  const incidents: Incident[] = [];
  const fake = {} as FakeServiceNow;
  const loopback = await startLoopback((request, res) => {
    const url = new URL(request.url, 'http://instance');
    if (request.headers.authorization !== `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`) {
      return sendJson(res, 401, {
        error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
        status: 'failure',
      });
    }
    if (fake.intercept?.(request, res)) return;
    const record = /^\/api\/now\/table\/incident\/([0-9a-f]{32})$/.exec(url.pathname);
    if (record && request.method === 'PATCH') {
      const incident = incidents.find((i) => i.sys_id === record[1]);
      if (!incident)
        return sendJson(res, 404, { error: { message: 'No Record found', detail: null }, status: 'failure' });
      const fields = JSON.parse(request.body) as Record<string, unknown>;
      if (typeof fields.work_notes === 'string') (incident.workNotes ??= []).push(fields.work_notes);
      return sendJson(res, 200, { result: { number: incident.number } });
    }
    if (url.pathname !== '/api/now/table/incident') {
      return sendJson(res, 400, { error: { message: 'Invalid table', detail: null }, status: 'failure' });
    }
    if (request.method === 'GET') {
      const query = url.searchParams.get('sysparm_query') ?? '';
      const match = /^(correlation_id|number)=(.*)$/.exec(query);
      const limit = Number(url.searchParams.get('sysparm_limit') ?? '10000');
      const found = match ? incidents.filter((i) => i[match[1]] === match[2]) : incidents;
      return sendJson(res, 200, { result: found.slice(0, limit).map((i) => ({ number: i.number, sys_id: i.sys_id })) });
    }
    if (request.method === 'POST') {
      const fields = JSON.parse(request.body) as Record<string, unknown>;
      const incident: Incident = {
        ...fields,
        number: `INC${String(10001 + incidents.length).padStart(7, '0')}`,
        sys_id: randomBytes(16).toString('hex'),
      };
      incidents.push(incident);
      return sendJson(
        res,
        201,
        { result: { number: incident.number, sys_id: incident.sys_id } },
        { Location: `${loopback.url}/api/now/table/incident/${incident.sys_id}` },
      );
    }
    return sendJson(res, 405, { error: { message: 'Method not Supported', detail: null }, status: 'failure' });
  });
  return Object.assign(fake, loopback, { incidents });
}
