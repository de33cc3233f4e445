/** Card wording (en, nl): placeholders in braces, plural forms chosen with Intl.PluralRules. */
import type { Language } from '../../shared/types';
import en from './en.json';
import nl from './nl.json';

export type Wording = typeof en;
const WORDING: Record<Language, Wording> = { en, nl };
const pluralRules: Record<Language, Intl.PluralRules> = {
  en: new Intl.PluralRules('en'),
  nl: new Intl.PluralRules('nl'),
};
const numbers: Record<Language, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en-GB'),
  nl: new Intl.NumberFormat('nl-NL'),
};

export type Plural = { one: string; other: string };
export type Values = Record<string, string | number>;

export function wording(language: Language): Wording {
  return WORDING[language];
}

export function fill(template: string, values: Values): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => (key in values ? String(values[key]) : `{${key}}`));
}

/** "1 wrong password", "9 wrong passwords", "1 verkeerd wachtwoord": the form Intl.PluralRules picks. */
export function plural(language: Language, forms: Plural, count: number, values: Values = {}): string {
  const form = pluralRules[language].select(count) === 'one' ? forms.one : forms.other;
  return fill(form, { ...values, count: numbers[language].format(count) });
}

/** A country code as a name in the asker's language ("PT" → "Portugal"). */
const regionNames: Partial<Record<Language, Intl.DisplayNames>> = {};
export function countryName(code: string | null, language: Language): string | null {
  if (!code) return null;
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  regionNames[language] ??= new Intl.DisplayNames([language], { type: 'region' });
  try {
    return regionNames[language].of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** "Megan Bowen" → "Megan": verdicts speak of people by first name after naming them once. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}
