/**
 * The built-in demo tenant: a small Microsoft Graph look-alike that speaks the user, directory-role,
 * group, sendMail and sign-in log APIs with Graph's JSON shapes, paging and error format.
 *
 * It is transport-free (`handle` takes a request and returns a response) so that it can sit as the
 * Graph client's last middleware in demo mode, and behind an HTTPS loopback server in tests.
 */
import { randomUUID } from 'node:crypto';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { compileFilter, takeEventTypes, ODataFilterError, SIGNIN_FILTER_RULES, USER_FILTER_RULES } from './odataFilter';
import { DEMO_GROUPS, DEMO_PEOPLE, ROLE_NAMES, type DemoPerson } from './people';
import { generateSignIns, newestFirst } from './signInGenerator';
import { DEMO_TICKET_MAILBOX } from '../config';

export interface GraphRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface LoggedRequest {
  method: string;
  /** Path below the version segment, e.g. /auditLogs/signIns or /users/x. */
  path: string;
  filter: string | null;
  at: number;
}

export interface SentMail {
  from: string;
  message: {
    subject: string;
    body: { contentType: string; content: string };
    toRecipients: { emailAddress: { address: string } }[];
  };
}

export interface DemoTenantOptions {
  now?: Date;
  people?: readonly DemoPerson[];
  signIns?: SignIn[];
  /** Shared mailboxes that can send mail but are not people (the bot's ticket mailbox). */
  sharedMailboxes?: string[];
  /**
   * Graph's throttle of the identity reports (/auditLogs/…): at most `maxRequests` per app per tenant
   * in any `windowMs`, beyond that 429 with Retry-After. Off unless given (tests that are not about
   * the limit would only wait); `npm start` and the incident bench turn it on at Graph's 5 per 10 s.
   */
  reportsLimit?: ReportsLimit | null;
  /** Clock of the throttle (tests). */
  clock?: () => number;
}

export interface ReportsLimit {
  maxRequests: number;
  windowMs: number;
}

/** Graph's documented limit for the identity reports, per app per tenant. */
export const GRAPH_REPORTS_LIMIT: ReportsLimit = { maxRequests: 5, windowMs: 10_000 };

/** What the tenant's sign-in log was asked, for tests and the bench. */
export interface ReportsCounters {
  /** Requests to /auditLogs/… answered (not throttled). */
  reads: number;
  /** Requests refused with 429. */
  throttled: number;
}

const MAX_SIGNIN_PAGE = 1000;
const MAX_LOGGED = 100_000;
const MAX_USER_PAGE = 999;

class GraphHttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

function insertSorted(list: SignIn[], record: SignIn): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (newestFirst(list[mid], record) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, record);
}

export class DemoTenant {
  readonly people: readonly DemoPerson[];
  readonly signIns: SignIn[];
  readonly requestLog: LoggedRequest[] = [];
  readonly sentMail: SentMail[] = [];
  private readonly signInsByUser = new Map<string, SignIn[]>();
  private readonly signInsById = new Map<string, SignIn>();
  private readonly sharedMailboxes: string[];
  private readonly reportsLimit: ReportsLimit | null;
  private readonly clock: () => number;
  /** Arrival times of the report requests inside the current window, oldest first. */
  private readonly reportArrivals: number[] = [];
  private readonly counters: ReportsCounters = { reads: 0, throttled: 0 };

  constructor(options: DemoTenantOptions = {}) {
    this.people = options.people ?? DEMO_PEOPLE;
    this.reportsLimit = options.reportsLimit ?? null;
    this.clock = options.clock ?? Date.now;
    this.sharedMailboxes = (options.sharedMailboxes ?? [DEMO_TICKET_MAILBOX]).map((m) => m.toLowerCase());
    this.signIns = options.signIns ?? generateSignIns({ now: options.now ?? new Date(), people: this.people });
    // Keys lower-cased: the filter compares strings without regard to case, and so must the index.
    for (const record of this.signIns) this.indexRecord(record);
  }

  private indexRecord(record: SignIn): SignIn[] {
    const user = String(record.userId).toLowerCase();
    const list = this.signInsByUser.get(user) ?? [];
    list.push(record);
    this.signInsByUser.set(user, list);
    this.signInsById.set(String(record.id).toLowerCase(), record);
    return list;
  }

  /**
   * Writes sign-ins to the log as they would arrive: possibly late, so each goes to its place by
   * createdDateTime (the log stays newest first), not to the front.
   */
  addSignIns(records: SignIn[]): void {
    for (const record of records) {
      insertSorted(this.signIns, record);
      const list = this.indexRecord(record);
      list.pop();
      insertSorted(list, record);
    }
  }

