/** The short card strings (titles of message cards, fact labels) in en and nl. */
import type { Language } from '../shared/types';
import en from './strings/en.json';
import nl from './strings/nl.json';

export type Strings = typeof en;
const STRINGS: Record<Language, Strings> = { en, nl };

export function strings(language: Language): Strings {
  return STRINGS[language];
}
