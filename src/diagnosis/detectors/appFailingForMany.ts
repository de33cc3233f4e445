/** One app failing for many people with the same code (tenant-wide; a password spray's codes are the spray's). */
import type { Failure } from '../types';
import { base, type Detector } from './types';

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
        ...base(list[0]),
        userId: null,
        userName: null,
        app: list[0].record.appDisplayName ?? '?',
        code: list[0].code,
        users: new Set(list.map((f) => f.record.userId)).size,
      }));
  },
};
