/** One app failing for many people with the same code (tenant-wide; a password spray's codes are the spray's). */
import type { Failure } from '../types';
import { base, type Detector } from './types';

/** The Conditional Access policy that failed in more than half of `list`, if one did. */
function failingPolicy(list: Failure[]): string | null {
  const counts = new Map<string, number>();
  for (const f of list) for (const p of f.failedPolicies) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  const [top] = [...counts].sort((a, b) => b[1] - a[1]);
  return top && top[1] * 2 > list.length ? top[0] : null;
}

export const appFailingForMany: Detector = {
  kind: 'appFailingForMany',
  scope: 'tenant',
  detect({ failures, thresholds }) {
    const byAppCode = new Map<string, Failure[]>();
    for (const f of failures) {
      const key = `${f.record.appDisplayName}|${f.code}`;
      byAppCode.set(key, [...(byAppCode.get(key) ?? []), f]);
    }
    return [...byAppCode.values()]
      .filter(
        (list) =>
          new Set(list.map((f) => f.record.userId)).size >= thresholds.appFailingForMany.minUsers &&
          !thresholds.passwordSpray.codes.includes(list[0].code),
      )
      .map((list) => ({
        kind: 'appFailingForMany',
        ...base(list[0], list),
        userId: null,
        userName: null,
        app: list[0].record.appDisplayName ?? '?',
        code: list[0].code,
        users: new Set(list.map((f) => f.record.userId)).size,
        policy: failingPolicy(list),
      }));
  },
};
