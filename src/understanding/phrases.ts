/**
 * Turns the word lists of `words/` into regular expressions. A phrase is plain lower-case text:
 * a space matches any run of white space, a trailing `*` the rest of the word, a `…` between words
 * up to five filler words of `gapWords` (Dutch separable verbs: "logt … uit" = "logt me steeds uit"). Matching is
 * done on lower-cased text, so no `i` flag is needed.
 */
import { merged } from './words';

const WORD_CHAR = '\\p{L}\\p{M}\\p{N}';
/** Word boundaries that also work for letters outside ASCII (`\b` does not). */
export const START = `(?<![${WORD_CHAR}])`;
export const END = `(?![${WORD_CHAR}])`;

/** Stands in for text already understood (a time, an id, an app), so later steps skip it. */
export const MASK = '\u0001';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Up to five filler words ("me", "steeds", "de hele tijd") and the space after each, for a `…` in a phrase: never a name. */
const GAP = `(?:(?:${merged((w) => w.gapWords)
  .map(escapeRegExp)
  .join('|')})\\s+){0,5}?`;

export function phraseSource(phrase: string): string {
  const open = phrase.endsWith('*');
  const body = open ? phrase.slice(0, -1) : phrase;
  const words = body.split(' ');
  const source = words
    .map((word, i) => (word === '…' ? GAP : escapeRegExp(word) + (i < words.length - 1 ? '\\s+' : '')))
    .join('');
  return open ? `${source}[${WORD_CHAR}'-]*` : source;
}

/** `(?:a|b|c)` over the phrases, longest first so that "in the last" wins over "last". */
export function alternation(phrases: readonly string[]): string {
  const unique = [...new Set(phrases)].filter((p) => p.length > 0);
  unique.sort((a, b) => b.length - a.length);
  return `(?:${unique.map(phraseSource).join('|')})`;
}

/** Matches any of the phrases as whole words. */
export function wordsRegex(phrases: readonly string[], flags = 'u'): RegExp {
  return new RegExp(`${START}${alternation(phrases)}${END}`, flags);
}

/** Replaces [start, end) of `text` with MASK characters, keeping every other offset in place. */
export function mask(text: string, start: number, end: number): string {
  return text.slice(0, start) + MASK.repeat(end - start) + text.slice(end);
}
