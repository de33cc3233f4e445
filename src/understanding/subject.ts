/**
 * Whom the question names, from the words left after times, ids and apps are masked: a person's name as typed (the
 * asker and everyone are read in subjectWords.ts).
 *
 * A name is a run of words that are not known non-name words of the asker's language, joined
 * only by spaces, with particles inside ("Jan de Vries"). When there are several runs the first
 * one with a cue wins: a possessive ("bob's"), a word before it ("for", "did", "kon") or after it
 * ("can't", "heeft"); this keeps an unknown verb at the start ("pull up bob's logins") from
 * becoming the name.
 */
import type { Language } from '../shared/types';
import { END, START, alternation, mask } from './phrases';
import { SELF_AS_SUBJECT, THIRD_PERSON } from './subjectWords';
import { endBeforePlace, isPlace } from './places';
import { Token, adjacent, isPossessive, tokenize, withoutPossessive } from './tokens';
import { allStrings, everydayWords, languages, merged, wordsByLanguage } from './words';
import { knownApps } from './words/apps';
import type { Words } from './words/types';

const MAX_NAME_WORDS = 4;

const singleWords = (phrases: string[]) => phrases.flatMap((p) => p.split(' ')).filter((w) => !w.endsWith('*'));
const wildcardStems = (phrases: string[]) => phrases.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));

/** Intent, subject and app phrases: their words are not names. */
const phraseLists = (w: Words): string[] => [
  ...w.intent.failure,
  ...w.intent.signin,
  ...w.intent.troubleshoot,
  ...w.intent.explain,
  ...w.intent.help,
  ...w.intent.correlationLabel,
  ...w.intent.requestLabel,
  ...w.subject.self,
  ...w.subject.anyone,
  ...w.subject.pluralEvents,
  ...w.app.prepositions,
  ...w.app.notApps,
];
const isPhrase = (p: string) => p.includes(' ');

/**
 * Words that are never a name, whatever the language: time words, one-word intent words, app
 * names, pronouns. The words inside a longer phrase count only in that phrase's language: the
 * "ben" of Dutch "wie ben je" is English Ben.
 */
const SHARED_NOT_NAMES = singleWords([
  // Month names are left out: several are given names too (Jan, April, June); see each language's notNames.
  ...merged((w) => allStrings({ ...w.time, months: [] })),
  ...merged((w) => phraseLists(w).filter((p) => !isPhrase(p))),
  ...knownApps,
  // "sinds de update lijken de Macs problemen te hebben": devices, not people.
  ...merged((w) => Object.values(w.filters.platforms).flat()),
]);
const NOT_NAME_STEMS = new RegExp(
  `^${alternation(merged((w) => wildcardStems([...w.intent.failure, ...w.intent.signin, ...w.intent.explain])))}`,
  'u',
);

/** A language's non-name words, and those borrowed from the other languages. */
interface NotNames {
  own: Set<string>;
  /** Shapes of non-name words in lower case (Dutch participles). */
  shapes: RegExp[];
  /**
   * People mix languages ("request id … wat ging er mis", "mijn account is locked"), so the other
   * languages' non-name words count too, unless typed with a capital inside a sentence ("waarom
   * faalt Payroll Sync?"), and except given names (Dutch "dan" is Dan in English; `givenNames`).
   */
  borrowed: Set<string>;
}

const GIVEN_NAMES = new Set(merged((w) => [...w.givenNames, ...w.commonWordNames]));
const notNamesByLanguage = Object.fromEntries(
  languages.map((l) => {
    // A word of another language's phrase ("later dan") stays a name here when it is one ("why can't Dan sign in").
    const own = new Set([
      ...SHARED_NOT_NAMES.filter((w) => !wordsByLanguage[l].givenNames.includes(w)),
      ...singleWords(phraseLists(wordsByLanguage[l]).filter(isPhrase)),
      ...wordsByLanguage[l].notNames,
    ]);
    const borrowed = languages
      .filter((other) => other !== l)
      .flatMap((other) => wordsByLanguage[other].notNames)
      .filter((w) => !GIVEN_NAMES.has(w) && !own.has(w));
    const shapes = wordsByLanguage[l].notNamePatterns.map((p) => new RegExp(p, 'u'));
    return [l, { own, shapes, borrowed: new Set(borrowed) }];
  }),
) as Record<Language, NotNames>;

const subjectSet = (pick: (w: Words) => string[]) => new Set(merged(pick));
const PARTICLES = subjectSet((w) => w.subject.nameParticles);
const ARTICLES = subjectSet((w) => w.app.articles);
/** "this long number", "dit lange nummer": a word after one describes a thing. */
const DEMONSTRATIVES = new Set(['this', 'these', 'those', 'dit', 'deze']);
const CUES_BEFORE = subjectSet((w) => w.subject.cuesBefore);
const CUES_AFTER = subjectSet((w) => w.subject.cuesAfter);
const GROUP_NOUNS = subjectSet((w) => w.subject.groupNouns);
const OWNERS = subjectSet((w) => w.subject.ownersOfThings);
const ORGANISATION_BEFORE = new RegExp(`${START}${alternation(merged((w) => w.subject.organisationBefore))}\\s+$`, 'u');

