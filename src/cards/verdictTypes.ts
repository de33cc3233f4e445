/** What the card builders draw for (a language, an audience, a zone), and the verdict in words. */
import type { Audience, Language } from '../shared/types';

export interface WordedVerdict {
  text: string;
  steps: string[];
}

export interface VerdictContext {
  language: Language;
  audience: Audience;
  timeZone: string;
}
