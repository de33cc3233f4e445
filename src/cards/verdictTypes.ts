/** What the verdict builders (verdict.ts, workloadVerdict.ts) return, and what they draw for. */
import type { Audience, Language } from '../shared/types';

export interface Verdict {
  text: string;
  steps: string[];
  /** The sign-in a ticket is about (the headline failure), or null when there is none. */
  ticketSignInId: string | null;
  /** The error code Microsoft's lookup should open. */
  code: number | null;
}

export interface VerdictContext {
  language: Language;
  audience: Audience;
  timeZone: string;
}
