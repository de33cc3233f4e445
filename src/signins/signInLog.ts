/**
 * Reads the sign-in log: always filtered server-side by person and time (plus code, correlation id
 * or request id when asked), newest first, page by page until the window is read whole or the
 * question's page allowance or time is spent — and then it says how far back it got (coverage), so
 * that an answer never misses a failure without saying so. A kind of failure (lockout, MFA, …) is many
 * codes, which Graph's $filter cannot say, and a known app is several app ids (appMatch.ts): both
 * are picked out here after the window is read.
 *
 * Which sign-ins, and which endpoint: v1.0 returns interactive user sign-ins only, and is what
 * interactive reads use. Non-interactive, service-principal and managed-identity sign-ins exist only
 * on beta, with a `signInEventTypes/any(…)` filter (Microsoft Graph, signIn resource, beta), so
 * those reads go to beta. Each kind is its own read, interactive first: a person's rare interactive
 * failures are never crowded out by hundreds of token refreshes a day. The one exception is the older
 * part of a window whose newer part the live index holds (`oneRead`): there both user kinds are one
 * beta read, `signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')` (documented
 * on the beta signIn resource's `signInEventTypes`; /work/shared/reference/graph-signins.md §2.3–2.4),
 * which halves the reads a question costs against Graph's 5 per 10 s.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { and, encodeFilter, odataDate, odataInteger, odataString } from '../graph/odata';
import { toGraphProblem } from '../graph/errors';
import { withCategory } from '../diagnosis/categories';
import { SIGNIN_EVENT_TYPES, type FailureCategory, type SignInEventType } from '../shared/types';
import { appMatch, matchesApp } from './appMatch';
import { readPages, type SignInListPage } from './pagedRead';

export const DEFAULT_SIGNIN_EVENT_TYPES: readonly SignInEventType[] = ['interactiveUser', 'nonInteractiveUser'];

/** The configured kinds of sign-in that belong to apps and managed identities rather than people. */
export function workloadKinds(configured: readonly SignInEventType[]): SignInEventType[] {
  return configured.filter((t) => t === 'servicePrincipal' || t === 'managedIdentity');
}

export interface SignInQuery {
  /** Object id of the person; omitted only for tenant-wide questions. */
  userId?: string;
  from: Date;
  to: Date;
  app?: string | null;
  errorCode?: number | null;
  correlationId?: string | null;
  /** The "Request Id" of an error screen: Graph's signIn.id, or the originalRequestId of the sequence it began. */
  requestId?: string | null;
  /** Kind of failure, filtered after the read (see the top of this file). */
  category?: FailureCategory | null;
  /** Which kinds of sign-in to read; the reader's configured kinds when absent. */
  eventTypes?: readonly SignInEventType[];
  /**
   * Read the user kinds together in one beta read instead of one read each (the older part of a window
   * the live index holds the rest of: IndexedSignInSource). Graph refuses user and app kinds in one filter
   * (graph-signins.md §2.4), so app and identity kinds stay reads of their own.
   */
  oneRead?: boolean;
}

/** How much of one kind's window a read searched. */
export interface ReadCoverage {
  kinds: SignInEventType[];
  /** Records read (before the app and kind-of-failure filters). */
  records: number;
  complete: boolean;
  /** When incomplete: the oldest sign-in read; the window before it was not searched. */
  readBackTo: Date | null;
  stoppedBy: 'pages' | 'time' | null;
}

export interface SignInPage {
  records: SignIn[];
  /** True when some of the window was not read (see coverage). */
  truncated: boolean;
  /** Graph requests made. */
  requests: number;
  /** Per read, how much of the window it searched; absent when everything was (or from a source that does not say). */
  coverage?: ReadCoverage[];
  /** Set by a source that keeps answers: pages with the same key hold the same records. */
  key?: string;
  /**
   * When the records were read from the log, if not just now (an answer from the live sign-in index:
   * its last poll). The log itself runs minutes behind sign-ins either way.
   */
  asOf?: Date;
  /** Set on the live index's part of a window it holds only partly: this older part is not in the records yet. */
  pending?: { from: Date; to: Date };
}

