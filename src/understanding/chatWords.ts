/**
 * Chat as people type it, read as the words the parser knows: shorthand spelled out ("rn", "ppl", "ff"), a typo of one
 * of the parser's own words corrected ("loign", "somone", "tryign"), and the bot's name typed as text
 * ("@Sign-in Troubleshooter …"), an opening greeting ("morning! …") and a closing "thanks" dropped. Names are left as typed: a word is corrected only when it is no everyday
 * word and no given name, is typed in lower case, does not follow a name, and is one edit away from exactly one
 * known word of five letters or more. A pasted error screen, and what follows it, is left alone.
 */
import type { Language } from '../shared/types';
import { END, alternation } from './phrases';
import { allStrings, commonGivenNames, everydayWords, merged, wordsByLanguage } from './words';
import { appNouns, knownApps } from './words/apps';
import { countryCodes } from './words/countries';

const BOT_NAME = /@?(?<![\p{L}\p{N}])sign[\s-]?in\s+troubleshooter(?![\p{L}\p{N}])[\s,:]*/giu;
/** Where a pasted Microsoft sign-in error screen starts: nothing from there on is chat. */
const SCREEN_START =
  /aadsts\s*\d{5}|sorry, but we|sorry, er is|(?:request|correlation) id\s*:|(?:aanvraag|correlatie)-id\s*:|timestamp\s*:|tijdstempel\s*:/iu;
