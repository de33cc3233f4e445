/**
 * Reads the sign-in log: always filtered server-side by person and time (plus app, code,
 * correlation id or request id when asked), bounded paging, newest first. A kind of failure
 * (lockout, MFA, …) is many codes, which Graph's $filter cannot say: it is filtered here after
 * the window is read.
 *
 * Which sign-ins: v1.0 returns interactive user sign-ins only. Non-interactive, service-principal
 * and managed-identity sign-ins need the beta endpoint with a `signInEventTypes/any(…)` filter, and
 * Graph refuses user and non-user kinds in one filter: those are separate reads, merged here.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { and, encodeFilter, odataDate, odataInteger, odataString } from '../graph/odata';
import { toGraphProblem } from '../graph/errors';
import { withCategory } from '../diagnosis/categories';
import type { FailureCategory, SignInEventType } from '../shared/types';
import aliases from './appAliases.json';

export const DEFAULT_SIGNIN_EVENT_TYPES: readonly SignInEventType[] = ['interactiveUser', 'nonInteractiveUser'];

/** The configured kinds of sign-in that belong to apps and managed identities rather than people. */
export function workloadKinds(configured: readonly SignInEventType[]): SignInEventType[] {
  return configured.filter((t) => t === 'servicePrincipal' || t === 'managedIdentity');
}

/** One page of GET /auditLogs/signIns. */
interface SignInListPage {
  value: SignIn[];
  '@odata.nextLink'?: string;
}

export interface SignInQuery {
  /** Object id of the person; omitted only for tenant-wide questions. */
  userId?: string;
  from: Date;
  to: Date;
  app?: string | null;
  errorCode?: number | null;
  correlationId?: string | null;
  /** Graph's signIn.id: the "Request Id" of the error screen. */
  requestId?: string | null;
  /** Kind of failure, filtered after the read (see the top of this file). */
  category?: FailureCategory | null;
  /** Which kinds of sign-in to read; the reader's configured kinds when absent. */
  eventTypes?: readonly SignInEventType[];
}

export interface SignInPage {
  records: SignIn[];
  /** True when more records matched than the page cap allowed us to read. */
  truncated: boolean;
  /** Graph requests made. */
  requests: number;
  /** Set by a source that keeps answers: pages with the same key hold the same records. */
  key?: string;
  /**
   * When the records were read from the log, if not just now (an answer from the live sign-in index:
   * its last poll). The log itself runs minutes behind sign-ins either way.
   */
  asOf?: Date;
}

export interface SignInSource {
  find(query: SignInQuery): Promise<SignInPage>;
  byId(id: string): Promise<SignIn | null>;
  /** The sign-in with this id only if it is this person's: the filter makes Graph check, not us. */
  ownById(id: string, userId: string): Promise<SignIn | null>;
}

const APP_ALIASES = new Map(Object.entries(aliases as Record<string, string>).filter(([k]) => !k.startsWith('_')).map(([k, v]) => [k.toLowerCase(), v]));

export function appPrefix(app: string): string {
  return APP_ALIASES.get(app.trim().toLowerCase()) ?? app.trim();
}

/** The `signInEventTypes` lambda for one read, or null when v1.0 (interactive only) is enough. */
export function eventTypeFilter(types: readonly SignInEventType[]): string | null {
  if (types.length === 1 && types[0] === 'interactiveUser') return null;
  return `signInEventTypes/any(t: ${types.map((t) => `t eq ${odataString(t)}`).join(' or ')})`;
}

/**
 * The reads one query needs: user kinds together, each non-user kind on its own (Graph refuses a
 * mix). A person's question reads only user kinds: apps and identities have no userId.
 */
export function readsFor(types: readonly SignInEventType[], userId: string | undefined): SignInEventType[][] {
  const user = types.filter((t) => t === 'interactiveUser' || t === 'nonInteractiveUser');
  const others = userId === undefined ? types.filter((t) => t === 'servicePrincipal' || t === 'managedIdentity').map((t) => [t]) : [];
  return [...(user.length > 0 ? [user] : []), ...others];
}

