/**
 * A fix asked for in words — "can you unlock Megan's account?", "revoke Patti's sessions", "reset MFA
 * for Lynne", "ontgrendel Megan" — as the fix and the person (their name as typed, or an @mention,
 * or the asker themselves). The words are data (words/fixes.ts); who may ask and what exists is
 * decided later (src/answers/fixes.ts).
 */
import type { FixAsked, Subject } from './question';
import { FIX_FILLER, FIX_PHRASES, QUESTION_START, SELF_WORDS } from './words/fixes';

export interface FixRequest {
  fix: FixAsked;
  /** Null: no one named (the caller asks the question as it would any other). */
  subject: Subject | null;
}

/** The fix asked for in `text` (with @mentions masked), or null; `mentionIndex`: the first @mention in it. */
/** The most words a person's name takes ("Johanna de Vries-Bakker"). */
const MAX_NAME_WORDS = 5;

export function findFixRequest(text: string, lower: string, mentionIndex: number | null): FixRequest | null {
  if (QUESTION_START.test(lower)) return null;
  const found = FIX_PHRASES.find(([, pattern]) => pattern.test(lower));
  if (!found) return null;
  if (mentionIndex !== null) return { fix: found[0], subject: { kind: 'mention', index: mentionIndex } };
  const words = text
    .replace(/['’]s\b/gi, ' ')
    .replace(/[?!.,;:()"]/g, ' ')
    .split(/\s+/)
    .filter((w) => /^[\p{L}][\p{L}.'’-]*$/u.test(w) && !FIX_FILLER.has(w.toLowerCase()));
  // A name is a few words: a longer rest is a message that quotes a fix ("… an admin can re-enable this account").
  if (words.length > MAX_NAME_WORDS) return null;
  if (words.length > 0) return { fix: found[0], subject: { kind: 'person', text: words.join(' ') } };
  return { fix: found[0], subject: SELF_WORDS.test(lower) ? { kind: 'self' } : null };
}
