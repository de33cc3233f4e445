/** Incidents as data: what detection finds over the live index, and what alerts and answers read. */

export type IncidentKind = 'app' | 'code' | 'policy' | 'password-spray' | 'lockout-wave';

/** One failed sign-in as detection reads it (from the live index; see records.ts). */
export interface FailureRecord {
  time: number;
  userId: string;
  app: string | null;
  code: number;
  /** Only used to group a password spray; never shown or stored. */
  ipAddress: string | null;
  /** Conditional Access policies that failed, with their grant controls. */
  failedPolicies: { name: string; controls: string[] }[];
}

export interface Incident {
  /** Deterministic: the same on every instance (see registry.ts). */
  id: string;
  kind: IncidentKind;
  /** What the failures have in common (set when at least `sameCauseShare` of them share it). */
  app?: string;
  code?: number;
  policy?: string;
  unmetControl?: string;
  /** First failure of the run. */
  since: Date;
  /**
   * Set when the run may have begun before `since`: its first failure lies close to the start of
   * what detection looks at, this many hours back (`lookbackHours`), and nothing earlier was read.
   */
  sinceCutOffHours?: number;
  /** Distinct people in the run. */
  people: number;
  /** Failures per `trendBucketMinutes`, oldest first, the last bucket ending now. */
  trend: number[];
  trendBucketMinutes: number;
  lastFailure: Date;
  /** No new matching failure for `quietMinutes`. */
  resolved: boolean;
  /** Who is affected (object ids): for the reader's list and the end user's known-problem answer, never for shared cards. */
  userIds: string[];
  /** The incident ticket, once opened (from the ticket ledger): every later update of the alert still shows it. */
  ticket?: { reference: string; where: string };
}

export interface IncidentThresholds {
  windowMinutes: number;
  quietMinutes: number;
  lookbackHours: number;
  trendBucketMinutes: number;
  trendBuckets: number;
  sameCauseShare: number;
  appFailing: { minPeople: number };
  codeFailing: { minPeople: number };
  policyFailing: { minPeople: number };
  passwordSpray: { minAccounts: number; codes: number[] };
  lockoutWave: { minPeople: number; codes: number[] };
}
