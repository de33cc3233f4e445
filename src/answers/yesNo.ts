/**
 * Yes/no questions about one account ("is my account locked?", "has Miriam's account been disabled?",
 * "ben ik geblokkeerd?"): the yes or no, decided from the person's sign-ins (and for "disabled" from the
 * directory's accountEnabled), with the fact that decides it. The card says it first, then the usual answer.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { Question } from '../understanding/question';
import { isInterrupt } from '../diagnosis/catalog';
import { isBackground } from '../diagnosis/background';

/**
 * AADSTS50057 UserDisabled: "The user account is disabled" (Microsoft Entra authentication and authorization
 * error codes, https://learn.microsoft.com/entra/identity-platform/reference-error-codes, "AADSTS error codes").
 */
const DISABLED_CODES = [50057];

/** What a yes/no question about one account asks: locked out, disabled, or (no kind named) failing now. */
export const YES_NO_ABOUT = ['locked', 'disabled', 'failing'] as const;
export type YesNoAbout = (typeof YES_NO_ABOUT)[number];

export type YesNoFact =
  /** Still locked: the newest lockout has no successful sign-in after it; `since` is the first lockout of that run. */
  | { about: 'locked'; yes: true; since: Date; lockouts: number }
  /** Not locked: `last` the newest lockout in the window (null: none), `signedIn` the first success after it. */
  | { about: 'locked'; yes: false; last: Date | null; signedIn: Date | null }
  /**
   * Disabled (by the directory, or else by the log: a refusal with no success after it); `since` the first
   * refusal of the newest run of them, null when no sign-in was refused in the window.
   */
  | { about: 'disabled'; yes: true; since: Date | null; byDirectory: boolean }
  /** Enabled: `last` the newest refusal as disabled in the window (null: none). */
  | { about: 'disabled'; yes: false; last: Date | null; byDirectory: boolean }
  /** Failing now: the newest attempt failed and nothing succeeded after it; `since` the first failure of that run. */
  | { about: 'failing'; yes: true; since: Date; code: number }
  /**
   * Not failing: `signedIn` the newest successful sign-in (null: no sign-in at all in the window); `earlier` the
   * failed attempts the card lists under it (interactive ones, all before that sign-in), so the "No" names them.
   */
  | { about: 'failing'; yes: false; signedIn: Date | null; earlier?: number };

/** Which yes/no a question about one person asks, if any: its category decides; none named asks "am I blocked now?". */
export function yesNoAbout(question: Question): YesNoAbout | undefined {
  const f = question.form;
  if (!f.yesNo || f.outage || f.intrusion || f.counting || question.intent !== 'failures') return undefined;
  if (question.category === 'lockout') return 'locked';
  if (question.category === 'account_state') return 'disabled';
  // "ben ik geblokkeerd?", "am I blocked?": a state now (present tense), not "did Megan fail to sign in?", which a
  // failure earlier in the week answers yes whatever the newest sign-in did.
  if (question.category === null && question.errorCode === null && f.presentTense) return 'failing';
  return undefined;
}

const codeOf = (r: SignIn) => r.status?.errorCode ?? 0;
const at = (r: SignIn) => new Date(String(r.createdDateTime));

interface Run {
  /** The first and newest record of the newest run of `hit` records with no success in between. */
  first: SignIn;
  last: SignIn;
  count: number;
  /** The first success after the run; null when none came after it. */
  successAfter: SignIn | null;
}

/** The newest run of records matching `hit`, in `records` (any order). */
function newestRun(records: SignIn[], hit: (r: SignIn) => boolean): Run | null {
  const oldestFirst = [...records].sort((a, b) => String(a.createdDateTime).localeCompare(String(b.createdDateTime)));
  const lastHit = oldestFirst.map(hit).lastIndexOf(true);
  if (lastHit < 0) return null;
  const lastSuccessBefore = oldestFirst
    .slice(0, lastHit)
    .map((r) => codeOf(r) === 0)
    .lastIndexOf(true);
  const run = oldestFirst.slice(lastSuccessBefore + 1, lastHit + 1).filter(hit);
  return {
    first: run[0],
    last: oldestFirst[lastHit],
    count: run.length,
    successAfter: oldestFirst.slice(lastHit + 1).find((r) => codeOf(r) === 0) ?? null,
  };
}

/**
 * Decides the yes or no from every interactive record of the person in the window (not only the kind asked
 * about: a success after a lockout is what says it is over). `accountEnabled`: the directory's, when it was read.
 */
export function decideYesNo(
  about: YesNoAbout,
  all: SignIn[],
  lockoutCodes: number[],
  accountEnabled?: boolean | null,
): YesNoFact {
  // The person's own sign-ins: an app refreshing a token in the background neither ends a lockout nor means "blocked".
  const records = all.filter((r) => !isBackground(r));
  if (about === 'locked') {
    const run = newestRun(records, (r) => lockoutCodes.includes(codeOf(r)));
    if (run && !run.successAfter) return { about, yes: true, since: at(run.first), lockouts: run.count };
    return {
      about,
      yes: false,
      last: run ? at(run.last) : null,
      signedIn: run?.successAfter ? at(run.successAfter) : null,
    };
  }
  if (about === 'disabled') {
    const run = newestRun(records, (r) => DISABLED_CODES.includes(codeOf(r)));
    const byDirectory = typeof accountEnabled === 'boolean';
    const yes = byDirectory ? !accountEnabled : run !== null && !run.successAfter;
    return yes
      ? { about, yes, since: run ? at(run.first) : null, byDirectory }
      : { about, yes, last: run ? at(run.last) : null, byDirectory };
  }
  // Interrupts (MFA asked, "stay signed in?") are neither a success nor a failure: the person was on the way in.
  const real = records.filter((r) => !isInterrupt(codeOf(r)));
  const run = newestRun(real, (r) => codeOf(r) !== 0);
  if (run && !run.successAfter) return { about, yes: true, since: at(run.first), code: codeOf(run.last) };
  const successes = real.filter((r) => codeOf(r) === 0).map(at);
  const signedIn = successes.length > 0 ? new Date(Math.max(...successes.map((d) => d.getTime()))) : null;
  return { about, yes: false, signedIn };
}

/**
 * A "No, your last sign-in worked" above a list of failures says they came before it: the count is the card's own
 * list of attempts (its interactive rows; background refreshes are folded below it and judged by nothing here).
 */
export function withListedFailures(fact: YesNoFact, rows: readonly { background: boolean; code: number }[]): YesNoFact {
  if (fact.about !== 'failing' || fact.yes || !fact.signedIn) return fact;
  const earlier = rows.filter((r) => !r.background && r.code !== 0).length;
  return earlier > 0 ? { ...fact, earlier } : fact;
}
