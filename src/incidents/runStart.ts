/**
 * The whole run's start. Detection looks back `lookbackHours`; a run that already went on at the
 * start of that span is only known to have begun "then or earlier". The live index usually holds
 * more (SIGNIN_INDEX_HOURS; with the default auto, 24 h and then up to 7 days as its backward fill
 * goes): the same cause's failures before the span are read from what it covers at that moment, once
 * per run, walking back while no gap reaches `quietMinutes` (what cuts runs in detection).
 */
import type { DetectedIncident } from './detect';
import type { FailureRecord } from './types';

/** Whether a failure shares what the incident's group has in common (a spray's address is hashed away: not matched). */
function sameCause(incident: DetectedIncident, r: FailureRecord): boolean {
  switch (incident.kind) {
    case 'policy':
      return r.failedPolicies.some((p) => p.name === incident.policy);
    case 'app':
      return r.app === incident.app;
    case 'code':
    case 'lockout-wave':
      return r.code === incident.code;
    case 'password-spray':
      return false;
  }
}

/**
 * The run's first failure among `older` (failures before the incident's `since`), and whether it may
 * still have begun earlier (the walk reached `readFrom`, the oldest record read).
 */
export function wholeRunStart(
  incident: DetectedIncident,
  older: readonly FailureRecord[],
  readFrom: number,
  quietMs: number,
): { since: Date; cutOff: boolean } {
  let since = incident.since.getTime();
  const matching = older.filter((r) => r.time < since && sameCause(incident, r)).sort((a, b) => b.time - a.time);
  for (const r of matching) {
    if (since - r.time >= quietMs) break;
    since = r.time;
  }
  return { since: new Date(since), cutOff: incident.kind === 'password-spray' || since - readFrom < quietMs };
}
