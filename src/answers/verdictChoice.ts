/**
 * What a sign-in answer leads with, as data: decided in answers/verdict.ts, worded by
 * src/cards/verdict.ts. Carried on the SummaryAnswer (types.ts).
 */
import type { Audience } from '../shared/types';
import type { CodeSummary, Failure, Finding } from '../diagnosis/diagnose';
import type { WorkloadState } from '../diagnosis/workloads';
import type { FixId } from '../fixes/catalog';

/**
 * Where the "what to do now" steps come from; `buttons`: the fix buttons the card carries beside them
 * (src/answers/fixes.ts), so that a step names its button instead of the portal path.
 */
export type StepSource = (
  | /** The wording's steps for this step id, filled from the finding's facts. */
    { from: 'finding'; id: string; finding: Finding }
    /** The error catalog's steps for this code. */
  | { from: 'catalog'; code: number; failureReason?: string | null; audience?: Audience }
) & { buttons?: FixId[] };

/** The sign-in a ticket from this answer is about. */
export interface TicketTarget {
  signInId: string;
  userId: string | null;
}

type OutageFinding = Extract<Finding, { kind: 'appFailingForMany' | 'passwordSpray' }>;

export type VerdictChoice =
  /** "is there an outage?": yes (with the finding that says so) or no. */
  | {
      kind: 'outage';
      yes: true;
      finding: OutageFinding;
      /** outagePolicy: the failing Conditional Access policy is known and named; outageSpray: an attack. */
      variant: 'outageYes' | 'outagePolicy' | 'outageSpray';
    }
  | { kind: 'outage'; yes: false }
  /** A question about sign-ins (not failures) of one person: how many succeeded, the newest. */
  | { kind: 'signins'; succeeded: number; newest: { at: Date; app: string | null } | null }
  /** No failure matched: every filter restated (the kind of failure as the noun when one was asked). */
  | { kind: 'none' }
  /** An app's or managed identity's own failures. */
  | { kind: 'workload'; state: WorkloadState }
  /** The lead finding, in the wording's variant `variant`. */
  | { kind: 'finding'; finding: Finding; variant: string }
  /** No finding: the latest failure of one person. */
  | { kind: 'failure'; failure: Failure }
  /** No finding, everyone: how many failed, and the most frequent code. */
  | { kind: 'failureTenant'; failures: number; people: number; top: CodeSummary };

/** A self-service page the person asking about themselves can fix this on (answers/selfService.ts). */
export interface SelfServiceLink {
  id: 'passwordReset' | 'securityInfo' | 'companyPortal' | 'notMe';
  url: string;
}

/**
 * The tenant's self-service pages, for steps that name one: the address of each page, and Microsoft's standard addresses the catalog's texts use that the
 * tenant has replaced (SELF_SERVICE_URLS), so that a step and its button name the same page.
 */
export interface SelfServicePages {
  urls: Record<'passwordReset' | 'securityInfo' | 'companyPortal', string>;
  replaced: { standard: string; url: string }[];
}

export type Verdict = VerdictChoice & {
  steps: StepSource | null;
  ticket: TicketTarget | null;
  /** The error code Microsoft's lookup should open. */
  lookupCode: number | null;
  /** Only when someone asks about themselves: the self-service pages that fit, in order. */
  selfService?: SelfServiceLink[];
  selfServicePages?: SelfServicePages;
};
