/**
 * The built-in demo tenant: a small Microsoft Graph look-alike that speaks the user, directory-role,
 * group, sendMail and sign-in log APIs with Graph's JSON shapes, paging and error format.
 *
 * It is transport-free (`handle` takes a request and returns a response) so that it can sit as the
 * Graph client's last middleware in demo mode, and behind an HTTPS loopback server in tests.
 */
import { randomUUID } from 'node:crypto';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DemoDirectory, toUser } from './directory';
import { baseHeaders, decodeSegment, GraphHttpError, headerOf, pageSize, parseBody, readSkipToken, rejectUnsupported, select, type GraphRequest, type GraphResponse } from './graphProtocol';
import { compileFilter, takeEventTypes, ODataFilterError, SIGNIN_FILTER_RULES } from './odataFilter';
import { DEMO_PEOPLE, type DemoPerson } from './people';
import { ReportsThrottle, type ReportsCounters, type ReportsLimit } from './reportsThrottle';
import { generateSignIns, newestFirst } from './signInGenerator';
import { DEMO_TICKET_MAILBOX } from '../config';

export type { GraphRequest, GraphResponse } from './graphProtocol';
export { GRAPH_REPORTS_LIMIT, type ReportsCounters, type ReportsLimit } from './reportsThrottle';

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

const MAX_SIGNIN_PAGE = 1000;
const MAX_LOGGED = 100_000;

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
  /** The last listing's matches, so that following its nextLinks does not filter the whole log again (big bench tenants). */
  private lastListing: { key: string; generation: number; matches: SignIn[] } | null = null;
  private generation = 0;
  private readonly sharedMailboxes: string[];
  private readonly directory: DemoDirectory;
  private readonly throttle: ReportsThrottle;

  constructor(options: DemoTenantOptions = {}) {
    this.people = options.people ?? DEMO_PEOPLE;
    this.directory = new DemoDirectory(this.people);
    this.throttle = new ReportsThrottle(options.reportsLimit ?? null, options.clock ?? Date.now);
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
    this.generation++;
    for (const record of records) {
      insertSorted(this.signIns, record);
      const list = this.indexRecord(record);
      list.pop();
      insertSorted(list, record);
    }
  }

  /** Report reads answered and refused so far. */
  reportsCounters(): ReportsCounters {
    return this.throttle.snapshot();
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
      if (/^\/auditLogs(\/|$)/i.test(path)) this.throttle.admit();
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
      if (segments.length === 1 && method === 'GET') return { status: 200, body: this.directory.listUsers(query) };
      if (segments[2] === 'sendMail' && method === 'POST' && this.sharedMailboxes.includes(segments[1].toLowerCase())) {
        return this.sendMail(segments[1].toLowerCase(), request);
      }
      const user = this.directory.findUser(segments[1]);
      if (segments.length === 2 && method === 'GET') return { status: 200, body: select(toUser(user), query.get('$select')) };
      if (segments[2] === 'transitiveMemberOf' && method === 'GET') return { status: 200, body: this.directory.transitiveMemberOf(user, segments[3], query, request) };
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
    const offset = readSkipToken(query.get('$skiptoken'));
    const key = `${url.pathname}|${query.get('$filter') ?? ''}`;
    const kept = this.lastListing;
    const matches = offset > 0 && kept && kept.key === key && kept.generation === this.generation ? kept.matches : this.matchingSignIns(filter, ofKind);
    this.lastListing = { key, generation: this.generation, matches };
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

  private matchingSignIns(filter: string | null, ofKind: (r: SignIn) => boolean): SignIn[] {
    if (filter === null) return this.signIns.filter(ofKind);
    const compiled = compileFilter(filter, SIGNIN_FILTER_RULES);
    let candidates: SignIn[] = this.signIns;
    const userId = compiled.equalities.get('userId');
    if (typeof userId === 'string') candidates = this.signInsByUser.get(userId.toLowerCase()) ?? [];
    const id = compiled.equalities.get('id');
    if (typeof id === 'string') candidates = this.signInsById.has(id.toLowerCase()) ? [this.signInsById.get(id.toLowerCase())!] : [];
    return candidates.filter((r) => ofKind(r) && compiled.test(r));
  }

  /** Every group a person belongs to, directly or through nested groups. */
  groupsOf(person: DemoPerson): Set<string> {
    return this.directory.groupsOf(person);
  }
}
