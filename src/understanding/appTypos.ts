/** An app name typed with one typo ("outlok", "sharepiont"): only long one-word names, never another word. */
import { merged } from './words';
import { knownApps } from './words/apps';
import { editDistance } from '../shared/editDistance';

/** Shorter app names are too close to other words ("teams" / "team", "zoom" / "room") to forgive a typo. */
const MIN_TYPO_APP_LENGTH = 6;
const NOT_NAMES = new Set(merged((w) => w.notNames));
const NOT_APPS = new Set(merged((w) => w.app.notApps));

/** Long one-word app names ("outlook", "sharepoint"): a word one typo away is that app ("outlok", "sharepiont"). */
const TYPO_APPS = knownApps.filter((a) => !a.includes(' ') && a.length >= MIN_TYPO_APP_LENGTH);

export function isMisspeltApp(word: string): boolean {
  if (word.length < MIN_TYPO_APP_LENGTH - 1 || NOT_NAMES.has(word) || NOT_APPS.has(word)) return false;
  // An ending changed or added is another word ("planned", "exchanged", "dynamic"), not a typo.
  const inflected = (app: string) =>
    app.startsWith(word) || word.startsWith(app) || app.slice(0, -1) === word.slice(0, -1);
  return TYPO_APPS.some(
    (app) => Math.abs(app.length - word.length) <= 1 && !inflected(app) && editDistance(word, app) === 1,
  );
}
