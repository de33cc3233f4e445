/**
 * The vocabulary of each language: the word lists are data (en.json, nl.json, enNotNames.json), joined here with
 * the lists that are built in code (enTime.ts, form.ts for English, filters.ts). Typed as `Words`, so a list missing from a
 * JSON file, or of the wrong kind, fails to compile.
 */
import { readTextAsset } from '../../shared/assets';
import type { Language } from '../../shared/types';
import enWords from './en.json';
import enNotNames from './enNotNames.json';
import givenNames from './givenNames.json';
import nlWords from './nl.json';
import { enFilters } from './filters';
import { nlFilters } from './nlFilters';
import { enForm } from './form';
import { enTime } from './enTime';
import type { Words } from './types';

const en: Words = {
  ...enWords,
  time: enTime,
  form: enForm,
  filters: enFilters,
  // enNotNames.json groups its words by kind (function words, verbs around sign-ins, …); one list here.
  notNames: Object.values(enNotNames).flat(),
};
const nl: Words = { ...nlWords, filters: nlFilters };

export const wordsByLanguage: Record<Language, Words> = { en, nl };
export const languages = Object.keys(wordsByLanguage) as Language[];

/**
 * Common given names of people in either language's tenants (lower case). Only a hint where a word could be an app
 * or a person: after a preposition, a name that starts with one is a person ("inloggen bij grady archie").
 */
export const commonGivenNames: readonly string[] = givenNames;

/** One list made of the same list in every language ("today" + "vandaag" …). */
export function merged<T>(pick: (w: Words) => T[]): T[] {
  return languages.flatMap((l) => pick(wordsByLanguage[l]));
}

export function mergedRecord<V>(pick: (w: Words) => Record<string, V>): Record<string, V> {
  return Object.assign({}, ...languages.map((l) => pick(wordsByLanguage[l]))) as Record<string, V>;
}

/**
 * Everyday English and Dutch words that are never written with a capital, so never a name ("vernieuwen", "vreemde",
 * "sorry"); generated from Debian's word lists by scripts/make-dictionary.ts.
 */
export const everydayWords: ReadonlySet<string> = new Set(
  readTextAsset('src/understanding/words/dictionary.txt').split('\n'),
);

/** Every string in a word list, including the keys of number tables. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => (typeof v === 'number' ? [key] : allStrings(v)));
  }
  return [];
}
