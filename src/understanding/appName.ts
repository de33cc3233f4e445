/**
 * The app the question is about: the words after a preposition ("log into Outlook", "failed logins
 * to the VPN", "inloggen bij Teams"), or else a well-known app name anywhere ("outlook failures").
 * The name is kept as typed, without a leading article: "the VPN" → "VPN", "de vpn" → "vpn".
 * Times, ids and sign-in verbs are masked before this runs, so "on Monday" and the "in" of
 * "sign in" are never taken for an app.
 */
import { END, MASK, START, alternation, mask, wordsRegex } from './phrases';
import { Token, adjacent, isPossessive, tokenize } from './tokens';
import { workloadBeside } from './workloadName';
import { commonGivenNames, everydayWords, merged } from './words';
import { appNouns, knownApps } from './words/apps';
import { isMisspeltApp } from './appTypos';
import { JOINING_WORDS, oneApp, tidy } from './appTidy';
import { appAfterJoin } from './appJoined';
import { countryCodes } from './words/countries';
import { PREPOSITIONS, isWeak, prepositionAt } from './appPrepositions';

const ARTICLES = new Set(merged((w) => w.app.articles));
const NOT_AFTER = new Set(merged((w) => w.app.notAfter));
const NOT_APPS = new Set(merged((w) => w.app.notApps));
const JOINING = new Set(JOINING_WORDS);
const VERBS_BEFORE_APP = new Set(merged((w) => w.app.verbsBeforeApp));
const GENERIC_APP_WORDS = new Set(merged((w) => w.app.genericWords));
const DEPARTMENTS = new Set(merged((w) => w.app.departments));
const BEFORE_DEPARTMENT = new Set(merged((w) => w.app.beforeDepartment));
const APP_NOUNS = new Set(appNouns);
const NOT_NAMES = new Set(merged((w) => w.notNames));
const KNOWN_APP = new RegExp(wordsRegex(knownApps).source, 'gu');
const KNOWN_APP_WORDS = new Set(knownApps.flatMap((a) => a.split(' ')));
const GIVEN_NAMES = new Set(commonGivenNames);
const PRONOUNS_BEFORE_TO = new Set(merged((w) => w.app.pronounsBeforeTo));
const ASKER = new Set(merged((w) => w.subject.selfAsSubject));
const NAME_PARTICLES = new Set(merged((w) => w.subject.nameParticles));
const ANOTHER_APP = new RegExp(`^\\s+${alternation(JOINING_WORDS)}\\s+${alternation(knownApps)}${END}`, 'u');
const MAX_APP_WORDS = 4;
/** "the Payroll Sync app": a capitalised name before "app" (checked on the original). */
const NAMED_APP =
  /(?<![\p{L}\p{N}])the\s+((?:[\p{L}\p{N}-]+\s+){0,2}[\p{L}\p{N}-]+)\s+(?:app|application)(?![\p{L}\p{N}])/u;

/** A word that can be part of an app name: not a function or domain word of any language, unless an app noun. */
function appWord(word: string): boolean {
  // "de 3e keer", "the 2nd time": an ordinal, not an app like "office365".
  if (/^\d+(?:e|de|ste|st|nd|rd|th)$/u.test(word)) return false;
  return /\d/.test(word) || APP_NOUNS.has(word) || !(NOT_NAMES.has(word) || NOT_APPS.has(word));
}

/** After a weak preposition only something that looks like an app: a known name, an app noun or a number. */
function looksLikeApp(name: string): boolean {
  KNOWN_APP.lastIndex = 0;
  const known = KNOWN_APP.exec(name);
  return (known !== null && known[0] === name) || name.split(/[\s-]+/).some((w) => APP_NOUNS.has(w) || /\d/.test(w));
}

/** "the Contoso Legacy Portal": inside a name typed in capitals, an everyday word is part of it. */
const capitalised = (original: string, t: Token) =>
  /^\p{Lu}/u.test(original.slice(t.start, t.end)) && !JOINING.has(t.word) && !ARTICLES.has(t.word);