/** A word as typed, unless it is part of an address, a path or an id ("megan@contoso", "a1b2-…"). */
const WORD = /(?<![\p{L}\p{N}@._/'-])[\p{L}\p{N}]+(?:'[\p{L}]+)*(?:\/(?=\s|$))?(?![\p{L}\p{N}@_'-]|\.[\p{L}\p{N}])/gu;
const MIN_LENGTH = 5;
const MIN_SWAP_LENGTH = 4;
const GREETINGS = alternation(merged((w) => [...w.greetings, ...w.openingFillers]));
const QUESTION_OPENER = `${alternation(
  merged((w) => [...w.questionOpeners, ...w.subject.followUpOpeners, ...w.greetings, ...w.openingFillers]),
)}${END}`;
/** A pasted id right after a greeting ("morning 4bdd3094-… this one pls"). */
const ID_NEXT = '[0-9a-f]{8}-[0-9a-f]{4}-';
/**
 * Openers, each ended by punctuation or followed by a question, a follow-up, an id or another opener: "morning! …",
 * "hi, morning! …", "ok so morning! …", "morning who failed …".
 */
const GREETING = new RegExp(
  `^(?:\\s*${GREETINGS}(?:\\s*[!,.:]+|\\s+[-–—]\\s+|\\s+(?=${QUESTION_OPENER}|${ID_NEXT})))*\\s*`,
  'iu',
);
/**
 * "Irvin here from Research, Ömer in my team …", "Sanne hier van Klantenservice. …": the asker names themself (a
 * given name, a word for "here", maybe their team) at the start of a sentence; dropped, so the name is no subject.
 */
const SELF_INTRODUCTION = new RegExp(
  `(?:^|(?<=[.!?]\\s+))([\\p{L}'-]+)(?:\\s+[\\p{L}'-]+)?\\s+${alternation(merged((w) => w.selfIntroduction.after))}` +
    `(?:\\s+${alternation(merged((w) => w.selfIntroduction.from))}\\s+[^,.!?]{1,40})?\\s*[,.!:;-]+\\s*`,
  'giu',
);
/** "I'm on the helpdesk. Morning! who …": a greeting with its punctuation at the start of a later sentence. */
const SENTENCE_GREETING = new RegExp(
  `(?<=[.!?]\\s+)(?:${GREETINGS}(?:\\s*[!,]+|\\s+[-–—]|\\s+(?=${ID_NEXT}))\\s*)+(?=\\S)`,
  'giu',
);
/** "… in Outlook, alvast bedankt!": courtesies at the end, after a pasted screen too. */
const CLOSING = new RegExp(
  `(?:[\\s,;:.!-]*(?<![\\p{L}\\p{N}'])${alternation(merged((w) => w.closings))})+[\\s!.]*$`,
  'iu',
);

/** Prepositions before a person: a word after one is left as typed ("failures for allen", not "alleen"). */
const BEFORE_NAMES = new Set(['for', 'of', 'about', 'by', 'van', 'voor', 'over', 'door']);
const NAMES = new Set([...merged((w) => [...w.givenNames, ...w.commonWordNames]), ...commonGivenNames]);
/** Words of every language, app and country names: never "corrected" into another word ("germany" is no "german"). */
const KNOWN_ANYWHERE = new Set([
  ...merged((w) => allStrings(w)),
  ...knownApps,
  ...appNouns,
  // "verenigde staten": each word of a country's name too, or "staten" becomes "starten".
  ...Object.keys(countryCodes).flatMap((name) => [name, ...name.split(' ')]),
]);

function vocabularyOf(language: Language): Set<string> {
  const { givenNames: _g, commonWordNames: _c, shorthand: _s, greetings: _h, ...lists } = wordsByLanguage[language];
  const words = allStrings(lists)
    .flatMap((phrase) => phrase.split(/\s+/))
    .map((word) => word.replace(/\*$/, ''))
    .filter((word) => word.length >= MIN_SWAP_LENGTH && /^\p{Ll}+$/u.test(word) && !NAMES.has(word));
  return new Set(words);
}

const deletions = (word: string) => Array.from(word, (_, i) => word.slice(0, i) + word.slice(i + 1));

/** Known words by themselves and by each one-letter deletion: a typo one edit away shares a key with its word. */
function typoIndex(vocabulary: Set<string>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const word of vocabulary) {
    for (const key of [word, ...deletions(word)]) index.set(key, [...(index.get(key) ?? []), word]);
  }
  return index;
}

/**
 * One slip of the fingers: a letter added or dropped, or two neighbours swapped ("somone", "loign"). A letter changed
 * is left alone: that is how names differ from words ("bowen"/"boven", "geert"/"geeft").
 */
function oneSlipApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const BY_LANGUAGE = Object.fromEntries(
  (Object.keys(wordsByLanguage) as Language[]).map((language) => {
    const vocabulary = vocabularyOf(language);
    return [language, { vocabulary, index: typoIndex(vocabulary), shorthand: wordsByLanguage[language].shorthand }];
  }),
) as Record<Language, { vocabulary: Set<string>; index: Map<string, string[]>; shorthand: Record<string, string> }>;

/** After a name, only a long word is corrected ("debra gistern"): a short one may be a surname ("allen", not "alleen"). */
const MIN_LENGTH_AFTER_NAME = 7;

function correction(word: string, language: Language, afterName: boolean): string | null {
  const { vocabulary, index } = BY_LANGUAGE[language];
  if (word.length < (afterName ? MIN_LENGTH_AFTER_NAME : MIN_SWAP_LENGTH)) return null;
  if (vocabulary.has(word) || KNOWN_ANYWHERE.has(word)) return null;
  if (everydayWords.has(word) || NAMES.has(word) || !/^\p{Ll}+$/u.test(word)) return null;
  const near = new Set([word, ...deletions(word)].flatMap((key) => index.get(key) ?? []));
  // Four letters: only two swapped ("cnat"); a letter more or less makes another short word too easily.
  const found = [...near].filter(
    (known) => oneSlipApart(word, known) && (word.length >= MIN_LENGTH || known.length === word.length),
  );
  return found.length === 1 ? found[0] : null;
}

/** What the asker typed before a pasted error screen (all of `text` when there is none). */
export function typedBeforeScreen(text: string): string {
  const screen = SCREEN_START.exec(text);
  return screen ? text.slice(0, screen.index) : text;
}

/** The asker's own words: what was typed before a pasted screen, without the bot's name ("@Sign-in Troubleshooter"). */
export function askersWords(text: string): string {
  return typedBeforeScreen(text).replace(BOT_NAME, ' ');
}

function isKnown(word: string, language: Language): boolean {
  return (
    word === '' || BY_LANGUAGE[language].vocabulary.has(word) || KNOWN_ANYWHERE.has(word) || everydayWords.has(word)
  );
}

/** `text` (mentions already taken out) with shorthand spelled out and typos of known words corrected. */
export function normaliseChat(text: string, language: Language): string {
  const chat = typedBeforeScreen(text);
  const rest = text.slice(chat.length);
  const { shorthand } = BY_LANGUAGE[language];
  let previous = '';
  const normalised = chat
    .replace(BOT_NAME, ' ')
    .replace(GREETING, '')
    .replace(SENTENCE_GREETING, '')
    .replace(SELF_INTRODUCTION, (intro, name: string) => (NAMES.has(name.toLowerCase()) ? '' : intro))
    .replace(WORD, (typed) => {
      // After a name, a preposition before one, or a word the parser does not know (likely a name: "cristie cline").
      const afterName = NAMES.has(previous) || BEFORE_NAMES.has(previous) || !isKnown(previous, language);
      previous = typed.toLowerCase();
      // "megans outlook": a possessive typed without its apostrophe.
      const stem = previous.slice(0, -1);
      const possessive = previous.endsWith('s') && NAMES.has(stem) && !NAMES.has(previous);
      if (possessive && !afterName && !everydayWords.has(previous)) return `${typed.slice(0, -1)}'s`;
      const spelled = Object.hasOwn(shorthand, typed.toLowerCase()) ? shorthand[typed.toLowerCase()] : undefined;
      if (spelled !== undefined && (typed === typed.toLowerCase() || typed.length <= 4)) return spelled;
      if (typed !== typed.toLowerCase()) return typed;
      return correction(typed, language, afterName) ?? typed;
    });
  return (normalised + rest).replace(CLOSING, '').replace(/^\s+/u, '');
}
