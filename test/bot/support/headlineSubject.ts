/**
 * Issue 22's headline check, shared by the suites that ask questions over HTTP and look at what the headline is
 * about (test/bot/headlineSubject.test.ts, test/bot/headlineSubjectBlind.test.ts). By meaning, not by sentence:
 * - about a person: the headline names that person (display name or first name) and no one else;
 * - about yourself: it speaks to you and names no one else;
 * - about the whole tenant: it speaks of people, apps, countries, sign-ins or nobody — it does not lead with one
 *   person as its subject; a ranking names the top one of what was asked for;
 * - about a request id of the log: it names the one person the sign-in belongs to (or speaks to them, when they
 *   asked), and no one else — a "nothing found for <id>" is not about it.
 * And the subtitle under the headline (what the answer covered) never repeats the headline.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DEMO_PEOPLE, type DemoPerson } from '../../../src/demo/people';
import { countryName, wording } from '../../../src/cards/wording';
import { cardsIn, postActivity, teamsMessage, type AskerInfo } from '../../../src/tools/activities';
import { cardProblems } from '../../cards/validateCard';
import type { RunningApp } from '../../support/app';
import type { El } from './cardParts';

export type Subject = { person: string } | 'self' | 'tenant' | 'request';
export type Locale = 'en-US' | 'nl-NL';
/** A tenant-wide ranking: the headline names the top one of what was asked for (an app, an error code, a country). */
export type Rank = 'apps' | 'codes' | 'countries';

/** One question as asked: the text is final (a request id already filled in). */
export interface AskedQuestion {
  asker: string;
  locale: Locale;
  /** Asked first in the same conversation (a follow-up's question). */
  before?: string;
  question: string;
  subject: Subject;
  rank?: Rank;
  /** For a request id: the sign-in it names (its id is accepted as the headline's subject, and its owner). */
  request?: SignIn;
}

export const personNamed = (name: string): DemoPerson => {
  const found = DEMO_PEOPLE.find((p) => p.displayName === name);
  if (!found) throw new Error(`no demo person called ${name}`);
  return found;
};

let conversations = 0;

/**
 * Asks `q` over HTTP (its `before` first, in the same conversation) and returns the one card of the answer; the
 * card must pass validation.
 */
export async function askOverHttp(running: RunningApp, q: AskedQuestion): Promise<El> {
  conversations += 1;
  const asker = personNamed(q.asker);
  const who: AskerInfo = {
    aadObjectId: asker.id,
    name: asker.displayName,
    locale: q.locale,
    conversationId: `a:subject-${conversations}`,
  };
  if (q.before) await postActivity(running.url, teamsMessage(q.before, who));
  const cards = cardsIn(await postActivity(running.url, teamsMessage(q.question, who)));
  if (cards.length !== 1) throw new Error(`expected one card, got ${cards.length}`);
  const problems = cardProblems(cards[0]);
  if (problems.length) throw new Error(`the card does not validate: ${problems.join('; ')}`);
  return cards[0];
}

/** The headline (the card's heading) and the subtitle (the first subtle line after it), as the person sees them. */
export function headlineAndSubtitle(card: El): { headline: string; subtitle: string | null } {
  const blocks: El[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as El;
    if (el.isVisible === false) return;
    if (el.type === 'TextBlock') blocks.push(el);
    for (const [key, value] of Object.entries(el)) if (key !== 'card' && key !== 'actions') walk(value);
  };
  walk(card.body);
  const at = blocks.findIndex((b) => b.style === 'heading');
  if (at < 0) return { headline: '', subtitle: null };
  const subtitle = blocks.slice(at + 1).find((b) => b.isSubtle === true);
  return { headline: String(blocks[at].text), subtitle: subtitle ? String(subtitle.text) : null };
}

const word = (name: string) => new RegExp(`(^|[^\\p{L}])${name}([^\\p{L}]|$)`, 'u');
/**
 * People named in `text`: by display name, or by first name alone (the verdicts say "Megan's account …") when no
 * one of that first name is named in full (Johanna Lorenz and Johanna de Vries, Alex Wilber and Alex Darrow).
 */
