/** The understanding step as the rest of the bot uses it (see `Understanding` in src/answers/troubleshooter.ts). */
import { MAX_CHARACTERS, cleanText } from './clean';
import { examplesFor } from './examples';
import { detectLanguage } from './language';
import { parse } from './parse';
import { memoizedParse } from './parseMemo';
import type { Language } from '../shared/types';

export const understanding = {
  parse: memoizedParse(parse),
  clean: cleanText,
  examples: (language: Language): string[] => [...examplesFor(language)],
  detectLanguage: (text: string, locale: string | undefined): Language => detectLanguage(text, locale),
  maxLength: MAX_CHARACTERS,
};

export { parse, cleanText, detectLanguage, examplesFor, MAX_CHARACTERS };
