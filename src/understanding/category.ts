/**
 * The kind of failure a question names ("which accounts are locked" → lockout, "blocked by CA" →
 * conditional_access). Categories are tried in the order of the word lists: the more specific
 * first, so "Outlook keeps asking for my password" is a session problem, not a password one.
 */
import { FAILURE_CATEGORIES, type FailureCategory } from '../shared/types';
import { MASK, mask, wordsRegex } from './phrases';
import type { QuestionForm } from './question';
import { mentionsSelf, mentionsThirdPerson } from './subjectWords';
import { merged, wordsByLanguage } from './words';

const ORDER = (Object.keys(wordsByLanguage.en.category) as FailureCategory[]).filter((c) =>
  FAILURE_CATEGORIES.includes(c),
);
const REGEXES = ORDER.map(
  (c) =>
    [
      c,
      wordsRegex(
        merged((w) => w.category[c]),
        'gu',
      ),
    ] as const,
);
/** Any category's phrase: most questions name none, and then one scan answers instead of one per category. */
const ANY_CATEGORY = wordsRegex(ORDER.flatMap((c) => merged((w) => w.category[c])));

/**
 * "is het account van Patti geblokkeerd?", "is the account of Patti blocked?": an account that is
 * blocked is locked out, with the owner's name in between (the name stays for the subject).
 */
const ACCOUNT_BLOCKED =
  /(?<![\p{L}\p{N}])(?:account|accounts)\s+(?:van|of)\s+(?:[^\s?!.,]+\s+){1,3}?(?:(?:is|zijn|been|was|werd)\s+)?(?:geblokkeerd|blocked|vergrendeld|locked)(?![\p{L}\p{N}])/u;
const BLOCKED_WORD = /(?:geblokkeerd|blocked|vergrendeld|locked)(?![\p{L}\p{N}])/u;
/** "staat het account van Bill uit?", "is het account van Noah actief?": whether it is switched on or off. */
const ACCOUNT_OFF =
  /(?<![\p{L}\p{N}])(?:account|accounts)\s+(?:van|of)\s+(?:[^\s?!.,]+\s+){1,5}?(?:(?:is|zijn|been|was|werd)\s+)?(?:uit|off|uitgezet|uitgeschakeld|disabled|gedisabled|aan|on|actief|active|enabled|ingeschakeld)(?![\p{L}\p{N}])/u;
/** "staat zijn account uit?": only the words for off (not "mijn account aan mijn telefoon koppelen"). */
const OWN_ACCOUNT_OFF =
  /(?<![\p{L}\p{N}])(?:zijn|haar|mijn|m'n|z'n)\s+account\s+(?:nog\s+)?(?:uit|uitgezet|uitgeschakeld|gedisabled|disabled)(?![\p{L}\p{N}])/u;
const OFF_WORD =
  /(?:uitgeschakeld|uitgezet|gedisabled|disabled|uit|off|ingeschakeld|enabled|actief|active|aan|on)(?![\p{L}\p{N}])/u;

const SELF_WORDS = new Set(merged((w) => w.subject.self));

/** Masks a phrase's words but the asker's pronouns in it ("kicks me out", "gooit me eruit": still about the asker). */
export function maskKeepingSelf(text: string, at: number, phrase: string): string {
  let out = text;
  for (const word of phrase.matchAll(/[^\s]+/gu)) {
    if (!SELF_WORDS.has(word[0])) out = mask(out, at + word.index, at + word.index + word[0].length);
  }
  return out;
}

const FIXES_DONE = new RegExp(wordsRegex(merged((w) => [...w.fixesDone, ...w.seenOffline])).source, 'gu');

/**
 * "did Debra manage to sign in after we reset her password?": a fix done, masked, so it names no failure; so is someone
 * not seen online ("heeft Lars al ingelogd? ik zie hem niet online").
 */
export function maskFixesDone(text: string): string {
  return text.replace(FIXES_DONE, (m) => MASK.repeat(m.length));
}

