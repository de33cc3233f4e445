/**
 * The demo tenant's sign-in log as GET /auditLogs/signIns answers it, rule by rule as Graph
 * documents them (docs/graph-fidelity.md lists each with its source):
 * - newest first, `$top` ≤ 1,000 (default 1,000), `$skiptoken` paging (api-reference/v1.0/api/signin-list.md);
 * - `$orderby=createdDateTime desc|asc`, the one property that supports it (beta/resources/signin.md);
 * - `$filter` as the resource page documents per property (signInSchema.ts, odataFilter.ts);
 * - `$select` only of the version's properties, else 400 (OData: an unknown property is an error);
 * - v1.0 returns only interactive sign-ins and only v1.0 properties; beta other kinds when asked by
 *   `signInEventTypes` (beta/resources/signin.md, the note under the title);
 * - `appliedConditionalAccessPolicies` only for an app with a policy permission (permissions.ts);
 * - short pages and answer time when the tenant's timing is on (reportsTiming.ts).
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { GraphHttpError, pageSize, readSkipToken, rejectUnsupported } from './graphProtocol';
import { compileFilter } from './odataFilter';
import { takeEventTypes } from './eventTypeFilter';
import { projectSignIn, SIGNIN_PROPERTIES, signInFilterRules, type GraphVersion } from './signInSchema';
import { filterWindow, type ReportsClock } from './reportsTiming';
import { newestFirst } from './signInGenerator';

const MAX_SIGNIN_PAGE = 1000;

export interface Listing {
  body: Record<string, unknown>;
  /** How long Graph would take to answer this page (0 with timing off). */
  delayMs: number;
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

/** The names in `$select`, each a property of the version (any case), in its own spelling. */
export function selectedProperties(selectParam: string | null, version: GraphVersion): string[] | null {
  if (selectParam === null || selectParam.trim() === '') return null;
  const known = new Map([...SIGNIN_PROPERTIES[version]].map((p) => [p.toLowerCase(), p]));
  return selectParam
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((name) => {
      const property = known.get(name.toLowerCase());
      if (!property)
        throw new GraphHttpError(
          400,
          'BadRequest',
          `Could not find a property named '${name}' on type 'microsoft.graph.signIn'.`,
        );
      return property;
    });
}

export class SignInLog {
  private readonly byUser = new Map<string, SignIn[]>();
  private readonly byId = new Map<string, SignIn>();
  /** The last listing's matches, so that following its nextLinks does not filter the whole log again (big bench tenants). */
  private lastListing: { key: string; generation: number; matches: SignIn[] } | null = null;
  private generation = 0;

  constructor(
    readonly records: SignIn[],
    private readonly options: { showsPolicies: () => boolean; clock: ReportsClock },
  ) {
    for (const record of records) this.index(record);
  }

  private index(record: SignIn): SignIn[] {
    const user = String(record.userId);
    const list = this.byUser.get(user) ?? [];
    list.push(record);
    this.byUser.set(user, list);
    this.byId.set(String(record.id), record);
    return list;
  }

  /** Writes sign-ins as they would arrive: possibly late, so each goes to its place by createdDateTime. */
  add(records: SignIn[]): void {
    this.generation++;
    for (const record of records) {
      insertSorted(this.records, record);
      const list = this.index(record);
      list.pop();
      insertSorted(list, record);
    }
  }

  /** GET /auditLogs/signIns/{id}: the record in the version's shape. */
  get(id: string, version: GraphVersion): Record<string, unknown> {
    const found = this.byId.get(id);
    if (!found) throw new GraphHttpError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
    return {
      '@odata.context': `https://graph.microsoft.com/${version}/$metadata#auditLogs/signIns/$entity`,
      ...this.shape(found, version, null),
    };
  }

  list(query: URLSearchParams, url: URL, version: GraphVersion): Listing {
    rejectUnsupported(query, ['$filter', '$top', '$skiptoken', '$select', '$orderby']);
    const orderBy = query.get('$orderby');
    const ascending = orderBy !== null && /^\s*createdDateTime\s+asc\s*$/i.test(orderBy);
    if (orderBy !== null && !ascending && !/^\s*createdDateTime(\s+desc)?\s*$/i.test(orderBy)) {
      throw new GraphHttpError(
        400,
        'BadRequest',
        `Ordering by '${orderBy}' is not supported: only createdDateTime supports $orderby.`,
      );
    }
    const top = pageSize(query.get('$top'), MAX_SIGNIN_PAGE, MAX_SIGNIN_PAGE);
    const select = selectedProperties(query.get('$select'), version);
    const kinds = takeEventTypes(query.get('$filter'), version === 'beta');
    const ofKind = (r: SignIn) =>
      kinds.accepts((r as { signInEventTypes?: string[] }).signInEventTypes ?? ['interactiveUser']);
    const offset = readSkipToken(query.get('$skiptoken'));
    const key = `${url.pathname}|${query.get('$filter') ?? ''}|${ascending}`;
    const kept = this.lastListing;
    let matches =
      offset > 0 && kept && kept.key === key && kept.generation === this.generation
        ? kept.matches
        : this.matching(kinds.rest, version, ofKind);
    if (ascending && matches !== kept?.matches) matches = [...matches].reverse();
    this.lastListing = { key, generation: this.generation, matches };
    const plan = this.options.clock.plan(filterWindow(kinds.rest), top, matches.length - offset);
    this.options.clock.charge(plan.delayMs);
    const page = matches.slice(offset, offset + plan.rows);
    const body: Record<string, unknown> = {
      '@odata.context': `https://graph.microsoft.com/${version}/$metadata#auditLogs/signIns`,
      value: page.map((r) => this.shape(r, version, select)),
    };
    if (offset + plan.rows < matches.length) {
      const next = new URL(url.toString());
      next.searchParams.set('$skiptoken', Buffer.from(`offset:${offset + plan.rows}`).toString('base64url'));
      body['@odata.nextLink'] = next.toString();
    }
    return { body, delayMs: plan.delayMs };
  }

  private shape(record: SignIn, version: GraphVersion, select: string[] | null): Record<string, unknown> {
    const out = projectSignIn(record, version);
    // Without a policy permission Graph leaves the property out altogether (includes/signins-roles-for-ca-data.md).
    if (!this.options.showsPolicies()) delete out.appliedConditionalAccessPolicies;
    if (!select) return out;
    return Object.fromEntries(select.filter((name) => name in out).map((name) => [name, out[name]]));
  }

  private matching(filter: string | null, version: GraphVersion, ofKind: (r: SignIn) => boolean): SignIn[] {
    if (filter === null) return this.records.filter(ofKind);
    const compiled = compileFilter(filter, signInFilterRules(version));
    let candidates: SignIn[] = this.records;
    const userId = compiled.equalities.get('userId');
    if (typeof userId === 'string') candidates = this.byUser.get(userId) ?? [];
    const id = compiled.equalities.get('id');
    if (typeof id === 'string') candidates = this.byId.has(id) ? [this.byId.get(id)!] : [];
    return candidates.filter((r) => ofKind(r) && compiled.test(r));
  }
}