/** The parts of a read Graph filters on; without `to`, everything since `from` (the index's polls). */
export type SignInFilterParts = Omit<SignInQuery, 'to' | 'category' | 'eventTypes'> & { to?: Date };

/** The one Graph `$filter` of the sign-in log, for direct reads and the index's poller alike. */
export function buildSignInFilter(query: SignInFilterParts, eventTypes: readonly SignInEventType[] = ['interactiveUser']): string {
  return and(
    query.requestId && `id eq ${odataString(query.requestId)}`,
    query.userId !== undefined && `userId eq ${odataString(query.userId)}`,
    `createdDateTime ge ${odataDate(query.from)}`,
    query.to && `createdDateTime le ${odataDate(query.to)}`,
    query.app && `startswith(appDisplayName,${odataString(appPrefix(query.app))})`,
    query.errorCode !== null && query.errorCode !== undefined && `status/errorCode eq ${odataInteger(query.errorCode)}`,
    query.correlationId && `correlationId eq ${odataString(query.correlationId)}`,
    eventTypeFilter(eventTypes),
  );
}

export class GraphSignInLog implements SignInSource {
  constructor(
    private readonly client: Client,
    private readonly options: { pageSize: number; maxPages: number; eventTypes?: readonly SignInEventType[] },
  ) {}

  async find(query: SignInQuery): Promise<SignInPage> {
    const reads = readsFor(query.eventTypes ?? this.options.eventTypes ?? DEFAULT_SIGNIN_EVENT_TYPES, query.userId);
    const pages: SignInPage[] = [];
    for (const types of reads) pages.push(await this.read(query, types));
    const records = pages.flatMap((p) => p.records);
    // Newest first across the reads, as one read would give them.
    if (pages.length > 1) records.sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)));
    return {
      records: withCategory(records, query.category),
      truncated: pages.some((p) => p.truncated),
      requests: pages.reduce((n, p) => n + p.requests, 0),
    };
  }

  private async read(query: SignInQuery, types: readonly SignInEventType[]): Promise<SignInPage> {
    const records: SignIn[] = [];
    let requests = 0;
    try {
      // One correlation or request id is one attempt: a few rows. Otherwise the whole window is needed for patterns.
      const top = query.correlationId || query.requestId ? 50 : this.options.pageSize;
      const filter = buildSignInFilter(query, types);
      const api = this.client.api('/auditLogs/signIns');
      if (eventTypeFilter(types) !== null) api.version('beta');
      let page = (await api.filter(encodeFilter(filter)).top(top).get()) as SignInListPage;
      requests++;
      records.push(...page.value);
      while (page['@odata.nextLink'] && requests < this.options.maxPages) {
        page = (await this.client.api(page['@odata.nextLink']).get()) as SignInListPage;
        requests++;
        records.push(...page.value);
      }
      return { records, truncated: Boolean(page['@odata.nextLink']), requests };
    } catch (error) {
      throw toGraphProblem(error);
    }
  }

  /** The user kinds configured: what a record id from a person's answer may be (a non-interactive one too). */
  private userKinds(): SignInEventType[] {
    return readsFor(this.options.eventTypes ?? DEFAULT_SIGNIN_EVENT_TYPES, 'user')[0] ?? ['interactiveUser'];
  }

  async byId(id: string): Promise<SignIn | null> {
    try {
      const api = this.client.api(`/auditLogs/signIns/${encodeURIComponent(id)}`);
      if (eventTypeFilter(this.userKinds()) !== null) api.version('beta');
      return (await api.get()) as SignIn;
    } catch (error) {
      const problem = toGraphProblem(error);
      if (problem.kind === 'notFound') return null;
      throw problem;
    }
  }

  async ownById(id: string, userId: string): Promise<SignIn | null> {
    try {
      const kinds = this.userKinds();
      const api = this.client.api('/auditLogs/signIns');
      if (eventTypeFilter(kinds) !== null) api.version('beta');
      const filter = and(`id eq ${odataString(id)}`, `userId eq ${odataString(userId)}`, eventTypeFilter(kinds));
      const page = (await api.filter(encodeFilter(filter)).top(1).get()) as SignInListPage;
      return page.value[0] ?? null;
    } catch (error) {
      throw toGraphProblem(error);
    }
  }
}
