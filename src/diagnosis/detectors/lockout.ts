/**
 * Lockout: a run of wrong passwords ending in a lockout code. Several lockouts of one person make one
 * finding; lockouts within the hour after a run's first one belong to that run (and make its newest).
 */
import type { Failure } from '../types';
import { base, type Detector } from './types';

const RUN_MS = 60 * 60_000;

interface Run {
  /** The lockout that started the run, the newest lockout in it, and every failure of the run. */
  first: Failure;
  newest: Failure;
  wrong: number;
  failures: Failure[];
}

export const lockout: Detector = {
  kind: 'lockout',
  scope: 'any',
  detect({ chronological, thresholds, originOf }) {
    const { lockoutCodes, wrongPasswordCodes, minWrongPasswords } = thresholds.lockout;
    const runs = new Map<string, Run[]>();
    for (let i = 0; i < chronological.length; i++) {
      const f = chronological[i];
      if (!lockoutCodes.includes(f.code)) continue;
      const user = f.record.userId ?? '';
      const previous = runs.get(user) ?? [];
      const last = previous[previous.length - 1];
      if (last && f.at.getTime() - last.first.at.getTime() < RUN_MS) {
        // A later lockout of the same run: the run's newest, with the wrong passwords since the last one.
        for (let j = i; j >= 0 && chronological[j] !== last.newest; j--) {
          const between = chronological[j];
          if (between.record.userId === f.record.userId && wrongPasswordCodes.includes(between.code))
            last.failures.push(between);
        }
        last.failures.push(f);
        last.newest = f;
        continue;
      }
      const before: Failure[] = [];
      for (let j = i - 1; j >= 0; j--) {
        const prev = chronological[j];
        if (prev.record.userId !== f.record.userId) continue;
        if (f.at.getTime() - prev.at.getTime() > RUN_MS) break;
        if (wrongPasswordCodes.includes(prev.code)) before.push(prev);
        else if (!lockoutCodes.includes(prev.code)) break;
      }
      if (before.length >= minWrongPasswords)
        runs.set(user, [...previous, { first: f, newest: f, wrong: before.length, failures: [...before, f] }]);
    }
    return [...runs.values()].map((list) => {
      const latest = list[list.length - 1];
      return {
        kind: 'lockout',
        ...base(latest.newest, [...new Set(list.flatMap((r) => r.failures))]),
        wrongPasswords: latest.wrong,
        times: list.length,
        origin: originOf(latest.newest.record),
      };
    });
  },
};
