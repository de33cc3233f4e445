/**
 * Beta's `signInEventTypes/any(t: t eq '…')` clause of a sign-in `$filter`, which the OData parser
 * (odataFilter.ts) does not take: lifted out of the filter here and checked as Graph checks it.
 */
import { ODataFilterError } from './odataFilter';

const EVENT_TYPES = new Set(['interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity']);
const USER_KINDS = new Set(['interactiveUser', 'nonInteractiveUser']);
const EVENT_TYPE_CLAUSE = /signInEventTypes\/any\(\s*([A-Za-z]\w*)\s*:\s*([^()]*)\)/g;

export interface EventTypeFilter {
  /** The filter without the `signInEventTypes` clause (null when nothing is left). */
  rest: string | null;
  /** Whether a record with these `signInEventTypes` is asked for; without a clause, beta returns interactive sign-ins only. */
  accepts: (types: readonly string[]) => boolean;
}

/**
 * Takes beta's `signInEventTypes/any(t: t eq '…' or t eq '…')` (or `ne`) out of a sign-in filter.
 * Graph refuses user and non-user kinds in one clause, and the property on v1.0.
 */
export function takeEventTypes(filter: string | null, beta: boolean): EventTypeFilter {
  const interactiveOnly: EventTypeFilter = {
    rest: filter,
    accepts: (types) => types.length === 0 || types.includes('interactiveUser'),
  };
  if (filter === null || !/signInEventTypes/i.test(filter)) return interactiveOnly;
  if (!beta)
    throw new ODataFilterError("Could not find a property named 'signInEventTypes' on type 'microsoft.graph.signIn'.");
  const clauses = [...filter.matchAll(EVENT_TYPE_CLAUSE)];
  if (clauses.length !== 1)
    throw new ODataFilterError("signInEventTypes must appear once, as signInEventTypes/any(t: t eq '…').");
  const [whole, variable, body] = clauses[0];
  const terms = body.split(/\s+or\s+/).map((term) => {
    const m = new RegExp(`^\\s*${variable}\\s+(eq|ne)\\s+'([A-Za-z]+)'\\s*$`).exec(term);
    if (!m || !EVENT_TYPES.has(m[2])) throw new ODataFilterError(`Unsupported signInEventTypes term: ${term.trim()}`);
    return { op: m[1], value: m[2] };
  });
  const equal = terms.filter((t) => t.op === 'eq').map((t) => t.value);
  if (equal.some((v) => USER_KINDS.has(v)) && equal.some((v) => !USER_KINDS.has(v))) {
    throw new ODataFilterError('Filtering on user and non-user sign-in event types together is not supported.');
  }
  const rest = filter
    .replace(whole, ' ')
    .replace(/^\s*and\s+|\s+and\s*$/g, '')
    .replace(/\s+and\s+and\s+/, ' and ')
    .trim();
  if (/signInEventTypes/i.test(rest)) throw new ODataFilterError('signInEventTypes must appear once.');
  return {
    rest: rest === '' ? null : rest,
    accepts: (types) => types.some((type) => terms.some((t) => (t.op === 'eq' ? type === t.value : type !== t.value))),
  };
}