function appAfter(text: string, original: string, tokens: Token[], i: number): { start: number; end: number } | null {
  let j = i;
  // "unable to access the HR portal": a verb between the preposition and the app is skipped.
  if (j < tokens.length && j > 0 && VERBS_BEFORE_APP.has(tokens[j].word) && adjacent(text, tokens[j - 1], tokens[j]))
    j += 1;
  if (j < tokens.length && ARTICLES.has(tokens[j].word) && adjacent(text, tokens[j - 1], tokens[j])) j += 1;
  const first = tokens[j];
  if (!first || !adjacent(text, tokens[j - 1], first) || NOT_APPS.has(first.word) || !appWord(first.word)) return null;
  if (!/\p{L}/u.test(first.word)) return null;
  // "asked me to contact you": after "me to" an everyday word typed in lower case is a verb.
  const everyday = everydayWords.has(first.word) && !APP_NOUNS.has(first.word) && !KNOWN_APP_WORDS.has(first.word);
  const toAfterPronoun = tokens[i - 1]?.word === 'to' && PRONOUNS_BEFORE_TO.has(tokens[i - 2]?.word ?? '');
  if (toAfterPronoun && everyday && !capitalised(original, first)) return null;
  // "break into Megan's account": a possessive names the owner, not an app; so does a given name ("inloggen bij grady archie").
  if (/['’]s$/u.test(first.word) || GIVEN_NAMES.has(first.word)) return null;
  let last = j;
  while (
    last + 1 < tokens.length &&
    last + 1 - j < MAX_APP_WORDS &&
    adjacent(text, tokens[last], tokens[last + 1]) &&
    // "open Contoso Expenses I get …": the asker's "I" is no word of the name.
    !ASKER.has(tokens[last + 1].word) &&
    (appWord(tokens[last + 1].word) ||
      (capitalised(original, first) &&
        capitalised(original, tokens[last + 1]) &&
        !NOT_APPS.has(tokens[last + 1].word))) &&
    !PREPOSITIONS.has(tokens[last + 1].word)
  ) {
    last += 1;
  }
  // "the contoso legacy portal" typed in lower case: an everyday word, then an app's own noun, is inside the name.
  const [inner, noun] = [tokens[last + 1], tokens[last + 2]];
  const innerFits = inner && !NOT_APPS.has(inner.word) && !PREPOSITIONS.has(inner.word) && !ARTICLES.has(inner.word);
  if (innerFits && noun && APP_NOUNS.has(noun.word) && last + 3 - j <= MAX_APP_WORDS) {
    if (adjacent(text, tokens[last], inner) && adjacent(text, inner, noun)) last += 2;
  }
  // "approve it in the app": the word for an app names none; "everyone in HR": a department; "into Seán O'Brien's
  // account": an owner.
  if (last === j && GENERIC_APP_WORDS.has(first.word)) return null;
  if (last === j && DEPARTMENTS.has(first.word) && BEFORE_DEPARTMENT.has(tokens[i - 1]?.word ?? '')) return null;
  if (tokens.slice(j, last + 1).some((t) => /['’]s$/u.test(t.word))) return null;
  // "on the service desk": a name of several words that is no app as a whole; "travelling to Brazil": a country.
  const whole = text.slice(first.start, tokens[last].end);
  if (NOT_APPS.has(whole) || Object.hasOwn(countryCodes, whole)) return null;
  return { start: first.start, end: tokens[last].end };
}

export interface AppFinding {
  app: string | null;
  text: string;
  /** A capitalised name of two or more words after a weak preposition ("issues with Contoso Expenses"): an app if someone else is the subject. */
  beside?: { start: number; end: number };
}

const CAPITALISED_WORDS = /^\p{Lu}[^\s]*(?:\s+\p{Lu}[^\s]*)+$/u;

/** "Isaiah has issues with Contoso Expenses": the `beside` name, when the person found (`personText` masked) is not it. */
export function appBesidePerson(finding: AppFinding, personText: string, original: string): string | null {
  const span = finding.beside;
  if (!span || finding.app !== null) return null;
  const untouched = personText.slice(span.start, span.end) === finding.text.slice(span.start, span.end);
  return untouched ? tidy(original.slice(span.start, span.end)) : null;
}

/** "for the whole hr team", "de hele HR-afdeling": a department's people, not an app. */
const GROUP_AFTER = new RegExp(
  `^[\\s-]+${alternation(merged((w) => w.subject.groupNouns).filter((n) => n !== 'teams'))}${END}`,
  'u',
);
const beforeGroup = (work: string, end: number) => GROUP_AFTER.test(work.slice(end));

/** `work` is the lower-cased, masked text; `original` the same text as typed (same offsets). */
export function findApp(work: string, original: string): AppFinding {
  const tokens = tokenize(work);
  const workload = workloadBeside(work, original, tokens);
  if (workload)
    return {
      app: tidy(original.slice(workload.name.start, workload.name.end)),
      text: mask(work, workload.whole.start, workload.whole.end),
    };
  let beside: AppFinding['beside'];
  for (let i = 0; i < tokens.length; i++) {
    const width = prepositionAt(tokens, i);
    if (width === 0 || (i > 0 && NOT_AFTER.has(tokens[i - 1].word))) continue;
    const found = appAfter(work, original, tokens, i + width);
    const span = found && beforeGroup(work, found.end) ? null : found;
    // "op een rare link geklikt": after "a"/"een" only something that looks like an app.
    const weak = isWeak(tokens, i, original) || INDEFINITE.has(tokens[i + width]?.word);
    if (span && weak && !looksLikeApp(work.slice(span.start, span.end))) {
      if (!beside && CAPITALISED_WORDS.test(original.slice(span.start, span.end))) beside = span;
      continue;
    }
    if (span) {
      // "into teams or outlook": a second app joined on is part of what was named (and the two name none).
      const end = span.end + (ANOTHER_APP.exec(work.slice(span.end))?.[0].length ?? 0);
      return { app: oneApp(original.slice(span.start, end)), text: mask(work, span.start, end) };
    }
  }
  const rest = findAppWithoutPreposition(work, original, tokens);
  return beside && rest.app === null ? { ...rest, beside } : rest;
}

function findAppWithoutPreposition(work: string, original: string, tokens: Token[]): AppFinding {
  const named = NAMED_APP.exec(work);
  if (named && /^\p{Lu}/u.test(original.slice(named.index + named[0].indexOf(named[1])))) {
    const start = named.index + named[0].indexOf(named[1]);
    const end = start + named[1].length;
    return { app: tidy(original.slice(start, end)), text: mask(work, start, end) };
  }
  const placed = appInPlace(work, original) ?? appAfterJoin(work, original, tokens);
  if (placed)
    return { app: tidy(original.slice(placed.start, placed.end)), text: mask(work, placed.start, placed.end) };
  KNOWN_APP.lastIndex = 0;
  const known = KNOWN_APP.exec(work);
  const nounApp = appBeforeNoun(work, original);
  // "my Contoso VPN": the whole name, not only the known app word at its end.
  const within = known && nounApp && nounApp.start <= known.index && nounApp.end >= known.index + known[0].length;
  if (known && !within) {
    const end = known.index + known[0].length;
    // "who failed contoso vpn": a generic app word takes the brand typed right before it.
    const before = tokens.filter((t) => t.end <= known.index);
    const [name, brand] = [before.at(-2), before.at(-1)];
    const branded =
      brand &&
      APP_NOUNS.has(known[0]) &&
      adjacent(work, brand, { start: known.index, end, word: known[0] }) &&
      appWord(brand.word) &&
      // ("Sean O'Brien's Teams", "irvin sayers vpn": the owner, not a brand.)
      !isPossessive(brand.word) &&
      !(name && adjacent(work, name, brand) && GIVEN_NAMES.has(name.word)) &&
      !everydayWords.has(brand.word) &&
      !GIVEN_NAMES.has(brand.word);
    const start = branded ? brand.start : known.index;
    return { app: tidy(original.slice(start, end)), text: mask(work, start, end) };
  }
  if (nounApp)
    return { app: tidy(original.slice(nounApp.start, nounApp.end)), text: mask(work, nounApp.start, nounApp.end) };
  const misspelt = tokens.find((t) => isMisspeltApp(t.word));
  if (misspelt)
    return { app: tidy(original.slice(misspelt.start, misspelt.end)), text: mask(work, misspelt.start, misspelt.end) };
  return { app: null, text: work };
}

/**
 * "de contoso portal", "the HR portal": a definite article, one or two words and an app noun, with no preposition
 * before it ("een rare mail", "a new app" describe a thing, not name it).
 */
const INDEFINITE = new Set(['a', 'an', 'een', "'n"]);
const DEFINITE_ARTICLES = [...ARTICLES].filter((a) => !INDEFINITE.has(a));
const ARTICLE_NOUN_APP = new RegExp(
  `${START}${alternation([...DEFINITE_ARTICLES, ...merged((w) => w.app.ownersBeforeApp)])}\\s+((?:\\p{L}[\\p{L}\\p{N}-]*\\s+){1,2}?${alternation(appNouns)})${END}`,
  'gu',
);

/** "het Contoso Legacy Portal", "het contoso legacy portal": after a name's first word, an everyday word is part of it. */
function appBeforeNoun(work: string, original: string): { start: number; end: number } | null {
  for (const m of work.matchAll(ARTICLE_NOUN_APP)) {
    const start = m.index + m[0].length - m[1].length;
    const words = m[1].split(/\s+/u);
    const typed = original.slice(start, start + m[1].length).split(/\s+/u);
    const named = appWord(words[0]) || /^\p{Lu}/u.test(typed[0]);
    // ("Emma de Jong van HR belde": a name particle inside is a person from a department, not an app.)
    const inGroup = beforeGroup(work, start + m[1].length);
    if (named && !inGroup && words.slice(0, -1).every((w) => !NOT_APPS.has(w) && !NAME_PARTICLES.has(w))) {
      return { start, end: start + m[1].length };
    }
  }
  return null;
}

const NAME_RUN = `((?:[\\p{L}\\p{N}][\\p{L}\\p{N}.-]*\\s+){0,3}?[\\p{L}\\p{N}][\\p{L}\\p{N}.-]*)`;
const THE = `(?:${alternation(DEFINITE_ARTICLES)}\\s+)?`;
/** "only Contoso HR", "alleen Contoso HR graag" (the opener masked or not): a follow-up of a name with an app's word. */
const FOLLOW_UP_APP = new RegExp(
  `^\\s*(?:${MASK}+|${alternation(merged((w) => w.subject.followUpOpeners))})\\s+${THE}${NAME_RUN}` +
    `(?:\\s+${alternation(merged((w) => w.closings))})?[\\s?!.]*$`,
  'gud',
);
/** "Contoso Expenses geeft mij error …", "Contoso Portal keeps saying …": a name that opens the message and acts. */
const ACTING_APP_OPENERS = new Set(merged((w) => w.app.beforeActingApp));
/** "contoso expenses login fails" (the sign-in word may have been masked: it is checked as typed). */
const SIGN_IN_AFTER_ACTING_APP = merged((w) => w.app.signInAfterActingApp);
const APP_AS_SUBJECT = new RegExp(
  `(?<=^|[.!?,]\\s|${START}${alternation(merged((w) => w.app.beforeActingApp))}\\s)[\\s${MASK}]*${THE}${NAME_RUN}\\s+` +
    `(?:(${alternation(SIGN_IN_AFTER_ACTING_APP)}|${MASK}+)\\s+)?${alternation(merged((w) => w.app.verbsOfApp))}${END}`,
  'gud',
);
/**
 * Where an app stands without a preposition: what is down ("is Contoso Expenses down?", "ligt de Contoso VPN eruit?"),
 * and the Dutch verb at the end of a clause ("zodra ik Contoso Expenses open").
 */
const APP_WITHOUT_PREPOSITION = [
  new RegExp(
    `${START}${alternation(merged((w) => w.app.outageVerbs))}\\s+${THE}${NAME_RUN}\\s+` +
      `(?:${alternation(merged((w) => w.app.outageFillers))}\\s+)*${alternation([...merged((w) => w.form.outageStates), 'uit'])}${END}`,
    'gud',
  ),
  new RegExp(
    `${START}${alternation(merged((w) => w.app.clauseBeforeApp))}\\s+${THE}${NAME_RUN}\\s+(?:${alternation(merged((w) => w.app.notBeforeVerb))}\\s+)?` +
      `${alternation(merged((w) => w.app.verbsAfterApp))}${END}`,
    'gud',
  ),
];

/**
 * A name no dictionary holds (or of several words typed in capitals), in a place only an app can stand. After a
 * follow-up opener or before a verb a person can stand too ("only Tane", "Tane keeps …"): there only an app's own word
 * makes it an app.
 */
function appInPlace(work: string, original: string): { start: number; end: number } | null {
  for (const pattern of [...APP_WITHOUT_PREPOSITION, FOLLOW_UP_APP, APP_AS_SUBJECT]) {
    const strict = pattern === FOLLOW_UP_APP || pattern === APP_AS_SUBJECT;
    for (const m of work.matchAll(pattern)) {
      const [runStart, end] = m.indices![1]!;
      const signIn = pattern === APP_AS_SUBJECT ? m.indices![2] : undefined;
      if (signIn && !SIGN_IN_AFTER_ACTING_APP.includes(original.slice(...signIn).toLowerCase())) continue;
      // ("ok so contoso expenses not working": an acting app may be the end of the run, after a filler.)
      const inner = tokenize(work.slice(runStart, end));
      const starts = inner.filter((t, i) => i === 0 || ACTING_APP_OPENERS.has(inner[i - 1].word));
      for (const start of pattern === APP_AS_SUBJECT ? starts.map((t) => runStart + t.start) : [runStart]) {
        const words = work.slice(start, end).split(/\s+/u);
        const typed = original.slice(start, end).split(/\s+/u);
        const titled = (i: number) => words.length > 1 && /^\p{Lu}/u.test(typed[i]) && !NOT_APPS.has(words[i]);
        const named = (w: string, i: number) =>
          APP_NOUNS.has(w) || KNOWN_APP_WORDS.has(w) || (!strict && (!everydayWords.has(w) || titled(i)));
        const fits = (w: string, i: number) => (appWord(w) || titled(i)) && !GIVEN_NAMES.has(w) && /\p{L}/u.test(w);
        const generic = words.length === 1 && (GENERIC_APP_WORDS.has(words[0]) || DEPARTMENTS.has(words[0]));
        if (words.some(named) && words.every(fits) && !generic) return { start, end };
      }
    }
  }
  return null;
}
