/**
 * The built-in demo tenant: a small Microsoft Graph look-alike that speaks the user, directory-role,
 * group, sendMail and sign-in log APIs with Graph's JSON shapes, paging and error format.
 *
 * It is transport-free (`handle` takes a request and returns a response) so that it can sit as the
 * Graph client's last middleware in demo mode, and behind an HTTPS loopback server in tests.
 */
import { randomUUID } from 'node:crypto';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DemoDirectory, USER_TYPE } from './directory';
import {
  baseHeaders,
  decodeSegment,
  GraphHttpError,
  headerOf,
  parseBody,
  select,
  type GraphRequest,
  type GraphResponse,
} from './graphProtocol';
import { ODataFilterError } from './odataFilter';
import { DEMO_PEOPLE, type DemoPerson } from './people';
import { ReportsThrottle, type ReportsCounters, type ReportsLimit } from './reportsThrottle';
import { ReportsClock, type ReportsTiming } from './reportsTiming';
import { GrantedPermissions, DEFAULT_DEMO_PERMISSIONS } from './permissions';
import { SignInLog } from './signInListing';
import { generateSignIns } from './signInGenerator';
import type { GraphVersion } from './signInSchema';
import { DEMO_TICKET_MAILBOX } from './settings';
import { DemoTokenService } from './tokenService';
import { DelegatedGraph } from './fixes';
import { organizationListing } from './organization';
import type { DirectoryAuditLog } from './directoryAudits';
import { delegatedSide, type DelegatedOptions } from './delegatedSetup';

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

export interface DemoTenantOptions extends DelegatedOptions {
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
  /** Clock of the throttle and of the timing (tests). */
  clock?: () => number;
  /**
   * Application permissions granted to the bot's app (DEMO_GRAPH_PERMISSIONS); default what the
   * product asks for (DEFAULT_DEMO_PERMISSIONS). Decides 403s and whether CA policies are shown.
   */
  permissions?: readonly string[];
  /** Graph's answer times, short pages and time-based throttling (reportsTiming.ts); off unless given. */
  timing?: ReportsTiming | null;
  /**
   * Token refreshes per person per day (DEMO_NONINTERACTIVE_PER_DAY) and the realistic background of
   * interactive, service-principal and managed-identity sign-ins around the stories; absent or 0:
   * the stories' own sign-ins only (what the tests are written against).
   */
  nonInteractivePerDay?: number;
}

const MAX_LOGGED = 100_000;

export class DemoTenant {
  readonly people: readonly DemoPerson[];
  readonly signIns: SignIn[];
  readonly requestLog: LoggedRequest[] = [];
  readonly sentMail: SentMail[] = [];
  /** What the bot's app may do here; change `grant` to change it (tests, the doctor's demo). */
  grant: GrantedPermissions;
  private readonly log: SignInLog;
  private readonly sharedMailboxes: string[];
  private readonly directory: DemoDirectory;
  private readonly throttle: ReportsThrottle;
  /** The one-click fixes' Graph calls, with the caller's own token (fixes.ts); `actions` and `attempts` for tests. */
  readonly delegated: DelegatedGraph;
  readonly audits: DirectoryAuditLog;
  /** SSO tokens and the Bot Framework Token Service's exchange (tokenService.ts). */
  readonly tokenService: DemoTokenService;
  private readonly delegatedFixes: boolean;

  constructor(options: DemoTenantOptions = {}) {
    this.people = options.people ?? DEMO_PEOPLE;
    this.directory = new DemoDirectory(this.people);
    const clock = options.clock ?? Date.now;
    this.throttle = new ReportsThrottle(options.reportsLimit ?? null, clock);
    this.grant = new GrantedPermissions(options.permissions ?? DEFAULT_DEMO_PERMISSIONS);
    this.sharedMailboxes = (options.sharedMailboxes ?? [DEMO_TICKET_MAILBOX]).map((m) => m.toLowerCase());
    this.signIns =
      options.signIns ??
      generateSignIns({
        now: options.now ?? new Date(),
        people: this.people,
        nonInteractivePerDay: options.nonInteractivePerDay,
      });
    this.log = new SignInLog(this.signIns, {
      showsPolicies: () => this.grant.readsConditionalAccess,
      clock: new ReportsClock(options.timing ?? null, clock),
    });
    const side = delegatedSide(
      {
        directory: this.directory,
        people: this.people,
        signIns: () => this.signIns,
        addSignIns: (records) => this.addSignIns(records),
        grant: () => this.grant,
        clock,
      },
      options,
    );
    ({ delegated: this.delegated, tokenService: this.tokenService, audits: this.audits } = side);
    this.delegatedFixes = side.enabled;
  }

