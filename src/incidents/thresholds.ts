/** The incident thresholds: src/incidents/patterns.json with the tenant's overrides (PATTERN_THRESHOLDS → "incidents"). */
import defaults from './patterns.json';
import type { IncidentThresholds } from './types';
import { withOverrides } from '../shared/thresholds';

export const INCIDENT_DEFAULTS: IncidentThresholds = defaults;

export function incidentThresholds(overrides: Record<string, unknown> = {}): IncidentThresholds {
  return withOverrides(INCIDENT_DEFAULTS, overrides);
}
