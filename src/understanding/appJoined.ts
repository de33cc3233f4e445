/**
 * An app joined on after something else, with no preposition of its own: "what's going on with Johanna de Vries and
 * Contoso Expenses?". Only a name whose words are typed in capitals or are no everyday words, and whose last word is an
 * app's own word ("Expenses", "Portal") or a known app, counts: "Megan and Debra" stay people.
 */
import { Token, adjacent } from './tokens';
import { allStrings, everydayWords, merged } from './words';
import { appNouns, knownApps } from './words/apps';

const JOINING_WORDS = new Set(merged((w) => w.app.beforeJoinedApp));
/** Never inside an app's name, however typed. */
const NEVER_IN_NAME = new Set(
  merged((w) => [...w.app.notApps, ...w.app.articles, ...allStrings(w.time).flatMap((t) => t.split(' '))]),
);
/** Inside a name only when typed with a capital ("Contoso Payroll Portal"). */
const COMMON_WORDS = new Set(merged((w) => w.notNames));
const APP_WORDS = new Set([...appNouns, ...knownApps.filter((a) => !a.includes(' '))]);
const MAX_APP_WORDS = 4;
const CAPITAL = /^\p{Lu}/u;

export function appAfterJoin(work: string, original: string, tokens: Token[]): { start: number; end: number } | null {
  for (let i = 0; i < tokens.length - 2; i++) {
    if (!JOINING_WORDS.has(tokens[i].word)) continue;
    let next = i + 1;
    let appEnd = -1;
    while (next < tokens.length && next - i <= MAX_APP_WORDS && adjacent(work, tokens[next - 1], tokens[next])) {
      const token = tokens[next];
      const nameLike =
        !NEVER_IN_NAME.has(token.word) &&
        (CAPITAL.test(original.slice(token.start, token.end)) ||
          !(everydayWords.has(token.word) || COMMON_WORDS.has(token.word)));
      if (!nameLike && !APP_WORDS.has(token.word)) break;
      if (APP_WORDS.has(token.word)) appEnd = next;
      next += 1;
    }
    if (appEnd >= i + 2) return { start: tokens[i + 1].start, end: tokens[appEnd].end };
  }
  return null;
}