  /**
   * Writes sign-ins to the log as they would arrive: possibly late, so each goes to its place by
   * createdDateTime (the log stays newest first), not to the front.
   */
  addSignIns(records: SignIn[]): void {
    this.log.add(records);
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
      if (this.delegatedFixes && DemoTokenService.serves(url.pathname)) return this.tokenService.handle(request);
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
      const caller = this.delegated.identify(auth.slice('Bearer '.length));
      if (/^\/auditLogs(\/|$)/i.test(path)) this.throttle.admit();
      const version = match[1] as GraphVersion;
      const method = request.method.toUpperCase();
      const call = this.delegatedFixes ? DelegatedGraph.callOf(method, segments, request.body) : null;
      if (!call) this.delegated.checkOtherCall(caller, method, segments);
      const result: { status: number; body?: unknown; delayMs?: number } = call
        ? this.delegated.handle(call, caller, segments, request, url)
        : this.route(method, segments, query, request, url, version);
      if (result.status === 202 || result.status === 204)
        return { status: result.status, headers: baseHeaders(requestId), body: '' };
      return {
        status: result.status,
        headers: { ...baseHeaders(requestId), 'content-type': 'application/json; odata.metadata=minimal' },
        body: JSON.stringify(result.body),
        delayMs: result.delayMs,
      };
    } catch (error) {
      const e =
        error instanceof GraphHttpError
          ? error
          : error instanceof ODataFilterError
            ? new GraphHttpError(400, 'BadRequest', `Invalid filter clause: ${error.message}`)
            : new GraphHttpError(500, 'InternalServerError', 'The demo tenant failed to answer.');
      return {
        status: e.status,
        headers: { ...baseHeaders(requestId), 'content-type': 'application/json', ...e.headers },
        body: JSON.stringify({
          error: {
            code: e.code,
            message: e.message,
            innerError: {
              date: new Date().toISOString(),
              'request-id': requestId,
              'client-request-id': headerOf(request.headers, 'client-request-id') ?? requestId,
            },
          },
        }),
      };
    }
  }

  private route(
    method: string,
    segments: string[],
    query: URLSearchParams,
    request: GraphRequest,
    url: URL,
    version: GraphVersion,
  ): { status: number; body?: unknown; delayMs?: number } {
    if (segments[0] === 'auditLogs' && segments[1] === 'signIns') {
      if (method !== 'GET') throw new GraphHttpError(405, 'Request_BadRequest', 'The sign-in log is read-only.');
      this.grant.require('signIns');
      if (segments.length === 2) {
        const listing = this.log.list(query, url, version);
        return { status: 200, body: listing.body, delayMs: listing.delayMs };
      }
      if (segments.length === 3) return { status: 200, body: this.log.get(segments[2], version) };
    }
    if (segments[0] === 'organization' && segments.length === 1 && method === 'GET') {
      this.grant.require('organization');
      return { status: 200, body: organizationListing(query) };
    }
    if (segments[0] === 'users') {
      if (segments[2] === 'sendMail' && method === 'POST') this.grant.require('sendMail');
      else
        this.grant.require(
          segments[2] === 'transitiveMemberOf'
            ? 'memberOf'
            : segments[2] === 'checkMemberGroups'
              ? 'checkMemberGroups'
              : 'users',
        );
      if (segments.length === 1 && method === 'GET') return { status: 200, body: this.directory.listUsers(query) };
      if (segments[2] === 'sendMail' && method === 'POST' && this.sharedMailboxes.includes(segments[1].toLowerCase())) {
        return this.sendMail(segments[1].toLowerCase(), request);
      }
      const user = this.directory.findUser(segments[1]);
      if (segments.length === 2 && method === 'GET')
        return { status: 200, body: select(this.directory.user(user), query.get('$select'), USER_TYPE) };
      if (segments[2] === 'transitiveMemberOf' && method === 'GET')
        return { status: 200, body: this.directory.transitiveMemberOf(user, segments[3], query, request) };
      if (segments[2] === 'checkMemberGroups' && method === 'POST') {
        const body = parseBody(request.body) as { groupIds?: unknown };
        if (!Array.isArray(body.groupIds) || body.groupIds.some((g) => typeof g !== 'string'))
          throw new GraphHttpError(400, 'Request_BadRequest', 'groupIds must be an array of strings.');
        const mine = this.groupsOf(user);
        return { status: 200, body: { value: (body.groupIds as string[]).filter((g) => mine.has(g)) } };
      }
      if (segments[2] === 'sendMail' && method === 'POST') return this.sendMail(user.userPrincipalName, request);
    }
    throw new GraphHttpError(
      400,
      'BadRequest',
      `Resource not found for the segment '${segments[segments.length - 1] ?? ''}'.`,
    );
  }

  private sendMail(from: string, request: GraphRequest): { status: number } {
    const body = parseBody(request.body) as { message?: SentMail['message'] };
    if (!body.message?.subject || !body.message.toRecipients?.length)
      throw new GraphHttpError(400, 'ErrorInvalidRecipients', 'At least one recipient is required.');
    this.sentMail.push({ from, message: body.message });
    if (this.sentMail.length > MAX_LOGGED) this.sentMail.splice(0, this.sentMail.length - MAX_LOGGED);
    return { status: 202 };
  }

  /** Every group a person belongs to, directly or through nested groups. */
  groupsOf(person: DemoPerson): Set<string> {
    return this.directory.groupsOf(person);
  }
}
