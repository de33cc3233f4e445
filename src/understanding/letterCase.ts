/**
 * Letter case: lower case that keeps every offset, and a message typed in capitals ("WHY CANT DEBRA BERGER LOG IN"),
 * read as if typed in lower case, so capitals are no sign of a name; the names, app and country found are then given
 * back as typed.
 */
import type { Question } from './question';

const MIN_LETTERS = 8;
const SHOUTED_SHARE = 0.9;
/** Teams mentions keep their casing: the name inside is the person's own. */
const MENTION = /<at[^>]*>.*?<\/at>/giu;

/** Whether most letters outside mentions are capitals. */
export function isShouted(text: string): boolean {
  const letters = text.replace(MENTION, ' ').match(/\p{L}/gu) ?? [];
  const capitals = letters.filter((ch) => ch !== ch.toLowerCase() && ch === ch.toUpperCase()).length;
  return letters.length >= MIN_LETTERS && capitals / letters.length >= SHOUTED_SHARE;
}

/** `text` in lower case, mentions left as they are. */
export function quieted(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MENTION)) {
    out += text.slice(last, m.index).toLowerCase() + m[0];
    last = m.index + m[0].length;
  }
  return out + text.slice(last).toLowerCase();
}

/** `value` as it was typed in `text` (found case-insensitively), or as it is. */
function asTyped(value: string, text: string): string {
  const at = text.toLowerCase().indexOf(value.toLowerCase());
  return at >= 0 && text.toLowerCase().length === text.length ? text.slice(at, at + value.length) : value;
}

/** The parse of the quieted `text` with its names, app and country as typed. */
export function withTypedCase(question: Question, text: string): Question {
  const { subject, app, country } = question;
  return {
    ...question,
    subject: subject?.kind === 'person' ? { ...subject, text: asTyped(subject.text, text) } : subject,
    app: app === null ? null : asTyped(app, text),
    country: country?.name ? { ...country, name: asTyped(country.name, text) } : country,
  };
}

/** Lower case without moving any offset (a few characters grow when lower-cased, e.g. "İ"). */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return Array.from(text, (ch) => {
    const l = ch.toLowerCase();
    return l.length === ch.length ? l : ch;
  }).join('');
}
