/** Typed facts that diagnosis finds in a window of sign-ins: no words, the cards word them. */

/** The Graph application permission without which sign-ins carry no Conditional Access policy details. */
export const POLICY_PERMISSION = 'Policy.Read.ConditionalAccess';

/** Where a sign-in came from, as Graph logged it. */
export interface Origin {
  ip: string | null;
  city: string | null;
  /** ISO 3166 alpha-2, as Graph gives it. */
  country: string | null;
  /** The person had no successful sign-in from this country in the window (and had some elsewhere). */
  unusualCountry: boolean;
}

export interface DeviceState {
  name: string | null;
  os: string | null;
  browser: string | null;
  /** False when Entra did not know the device (no device id). */
  known: boolean;
  compliant: boolean | null;
  managed: boolean | null;
  trust: string | null;
}

interface Base {
  /** The newest sign-in record behind the finding (for details and the ticket). */
  signInId: string;
  /** When the newest failure behind the finding happened: a verdict's "last at". */
  at: Date;
  /** When the oldest failure behind it happened (in the window read): a verdict's "since". */
  first: Date;
  /** The ids of the failures behind the finding, newest first: what the card lists first and the ticket carries. */
  evidence: string[];
  userId: string | null;
  userName: string | null;
}

export type Finding =
  | (Base & { kind: 'lockout'; wrongPasswords: number; times: number; origin: Origin })
  | (Base & { kind: 'mfaFatigue'; requests: number; bursts: number; minutes: number; origin: Origin })
  | (Base & { kind: 'passwordSpray'; code: number; users: number; minutes: number; origin: Origin })
  /**
   * `policy` is null when Graph left out which policy (`appliedConditionalAccessPolicies` is omitted
   * unless the app holds POLICY_PERMISSION): it was still a Conditional Access block, and
   * `policyHiddenFor` names the permission that would show it.
   */
  | (Base & {
      kind: 'conditionalAccess';
      policy: string | null;
      controls: string[];
      block: boolean;
      count: number;
      app: string | null;
      origin: Origin;
      device: DeviceState | null;
      policyHiddenFor?: string;
    })
  | (Base & { kind: 'expiredPassword'; code: number; count: number; app: string | null })
  /**
   * `policy`: the Conditional Access policy that failed in most of these sign-ins, when one did (the fix is
   * in that policy, not in the app's registration).
   */
  | (Base & { kind: 'appFailingForMany'; app: string; code: number; users: number; policy: string | null })
  | (Base & { kind: 'accountLoop'; code: number; count: number })
  | (Base & { kind: 'legacyProtocol'; clients: string[]; count: number })
  | (Base & { kind: 'unusualLocation'; count: number; origin: Origin });

export type FindingKind = Finding['kind'];

/** Which finding leads when there are several: the one that says most about what to do. */
export const FINDING_ORDER: FindingKind[] = [
  'lockout',
  'mfaFatigue',
  'passwordSpray',
  'conditionalAccess',
  'appFailingForMany',
  'expiredPassword',
  'accountLoop',
  'legacyProtocol',
  'unusualLocation',
];
