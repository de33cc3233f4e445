/** The live index's records as detection reads them: failures only, a few fields. */
import type { IndexedSignIn } from '../signins/live/compactSignIn';
import type { FailureRecord } from './types';
import { grantControls } from '../diagnosis/grantControls';

export function failureOf(entry: IndexedSignIn): FailureRecord | null {
  const code = entry.outcome.status?.errorCode ?? 0;
  if (code === 0 || !entry.user.userId) return null;
  return {
    time: entry.time,
    userId: entry.user.userId,
    app: entry.app.appDisplayName ?? null,
    code,
    ipAddress: entry.network.ipAddress ?? null,
    failedPolicies: (entry.outcome.appliedConditionalAccessPolicies ?? [])
      .filter((p) => p.result === 'failure')
      .map((p) => ({ name: p.displayName ?? p.id ?? '?', controls: grantControls(p.enforcedGrantControls) })),
  };
}

export function failuresOf(entries: readonly IndexedSignIn[]): FailureRecord[] {
  const out: FailureRecord[] = [];
  for (const entry of entries) {
    const failure = failureOf(entry);
    if (failure) out.push(failure);
  }
  return out;
}