export function peopleNamed(text: string): string[] {
  const inFull = DEMO_PEOPLE.filter((x) => word(x.displayName).test(text));
  const byFirst = DEMO_PEOPLE.filter(
    (x) => !inFull.some((y) => y.givenName === x.givenName) && word(x.givenName).test(text),
  );
  return [...inFull, ...byFirst].map((x) => x.displayName);
}
const YOU = /\b(you|your|yours|je|jij|jou|jouw|mijn)\b/i;
/** Words that make a headline about many: people, apps, countries, codes, sign-ins, an outage, or nobody. */
const MANY =
  /\b(people|persons?|everyone|nobody|no one|apps?|countries|codes?|sign-ins|attempts|outage|tenant-wide|organi[sz]ation|mensen|personen|persoon|iedereen|niemand|landen|foutcodes|aanmeldingen|aanmeldpogingen|storing|organisatie)\b/i;

/** What the top of a ranking may be called: the apps and countries of the log (in the asker's language), or a code. */
function rankedAs(records: readonly SignIn[], rank: Rank, locale: Locale): (headline: string) => boolean {
  if (rank === 'codes') return (h) => /\b\d{5,6}\b/.test(h);
  const names =
    rank === 'apps'
      ? new Set(records.map((r) => r.appDisplayName ?? ''))
      : new Set(
          records.map((r) => countryName(r.location?.countryOrRegion ?? null, locale === 'nl-NL' ? 'nl' : 'en') ?? ''),
        );
  names.delete('');
  return (h) => [...names].some((name) => h.includes(name));
}

/** Headlines that answer no subject at all: not understood, nobody found, or a refusal of someone else's sign-ins. */
const NO_SUBJECT = new Set(
  (['en', 'nl'] as const).flatMap((l) => {
    const w = wording(l);
    return [w.unknownTitle, w.notFoundTitle, w.notAllowedTitle, w.refusedTitle];
  }),
);

/** How the headline misses the subject asked (empty: it is about what was asked). */
export function subjectMisses(q: AskedQuestion, headline: string, records: readonly SignIn[]): string[] {
  const misses: string[] = [];
  if (headline === '') return ['no headline'];
  if (NO_SUBJECT.has(headline)) return [`answers no subject: "${headline}"`];
  const named = peopleNamed(headline).filter((x) => x !== q.asker || q.subject === 'self');
  const others = (allowed: string | null) => named.filter((x) => x !== allowed);
  if (q.subject === 'self') {
    if (!YOU.test(headline)) misses.push('does not speak to the asker');
    if (others(q.asker).length) misses.push(`names ${others(q.asker).join(', ')}`);
  } else if (q.subject === 'tenant') {
    if (!MANY.test(headline)) misses.push('does not speak of many (people, apps, sign-ins, …)');
    // Not led by one person as its subject ("Megan Bowen's account was locked …").
    const lead = headline.replace(/^(yes|no|ja|nee)\W+/i, '');
    const leader = DEMO_PEOPLE.find((x) => lead.startsWith(x.displayName) || lead.startsWith(x.givenName));
    if (leader) misses.push(`led by ${leader.displayName}`);
    if (q.rank && !rankedAs(records, q.rank, q.locale)(headline)) misses.push(`does not name the top ${q.rank}`);
  } else if (q.subject === 'request') {
    // The id names one sign-in of the log: the headline is about it, so about its owner (or "you", theirs).
    const owner = q.request ? (DEMO_PEOPLE.find((x) => x.id === q.request!.userId)?.displayName ?? null) : null;
    if (owner === null) {
      if (!/request|aanvraag/i.test(headline)) misses.push('does not name the request');
    } else if (owner === q.asker ? !YOU.test(headline) : !named.includes(owner)) {
      misses.push(`does not name the request's owner, ${owner}`);
    }
    if (others(owner).length) misses.push(`names ${others(owner).join(', ')}`);
  } else {
    const asked = q.subject.person;
    if (!named.includes(asked)) misses.push(`does not name ${asked}`);
    if (others(asked).length) misses.push(`names ${others(asked).join(', ')}`);
  }
  return misses;
}

/** How the subtitle (what was covered) repeats the headline or the window it already says (empty: it does not). */
export function subtitleRepeats(q: AskedQuestion, headline: string, subtitle: string | null): string[] {
  if (subtitle === null) return [];
  const covered = subtitle.replace(/\s*\([^()]*\)\s*$/, '').trim();
  const out: string[] = [];
  if (covered === headline.trim() || headline.includes(covered)) out.push('the subtitle repeats the headline');
  const between = wording(q.locale === 'nl-NL' ? 'nl' : 'en').windowBetween.split(' ')[0];
  const window = covered.indexOf(` ${between} `);
  if (window >= 0 && headline.includes(covered.slice(window + 1))) out.push('the subtitle repeats the window');
  return out;
}
