/** An app name as found, made fit to filter on: quotes and a trailing "app" off; two apps joined name none. */
import { alternation } from './phrases';
import { merged } from './words';
import { knownApps } from './words/apps';

const KNOWN_APPS = new Set(knownApps);
/** "teams or outlook", "teams en outlook": words that join two app names. */
export const JOINING_WORDS = merged((w) => w.app.joiningWords);
const JOINED = new RegExp(`\\s+${alternation(JOINING_WORDS)}\\s+`, 'u');

/** "outlook or teams": two apps name no one app to narrow to (null); otherwise the app, tidied. */
export function oneApp(typed: string): string | null {
  const parts = typed.toLowerCase().split(JOINED);
  return parts.length > 1 && parts.every((part) => KNOWN_APPS.has(part)) ? null : tidy(typed);
}

/**
 * The app as typed, without quotes and without a trailing "app" ("the contoso expenses app" → "contoso expenses"): the
 * log names the app, not the word for it, and app names are matched by how they start.
 */
export function tidy(app: string): string {
  return app
    .replace(/["']/g, (q, offset: number, s: string) => (offset > 0 && offset < s.length - 1 && q === "'" ? q : ''))
    .trim()
    .replace(/(?<=\S)\s+(?:app|application|applicatie|toepassing)$/iu, '');
}
