/** Expired passwords: the fix is a place to change it, not a reset by the helpdesk. */
import { base, expiredCodes, type Detector } from './types';

export const expiredPassword: Detector = {
  kind: 'expiredPassword',
  scope: 'person',
  detect({ failures, thresholds }) {
    const codes = expiredCodes(thresholds);
    const expired = failures.filter((f) => codes.includes(f.code));
    if (expired.length === 0) return [];
    return [
      {
        kind: 'expiredPassword',
        ...base(expired[0], expired),
        code: expired[0].code,
        count: expired.length,
        app: expired[0].record.appDisplayName ?? null,
      },
    ];
  },
};
