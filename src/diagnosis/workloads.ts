/**
 * Sign-ins of apps and automation (service principals, managed identities): no person, one
 * identity retrying on a schedule. What a helpdesk needs is the failing code, since when, how
 * often, and when it last worked — facts only; the cards word them with the catalog's fix.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';

export type WorkloadKind = 'servicePrincipal' | 'managedIdentity';

export interface WorkloadState {
  name: string;
  kind: WorkloadKind;
  /** The newest failure's code and record. */
  code: number;
  signInId: string;
  /** Failures since the last success (all of them in the window when it never succeeded). */
  failures: number;
  /** The oldest of those failures. */
  since: Date;
  lastSuccess: Date | null;
}

export function workloadKindOf(record: SignIn): WorkloadKind | null {
  const types = (record as { signInEventTypes?: unknown }).signInEventTypes;
  if (!Array.isArray(types)) return null;
  return types.includes('managedIdentity')
    ? 'managedIdentity'
    : types.includes('servicePrincipal')
      ? 'servicePrincipal'
      : null;
}

/** The newest failing workload among the records (newest first), or null when none fails. */
export function failingWorkload(records: SignIn[]): WorkloadState | null {
  const timeOf = (r: SignIn) => Date.parse(r.createdDateTime as string);
  const own = records.filter((r) => workloadKindOf(r) !== null).sort((a, b) => timeOf(b) - timeOf(a));
  const newestFailure = own.find((r) => (r.status?.errorCode ?? 0) !== 0);
  if (!newestFailure) return null;
  const name =
    (newestFailure as { servicePrincipalName?: string }).servicePrincipalName || newestFailure.appDisplayName || '?';
  const same = own.filter((r) => r.appId === newestFailure.appId);
  const lastSuccess = same.find((r) => (r.status?.errorCode ?? 0) === 0) ?? null;
  const failing = same.filter(
    (r) => (r.status?.errorCode ?? 0) !== 0 && (!lastSuccess || timeOf(r) > timeOf(lastSuccess)),
  );
  return {
    name,
    kind: workloadKindOf(newestFailure)!,
    code: newestFailure.status!.errorCode!,
    signInId: newestFailure.id ?? '',
    failures: failing.length,
    since: new Date(timeOf(failing[failing.length - 1])),
    lastSuccess: lastSuccess ? new Date(timeOf(lastSuccess)) : null,
  };
}
