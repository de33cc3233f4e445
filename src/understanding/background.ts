/**
 * Background before a question: "We started the MFA rollout yesterday and Finance keeps calling. Why can't Pradeep get
 * into Contoso Expenses this morning?" When the last sentence is a complete question of its own (about a person,
 * everyone, or the asker after sentences about others) and the sentences before it are not about that subject, they
 * only fill in what the question leaves open and names as a fact: an app, a code, an id, a platform or a country.
 * Their time and their kind of failure are the background's, not the question's.
 */
import { typedBeforeScreen } from './chatWords';
import type { Question } from './question';
import { wordsRegex } from './phrases';
import { SELF_AS_SUBJECT, THIRD_PERSON } from './subjectWords';
import { tokenize } from './tokens';
import { merged } from './words';

const SOMEONE_ELSE = new RegExp(wordsRegex(merged((w) => w.subject.someoneElse)).source, 'gu');
const ASKER = new Set([...SELF_AS_SUBJECT, ...merged((w) => w.subject.self).filter((s) => !s.includes(' '))]);

/** "half my team got locked out": about others ("my team", a name, everyone), and not about the asker as well. */
function aboutOthersOnly(background: string, read: (text: string) => Question): boolean {
  const lower = background.toLowerCase();
  const others = lower.replace(SOMEONE_ELSE, ' ');
  if (tokenize(others).some((t) => ASKER.has(t.word))) return false;
  const kind = read(background).subject?.kind;
  return others !== lower || kind === 'person' || kind === 'anyone';
}

const PARTICLES = new Set(merged((w) => w.subject.nameParticles));
const SENTENCE_BREAK = /(?<=[.!?])\s+(?=\S)/u;

/** Whether the background names the question's subject ("Lars called, his password expired. Why can't Lars …?"). */
function aboutSubject(background: string, question: Question): boolean {
  const subject = question.subject;
  if (subject?.kind === 'person') {
    // Whole words, and not the particles of a name ("de" of "Johanna de Vries" is no mention of her).
    const said = new Set(tokenize(background.toLowerCase()).map((t) => t.word));
    return subject.text
      .toLowerCase()
      .split(/\s+/u)
      .some((w) => !PARTICLES.has(w) && said.has(w));
  }
  return true;
}

/** The question read with its background, or null when `text` is no background and a complete question. */
export function withBackground(text: string, read: (text: string) => Question): Question | null {
  if (typedBeforeScreen(text) !== text) return null;
  const sentences = text.trim().split(SENTENCE_BREAK);
  // The last question, with what follows it ("… this morning? thanks").
  const asked = sentences.map((sentence) => /\?\s*$/u.test(sentence)).lastIndexOf(true);
  if (asked < 1) return null;
  const last = sentences.slice(asked).join(' ');
  // "Megan called. Why can't she log in?": "she" is in the background.
  if (tokenize(last.toLowerCase()).some((t) => THIRD_PERSON.has(t.word))) return null;
  const question = read(last);
  const kind = question.subject?.kind;
  if (question.intent === 'unknown' || question.context === 'continued') return null;
  const background = sentences.slice(0, asked).join(' ');
  // The asker's own background is about the asker ("locked out again. why?"), unless it says whom else it is about
  // ("half my team got locked out by that spray. did anyone try to get into my account too?").
  if (kind === 'self') {
    if (!aboutOthersOnly(background, read)) return null;
  } else if ((kind !== 'person' && kind !== 'anyone') || aboutSubject(background, question)) return null;
  const whole = read(text);
  return {
    ...question,
    app: question.app ?? whole.app,
    errorCode: question.errorCode ?? whole.errorCode,
    requestId: question.requestId ?? whole.requestId,
    correlationId: question.correlationId ?? whole.correlationId,
    platform: question.platform ?? whole.platform,
    country: question.country ?? whole.country,
    language: whole.language,
  };
}
