/** Shape of the error catalog data files (src/diagnosis/catalog/*.json). */
import type { Language } from '../shared/types';

export type Category =
  | 'account_state'
  | 'app_config'
  | 'conditional_access'
  | 'consent'
  | 'device'
  | 'federation'
  | 'informational'
  | 'lockout'
  | 'mfa'
  | 'network'
  | 'other'
  | 'password'
  | 'session';

export type WhoFixes = 'none' | 'user' | 'helpdesk' | 'admin' | 'developer';

export interface AudienceText {
  /** Two to four plain sentences: what happened and why, for this audience. */
  explanation: string;
  /** Numbered steps in order (numbers are added when rendered). */
  steps: string[];
  /**
   * The steps instead, on a helpdesk card that carries the fix buttons they name ({fixEnableAccount} is
   * the «Enable the account» button, …): the step points to the button rather than to the portal.
   */
  stepsWithFixes?: string[];
}

export interface LocalizedEntry {
  /** Short title, at most ~60 characters, no trailing period. */
  title: string;
  user: AudienceText;
  helpdesk: AudienceText;
}

export interface CatalogEntry {
  code: number;
  /** The documented short name (e.g. InvalidUserNameOrPassword) or null. */
  name: string | null;
  category: Category;
  whoFixes: WhoFixes;
  /** A prompt the user normally gets past (MFA prompt, KMSI, …), not a failure by itself. */
  interrupt: boolean;
  text: Record<Language, LocalizedEntry>;
}
