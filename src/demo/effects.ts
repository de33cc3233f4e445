/**
 * What a fix changes that others can see afterwards, as Entra shows it:
 *
 * - the directory audit log gets the activity, initiated by the caller (reference-audit-activities.md,
 *   Core Directory › UserManagement and Authentication Methods);
 * - revoked sessions (user-revokesigninsessions.md: refresh tokens invalidated): the person's apps'
 *   next background token refreshes fail with 50173 "The provided grant has expired due to it being
 *   revoked, and a fresh auth token is needed." (the error catalog's FreshTokenNeeded), as
 *   non-interactive sign-ins (beta `signInEventTypes` nonInteractiveUser);
 * - an account enabled again: the person signs in again, successfully (no more 50057).
 *
 * It also seeds the audit log with what happened before the demo starts: who disabled the accounts
 * that fail with 50057, at the time from which their sign-ins fail (disabledAccounts.ts).
 */
import { randomUUID } from 'node:crypto';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { DirectoryAuditLog } from './directoryAudits';
import type { DemoPerson } from './people';
import { DEMO_APPS } from './signInCatalog';
import { disabledAt } from './disabledAccounts';

const REVOKED = 'The provided grant has expired due to it being revoked, and a fresh auth token is needed.';

export class FixEffects {
  constructor(
    private readonly audits: DirectoryAuditLog,
    private readonly signIns: () => readonly SignIn[],
    private readonly addSignIns: (records: SignIn[]) => void,
  ) {}

  sessionsRevoked(target: DemoPerson, by: DemoPerson | null, at: Date): void {
    this.audits.record({
      activity: 'Update StsRefreshTokenValidFrom Timestamp',
      at,
      by,
      target,
      changed: [{ displayName: 'StsRefreshTokensValidFrom', oldValue: null, newValue: `"${at.toISOString()}"` }],
    });
    const base = this.lastSuccess(target);
    if (!base) return;
    // Outlook and Teams refresh their tokens in the background; both now fail until the person signs in again.
    const correlationId = randomUUID();
    this.addSignIns(
      [DEMO_APPS.outlook, DEMO_APPS.teams].map((app) => {
        const id = randomUUID();
        return {
          ...base,
          id,
          originalRequestId: id,
          correlationId,
          createdDateTime: stamp(at.getTime()),
          appId: app.appId,
          appDisplayName: app.appDisplayName,
          resourceDisplayName: app.resourceDisplayName,
          resourceId: app.resourceId,
          clientAppUsed: 'Mobile Apps and Desktop clients',
          isInteractive: false,
          signInEventTypes: ['nonInteractiveUser'],
          status: { errorCode: 50173, failureReason: REVOKED, additionalDetails: null },
          conditionalAccessStatus: 'notApplied',
          appliedConditionalAccessPolicies: [],
        } as SignIn;
      }),
    );
  }

  tapIssued(target: DemoPerson, by: DemoPerson | null, at: Date): void {
    this.audits.record({
      activity: 'Admin registered security info',
      service: 'Authentication Methods',
      operationType: 'Add',
      at,
      by,
      target,
      changed: [{ displayName: 'MethodType', oldValue: null, newValue: '"TemporaryAccessPass"' }],
    });
  }

  passwordChangeRequired(target: DemoPerson, by: DemoPerson | null, at: Date, passwordReset: boolean): void {
    if (passwordReset) this.audits.record({ activity: 'Reset password', at, by, target });
    this.audits.record({ activity: 'Set force change user password', at, by, target });
  }

  accountEnabledChanged(target: DemoPerson, by: DemoPerson | null, before: boolean, after: boolean, at: Date): void {
    if (before === after) return;
    const correlationId = randomUUID();
    this.audits.record({ activity: after ? 'Enable account' : 'Disable account', at, by, target, correlationId });
    this.audits.record({
      activity: 'Update user',
      at,
      by,
      target,
      correlationId,
      changed: [{ displayName: 'AccountEnabled', oldValue: `[${before}]`, newValue: `[${after}]` }],
    });
    const base = this.lastSuccess(target) ?? this.lastAttempt(target);
    if (!after || !base) return;
    // The person tries again a minute later, and now gets in.
    const id = randomUUID();
    this.addSignIns([
      {
        ...base,
        id,
        originalRequestId: id,
        correlationId: randomUUID(),
        createdDateTime: stamp(at.getTime()),
        isInteractive: true,
        signInEventTypes: ['interactiveUser'],
        status: { errorCode: 0, failureReason: null, additionalDetails: null },
        conditionalAccessStatus: 'success',
      } as SignIn,
    ]);
  }

  /** The audit entries for accounts disabled before the demo starts: by `by`, when their sign-ins began to fail (`now`: the log's end). */
  seedDisabledAccounts(people: readonly DemoPerson[], by: DemoPerson | undefined, now: number): void {
    if (!by) return;
    for (const person of people) {
      const when = disabledAt(person, now);
      if (when === null) continue;
      const at = new Date(when);
      const correlationId = randomUUID();
      this.audits.record({ activity: 'Disable account', at, by, target: person, correlationId });
      this.audits.record({
        activity: 'Update user',
        at,
        by,
        target: person,
        correlationId,
        changed: [{ displayName: 'AccountEnabled', oldValue: '[true]', newValue: '[false]' }],
      });
    }
  }

  private lastSuccess(person: DemoPerson): SignIn | undefined {
    return this.signIns().find((r) => r.userId === person.id && r.status?.errorCode === 0 && r.isInteractive !== false);
  }

  private lastAttempt(person: DemoPerson): SignIn | undefined {
    return this.signIns().find((r) => r.userId === person.id && r.isInteractive !== false);
  }
}

const stamp = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
