/** Lockout: a run of wrong passwords ending in a lockout code. Several lockouts of one person make one finding. */
import type { Failure } from '../types';
import { base, type Detector } from './types';

const RUN_MS = 60 * 60_000;

export const lockout: Detector = {
  kind: 'lockout',
  scope: 'any',
  detect({ chronological, thresholds, originOf }) {
    const { lockoutCodes, wrongPasswordCodes, minWrongPasswords } = thresholds.lockout;
    const lockouts = new Map<string, { f: Failure; wrong: number }[]>();
    for (let i = 0; i < chronological.length; i++) {
      const f = chronological[i];
      if (!lockoutCodes.includes(f.code)) continue;
      const user = f.record.userId ?? '';
      const previous = lockouts.get(user) ?? [];
      const last = previous[previous.length - 1];
      if (last && f.at.getTime() - last.f.at.getTime() < RUN_MS) continue;
      let wrong = 0;
      for (let j = i - 1; j >= 0; j--) {
        const prev = chronological[j];
        if (prev.record.userId !== f.record.userId) continue;
        if (f.at.getTime() - prev.at.getTime() > RUN_MS) break;
        if (wrongPasswordCodes.includes(prev.code)) wrong++;
        else if (!lockoutCodes.includes(prev.code)) break;
      }
      if (wrong >= minWrongPasswords) lockouts.set(user, [...previous, { f, wrong }]);
    }
    return [...lockouts.values()].map((list) => {
      const latest = list[list.length - 1];
      return {
        kind: 'lockout',
        ...base(latest.f),
        wrongPasswords: latest.wrong,
        times: list.length,
        origin: originOf(latest.f.record),
      };
    });
  },
};
