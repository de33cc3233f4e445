/**
 * The tenant-wide answers: who failed, who is locked out, which apps / codes / countries fail most.
 * Decides what leads: open incidents whose people are among the failures come first (the people in
 * them are counted there, not listed again one by one); then the ranked rest.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { Diagnosis } from '../diagnosis/diagnose';
import type { Thresholds } from '../diagnosis/diagnose';
import { tenantBreakdown } from '../diagnosis/tenantBreakdown';
import { countSignIns } from '../diagnosis/counts';
import type { IncidentService } from '../incidents/service';
import type { Incident } from '../incidents/types';
import { sameId } from './access';
import type {
  AnswerCoverage,
  AnswerWindow,
  Freshness,
  HeadlineFrom,
  ResolvedQuery,
  TenantAnswer,
  TenantAsk,
  UnappliedFilter,
} from './types';

export interface TenantParts {
  ask: TenantAsk;
  query: ResolvedQuery;
  window: AnswerWindow;
  records: SignIn[];
  /** The records are one kind of failure only (a code or category was asked): no successes were read. */
  onlyFailures: boolean;
  diagnosis: Diagnosis;
  thresholds: Thresholds;
  timeZone: string;
  unapplied: UnappliedFilter[];
  truncated: boolean;
  coverage?: AnswerCoverage;
  graphRequests: number;
  freshness: Freshness;
  key: string;
}

export function tenantAnswer(parts: TenantParts, incidents: IncidentService | null | undefined): TenantAnswer {
  const breakdown = tenantBreakdown(parts.diagnosis, parts.thresholds.lockout.lockoutCodes);
  const failing = breakdown.people.map((p) => p.userId);
  const incidentsFirst = incidentsAmong(incidents, parts.query, failing);
  const caught = new Set(incidentsFirst.flatMap(({ incident }) => inIncident(incident, failing)));
  return {
    kind: 'tenant',
    subject: { kind: 'tenant' },
    ask: parts.ask,
    query: parts.query,
    window: parts.window,
    breakdown,
    diagnosis: parts.diagnosis,
    incidents: incidentsFirst,
    others: breakdown.people.filter((p) => !caught.has(p.userId)),
    unapplied: parts.unapplied,
    pattern: countSignIns(parts.records, parts.timeZone, parts.window, { onlyFailures: parts.onlyFailures }),
    truncated: parts.truncated,
    ...(parts.coverage ? { coverage: parts.coverage } : {}),
    ...headlineFromPart(parts.coverage),
    graphRequests: parts.graphRequests,
    freshness: parts.freshness,
    key: parts.key,
  };
}

const inIncident = (incident: Incident, failing: string[]) =>
  failing.filter((id) => incident.userIds.some((u) => sameId(u, id)));

/** Open incidents the failing people (user ids) are caught in, each with how many of them: said before anything else. */
export function incidentsAmong(
  service: IncidentService | null | undefined,
  query: ResolvedQuery,
  failing: string[],
): { incident: Incident; failing: number }[] {
  return matchingIncidents(service, query, failing).map((incident) => ({
    incident,
    failing: inIncident(incident, failing).length,
  }));
}

/** Open incidents that this answer's failing people are caught in (and that fit an app or code the question named). */
function matchingIncidents(
  service: IncidentService | null | undefined,
  query: ResolvedQuery,
  failing: string[],
): Incident[] {
  if (!service) return [];
  return service.monitor
    .incidents()
    .filter(
      (i) =>
        !i.resolved &&
        (!query.app || !i.app || i.app.toLowerCase() === query.app.toLowerCase()) &&
        (query.errorCode === null || i.code === undefined || i.code === query.errorCode) &&
        i.userIds.some((id) => failing.some((f) => sameId(f, id))),
    );
}

/**
 * A headline drawn from a read cut short (counts, tallies, "who failed") is about the newest sign-ins only, not
 * the window asked about: the headline itself says so. Background sign-ins count in every tally too, so a cut
 * of either kind leaves it partial; a cut of background refreshes alone is named as such (the people's own
 * sign-ins were all read), not as "the newest N sign-ins".
 */
export function headlineFromPart(coverage: AnswerCoverage | undefined): { headlineFrom?: HeadlineFrom } {
  return coverage
    ? {
        headlineFrom: {
          records: coverage.records,
          readBackTo: coverage.readBackTo,
          onlyBackground: coverage.onlyBackground,
        },
      }
    : {};
}
