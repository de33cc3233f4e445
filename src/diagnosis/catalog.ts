/** The error catalog: every known sign-in error code with texts for each language and audience. */
import { listAssets, readJsonAsset } from '../shared/assets';
import type { Language } from '../shared/types';
import type { AudienceText, CatalogEntry, Category } from './catalogTypes';
import type { Audience } from '../shared/types';

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
const KNOWN_INTERRUPTS = new Set([50058, 50140, 50125, 50074, 50076, 50072, 50079, 50097, 50158, 50199, 16000, 81012, 70016]);

export function isInterrupt(code: number): boolean {
  return catalog().get(code)?.interrupt ?? KNOWN_INTERRUPTS.has(code);
}

const FALLBACK: Record<Language, Record<Audience, (reason: string) => AudienceText> & { title: (code: number) => string }> = {
  en: {
    title: (code) => `Sign-in error ${code}`,
    user: (reason) => ({
      explanation: reason ? `Microsoft Entra ID stopped this sign-in and logged: "${reason}"` : 'This code is not in our catalog; Microsoft\'s lookup page below describes it.',
      steps: ['Try once more in a few minutes.', 'If it happens again, use "Open support ticket" so the helpdesk gets the request ID and time.'],
    }),
    helpdesk: (reason) => ({
      explanation: reason ? `This code is not in our catalog. Graph logged the reason: "${reason}"` : 'This code is not in our catalog; Microsoft\'s lookup page below has its current description.',
      steps: ['Open the lookup link for Microsoft\'s current description of the code.', 'Compare status.additionalDetails and the Conditional Access tab of the record in the Entra admin center.'],
    }),
  },
  nl: {
    title: (code) => `Aanmeldfout ${code}`,
    user: (reason) => ({
      explanation: reason ? `Microsoft Entra ID heeft deze aanmelding tegengehouden met de melding: "${reason}"` : 'Deze code staat niet in onze catalogus; de opzoekpagina van Microsoft hieronder beschrijft hem.',
      steps: ['Probeer het over een paar minuten nog eens.', 'Gebeurt het weer, gebruik dan "Supportticket openen" zodat de helpdesk het aanvraag-ID en tijdstip krijgt.'],
    }),
    helpdesk: (reason) => ({
      explanation: reason ? `Deze code staat niet in onze catalogus. Graph gaf als reden: "${reason}"` : 'Deze code staat niet in onze catalogus; de opzoekpagina van Microsoft hieronder heeft de actuele beschrijving.',
      steps: ['Open de opzoeklink voor de actuele beschrijving van Microsoft.', 'Vergelijk status.additionalDetails en het tabblad Voorwaardelijke toegang van de aanmelding in het Entra-beheercentrum.'],
    }),
  },
};

export function explain(code: number, language: Language, audience: Audience, failureReason?: string | null): Explanation {
  const entry = catalog().get(code);
  if (entry) {
    const text = entry.text[language] ?? entry.text.en;
    return {
      code, title: text.title, ...text[audience], category: entry.category, whoFixes: entry.whoFixes,
      interrupt: entry.interrupt, lookupUrl: lookupUrl(code), known: true,
    };
  }
  const fallback = FALLBACK[language];
  const reason = failureReason?.trim() ?? '';
  return {
    code, title: fallback.title(code), ...fallback[audience](reason), category: null, whoFixes: null,
    interrupt: KNOWN_INTERRUPTS.has(code), lookupUrl: lookupUrl(code), known: false,
  };
}
