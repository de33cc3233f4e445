/**
 * What a tenant-wide question asks for (TenantAsk): a ranking ("which apps fail most", "top
 * errors", "welke landen"), who is locked out now, or who failed (people). Ranking phrases are
 * masked so that none of their words ("meeste", "most") is read as a name or an app.
 */
import type { Subject, TenantAsk } from './question';
import type { FailureCategory } from '../shared/types';
import { alternation, END, mask, START, wordsRegex } from './phrases';
import { merged } from './words';
import { mentionsSelf } from './subjectWords';
import { questionSentences } from './questionClauses';

const RANKINGS = (['top-apps', 'top-codes', 'top-countries'] as const).map(
  (ask) => [ask, wordsRegex(merged((w) => w.filters.tenantAsks[ask]))] as const,
);
const PEOPLE = wordsRegex(merged((w) => w.filters.peopleWords));
/** "which new hires", "welke nieuwe medewerkers": a which-phrase of `peopleWords` with one describing word inside. */
const WHICH_DESCRIBED_PEOPLE = (() => {
  const which = merged((w) => w.filters.whichPeople.which);
  const nouns = merged((w) => w.filters.peopleWords).flatMap((phrase) => {
    const [first, ...rest] = phrase.split(' ');
    return rest.length === 1 && which.includes(first) ? rest : [];
  });
  const notDescribing = alternation(merged((w) => w.filters.whichPeople.notDescribing));
  return new RegExp(
    `${START}${alternation(which)}\\s+(?!${notDescribing}${END})[\\p{L}'-]+\\s+${alternation(nouns)}${END}`,
    'u',
  );
})();
/** "which colleagues", "hoeveel mensen", "which new hires": a which- or how-many-phrase of `peopleWords` (not "who"). */
const WHICH_PEOPLE = wordsRegex(
  merged((w) => w.filters.peopleWords).filter((phrase) =>
    merged((w) => [...w.filters.whichPeople.which, ...w.filters.whichPeople.howMany]).includes(phrase.split(' ')[0]),
  ),
);

/**
 * Asks about many people by kind ("which colleagues got 50055", "welke users"), or asks "who" in a question of its own
 * that leaves the asker out ("… my team is panicking. who else can't get in?", "wie had er MFA-fouten? ik zie
 * klachten"): they, not the asker, are asked about.
 */
export function asksWhichPeople(text: string): boolean {
  return (
    WHICH_PEOPLE.test(text) ||
    WHICH_DESCRIBED_PEOPLE.test(text) ||
    questionSentences(text).some((sentence) => PEOPLE.test(sentence) && !mentionsSelf(sentence))
  );
}
const NOW = wordsRegex(merged((w) => w.filters.nowWords));
const LOCKED_ACCOUNTS = wordsRegex(merged((w) => w.filters.lockedAccounts));
/** "who is locked out", "which accounts are locked", "welke accounts zijn geblokkeerd": a state, not an event. */
const STATE_VERB = wordsRegex(['is', 'are', 'zijn', 'staat', 'staan', 'zit', 'zitten']);

/** "where are the failed sign-ins coming from?", "waar komen de mislukte aanmeldingen vandaan?": whatever is between. */
const WHERE_FROM =
  /(?<![\p{L}\p{N}])(?:where\s+(?:in\s+the\s+world\s+)?(?:are|do|did|were|is|does)\s+(?:[^\s?!.,]+\s+){0,6}?(?:coming|come|came)\s+from|waar\s+(?:komen|kwamen|komt|kwam)\s+(?:[^\s?!.,]+\s+){0,6}?vandaan)(?![\p{L}\p{N}])/u;

/** The ranking a question asks for, with its phrase masked. */
export function findRanking(text: string): { ranking: TenantAsk | null; text: string } {
  for (const [ask, regex] of RANKINGS) {
    const m = regex.exec(text);
    if (m) return { ranking: ask, text: mask(text, m.index, m.index + m[0].length) };
  }
  const where = WHERE_FROM.exec(text);
  if (where) return { ranking: 'top-countries', text: mask(text, where.index, where.index + where[0].length) };
  return { ranking: null, text };
}

export interface TenantAskClues {
  ranking: TenantAsk | null;
  subject: Subject | null;
  category: FailureCategory | null;
  /** A time was named: "who is locked out this week" asks who got locked out, not who still is. */
  hasTime: boolean;
  /** The text the signal words were read from (ids and times masked). */
  text: string;
}

/** Only for questions about everyone: a question about one person is answered as that person's. */
export function decideTenantAsk(c: TenantAskClues): TenantAsk | null {
  if (c.subject?.kind !== 'anyone') return null;
  if (c.ranking) return c.ranking;
  const people = PEOPLE.test(c.text) || WHICH_DESCRIBED_PEOPLE.test(c.text);
  const state = !c.hasTime && ((people && STATE_VERB.test(c.text)) || LOCKED_ACCOUNTS.test(c.text));
  if (c.category === 'lockout' && (NOW.test(c.text) || state)) return 'locked-now';
  return people ? 'people' : null;
}
