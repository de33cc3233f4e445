/**
 * The shape of answer a question asks for, read from its words: a number ("how many"), a yes or no
 * ("is my account locked?", "heeft Miriam…"), whether something is down for everyone ("is there an
 * outage?"), and present tense ("why can't I sign in?": about now, unlike "why couldn't I…").
 */
import type { QuestionForm } from './question';
import { END, START, alternation, mask, wordsRegex } from './phrases';
import { questionClauses } from './questionClauses';
import { languages, merged, wordsByLanguage } from './words';
import type { Language } from '../shared/types';
import type { Words } from './words/types';

const COUNTING = wordsRegex(merged((w) => w.form.counting));
const OUTAGE = wordsRegex(merged((w) => w.form.outage));
const PRESENT_TENSE = wordsRegex(merged((w) => w.form.presentTense));
const NOT_OUTAGE_AROUND = alternation(merged((w) => w.form.notOutageAround));
/** "is Teams down", "ligt Outlook eruit" — not "shut down", "eruit gegooid". */
const OUTAGE_STATE = new RegExp(
  `(?<!${NOT_OUTAGE_AROUND}\\s+)${START}${alternation(merged((w) => w.form.outageStates))}${END}(?!\\s+${NOT_OUTAGE_AROUND}${END})`,
  'u',
);
/** "ligt Teams er nu uit?": the Dutch verb and its "er … uit" apart. */
const LIES_OUT =
  /(?<![\p{L}\p{N}])(?:ligt|liggen|lag|lagen)\s+(?:[^\s]+\s+){0,4}?er\s+(?:[^\s]+\s+){0,2}?uit(?![\p{L}\p{N}])/u;
/** "doet Teams het niet?": an app not working, asked without a person. */
const DOES_NOT_WORK =
  /(?<![\p{L}\p{N}])doet\s+(?!(?:mijn|m'n|zijn|haar|hij|zij|ze|ik|het)\s)(?:[\p{L}\p{N}.'-]+\s+){1,3}het\s+niet(?![\p{L}\p{N}])/u;
/**
 * A short question that is only a state: "Megan locked out?", "Lynne geblokkeerd?", "megan locked out again? she just
 * called" (no question word before it); tested on each sentence that ends in a question mark.
 */
