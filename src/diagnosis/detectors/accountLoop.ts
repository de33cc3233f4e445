/** Account loops: a disabled or expired account keeps being tried (an expired password is its own finding). */
import type { Finding } from '../findings';
import { base, expiredCodes, type Detector } from './types';

export const accountLoop: Detector = {
  kind: 'accountLoop',
  scope: 'person',
  detect({ failures, thresholds }) {
    const findings: Finding[] = [];
    for (const code of thresholds.accountLoop.codes.filter((c) => !expiredCodes(thresholds).includes(c))) {
      const hits = failures.filter((f) => f.code === code);
      if (hits.length >= thresholds.accountLoop.minAttempts)
        findings.push({ kind: 'accountLoop', ...base(hits[0], hits), code, count: hits.length });
    }
    return findings;
  },
};
