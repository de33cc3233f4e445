/** The error catalog: every known sign-in error code with texts for each language and audience. */
import { listAssets, readJsonAsset } from '../shared/assets';
import type { Language } from '../shared/types';
import type { AudienceText, CatalogEntry, Category } from './catalogTypes';
import type { Audience } from '../shared/types';
import fallbackJson from './catalogFallback.json';

interface FallbackText extends AudienceText {
  /** The explanation when Graph logged a failureReason ({reason}). */
  withReason: string;
}
/** Texts for a code the catalog does not have. */
const FALLBACK = fallbackJson as unknown as Record<Language, Record<Audience, FallbackText> & { title: string }>;

export const lookupUrl = (code: number) => `https://login.microsoftonline.com/error?code=${code}`;

export interface Explanation extends AudienceText {
  code: number;
  title: string;
  category: Category | null;
  whoFixes: CatalogEntry['whoFixes'] | null;
  interrupt: boolean;
  lookupUrl: string;
  /** False when the code is not in the catalog and the text comes from Graph's failureReason. */
  known: boolean;
}

let entries: Map<number, CatalogEntry> | undefined;

export function catalog(): Map<number, CatalogEntry> {
  if (!entries) {
    entries = new Map();
    for (const file of listAssets('src/diagnosis/catalog', '.json')) {
      for (const entry of readJsonAsset<CatalogEntry[]>(file)) entries.set(entry.code, entry);
    }
  }
  return entries;
}

/** Codes that are prompts rather than failures, from the catalog plus the ones Graph's docs name. */
const KNOWN_INTERRUPTS = new Set([
  50058, 50140, 50125, 50074, 50076, 50072, 50079, 50097, 50158, 50199, 16000, 81012, 70016,
]);

export function isInterrupt(code: number): boolean {
  return catalog().get(code)?.interrupt ?? KNOWN_INTERRUPTS.has(code);
}

export function explain(
  code: number,
  language: Language,
  audience: Audience,
  failureReason?: string | null,
): Explanation {
  const entry = catalog().get(code);
  if (entry) {
    const text = entry.text[language] ?? entry.text.en;
    return {
      code,
      title: text.title,
      ...text[audience],
      category: entry.category,
      whoFixes: entry.whoFixes,
      interrupt: entry.interrupt,
      lookupUrl: lookupUrl(code),
      known: true,
    };
  }
  const fallback = FALLBACK[language];
  const text = fallback[audience];
  const reason = failureReason?.trim() ?? '';
  return {
    code,
    title: fallback.title.replace('{code}', String(code)),
    // A function replacement: a reason containing "$&" or "$1" is kept as written.
    explanation: reason ? text.withReason.replace('{reason}', () => reason) : text.explanation,
    steps: text.steps,
    category: null,
    whoFixes: null,
    interrupt: KNOWN_INTERRUPTS.has(code),
    lookupUrl: lookupUrl(code),
    known: false,
  };
}
