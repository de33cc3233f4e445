/**
 * What kind of question this is, from signal words (merged over the languages) and from what else
 * was found (a code, a subject, a time). See `decideIntent` for the order of the rules.
 */
import type { Intent, Subject } from './question';
import { END, MASK, START, alternation, phraseSource, wordsRegex } from './phrases';
import { merged } from './words';
import type { IntentWords } from './words/types';

const regexOf = (pick: (i: IntentWords) => string[]) => wordsRegex(merged((w) => pick(w.intent)));

const FAILURE = regexOf((i) => i.failure);
const ALL_SIGN_INS = regexOf((i) => i.allSignIns);
const TROUBLESHOOT = regexOf((i) => i.troubleshoot);
const SIGNIN = regexOf((i) => [...i.signin, ...i.signinInto]);
const NEUTRAL_EVENTS = new RegExp(regexOf((i) => i.neutralEvents).source, 'gu');
const EXPLAIN = regexOf((i) => i.explain);
const MEANING = regexOf((i) => i.meaning);
/** "what is 50126": only right before the (masked) code. */
const EXPLAIN_BEFORE_CODE = new RegExp(
  `${START}${alternation(merged((w) => w.intent.explainBeforeCode))}\\s*${MASK}`,
  'u',
);
const HELP = regexOf((i) => i.help);
const BOT = alternation(merged((w) => w.intent.helpAboutBot.bot));
const FILLERS = alternation(merged((w) => w.intent.helpAboutBot.fillers));
/** "how does this bot work", "wat kan ik je allemaal vragen": `{bot}` in a question is the bot, then any fillers. */
const ABOUT_BOT = new RegExp(
  `${START}${alternation(merged((w) => w.intent.helpAboutBot.questions)).replaceAll(
    phraseSource('{bot}'),
    `${BOT}(?:\\s+${FILLERS})*`,
  )}${END}`,
  'u',
);
/**
 * "my manager said i should ask you … what can you actually do?": a question about the bot that ends its sentence asks
 * how to use it, unless a failure is told ("i can't sign in to teams, what can you do?" asks for help with it).
 */
const ABOUT_BOT_ALONE = new RegExp(`${ABOUT_BOT.source}\\s*(?:[?.!]|$)`, 'u');
const COUNT = regexOf((i) => i.count);
const USAGE = regexOf((i) => i.usage);
/** Sign-in verb phrases, removed before looking for apps and names ("sign in" is not "in <app>"). */
const SIGNIN_VERBS = new RegExp(regexOf((i) => i.signin).source, 'gu');

export interface Signals {
  failure: boolean;
  troubleshoot: boolean;
  signin: boolean;
  /** The only sign-in words are neutral nouns ("only the attempts from Android"): a follow-up keeps its intent. */
  onlyNeutralEvents: boolean;
  explain: boolean;
  /** "what does … mean", "wat betekent": the code's meaning asked for, not what to do about one's own failures. */
  meaning: boolean;
  help: boolean;
  /** "how many", "sign-in pattern", "hoe vaak". */
  count: boolean;
  /** How to use the bot, asked outright ("what should I type"): help, even beside "I" or "niet". */
  usage: boolean;
}

/** `namesFailureKind`: the text names a kind of failure ("locked", "MFA"), which asks about failures. */
export function signalsOf(work: string, namesFailureKind = false): Signals {
  const everySignIn = ALL_SIGN_INS.test(work);
  const failure = !everySignIn && (namesFailureKind || FAILURE.test(work));
  return {
    failure,
    count: COUNT.test(work),
    usage: USAGE.test(work) || (!failure && ABOUT_BOT_ALONE.test(work)),
    troubleshoot: TROUBLESHOOT.test(work),
    signin: everySignIn || SIGNIN.test(work),
    onlyNeutralEvents: SIGNIN.test(work) && !SIGNIN.test(work.replace(NEUTRAL_EVENTS, (m) => MASK.repeat(m.length))),
    explain: EXPLAIN.test(work) || EXPLAIN_BEFORE_CODE.test(work),
    meaning: MEANING.test(work),
    // eslint-disable-next-line no-control-regex -- \u0001 is MASK, standing in for text already understood
    help: HELP.test(work) || ABOUT_BOT.test(work) || /^[\s?!.\u0001]*\?[\s?!.\u0001]*$/u.test(work),
  };
}