/**
 * `capitalInside`: typed with a capital, not at the start of a sentence (borrowed and everyday words may then be names);
 * `capital`: typed with a capital anywhere (a word of a non-name shape, "Gerard", may then be a name);
 * `afterName`: right after a name word, where an everyday word is a surname ("isaiah langer").
 */
function isNameWord(
  word: string,
  notNames: NotNames,
  capitalInside = false,
  capital = capitalInside,
  afterName = false,
): boolean {
  const base = withoutPossessive(word);
  const not = (w: string) =>
    notNames.own.has(w) ||
    (!capitalInside &&
      (notNames.borrowed.has(w) ||
        (!afterName && everydayWords.has(w) && !GIVEN_NAMES.has(w)) ||
        (!capital && notNames.shapes.some((s) => s.test(w)))));
  return /^\p{L}/u.test(word) && base.length >= 2 && !not(word) && !not(base) && !NOT_NAME_STEMS.test(base);
}

/** Whether a token starts a sentence: first, or after . ! ? : ; or a line break. */
function startsSentence(text: string, tokens: Token[], i: number): boolean {
  return i === 0 || /[.!?:;\n]/u.test(text.slice(tokens[i - 1].end, tokens[i].start));
}

const COMMON_WORD_NAMES = new Set(merged((w) => w.commonWordNames));
/** "May from finance", "Bill van inkoop": a name, then where the person works. */
const FROM_WORDS = new Set(['from', 'van', 'uit']);
/** Where a second clause turns to the question: ", but why …", ", maar waarom …". */
const BUT = /(?:,|\s)\s*(?:but|maar)\s+(?=[^?]*(?:\?|\b(?:why|what|who|how|waarom|wat|wie|hoe)\b))/gu;
/** "will you check", "may I see", "will it": the word itself, whatever cue follows. */
const MODAL_NEXT = new Set(['i', 'you', 'we', 'it', 'he', 'she', 'they', 'ik', 'je', 'u', 'jij', 'het']);
const CAPITAL = /^\p{Lu}/u;

/**
 * "Will", "May", "Mark" typed with a capital are names inside a sentence ("why can't Will sign
 * in"), before another capitalised name ("May Robbins") or as a possessive ("Mark's sign-ins");
 * at the start of a sentence they are the words ("May I see …").
 */
function capitalisedCommonNames(text: string, original: string, tokens: Token[], notNames: NotNames): Set<number> {
  const found = new Set<number>();
  tokens.forEach((token, i) => {
    if (!COMMON_WORD_NAMES.has(withoutPossessive(token.word))) return;
    const next = tokens[i + 1];
    // "why cant will sign in", "May from finance can't log in", "Will keeps getting it": a name where the word cannot be.
    const cueBefore = i > 0 && CUES_BEFORE.has(tokens[i - 1].word) && adjacent(text, tokens[i - 1], token);
    const cueAfter =
      next !== undefined && adjacent(text, token, next) && (CUES_AFTER.has(next.word) || FROM_WORDS.has(next.word));
    if ((cueBefore || cueAfter) && !MODAL_NEXT.has(next?.word ?? '')) {
      found.add(i);
      return;
    }
    if (!CAPITAL.test(original.slice(token.start, token.end))) return;
    const sentenceStart = startsSentence(text, tokens, i);
    const beforeName =
      next !== undefined &&
      adjacent(text, token, next) &&
      CAPITAL.test(original.slice(next.start, next.end)) &&
      isNameWord(next.word, notNames);
    if (!sentenceStart || beforeName || isPossessive(token.word)) found.add(i);
  });
  return found;
}

/** Runs of name words: [first token index, last token index]. `isName` says whether token i is a name word. */
function nameRuns(text: string, tokens: Token[], isName: (i: number) => boolean): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  let lastName = -1;
  const close = () => {
    if (start >= 0) runs.push([start, Math.min(lastName, start + MAX_NAME_WORDS - 1)]);
    start = -1;
  };
  tokens.forEach((token, i) => {
    const joined = start >= 0 && adjacent(text, tokens[i - 1], token);
    if (isName(i)) {
      if (!joined) close();
      if (start < 0) start = i;
      lastName = i;
      if (isPossessive(token.word)) close();
    } else if (!(joined && PARTICLES.has(token.word))) {
      close();
    }
  });
  close();
  return runs;
}

/** "megan sign ins", "patti failures", "alex aanmeldingen": sign-in nouns right after a word make it a name (read on the original: sign-in words are masked). */
const SIGN_INS_AFTER = new RegExp(
  `^\\s+${alternation(merged((w) => [...w.intent.signin, ...w.subject.pluralEvents]))}${END}`,
  'u',
);