const STATE_QUESTION = new RegExp(
  `^[^?]{0,60}${START}${alternation(merged((w) => w.form.stateQuestions))}(?:\\s+${alternation(merged((w) => w.form.stateQuestionTails))})*(?:\\s+(?:or|of)\\s[^?]*)?\\s*\\?+$`,
  'u',
);
/** Each question, from the end of the sentence before it ("I'm on the helpdesk. storing bij teams?"). */
const QUESTIONS = /(?:[^?.!]|\.(?!\s))*\?+/gu;
const QUESTION_WORD = wordsRegex(merged((w) => w.form.questionWords));
const INTRUSION = wordsRegex(merged((w) => w.form.intrusion));
/** Dutch puts the subject between verb and "niet": "waarom kan Megan Bowen niet inloggen", "lukt het Patti niet". */
const PRESENT_AROUND_NAME =
  /(?<![\p{L}\p{N}])(?:kan|lukt het|werkt het voor)\s+(?:[\p{L}\p{N}'-]+\s+){1,3}?niet(?![\p{L}\p{N}])/u;
const INTRUDERS = wordsRegex(merged((w) => w.form.intruders));
const ACCOUNTS = wordsRegex(merged((w) => w.form.accounts));
const TRIES = wordsRegex(merged((w) => w.form.tries));
/** Fillers before the first word of a question ("and", "ok so", "en"). */
const LEAD = `^[\\s\\p{P}]*(?:(?:and|so|ok|okay|hey|hi|en|dus|oke|oké|hoi|but|maar|wait|well|bot|nou|wacht)[\\s,]+)*`;
const yesNoOf = (openers: string[]) => new RegExp(`${LEAD}${alternation(openers)}(?=[\\s,])`, 'u');
const YES_NO = yesNoOf(merged((w) => w.form.yesNoOpeners));
/** Per language: Dutch "ben" opens a question ("ben ik geblokkeerd?"), English "ben" is Ben. */
const YES_NO_BY_LANGUAGE = Object.fromEntries(
  languages.map((l) => [l, yesNoOf(wordsByLanguage[l].form.yesNoOpeners)]),
) as Record<Language, RegExp>;
const NOT_YES_NO = new RegExp(
  `${LEAD}${alternation(merged((w) => [...w.form.notYesNo, ...w.subject.helperAsked]))}${END}`,
  'u',
);
/** Where a second question may start: "cant log in, is my account locked?". */
const CLAUSE_BREAK = /[,;:.!?]\s+|\s+[-–—]\s+/u;
/** "…locked or what", "…, toch?": a statement tagged as a yes/no question. */
const YES_NO_TAG = new RegExp(`${START}${alternation(merged((w) => w.form.yesNoTags))}[\\s?!.]*$`, 'u');

/** "… disabled or what? he can't log in": a tag that ends an earlier question; its "what" asks nothing. */
const TAG_ENDING_QUESTION = new RegExp(`${START}${alternation(merged((w) => w.form.yesNoTags))}(?=\\s*\\?)`, 'gu');

const TAG_BEFORE_QUESTION_MARK = new RegExp(TAG_ENDING_QUESTION.source, 'u');

/** "heeft Emma ingelogd of niet?": the tag asks yes or no; its "niet" says no failure. */
export function maskYesNoTag(text: string): string {
  const tag = YES_NO_TAG.exec(text);
  return tag ? mask(text, tag.index, tag.index + tag[0].length) : text;
}
const invertedWords = (w: Words) => w.form.yesNoInverted;
/** "… is she still locked out", "… did my password expire": an English yes/no question typed without "?". */
const YES_NO_INVERTED = new RegExp(
  `(?<!(?<![\\p{L}])(?:this|that|here|there|what|which|who|where|how|why|when)\\s+)${START}${alternation(merged((w) => invertedWords(w).verbs))}` +
    `\\s+${alternation(merged((w) => invertedWords(w).subjects))}\\s+(?:${alternation(merged((w) => invertedWords(w).between))}\\s+)*` +
    `${alternation(merged((w) => invertedWords(w).states))}${END}`,
  'u',
);
const ASK_IF = wordsRegex(merged((w) => w.form.askIf));
const YES_NO_PARTICLE = wordsRegex(merged((w) => w.form.yesNoParticles));

const NOT_OUTAGE = new RegExp(wordsRegex(merged((w) => w.form.notOutage)).source, 'gu');
/** "storing bij teams?", "outage in outlook?": a short question opened by an outage noun asks whether there is one. */
const OUTAGE_NOUN_QUESTION = new RegExp(
  `${LEAD}${alternation(merged((w) => w.form.outageNouns))}${END}(?:\\s+[^\\s?]+){0,4}\\s*\\?+\\s*$`,
  'u',
);

/** A yes/no opener (of `openers`) at the start of a clause, or a statement with no question word tagged as one. */
function isYesNo(lower: string, openers: RegExp): boolean {
  if (ASK_IF.test(lower)) return true;
  const inverted = YES_NO_INVERTED.exec(lower);
  if (inverted && !QUESTION_WORD.test(lower.slice(0, inverted.index))) return true;
  if (lower.split(CLAUSE_BREAK).some((clause) => openers.test(clause) && !NOT_YES_NO.test(clause))) return true;
  // "today patti fail MFA or no? she say …": a tag that ends an earlier question tags that one.
  const tag = YES_NO_TAG.exec(lower) ?? TAG_BEFORE_QUESTION_MARK.exec(lower);
  const rest = (tag ? lower.slice(0, tag.index) : lower).replace(TAG_ENDING_QUESTION, ' ');
  const questions = (lower.replace(TAG_ENDING_QUESTION, ' ').match(QUESTIONS) ?? []).map((q) => q.trim());
  // "my password is expired? i cannot remember when …": a question word outside the state's own question asks nothing.
  if (questions.some((question) => STATE_QUESTION.test(question) && !QUESTION_WORD.test(question))) return true;
  if (QUESTION_WORD.test(rest)) return false;
  return (
    tag !== null ||
    (YES_NO_PARTICLE.test(lower) && /\?\s*$/u.test(lower)) ||
    // ("Outlook ligt plat bij ons, storing bij Microsoft?": the noun question may be the last clause.)
    questions.some((question) => OUTAGE_NOUN_QUESTION.test(question.split(CLAUSE_BREAK).at(-1)!))
  );
}

export const NO_FORM: QuestionForm = {
  counting: false,
  yesNo: false,
  outage: false,
  presentTense: false,
  intrusion: false,
};

/** The form of `lower` (lower-cased text with no pasted screen); yes/no openers of `language` only, when given. */
export function findForm(lower: string, language?: Language): QuestionForm {
  const yesNo = language ? YES_NO_BY_LANGUAGE[language] : YES_NO;
  const intrusion = INTRUSION.test(lower) || (INTRUDERS.test(lower) && TRIES.test(lower) && ACCOUNTS.test(lower));
  return {
    counting: COUNTING.test(lower),
    // "somebody trying to hack into my account today?", "my phone keeps asking me to approve logins I never started":
    // whether anyone did.
    yesNo: isYesNo(lower, yesNo) || (intrusion && !QUESTION_WORD.test(lower.split(CLAUSE_BREAK).at(-1) ?? lower)),
    // "has anyone else been using my account?": someone else in the asker's account, not an outage.
    outage:
      !intrusion &&
      (OUTAGE.test(lower) ||
        OUTAGE_STATE.test(lower.replace(NOT_OUTAGE, (m) => ' '.repeat(m.length))) ||
        DOES_NOT_WORK.test(lower) ||
        LIES_OUT.test(lower) ||
        (lower.match(QUESTIONS) ?? []).some((question) => OUTAGE_NOUN_QUESTION.test(question.trim()))),
    presentTense: PRESENT_TENSE.test(lower) || PRESENT_AROUND_NAME.test(lower),
    intrusion,
  };
}

/**
 * The sentences that ask about an outage: "is sign-in down for everyone?" asks about everyone, while "is Salesforce
 * down? nobody in sales can log in" asks whether Salesforce is down (the second sentence is the reason for asking).
 */
export function outageSentences(text: string, language: Language): string {
  const isOutage = (sentence: string) => findForm(sentence, language).outage;
  // ("is there an outage with Contoso Expenses? finance says nobody can log in": the question asks; the rest is why.)
  const asked = questionClauses(text).filter(isOutage);
  if (asked.length > 0) return asked.join(' ');
  return text
    .split(/(?<=[?!.])\s+/u)
    .filter(isOutage)
    .join(' ');
}

/**
 * Within those, the clauses that ask: "sign-ins seem broken for half the office, is something down?" asks whether
 * something is down, not about half the office (the asker's own story, "I can't get into X, is it just me?", is
 * still read from the whole sentence for the asker).
 */
export function outageClauses(text: string, language: Language): string {
  const sentences = outageSentences(text, language);
  const clauses = sentences.split(/(?<=,)/u).filter((clause) => findForm(clause, language).outage);
  return clauses.length > 0 ? clauses.join(' ') : sentences;
}
