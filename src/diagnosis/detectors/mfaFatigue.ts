/** MFA fatigue: many denied or unanswered MFA requests in a short time; one finding per person. */
import type { Failure } from '../types';
import { base, slidingBursts, type Detector } from './types';

export const mfaFatigue: Detector = {
  kind: 'mfaFatigue',
  scope: 'any',
  detect({ chronological, thresholds, originOf }) {
    const { codes, windowMinutes, minDenied } = thresholds.mfaFatigue;
    const fatigue = new Map<string, Failure[][]>();
    slidingBursts(
      chronological.filter((f) => codes.includes(f.code)),
      windowMinutes,
      (f) => f.record.userId ?? '',
      (burst) => {
        if (burst.length < minDenied) return false;
        const user = burst[0].record.userId ?? '';
        fatigue.set(user, [...(fatigue.get(user) ?? []), burst]);
        return true;
      },
    );
    return [...fatigue.values()].map((bursts) => {
      const latest = bursts[bursts.length - 1];
      const newest = latest[latest.length - 1];
      return {
        kind: 'mfaFatigue',
        ...base(newest, bursts.flat()),
        requests: latest.length,
        bursts: bursts.length,
        minutes: windowMinutes,
        origin: originOf(newest.record),
      };
    });
  },
};
