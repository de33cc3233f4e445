import type { Language } from '../../shared/types';
import { en } from './en';
import { nl } from './nl';
import type { Words } from './types';

export const wordsByLanguage: Record<Language, Words> = { en, nl };
export const languages = Object.keys(wordsByLanguage) as Language[];

/** One list made of the same list in every language ("today" + "vandaag" …). */
export function merged<T>(pick: (w: Words) => T[]): T[] {
  return languages.flatMap((l) => pick(wordsByLanguage[l]));
}

export function mergedRecord<V>(pick: (w: Words) => Record<string, V>): Record<string, V> {
  return Object.assign({}, ...languages.map((l) => pick(wordsByLanguage[l]))) as Record<string, V>;
}
