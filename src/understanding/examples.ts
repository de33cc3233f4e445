import type { Language } from '../shared/types';

/** Example questions for the 'unknown' and 'help' answers, three per language; each parses to a real question. */
export const EXAMPLE_QUESTIONS: Record<Language, readonly string[]> = {
  en: [
    "why couldn't Megan Bowen sign in to Outlook this morning?",
    'who failed to sign in to Salesforce in the last hour?',
    'what does AADSTS50126 mean?',
  ],
  nl: [
    'waarom kon Megan Bowen gisteren niet inloggen?',
    'wie kon de afgelopen 2 uur niet aanmelden bij Teams?',
    'wat betekent foutcode 50126?',
  ],
};

export function examplesFor(language: Language): readonly string[] {
  return EXAMPLE_QUESTIONS[language];
}
