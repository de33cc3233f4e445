/**
 * Places beside names: "at a fair in Madrid", "zit in Berlijn", "Diego Siciliani in Milan". A run of name words right
 * after a place word is a place, not a person; a place word inside a run ends the name before it.
 */
import { START, alternation } from './phrases';
import { isPossessive, type Token } from './tokens';
import { merged } from './words';

const PLACE_BEFORE = new RegExp(`${START}${alternation(merged((w) => w.subject.placeBefore))}\\s+$`, 'u');
const NOT_PLACE_BEFORE = new Set(merged((w) => w.subject.notPlaceBefore));
const PARTICLES = new Set(merged((w) => w.subject.nameParticles));
const CAPITAL = /^\p{Lu}/u;

type Run = [number, number];

/**
 * "Diego Siciliani in Milan": a particle that also says where ("in", "te") ends the name before a capitalised word
 * ("Jan in 't Veld" keeps it: another particle follows).
 */
export function endBeforePlace(run: Run, tokens: Token[], original: string): Run {
  const [first, last] = run;
  const at = tokens.findIndex(
    (t, i) =>
      i > first &&
      i < last &&
      PLACE_BEFORE.test(`${t.word} `) &&
      !PARTICLES.has(tokens[i + 1].word) &&
      CAPITAL.test(original.slice(tokens[i + 1].start, tokens[i + 1].end)),
  );
  return at > 0 ? [first, at - 1] : run;
}

/** "in Madrid", "zit in Berlijn": a place; "in Megan's sign-ins" and "in Enrico Cattaneo account" are theirs. */
export function isPlace([first, last]: Run, tokens: Token[], work: string): boolean {
  return (
    PLACE_BEFORE.test(work.slice(0, tokens[first].start)) &&
    !isPossessive(tokens[last].word) &&
    !NOT_PLACE_BEFORE.has(tokens[last + 1]?.word ?? '')
  );
}