  /** Report reads answered and refused so far. */
  reportsCounters(): ReportsCounters {
    return { ...this.counters };
  }

  /** Counts a report request against the limit; refuses it with Graph's 429 when over. */
  private admitReportRequest(): void {
    const limit = this.reportsLimit;
    if (limit) {
      const now = this.clock();
      while (this.reportArrivals.length > 0 && this.reportArrivals[0] <= now - limit.windowMs) this.reportArrivals.shift();
      // Throttled calls count too (Graph says so): a client hammering through 429s stays throttled.
      this.reportArrivals.push(now);
      if (this.reportArrivals.length > limit.maxRequests) {
        this.counters.throttled++;
        const freeAt = this.reportArrivals[this.reportArrivals.length - 1 - limit.maxRequests] + limit.windowMs;
        throw new GraphHttpError(429, 'TooManyRequests', 'Too many requests.', { 'retry-after': String(Math.max(1, Math.ceil((freeAt - now) / 1000))) });
      }
    }
    this.counters.reads++;
  }

  /** Requests for the sign-in log, for tests that prove what the bot asked. */
  signInRequests(): LoggedRequest[] {
    return this.requestLog.filter((r) => r.path.startsWith('/auditLogs/signIns'));
  }

  handle(request: GraphRequest): GraphResponse {
    const requestId = randomUUID();
    try {
      const url = new URL(request.url);
      const match = /^\/(v1\.0|beta)(\/.*)$/.exec(url.pathname);
      if (!match) throw new GraphHttpError(400, 'BadRequest', `Invalid version in '${url.pathname}'.`);
      // Split first, then decode each segment: an encoded '/' (%2F) in an id stays inside its segment.
      const segments = match[2].split('/').filter(Boolean).map(decodeSegment);
      const path = `/${segments.map((segment) => segment.replace(/[/%]/g, encodeURIComponent)).join('/')}`;
      const query = url.searchParams;
      this.requestLog.push({ method: request.method, path, filter: query.get('$filter'), at: Date.now() });
      // A demo that runs for days keeps only the newest requests.
      if (this.requestLog.length > MAX_LOGGED) this.requestLog.splice(0, this.requestLog.length - MAX_LOGGED);
      const auth = headerOf(request.headers, 'authorization');
      if (!auth || !/^Bearer \S+/.test(auth)) {
        throw new GraphHttpError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
      }
      if (/^\/auditLogs(\/|$)/i.test(path)) this.admitReportRequest();
      const result = this.route(request.method.toUpperCase(), segments, query, request, url);
      if (result.status === 202 || result.status === 204) return { status: result.status, headers: baseHeaders(requestId), body: '' };
      return { status: result.status, headers: { ...baseHeaders(requestId), 'content-type': 'application/json; odata.metadata=minimal' }, body: JSON.stringify(result.body) };
    } catch (error) {
      const e = error instanceof GraphHttpError ? error
        : error instanceof ODataFilterError ? new GraphHttpError(400, 'BadRequest', `Invalid filter clause: ${error.message}`)
        : new GraphHttpError(500, 'InternalServerError', 'The demo tenant failed to answer.');
      return {
        status: e.status,
        headers: { ...baseHeaders(requestId), 'content-type': 'application/json', ...e.headers },
        body: JSON.stringify({ error: { code: e.code, message: e.message, innerError: { date: new Date().toISOString(), 'request-id': requestId, 'client-request-id': headerOf(request.headers, 'client-request-id') ?? requestId } } }),
      };
    }
  }

