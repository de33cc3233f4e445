/**
 * The shape of answer a question asks for, read from its words: a number ("how many"), a yes or no
 * ("is my account locked?", "heeft Miriam…"), whether something is down for everyone ("is there an
 * outage?"), and present tense ("why can't I sign in?": about now, unlike "why couldn't I…").
 */
import type { QuestionForm } from './question';
import { END, alternation, wordsRegex } from './phrases';
import { merged } from './words';

const COUNTING = wordsRegex(merged((w) => w.form.counting));
const OUTAGE = wordsRegex(merged((w) => w.form.outage));
const PRESENT_TENSE = wordsRegex(merged((w) => w.form.presentTense));
const INTRUSION = wordsRegex(merged((w) => w.form.intrusion));
/** Dutch puts the subject between verb and "niet": "waarom kan Megan Bowen niet inloggen", "lukt het Patti niet". */
const PRESENT_AROUND_NAME =
  /(?<![\p{L}\p{N}])(?:kan|lukt het|werkt het voor)\s+(?:[\p{L}'-]+\s+){1,3}?niet(?![\p{L}\p{N}])/u;
const INTRUDERS = wordsRegex(merged((w) => w.form.intruders));
const OWN_ACCOUNT = wordsRegex(merged((w) => w.form.ownAccount));
const TRIES = wordsRegex(merged((w) => w.form.tries));
/** Fillers before the first word of a question ("and", "ok so", "en"). */
const LEAD = `^[\\s\\p{P}]*(?:(?:and|so|ok|okay|hey|hi|en|dus|oke|oké|hoi|but|maar)[\\s,]+)*`;
const YES_NO = new RegExp(`${LEAD}${alternation(merged((w) => w.form.yesNoOpeners))}(?=[\\s,])`, 'u');
const NOT_YES_NO = new RegExp(`${LEAD}${alternation(merged((w) => w.form.notYesNo))}${END}`, 'u');

export const NO_FORM: QuestionForm = {
  counting: false,
  yesNo: false,
  outage: false,
  presentTense: false,
  intrusion: false,
};

/** The form of `lower` (lower-cased text with no pasted screen). */
export function findForm(lower: string): QuestionForm {
  return {
    counting: COUNTING.test(lower),
    yesNo: YES_NO.test(lower) && !NOT_YES_NO.test(lower),
    outage: OUTAGE.test(lower),
    presentTense: PRESENT_TENSE.test(lower) || PRESENT_AROUND_NAME.test(lower),
    intrusion: INTRUSION.test(lower) || (INTRUDERS.test(lower) && TRIES.test(lower) && OWN_ACCOUNT.test(lower)),
  };
}
