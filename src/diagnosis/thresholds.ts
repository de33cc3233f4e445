/** Pattern thresholds: src/diagnosis/patterns.json with a tenant's overrides (PATTERN_THRESHOLDS, checked by the config). */
import { withOverrides } from '../shared/thresholds';
import thresholdsJson from './patterns.json';

export type Thresholds = typeof thresholdsJson;
export const DEFAULT_THRESHOLDS: Thresholds = thresholdsJson;

export function thresholdsWith(overrides: Record<string, Record<string, unknown>>): Thresholds {
  return withOverrides(DEFAULT_THRESHOLDS, overrides);
}
