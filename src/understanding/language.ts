import type { Language } from '../shared/types';
import { languages, wordsByLanguage } from './words';

const markerSets = Object.fromEntries(languages.map((l) => [l, new Set(wordsByLanguage[l].markers)])) as Record<
  Language,
  Set<string>
>;

/** How many more marker words the text must have for the other language to beat the locale. */
const CLEAR_LEAD = 2;

export function languageOfLocale(locale: string | undefined): Language | undefined {
  const tag = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return (languages as string[]).includes(tag) ? (tag as Language) : undefined;
}

function scores(text: string): Record<Language, number> {
  const result = { en: 0, nl: 0 } as Record<Language, number>;
  for (const word of text.toLowerCase().match(/[\p{L}'][\p{L}'-]*/gu) ?? []) {
    for (const l of languages) if (markerSets[l].has(word)) result[l] += 1;
  }
  return result;
}

/**
 * The language to answer in. The locale Teams sends decides, unless the words are clearly in the
 * other language (a Dutch colleague with an English Teams typing "waarom kon ik niet inloggen"):
 * then the words win, by a lead of CLEAR_LEAD marker words. With no usable locale the words
 * decide, and a tie falls back to `fallback` (the previous question's language) or English.
 */
export function detectLanguage(text: string, locale?: string, fallback: Language = 'en'): Language {
  const fromLocale = languageOfLocale(locale);
  const s = scores(text);
  const [best, second] = [...languages].sort((a, b) => s[b] - s[a]);
  const lead = s[best] - s[second];
  if (fromLocale) return best !== fromLocale && s[best] - s[fromLocale] >= CLEAR_LEAD ? best : fromLocale;
  return lead > 0 ? best : fallback;
}
