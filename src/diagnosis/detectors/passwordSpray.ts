/** Password spray (tenant-wide): one IP, wrong passwords for many people in a short time. */
import type { Finding } from '../findings';
import { base, slidingBursts, type Detector } from './types';

export const passwordSpray: Detector = {
  kind: 'passwordSpray',
  scope: 'tenant',
  detect({ chronological, thresholds, originOf }) {
    const { codes, windowMinutes, minUsers } = thresholds.passwordSpray;
    const findings: Finding[] = [];
    slidingBursts(
      chronological.filter((f) => codes.includes(f.code)),
      windowMinutes,
      (f) => f.record.ipAddress ?? '',
      (burst) => {
        const users = new Set(burst.map((f) => f.record.userId ?? f.record.userPrincipalName));
        if (users.size < minUsers) return false;
        const newest = burst[burst.length - 1];
        findings.push({
          kind: 'passwordSpray',
          ...base(newest, burst),
          userId: null,
          userName: null,
          code: newest.code,
          users: users.size,
          minutes: windowMinutes,
          origin: originOf(newest.record),
        });
        return true;
      },
    );
    return findings;
  },
};