/** True when the question asks for something: worth looking for a person's name in it. */
export function asksSomething(s: Signals): boolean {
  return s.failure || s.troubleshoot || s.signin || s.count;
}

export function maskSigninVerbs(work: string): string {
  return work.replace(SIGNIN_VERBS, (m) => MASK.repeat(m.length));
}

export interface IntentInput {
  signals: Signals;
  errorCode: number | null;
  correlationId: string | null;
  /** A request id names one attempt: it is answered with that attempt's diagnosis. */
  requestId?: string | null;
  subject: Subject | null;
  hasTime: boolean;
  /** An app was named ("when I open Outlook"). */
  hasApp?: boolean;
  /** The person's name is clearly a name (a cue, or nothing else in the message: "alice this week"). */
  clearName: boolean;
}

/** Worth looking for a name: the question asks something, gives a code, or names a time ("alice this week"). */
export function looksForSubject(s: Signals, errorCode: number | null, hasTime: boolean): boolean {
  return asksSomething(s) || errorCode !== null || hasTime;
}

/**
 * 1. a code and an explain phrase ("what does 50126 mean"), or a code alone → explain;
 * 2. failure words or a code → failures ("getting 50076 when logging in": a sign-in with an error
 *    code is a failed one); sign-in words → sign-ins; "check alice" → failures;
 * 3. a code, a correlation id, or an unambiguous subject (mention, UPN, object id) with no
 *    verb → failures ("did alice get 50126", "<at>Megan</at>?"); so is a clear name with a time
 *    ("alice this week", "everything for alice yesterday"): this bot's first job is failures;
 * 4. help words or an empty question → help; otherwise unknown.
 */
export function decideIntent({
  signals,
  errorCode,
  correlationId,
  requestId,
  subject,
  hasTime,
  hasApp = false,
  clearName,
}: IntentInput): Intent {
  const asks = asksSomething(signals);
  const aboutSomeone = subject !== null && subject.kind !== 'self' && subject.kind !== 'anyone';
  if (signals.usage && errorCode === null && !correlationId && !requestId && !aboutSomeone) return 'help';
  // "I get AADSTS53000 when I open Outlook, what do I need to do?", "Lars getting AADSTS65001 in salesforce, can you
  // explain": the asker's or that person's failures, unless the meaning is asked.
  const ownCode = (subject?.kind === 'self' || subject?.kind === 'person') && (hasTime || hasApp) && !signals.meaning;
  if (errorCode !== null && ((signals.explain && !ownCode) || (!asks && !subject && !hasTime))) return 'explain';
  if (signals.count) return 'count';
  if (requestId) return 'failures';
  if (signals.failure || errorCode !== null) return 'failures';
  if (signals.signin) return 'signins';
  if (signals.troubleshoot) return 'failures';
  if (errorCode !== null || correlationId !== null) return 'failures';
  if (subject && ['mention', 'upn', 'objectId'].includes(subject.kind)) return 'failures';
  if (subject?.kind === 'person' && hasTime && clearName) return 'failures';
  if (signals.help) return 'help';
  return 'unknown';
}

/**
 * A ranking asks for the failures ranked ("failed logins by country", "breakdown by country"), unless a number is asked
 * ("how many failures per app") or one person's own are ranked ("which apps does Lynne sign in to most").
 */
export function rankingIntent(decided: Intent, counting: boolean, aboutPerson: boolean): Intent {
  const loose: Intent[] = ['unknown', 'help', ...(counting || aboutPerson ? [] : (['count'] as const))];
  return loose.includes(decided) ? 'failures' : decided;
}