export interface SignInSource {
  find(query: SignInQuery): Promise<SignInPage>;
  byId(id: string): Promise<SignIn | null>;
  /** The sign-in with this id only if it is this person's: the filter makes Graph check, not us. */
  ownById(id: string, userId: string): Promise<SignIn | null>;
  /**
   * At once and without a Graph read: the part of the window a live index holds, when it holds only the
   * newer part (the page says which older part is pending); null otherwise. `find` gives the whole window.
   */
  held?(query: SignInQuery): SignInPage | null;
}

/** The `signInEventTypes` lambda for one read, or null when v1.0 (interactive only) is enough. */
export function eventTypeFilter(types: readonly SignInEventType[]): string | null {
  if (types.length === 1 && types[0] === 'interactiveUser') return null;
  return `signInEventTypes/any(t: ${types.map((t) => `t eq ${odataString(t)}`).join(' or ')})`;
}

/** The configured kinds that are people's sign-ins (what the live index holds). */
export function userKinds(configured: readonly SignInEventType[]): SignInEventType[] {
  return configured.filter((t) => t === 'interactiveUser' || t === 'nonInteractiveUser');
}

/**
 * The reads one query needs, in order: each kind on its own, interactive first; with `oneRead`, the
 * user kinds together first. A person's question reads only user kinds: apps and identities have no userId.
 */
export function readsFor(
  types: readonly SignInEventType[],
  userId: string | undefined,
  oneRead = false,
): SignInEventType[][] {
  const order: SignInEventType[] =
    userId === undefined ? [...SIGNIN_EVENT_TYPES] : ['interactiveUser', 'nonInteractiveUser'];
  const kinds = order.filter((t) => types.includes(t));
  if (!oneRead) return kinds.map((t) => [t]);
  const users = userKinds(kinds);
  const others = kinds.filter((t) => !users.includes(t)).map((t) => [t]);
  return users.length > 0 ? [users, ...others] : others;
}

/** The parts of a read Graph filters on; without `to`, everything since `from` (the index's polls). */
export type SignInFilterParts = Omit<SignInQuery, 'to' | 'category' | 'eventTypes' | 'oneRead'> & { to?: Date };

/** The one Graph `$filter` of the sign-in log, for direct reads and the index's poller alike. */
export function buildSignInFilter(
  query: SignInFilterParts,
  eventTypes: readonly SignInEventType[] = ['interactiveUser'],
  requestIdField: 'id' | 'originalRequestId' = 'id',
): string {
  const prefix = query.app ? appMatch(query.app).serverPrefix : null;
  return and(
    query.requestId && `${requestIdField} eq ${odataString(query.requestId)}`,
    query.userId !== undefined && `userId eq ${odataString(query.userId)}`,
    `createdDateTime ge ${odataDate(query.from)}`,
    query.to && `createdDateTime le ${odataDate(query.to)}`,
    prefix && `startswith(appDisplayName,${odataString(prefix)})`,
    query.errorCode !== null && query.errorCode !== undefined && `status/errorCode eq ${odataInteger(query.errorCode)}`,
    query.correlationId && `correlationId eq ${odataString(query.correlationId)}`,
    eventTypeFilter(eventTypes),
  );
}

