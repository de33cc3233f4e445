/** The incident thresholds: src/incidents/patterns.json with the tenant's overrides (PATTERN_THRESHOLDS → "incidents"). */
import defaults from './patterns.json';
import type { IncidentThresholds } from './types';

export const INCIDENT_DEFAULTS: IncidentThresholds = defaults;

export function incidentThresholds(overrides: Record<string, unknown> = {}): IncidentThresholds {
  const merged = JSON.parse(JSON.stringify(INCIDENT_DEFAULTS)) as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    const base = merged[key];
    merged[key] = base && typeof base === 'object' && !Array.isArray(base) ? { ...base, ...(value as object) } : value;
  }
  return merged as unknown as IncidentThresholds;
}
