/**
 * "Did you mean Megan Bowen?" for a name the directory does not have ("megn bowne"): people whose
 * name parts are each within a small edit distance of a typed word. Candidates come from the same
 * prefix search the directory already offers (the first two letters of each typed word, so a typo
 * later in the word still finds them); only readers get here (src/answers/resolve.ts).
 */
import { editDistance } from '../shared/editDistance';
import type { PeopleDirectory, Person } from './people';

const PREFIX = 2;
const CANDIDATES_PER_PREFIX = 25;

/** Edits allowed per word: one for short words, two from eight letters. */
const allowedEdits = (word: string) => (word.length >= 8 ? 2 : 1);

const wordsOf = (name: string) =>
  name
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}'-]+/u)
    .filter((w) => w.length >= PREFIX);

export async function closeMatches(people: PeopleDirectory, typed: string, limit = 3): Promise<Person[]> {
  const typedWords = wordsOf(typed);
  if (typedWords.length === 0) return [];
  const prefixes = [...new Set(typedWords.map((w) => w.slice(0, PREFIX)))];
  const found = new Map<string, Person>();
  for (const prefix of prefixes) {
    for (const person of await people.search(prefix, CANDIDATES_PER_PREFIX)) found.set(person.id, person);
  }
  const scored: Array<{ person: Person; edits: number }> = [];
  for (const person of found.values()) {
    const edits = matchEdits(typedWords, wordsOf(person.displayName));
    if (edits !== null && edits > 0) scored.push({ person, edits });
  }
  scored.sort((a, b) => a.edits - b.edits || a.person.displayName.localeCompare(b.person.displayName));
  return scored.slice(0, limit).map((s) => s.person);
}

/** Each typed word matched to a different name part within its allowed edits: the total edits, or null. */
function matchEdits(typed: string[], parts: string[]): number | null {
  if (typed.length > parts.length) return null;
  const used = new Set<number>();
  let total = 0;
  for (const word of typed) {
    let best: { index: number; edits: number } | null = null;
    parts.forEach((part, index) => {
      if (used.has(index)) return;
      // "meg" for "Megan": a short form typed as the start of the name counts as one edit.
      const edits =
        word.length >= 3 && part.startsWith(word) ? Math.min(1, part.length - word.length) : editDistance(word, part);
      if (edits <= allowedEdits(part) && (!best || edits < best.edits)) best = { index, edits };
    });
    if (!best) return null;
    const { index, edits } = best as { index: number; edits: number };
    used.add(index);
    total += edits;
  }
  return total;
}