/** A cue after the name in the same clause: "Lagos, is that him?" has none for Lagos (the comma ends it). */
function isCued(text: string, tokens: Token[], [first, last]: [number, number]): boolean {
  const before = tokens[first - 1];
  const after = tokens[last + 1];
  const sameClause = (a: Token, b: Token) => !/[,;:.!?]/u.test(text.slice(a.end, b.start));
  return (
    isPossessive(tokens[last].word) ||
    CUES_BEFORE.has(before?.word ?? '') ||
    (after !== undefined && CUES_AFTER.has(after.word) && sameClause(tokens[last], after))
  );
}

/** The person's name as typed: possessive and quotes removed, inner apostrophes kept ("O'Brien"). */
function tidyName(name: string): string {
  return withoutPossessive(name.replace(/"/g, '').trim())
    .replace(/^'+|'+$/g, '')
    .trim();
}

/** "I'm Debra's manager. Debra Berger has been …": a later run that starts with the same first name is the whole name. */
function fullerName(run: [number, number] | undefined, runs: Array<[number, number]>, tokens: Token[]) {
  if (!run || run[0] !== run[1]) return run;
  const first = withoutPossessive(tokens[run[0]].word);
  return runs.find(([a, b]) => b > a && tokens[a].word === first) ?? run;
}

export interface PersonFinding {
  person: string | null;
  /** The name had a cue (possessive, "for", "can't" …); an uncued word loses to "who"/"anyone". */
  cued: boolean;
  /** One uncued word typed in lower case beside "I"/"my"/"ik"/"mijn" and no "he"/"she" ("no idea why my login failed"): the asker's question. */
  losesToSelf: boolean;
  text: string;
}

export function findPerson(work: string, original: string, language: Language): PersonFinding {
  const tokens = tokenize(work);
  const notNames = notNamesByLanguage[language];
  const names = capitalisedCommonNames(work, original, tokens, notNames);
  const nameWord = (i: number, afterName = false) => {
    const capital = CAPITAL.test(original.slice(tokens[i].start, tokens[i].end));
    const capitalInside = capital && !startsSentence(work, tokens, i);
    // "the little window", "this long number": a word after an article or "this", typed in lower case, describes a
    // thing ("jan de vries" aside).
    const article = tokens[i - 1]?.word ?? '';
    if (
      !capital &&
      !afterName &&
      ((ARTICLES.has(article) && !PARTICLES.has(article)) || DEMONSTRATIVES.has(article)) &&
      adjacent(work, tokens[i - 1], tokens[i])
    )
      return false;
    return names.has(i) || isNameWord(tokens[i].word, notNames, capitalInside, capital, afterName);
  };
  const typedCapital = (i: number) => CAPITAL.test(original.slice(tokens[i].start, tokens[i].end));
  // "isaiah langer": an everyday word may be a surname; after a name typed with a capital, only one typed so too
  // ("Debra denkt dat …", "Sanne terugbel").
  const afterNameWord = (i: number) =>
    i > 0 && adjacent(work, tokens[i - 1], tokens[i]) && nameWord(i - 1) && (!typedCapital(i - 1) || typedCapital(i));
  // "ben walters is weer buitengesloten": a given name that is also a word ("ben", "dan") before a name is the name.
  const isName = (i: number) =>
    nameWord(i) ||
    (afterNameWord(i) && nameWord(i, true)) ||
    (GIVEN_NAMES.has(tokens[i].word) &&
      tokens[i + 1] !== undefined &&
      adjacent(work, tokens[i], tokens[i + 1]) &&
      nameWord(i + 1));
  const allRuns = nameRuns(work, tokens, isName)
    .map((run) => endBeforePlace(run, tokens, original))
    .filter(
      (run) =>
        !GROUP_NOUNS.has(tokens[run[1] + 1]?.word ?? '') &&
        !ORGANISATION_BEFORE.test(work.slice(0, tokens[run[0]].start)) &&
        // ("his Thunderbird keeps failing": what someone owns, not someone.)
        !OWNERS.has(tokens[run[0] - 1]?.word ?? '') &&
        !isPlace(run, tokens, work),
    );
  // "Megan's fine again, but why can't Will Turner get in?": the question comes after the "but".
  const turn = [...work.matchAll(BUT)].at(-1);
  const afterTurn = turn ? allRuns.filter(([first]) => tokens[first].start > turn.index) : [];
  const runs = afterTurn.length ? afterTurn : allRuns;
  // A word before sign-in nouns is a weaker cue: "sigin failures for megan" is about megan.
  const cued =
    runs.find((r) => isCued(work, tokens, r)) ??
    runs.find(([, last]) => SIGN_INS_AFTER.test(original.slice(tokens[last].end).toLowerCase()));
  const run = fullerName(cued ?? runs[0], runs, tokens);
  if (!run) return { person: null, cued: false, losesToSelf: false, text: work };
  const start = tokens[run[0]].start;
  const end = tokens[run[1]].end;
  const person = tidyName(original.slice(start, end)) || null;
  return {
    person,
    cued: cued !== undefined,
    losesToSelf:
      cued === undefined &&
      run[0] === run[1] &&
      person === person?.toLowerCase() &&
      tokens.some((t) => SELF_AS_SUBJECT.has(t.word)) &&
      !tokens.some((t) => THIRD_PERSON.has(t.word)),
    text: mask(work, start, end),
  };
}
