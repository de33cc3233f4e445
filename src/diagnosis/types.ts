/** What diagnosis returns: failures (attempts with their deciding record), per-code counts, and the whole Diagnosis. */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { Category } from './catalogTypes';
import type { Attempt } from './attempts';
import type { Finding } from './findings';
import type { WorkloadState } from './workloads';

/** A run of background failures of one person, app and code, folded into its newest row. */
export interface Burst {
  count: number;
  /** Oldest and newest failure of the run. */
  first: Date;
  last: Date;
}

export interface FailedPolicy {
  name: string;
  /** The grant controls the policy asked for and that were not met (Block, Mfa, CompliantDevice, …). */
  controls: string[];
}

/** An attempt with its deciding record (a failure, or any attempt when listing sign-ins). */
export interface Failure {
  attempt: Attempt;
  record: SignIn;
  code: number;
  at: Date;
  category: Category | null;
  failedPolicies: FailedPolicy[];
  /** The legacy client (IMAP4, POP3, …) when the attempt used one. */
  legacyClient: string | null;
  /** A non-interactive sign-in (a token refresh an app made in the background). */
  background: boolean;
  /** In `rows` only: a burst of background failures this row stands for. */
  burst?: Burst;
}

export interface CodeSummary {
  code: number;
  count: number;
  first: Date;
  last: Date;
}

export interface Diagnosis {
  attempts: Attempt[];
  /** Newest first. */
  failures: Failure[];
  /** What a list shows, newest first: the failures, or every attempt when the question was about sign-ins; background bursts folded into one row. */
  rows: Failure[];
  /** The failure and the finding an answer leads with (an interactive one unless the question is about background sign-ins). */
  headline: Failure | null;
  leadFinding: Finding | null;
  /** Tenant-wide: the newest failing app or managed identity (its own sign-ins), if any. */
  workload: WorkloadState | null;
  promptedThenSucceeded: number;
  succeeded: number;
  /** Most telling first (FINDING_ORDER), then newest first. */
  findings: Finding[];
  byCode: CodeSummary[];
  apps: string[];
  countries: string[];
  /** People with a failure. */
  people: number;
  /** People with any attempt. */
  peopleSeen: number;
  recordCount: number;
}
