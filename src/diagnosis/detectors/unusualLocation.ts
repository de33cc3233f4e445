/** Unusual location: failures from a country the person had no success from, unless a lockout or MFA fatigue already says where. */
import { base, type Detector } from './types';

export const unusualLocation: Detector = {
  kind: 'unusualLocation',
  scope: 'person',
  detect({ failures, originOf, found }) {
    if (found.some((f) => f.kind === 'lockout' || f.kind === 'mfaFatigue')) return [];
    const unusual = failures.filter((f) => originOf(f.record).unusualCountry);
    if (unusual.length === 0) return [];
    return [
      {
        kind: 'unusualLocation',
        ...base(unusual[0], unusual),
        count: unusual.length,
        origin: originOf(unusual[0].record),
      },
    ];
  },
};
