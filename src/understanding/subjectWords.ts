/**
 * Words for who a question is about besides a name: the asker ("I", "mijn"), everyone ("who", "welke gebruikers"),
 * sign-in events in the plural, and follow-up openers ("what about", "en voor").
 */
import { END, START, alternation, mask, wordsRegex } from './phrases';
import { tokenize } from './tokens';
import { questionClauses, questionSentences } from './questionClauses';
import type { Subject } from './question';
import { merged } from './words';

const SELF = new Set(merged((w) => w.subject.self));
export const SELF_AS_SUBJECT = new Set(merged((w) => w.subject.selfAsSubject));
export const THIRD_PERSON = new Set(merged((w) => w.subject.thirdPerson));
const NOT_SELF = new RegExp(wordsRegex(merged((w) => [...w.subject.notSelf, ...w.subject.someoneElse])).source, 'gu');
const SOMEONE_ELSE = wordsRegex(merged((w) => w.subject.someoneElse));
const ANYONE = wordsRegex(merged((w) => w.subject.anyone));
const HELPER_ASKED = new RegExp(wordsRegex(merged((w) => w.subject.helperAsked)).source, 'gu');
const PLURAL_EVENTS = wordsRegex(merged((w) => w.subject.pluralEvents));
const EVENT_HEADING = new RegExp(`^\\s*${alternation(merged((w) => w.subject.eventHeadings))}${END}`, 'u');
const SELF_WHEN_NO_SUBJECT = wordsRegex(merged((w) => w.subject.selfWhenNoSubject));
const FOLLOW_UP_OPENER = new RegExp(`^\\s*${alternation(merged((w) => w.subject.followUpOpeners))}${END}`, 'u');
/** "Irvin too?", "can you check the weekend too", "Tom heeft hetzelfde": a follow-up said at the end or in passing. */
const FOLLOW_UP_MARK = new RegExp(
  `${START}${alternation(merged((w) => w.subject.followUpMarks))}${END}|` +
    `\\s${alternation(merged((w) => w.subject.followUpClosers))}[\\s?!.]*$`,
  'u',
);

/**
 * "I", "my", "ik", "mijn" — but not the "me" of "show me" / "laat me zien". `asSubjectOnly`: not "me" at all ("look up
 * request … for me": the request is someone's, not the asker's).
 */
export function mentionsSelf(work: string, asSubjectOnly = false): boolean {
  const text = work.replace(NOT_SELF, (m) => ' '.repeat(m.length));
  const words = asSubjectOnly ? SELF_AS_SUBJECT : SELF;
  return tokenize(text).some((t) => words.has(t.word));
}

/** "he", "she", "haar": someone else, named before or elsewhere. */
export function mentionsThirdPerson(work: string): boolean {
  return tokenize(work).some((t) => THIRD_PERSON.has(t.word));
}

export function mentionsAnyone(work: string): boolean {
  return ANYONE.test(work.replace(HELPER_ASKED, (m) => ' '.repeat(m.length)));
}

/** "failed logins to the VPN", or a list's heading ("geblokkeerd door voorwaardelijke toegang vandaag"). */
export function mentionsPluralEvents(work: string): boolean {
  return PLURAL_EVENTS.test(work) || EVENT_HEADING.test(work);
}

/** "cant sign in to outlook": no one named, but the asker means themselves (not "my manager can't …"). */
export function impliesSelf(work: string): boolean {
  return SELF_WHEN_NO_SUBJECT.test(work) && !SOMEONE_ELSE.test(work);
}

/** A follow-up opener at the start ("what about", "and", "en voor") or mark; returns the text with it masked. */
export function followUpOpener(work: string): string | null {
  const m = FOLLOW_UP_OPENER.exec(work) ?? FOLLOW_UP_MARK.exec(work);
  return m ? mask(work, m.index, m.index + m[0].length) : null;
}

/**
 * Whom an explanation is for: "our intern forwarded me an error … I have no clue. what does that mean?" asks about the
 * code, not the asker or the others in its story; the asker only when the question itself says so ("how do I fix 50126").
 */
export function explainedFor(subject: Subject | null, text: string): Subject | null {
  if (subject?.kind === 'anyone') return null;
  if (subject?.kind !== 'self') return subject;
  const questions = questionSentences(text);
  // ("pls explain error 50057 in simple words, i need to tell the user": the asker explains it to someone else.)
  if (questions.length === 0) return SOMEONE_ELSE.test(text) ? null : subject;
  return mentionsSelf(questions.at(-1)!) ? subject : null;
}

/**
 * Where a name (and the asker) stands against the question sentences: aside ("who else got 500121? I don't think Patti is the only
 * one"), or pointed back to from a question that does not repeat it ("Megan called. who locked her out?" is about Megan).
 */
export function namePlace(
  name: string | null | undefined,
  text: string,
  intrusion: boolean,
): { personAside: boolean; personPointedBack: boolean; selfAside: boolean } {
  const questions = questionClauses(text.toLowerCase());
  // ("anyone still locked out atm? need to know before i leave": the asker only tells why they ask; but "something
  // feels off with my account. has somebody been trying to break in?" asks about the asker's own account.)
  const selfAside =
    !intrusion &&
    questions.some(mentionsAnyone) &&
    !questions.some((q) => mentionsSelf(q)) &&
    mentionsSelf(text.toLowerCase());
  if (!name || questions.length === 0 || questions.some((q) => q.includes(name.toLowerCase())))
    return { personAside: false, personPointedBack: false, selfAside };
  const pointedBack = questions.some(mentionsThirdPerson);
  return { personAside: !pointedBack, personPointedBack: pointedBack, selfAside };
}