  private route(method: string, segments: string[], query: URLSearchParams, request: GraphRequest, url: URL): { status: number; body?: unknown } {
    if (segments[0] === 'auditLogs' && segments[1] === 'signIns') {
      if (method !== 'GET') throw new GraphHttpError(405, 'Request_BadRequest', 'The sign-in log is read-only.');
      if (segments.length === 2) return { status: 200, body: this.listSignIns(query, url) };
      if (segments.length === 3) {
        const found = this.signInsById.get(segments[2].toLowerCase());
        if (!found) throw new GraphHttpError(404, 'Request_ResourceNotFound', `Resource '${segments[2]}' does not exist.`);
        return { status: 200, body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns/$entity', ...found } };
      }
    }
    if (segments[0] === 'users') {
      if (segments.length === 1 && method === 'GET') return { status: 200, body: this.listUsers(query) };
      if (segments[2] === 'sendMail' && method === 'POST' && this.sharedMailboxes.includes(segments[1].toLowerCase())) {
        return this.sendMail(segments[1].toLowerCase(), request);
      }
      const user = this.findUser(segments[1]);
      if (segments.length === 2 && method === 'GET') return { status: 200, body: select(toUser(user), query.get('$select')) };
      if (segments[2] === 'transitiveMemberOf' && method === 'GET') return { status: 200, body: this.transitiveMemberOf(user, segments[3], query, request) };
      if (segments[2] === 'checkMemberGroups' && method === 'POST') {
        const body = parseBody(request.body) as { groupIds?: unknown };
        if (!Array.isArray(body.groupIds) || body.groupIds.some((g) => typeof g !== 'string')) throw new GraphHttpError(400, 'Request_BadRequest', 'groupIds must be an array of strings.');
        const mine = this.groupsOf(user);
        return { status: 200, body: { value: (body.groupIds as string[]).filter((g) => mine.has(g)) } };
      }
      if (segments[2] === 'sendMail' && method === 'POST') return this.sendMail(user.userPrincipalName, request);
    }
    throw new GraphHttpError(400, 'BadRequest', `Resource not found for the segment '${segments[segments.length - 1] ?? ''}'.`);
  }

  private sendMail(from: string, request: GraphRequest): { status: number } {
    const body = parseBody(request.body) as { message?: SentMail['message'] };
    if (!body.message?.subject || !body.message.toRecipients?.length) throw new GraphHttpError(400, 'ErrorInvalidRecipients', 'At least one recipient is required.');
    this.sentMail.push({ from, message: body.message });
    if (this.sentMail.length > MAX_LOGGED) this.sentMail.splice(0, this.sentMail.length - MAX_LOGGED);
    return { status: 202 };
  }

  private listSignIns(query: URLSearchParams, url: URL): unknown {
    rejectUnsupported(query, ['$filter', '$top', '$skiptoken', '$select', '$orderby']);
    const orderBy = query.get('$orderby');
    if (orderBy !== null && !/^createdDateTime desc$/i.test(orderBy)) throw new GraphHttpError(400, 'BadRequest', `Ordering by '${orderBy}' is not supported; the sign-in log comes newest first.`);
    const top = pageSize(query.get('$top'), MAX_SIGNIN_PAGE, MAX_SIGNIN_PAGE);
    // Beta serves the other kinds of sign-in when asked with signInEventTypes; v1.0 never does.
    const kinds = takeEventTypes(query.get('$filter'), url.pathname.startsWith('/beta/'));
    const filter = kinds.rest;
    const ofKind = (r: SignIn) => kinds.accepts((r as { signInEventTypes?: string[] }).signInEventTypes ?? ['interactiveUser']);
    let candidates: SignIn[] = this.signIns;
    let matches: SignIn[] = candidates.filter(ofKind);
    if (filter !== null) {
      const compiled = compileFilter(filter, SIGNIN_FILTER_RULES);
      const userId = compiled.equalities.get('userId');
      if (typeof userId === 'string') candidates = this.signInsByUser.get(userId.toLowerCase()) ?? [];
      const id = compiled.equalities.get('id');
      if (typeof id === 'string') candidates = this.signInsById.has(id.toLowerCase()) ? [this.signInsById.get(id.toLowerCase())!] : [];
      matches = candidates.filter((r) => ofKind(r) && compiled.test(r));
    }
    const offset = readSkipToken(query.get('$skiptoken'));
    const page = matches.slice(offset, offset + top);
    const body: Record<string, unknown> = {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns',
      value: page.map((r) => select(r, query.get('$select'))),
    };
    if (offset + top < matches.length) {
      const next = new URL(url.toString());
      next.searchParams.set('$skiptoken', Buffer.from(`offset:${offset + top}`).toString('base64url'));
      body['@odata.nextLink'] = next.toString();
    }
    return body;
  }

  private listUsers(query: URLSearchParams): unknown {
    rejectUnsupported(query, ['$filter', '$top', '$select', '$count']);
    const top = pageSize(query.get('$top'), 100, MAX_USER_PAGE);
    const filter = query.get('$filter');
    const users = this.people.map(toUser);
    const matches = filter === null ? users : users.filter(compileFilter(filter, USER_FILTER_RULES).test);
    return { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users', value: matches.slice(0, top).map((u) => select(u, query.get('$select'))) };
  }

  private findUser(key: string): DemoPerson {
    const lower = key.toLowerCase();
    const user = this.people.find((p) => p.id.toLowerCase() === lower || p.userPrincipalName.toLowerCase() === lower);
    if (!user) throw new GraphHttpError(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`);
    return user;
  }

  /** Every group a person belongs to, directly or through nested groups. */
  groupsOf(person: DemoPerson): Set<string> {
    const all = Object.values(DEMO_GROUPS);
    const result = new Set<string>(person.groups);
    let grew = true;
    while (grew) {
      grew = false;
      for (const group of all) {
        if (!result.has(group.id) && group.memberGroups.some((child) => result.has(child))) {
          result.add(group.id);
          grew = true;
        }
      }
    }
    return result;
  }

  private transitiveMemberOf(person: DemoPerson, cast: string | undefined, query: URLSearchParams, request: GraphRequest): unknown {
    if (cast !== undefined && !['microsoft.graph.directoryRole', 'microsoft.graph.group'].includes(cast)) {
      throw new GraphHttpError(400, 'Request_BadRequest', `Unsupported type cast '${cast}'.`);
    }
    if (cast !== undefined && (headerOf(request.headers, 'consistencylevel') !== 'eventual' || query.get('$count') !== 'true')) {
      throw new GraphHttpError(400, 'Request_UnsupportedQuery', 'A type cast on this collection needs the ConsistencyLevel: eventual header and $count=true.');
    }
    const groups = this.groupsOf(person);
    const roleIds = new Set(person.roles);
    for (const group of Object.values(DEMO_GROUPS)) {
      if ('role' in group && groups.has(group.id)) roleIds.add(group.role);
    }
    const roles = [...roleIds].map((templateId) => ({
      '@odata.type': '#microsoft.graph.directoryRole', id: `role-${templateId.slice(0, 8)}`, displayName: ROLE_NAMES[templateId] ?? 'Directory role', roleTemplateId: templateId,
    }));
    const groupObjects = Object.values(DEMO_GROUPS).filter((g) => groups.has(g.id)).map((g) => ({ '@odata.type': '#microsoft.graph.group', id: g.id, displayName: g.displayName }));
    const value = cast === 'microsoft.graph.directoryRole' ? roles : cast === 'microsoft.graph.group' ? groupObjects : [...roles, ...groupObjects];
    return { '@odata.count': value.length, value: value.map((v) => select(v, query.get('$select'))) };
  }
}

function toUser(p: DemoPerson): Record<string, unknown> {
  return {
    id: p.id, displayName: p.displayName, givenName: p.givenName, surname: p.surname, userPrincipalName: p.userPrincipalName,
    mail: p.mail, jobTitle: p.jobTitle, department: p.department, officeLocation: p.officeLocation, accountEnabled: p.accountEnabled,
  };
}

function select(item: object, selectParam: string | null): Record<string, unknown> {
  const source = item as Record<string, unknown>;
  if (!selectParam) return source;
  const out: Record<string, unknown> = {};
  if ('@odata.type' in source) out['@odata.type'] = source['@odata.type'];
  for (const name of selectParam.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new GraphHttpError(400, 'BadRequest', `Invalid $select property '${name}'.`);
    if (name in source) out[name] = source[name];
  }
  return out;
}

function pageSize(raw: string | null, fallback: number, max: number): number {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new GraphHttpError(400, 'BadRequest', `Invalid $top value '${raw}'.`);
  if (Number(raw) > max) throw new GraphHttpError(400, 'BadRequest', `The limit of '${max}' for $top was exceeded. The value from the incoming request is '${raw}'.`);
  return Number(raw);
}

function readSkipToken(raw: string | null): number {
  if (raw === null) return 0;
  const decoded = Buffer.from(raw, 'base64url').toString();
  const m = /^offset:(\d+)$/.exec(decoded);
  if (!m) throw new GraphHttpError(400, 'BadRequest', 'The $skiptoken is not valid.');
  return Number(m[1]);
}

function rejectUnsupported(query: URLSearchParams, allowed: string[]): void {
  for (const key of query.keys()) {
    if (!allowed.includes(key)) throw new GraphHttpError(400, 'BadRequest', `Query option '${key}' is not supported on this resource.`);
  }
}

function parseBody(body: string | undefined): unknown {
  try {
    return JSON.parse(body ?? '');
  } catch {
    throw new GraphHttpError(400, 'BadRequest', 'The request body is not valid JSON.');
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new GraphHttpError(400, 'BadRequest', 'The request URL is not well formed.');
  }
}

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function baseHeaders(requestId: string): Record<string, string> {
  return { 'request-id': requestId, 'client-request-id': requestId, date: new Date().toUTCString() };
}
