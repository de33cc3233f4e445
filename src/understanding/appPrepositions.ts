/**
 * The words before an app: prepositions ("log into Outlook", "inloggen bij AFAS"), and which of them are weak ("problemen
 * bij Ruud" names a person) unless a sign-in verb or a negated modal comes before.
 */
import { alternation } from './phrases';
import type { Token } from './tokens';
import { merged } from './words';

export const PREPOSITIONS = new Set(merged((w) => w.app.prepositions).filter((p) => !p.includes(' ')));
const WEAK_PREPOSITIONS = new Set(merged((w) => w.app.weakPrepositions));
const STRONG_AFTER_SIGN_IN = new Set(merged((w) => w.app.strongAfterSignIn));
const SIGN_IN_BEFORE = new RegExp(`${alternation(merged((w) => w.intent.signin))}\\s+$`, 'u');
const ACCESS_BEFORE = new Set(merged((w) => w.app.accessBefore));
/** How many words before the preposition a modal verb may stand ("kan sinds vanochtend niet bij"). */
const ACCESS_REACH = 5;
const BLOCKED_FROM = new Set(merged((w) => w.app.blockedFrom));
const REFUSED_BY = new Set(merged((w) => w.app.refusedBy));

/** "out of" counts as one preposition ("locked out of Salesforce"); "from" only after "blocked" and the like. */
export function prepositionAt(tokens: Token[], i: number): number {
  if (tokens[i].word === 'out' && tokens[i + 1]?.word === 'of') return 2;
  if (tokens[i].word === 'from' && i > 0 && BLOCKED_FROM.has(tokens[i - 1].word)) return 1;
  if ((tokens[i].word === 'by' || tokens[i].word === 'door') && i > 0 && REFUSED_BY.has(tokens[i - 1].word)) return 1;
  return PREPOSITIONS.has(tokens[i].word) || WEAK_PREPOSITIONS.has(tokens[i].word) ? 1 : 0;
}

/** "bij" is weak ("problemen bij Ruud") unless it follows a sign-in verb ("inloggen bij AFAS") or a negated modal ("kan niet bij Contoso Expenses"). */
export function isWeak(tokens: Token[], i: number, original: string): boolean {
  const preposition = tokens[i];
  if (!WEAK_PREPOSITIONS.has(preposition.word)) return false;
  const before = tokens.slice(Math.max(0, i - ACCESS_REACH), i);
  if (before.at(-1)?.word === 'niet' && before.some((t) => ACCESS_BEFORE.has(t.word))) return false;
  return !(
    STRONG_AFTER_SIGN_IN.has(preposition.word) &&
    SIGN_IN_BEFORE.test(original.slice(0, preposition.start).toLowerCase())
  );
}
