/**
 * The demo tenant's sign-ins that Graph v1.0 does not return: non-interactive user sign-ins (token
 * refreshes by Outlook and Teams, in bursts), service-principal sign-ins (the "Payroll Sync" app
 * whose secret expired) and managed-identity sign-ins, in Graph's beta shapes. Built from the
 * interactive records so that people, devices and places stay consistent.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { prng, randomHex } from './random';
import { DEMO_APPS } from './signInCatalog';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** A beta record: the v1.0 fields plus the kind of sign-in. */
export type BetaSignIn = SignIn & {
  signInEventTypes: string[];
  servicePrincipalId?: string | null;
  servicePrincipalName?: string | null;
  /** beta's managedIdentity (msiType, associatedResourceId, federatedTokenId, federatedTokenIssuer). */
  originalRequestId?: string;
  managedServiceIdentity?: {
    msiType: string;
    associatedResourceId: string | null;
    federatedTokenId: string | null;
    federatedTokenIssuer: string | null;
  };
};

/** An app of the tenant, or a managed identity, that signs in as itself. */
export interface Workload {
  appId: string;
  servicePrincipalId: string;
  name: string;
}

/**
 * One sign-in of an app or managed identity in beta's shape: no user, the service principal instead, to
 * Microsoft Graph from Azure (a managed identity's with the resource it belongs to, when known).
 */
export function workloadSignIn(
  who: Workload,
  kind: 'servicePrincipal' | 'managedIdentity',
  record: Pick<SignIn, 'id' | 'correlationId' | 'createdDateTime' | 'status'> & { associatedResourceId?: string },
): BetaSignIn {
  return {
    id: record.id,
    createdDateTime: record.createdDateTime,
    correlationId: record.correlationId,
    userId: '',
    userDisplayName: null,
    userPrincipalName: null,
    appId: who.appId,
    appDisplayName: who.name,
    servicePrincipalId: who.servicePrincipalId,
    servicePrincipalName: who.name,
    resourceDisplayName: 'Microsoft Graph',
    resourceId: '00000003-0000-0000-c000-000000000000',
    ipAddress: '20.42.7.9',
    clientAppUsed: null,
    isInteractive: false,
    signInEventTypes: [kind],
    status: record.status,
    conditionalAccessStatus: 'notApplied',
    ...(kind === 'managedIdentity'
      ? {
          managedServiceIdentity: {
            msiType: 'systemAssigned',
            associatedResourceId: record.associatedResourceId ?? null,
            federatedTokenId: null,
            federatedTokenIssuer: null,
          },
        }
      : {}),
  };
}

/** The Playground user whose Outlook keeps asking for her password: her refresh tokens fail. */
export const TOKEN_TROUBLE_USER = '00000000-0000-0000-0000-0000000000021';
export const PAYROLL_SYNC: Workload = {
  appId: '5e1c7a2b-3d4f-4a5b-8c6d-7e8f9a0b1c2d',
  servicePrincipalId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  name: 'Payroll Sync',
};
export const BACKUP_RUNNER: Workload = {
  appId: '3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d',
  servicePrincipalId: '6b5a4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
  name: 'backup-runner',
};

const REASONS: Record<number, string> = {
  50173: 'The provided grant has expired due to it being revoked, and a fresh auth token is needed.',
  70043: 'The refresh token has expired or is invalid due to sign-in frequency checks by Conditional Access.',
  700082: 'The refresh token has expired due to inactivity.',
  7000222: 'The provided client secret keys for the app are expired.',
  0: 'Other.',
};

const at = (ms: number) => new Date(Math.round(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export function otherKindsOfSignIn(interactive: SignIn[], now: number, seed = 1127): BetaSignIn[] {
  const random = prng(seed);
  const hex = (n: number) => randomHex(random, n);
  const guid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const status = (code: number) => ({
    errorCode: code,
    failureReason: REASONS[code] ?? 'Other.',
    additionalDetails: null,
  });
  const out: BetaSignIn[] = [];

  // Token refreshes of everyone with interactive sign-ins: mostly fine; the troubled user's fail in bursts.
  const template = new Map<string, SignIn>();
  for (const r of interactive)
    if (r.userId && !template.has(r.userId) && r.status?.errorCode === 0) template.set(r.userId, r);
  for (const [userId, base] of template) {
    const troubled = userId === TOKEN_TROUBLE_USER;
    for (let burst = 0; burst < (troubled ? 12 : 4); burst++) {
      const start = now - (burst + 0.5) * (troubled ? 6 : 18) * HOUR - random() * HOUR;
      const code = troubled ? [50173, 70043, 700082][burst % 3] : 0;
      const correlationId = guid();
      // A failing refresh token is retried every few minutes: the troubled user's Outlook bursts last about 40 minutes.
      const refreshes = troubled ? 14 : 2;
      for (let i = 0; i <= refreshes; i++) {
        const app = i === refreshes ? DEMO_APPS.teams : DEMO_APPS.outlook;
        const id = guid();
        out.push({
          ...base,
          id,
          originalRequestId: id,
          createdDateTime: at(start + i * (troubled ? 3 : 2) * MINUTE),
          correlationId,
          appId: app.appId,
          appDisplayName: app.appDisplayName,
          resourceDisplayName: app.resourceDisplayName,
          resourceId: app.resourceId,
          clientAppUsed: 'Mobile Apps and Desktop clients',
          isInteractive: false,
          signInEventTypes: ['nonInteractiveUser'],
          status: status(code),
          conditionalAccessStatus: code === 70043 ? 'failure' : 'success',
        });
      }
    }
  }

  // Apps and identities: no user, the service principal instead.
  const servicePrincipal = (
    who: Workload,
    kind: 'servicePrincipal' | 'managedIdentity',
    when: number,
    code: number,
  ): BetaSignIn =>
    workloadSignIn(who, kind, { id: guid(), correlationId: guid(), createdDateTime: at(when), status: status(code) });
  for (let h = 1; h < 72; h += 3)
    out.push(
      servicePrincipal(PAYROLL_SYNC, 'servicePrincipal', now - h * HOUR - random() * HOUR, h < 40 ? 7000222 : 0),
    );
  for (let h = 2; h < 72; h += 6) out.push(servicePrincipal(BACKUP_RUNNER, 'managedIdentity', now - h * HOUR, 0));
  return out.filter((r) => Date.parse(r.createdDateTime as string) <= now);
}