const REPEATS = wordsRegex(
  merged((w) => w.repeats),
  'gu',
);
/** Repetition is a session problem only around signing in ("log into Outlook over and over"), not "blocked again". */
const SIGNING_IN = wordsRegex(merged((w) => [...w.intent.signin, ...w.intent.signinInto]));

const PASSWORD_EXPIRED = new RegExp(wordsRegex(merged((w) => w.passwordExpired)).source, 'gu');

/** The category and the text with its phrases masked (they are neither names nor apps). */
export function findCategory(text: string): { category: FailureCategory | null; text: string } {
  const expired = [...text.matchAll(PASSWORD_EXPIRED)];
  if (expired.length > 0) {
    // Another kind's words beside it are how the expiry shows ("keeps asking"), unless the account is locked or off.
    const rest = findCategory(expired.reduce((out, m) => maskKeepingSelf(out, m.index, m[0]), text));
    const stronger = rest.category === 'lockout' || rest.category === 'account_state';
    return { category: stronger ? rest.category : 'password', text: rest.text };
  }
  const accountBlocked = ACCOUNT_BLOCKED.exec(text);
  if (accountBlocked) {
    const word = BLOCKED_WORD.exec(accountBlocked[0])!;
    const at = accountBlocked.index + word.index;
    return { category: 'lockout', text: mask(text, at, at + word[0].length) };
  }
  const accountOff = ACCOUNT_OFF.exec(text) ?? OWN_ACCOUNT_OFF.exec(text);
  if (accountOff) {
    const word = OFF_WORD.exec(accountOff[0].slice(accountOff[0].lastIndexOf(' ')))!;
    const at = accountOff.index + accountOff[0].lastIndexOf(' ') + word.index;
    return { category: 'account_state', text: mask(text, at, at + word[0].length) };
  }
  const repeats = [...text.matchAll(REPEATS)];
  if (!ANY_CATEGORY.test(text) && repeats.length === 0) return { category: null, text };
  const repeated = (t: string) => repeats.reduce((out, m) => maskKeepingSelf(out, m.index, m[0]), t);
  for (const [category, regex] of REGEXES) {
    regex.lastIndex = 0;
    let masked = text;
    let found = false;
    for (const m of text.matchAll(regex)) {
      found = true;
      masked = maskKeepingSelf(masked, m.index, m[0]);
    }
    // "asks for my password every hour": a password asked for again and again is a session that does not last.
    if (found && category === 'password' && repeats.length > 0) return { category: 'session', text: repeated(masked) };
    if (found) return { category, text: masked };
  }
  if (repeats.length > 0 && SIGNING_IN.test(text)) return { category: 'session', text: repeated(text) };
  return { category: null, text };
}

/** Account states a yes/no question asks about, whatever code is named beside them. */
const STATES: ReadonlyArray<FailureCategory | null> = ['lockout', 'account_state'];

/**
 * The kind of failure a question is about. None beside an error code, typed or on a pasted screen (the code says
 * more: "Sophie gets AADSTS500121 when approving in Authenticator" narrows to the code), unless a yes/no question asks
 * about a state ("is Megan locked out? she keeps getting 50053" is answered yes or no); none for the asker's own
 * intrusion question ("approval requests I never asked for … someone trying to log in as me?"), except a lockout it
 * caused; the MFA requests "she never asked for", asked about by the helpdesk, are MFA trouble.
 */
export function questionCategory(
  found: FailureCategory | null,
  text: string,
  codeOrScreen: boolean,
  form: QuestionForm,
): FailureCategory | null {
  if (codeOrScreen && !(form.yesNo && STATES.includes(found))) return null;
  // ("… verzoeken die niet van mij zijn": the asker's own, whatever "zijn" says.)
  const helpdeskAsksAboutMfa = found === 'mfa' && mentionsThirdPerson(text) && !mentionsSelf(text, true);
  return form.intrusion && found !== 'lockout' && !helpdeskAsksAboutMfa ? null : found;
}
