/**
 * Interim: words the parser does not read yet ("how many people …"), until the language side says them on the Question; then this file goes.
 */
import type { Platform, TenantAsk } from '../understanding/question';
import { TENANT_ASKS } from '../understanding/question';

export { TENANT_ASKS };
export type { Platform, TenantAsk };

/** Device platforms a question can narrow to (the parser's Platform), matched against deviceDetail.operatingSystem. */
export const PLATFORMS = [
  'mobile',
  'ios',
  'android',
  'windows',
  'macos',
  'linux',
] as const satisfies readonly Platform[];

const HOW_MANY_PEOPLE =
  /\b(how many (people|users|persons|accounts|employees)|hoeveel (mensen|gebruikers|personen|accounts|medewerkers|collega'?s))\b/i;

/** "how many people …": the number of people leads, not the number of sign-ins. */
export function countsPeople(text: string): boolean {
  return HOW_MANY_PEOPLE.test(text);
}