export interface GraphSignInLogOptions {
  /** Records per page ($top; Graph's maximum and default is 1,000). */
  pageSize: number;
  /** Pages one question may read in all, across its reads (MAX_SIGNIN_PAGES). */
  maxPages: number;
  eventTypes?: readonly SignInEventType[];
  /** Time one question's reads may take, retries included (SIGNIN_READ_SECONDS); default 2 minutes. */
  readTimeoutMs?: number;
  /** Extra tries of a slow or failing page; default 3. */
  retries?: number;
  /** First pause before a retry; default 1 s. */
  backoffMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class GraphSignInLog implements SignInSource {
  private readonly now: () => number;

  constructor(
    private readonly client: Client,
    private readonly options: GraphSignInLogOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async find(query: SignInQuery): Promise<SignInPage> {
    const first = await this.findBy(query, 'id');
    // An error screen's "Request Id" may be the first request of the sequence (originalRequestId, filterable on beta only).
    if (!query.requestId || first.records.length > 0) return first;
    try {
      const second = await this.findBy(query, 'originalRequestId');
      return { ...second, requests: first.requests + second.requests };
    } catch (error) {
      // A Graph that refuses the filter (400) has no such records to offer: the first read's "none" stands.
      if (toGraphProblem(error).kind === 'badRequest') return first;
      throw error;
    }
  }

  private async findBy(query: SignInQuery, requestIdField: 'id' | 'originalRequestId'): Promise<SignInPage> {
    const reads = readsFor(
      query.eventTypes ?? this.options.eventTypes ?? DEFAULT_SIGNIN_EVENT_TYPES,
      query.userId,
      query.oneRead,
    );
    const deadline = this.now() + (this.options.readTimeoutMs ?? 120_000);
    const coverage: ReadCoverage[] = [];
    let records: SignIn[] = [];
    let requests = 0;
    for (let i = 0; i < reads.length; i++) {
      // Each later read keeps at least one page of the allowance.
      const pages = Math.max(1, this.options.maxPages - requests - (reads.length - 1 - i));
      const read = await this.read(query, reads[i], requestIdField, pages, deadline);
      requests += read.requests;
      records = records.concat(read.records);
      const oldest = read.records.reduce<string | null>(
        (min, r) => (min === null || String(r.createdDateTime) < min ? String(r.createdDateTime) : min),
        null,
      );
      coverage.push({
        kinds: reads[i],
        records: read.records.length,
        complete: read.complete,
        readBackTo: read.complete || !oldest ? null : new Date(oldest),
        stoppedBy: read.stoppedBy,
      });
    }
    // Newest first across the reads, as one read would give them.
    if (reads.length > 1) records.sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)));
    const app = query.app ? appMatch(query.app) : null;
    const picked = app ? records.filter((r) => matchesApp(r, app)) : records;
    const truncated = coverage.some((c) => !c.complete);
    return { records: withCategory(picked, query.category), truncated, requests, ...(truncated ? { coverage } : {}) };
  }

  private async read(
    query: SignInQuery,
    types: readonly SignInEventType[],
    requestIdField: 'id' | 'originalRequestId',
    pages: number,
    deadline: number,
  ) {
    // One correlation or request id is one attempt: a few rows. Otherwise the whole window is needed for patterns.
    const top = query.correlationId || query.requestId ? 50 : this.options.pageSize;
    const filter = buildSignInFilter(query, types, requestIdField);
    const beta = eventTypeFilter(types) !== null || requestIdField === 'originalRequestId';
    const first = async () => {
      const api = this.client.api('/auditLogs/signIns');
      if (beta) api.version('beta');
      return (await api.filter(encodeFilter(filter)).top(top).get()) as SignInListPage;
    };
    const next = async (link: string) => (await this.client.api(link).get()) as SignInListPage;
    return readPages(first, next, {
      pages,
      deadline,
      retries: this.options.retries ?? 3,
      backoffMs: this.options.backoffMs ?? 1000,
      now: this.now,
      sleep: this.options.sleep ?? sleepFor,
    });
  }

  /** The user kinds configured: what a record id from a person's answer may be (a non-interactive one too, on beta only). */
  private userKinds(): SignInEventType[] {
    const kinds = userKinds(this.options.eventTypes ?? DEFAULT_SIGNIN_EVENT_TYPES);
    return kinds.length > 0 ? kinds : ['interactiveUser'];
  }

  /** One read (a ticket click): v1.0 when only interactive sign-ins are read, else beta, which has both kinds. */
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
