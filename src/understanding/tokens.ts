/** Words of a (partly masked) text, with their offsets, for finding apps and names. */

export interface Token {
  /** Lower-case text of the word. */
  word: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{M}\p{N}_]+(?:['.-][\p{L}\p{M}\p{N}_]+)*'?/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    // A trailing apostrophe belongs to the word only as a possessive ("James'"), not as a closing quote.
    let word = m[0];
    if (word.endsWith("'") && !/s'$/.test(word)) word = word.slice(0, -1);
    tokens.push({ word, start: m.index, end: m.index + word.length });
  }
  return tokens;
}

/** Two neighbouring words belong to one name or app only when nothing but spaces separates them. */
export function adjacent(text: string, left: Token, right: Token): boolean {
  return /^\s+$/.test(text.slice(left.end, right.start));
}

/** "bob's" → "bob", "James'" → "James"; other apostrophes stay ("O'Brien"). */
export function withoutPossessive(word: string): string {
  return word.replace(/'s$|(?<=s)'$/i, '');
}

export function isPossessive(word: string): boolean {
  return /'s$|s'$/i.test(word);
}
