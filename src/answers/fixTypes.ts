/** The helpdesk fixes' answers, as data (src/answers/fixes.ts decides them; src/cards/fixCards.ts draws them). */
import type { FixId } from '../fixes/catalog';
import type { DisabledBy, ManagedDevice, TemporaryAccessPass, WhatIfScenario } from '../fixes/graphCalls';
import type { GraphProblemKind } from '../graph/errors';
import type { FixAsked } from '../understanding/question';
import type { SelfServiceLink } from './verdictChoice';

export type { FixId } from '../fixes/catalog';

/** A fix button on a helpdesk answer: which fix, for whom, about which finding (its sign-in). */
export interface FixOffer {
  fix: FixId;
  targetId: string;
  /** The sign-in the finding was made from; null when the fix was asked for in words. */
  signInId: string | null;
  /** For What If: the sign-in's app (application id), its country and the country the person's successful sign-ins come from most. */
  appId?: string | null;
  country?: string | null;
  usualCountry?: string | null;
  /** The tenant's home country, read at the click when the sign-ins show no usual country (not on the button). */
  homeCountry?: string | null;
}

export interface FixTarget {
  id: string;
  name: string;
}

export type FixStage =
  /** A change asked for: the confirmation (enableAccount: with who disabled the account and when). */
  | { stage: 'confirm'; disabled?: DisabledBy | null; auditHidden?: boolean }
  /** enableAccount asked in words: the button that shows who disabled it first. */
  | { stage: 'offer' }
  /**
   * Done, by this click (`again` false: `tap` only then) or before (`again` true: "done at T by X").
   * Reads (whatIf, devices) carry what they read.
   */
  | {
      stage: 'done';
      at: Date;
      byName: string | null;
      again: boolean;
      tap?: TemporaryAccessPass;
      devices?: ManagedDevice[];
      whatIf?: WhatIfScenario[];
    }
  /** Another click has the fix in hand right now. */
  | { stage: 'in-progress'; byName: string | null }
  /** Entra refused (Graph 403): the roles that would allow it. */
  | { stage: 'forbidden'; roles: string[] }
  | { stage: 'failed'; problem: GraphProblemKind }
  /** No delegated token: the bot answers 401 loginRequest ('absent') or 412 ('failed'). */
  | { stage: 'sign-in'; reason: 'absent' | 'failed' };

export type FixAnswer = {
  kind: 'fix';
  fix: FixId;
  target: FixTarget;
  offer: FixOffer;
} & FixStage;

/** A fix asked in words that Entra has no action for (unlocking a smart lockout), or asked about oneself: what exists instead. */
export interface FixElsewhereAnswer {
  kind: 'fix-elsewhere';
  asked: FixAsked;
  /** null: the asker's own account. */
  target: FixTarget | null;
  /** The fixes that exist (helpdesk, about someone else, in a personal chat). */
  offers: FixOffer[];
  selfService: SelfServiceLink[];
}

/** What a helpdesk fix, clicked or asked in words, answers (one of src/answers/types.ts Answer's kinds). */
export type FixAnswers = FixAnswer | FixElsewhereAnswer;

/** The delegated token of the person who clicked, from Teams SSO (src/bot): asked for only when a fix calls Graph. */
export type DelegatedToken = { ok: true; token: string } | { ok: false; reason: 'absent' | 'failed' };

export interface ClickAuth {
  delegatedToken(): Promise<DelegatedToken>;
}
