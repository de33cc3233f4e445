/**
 * Interim: words the parser does not read yet ("how many people …", "did anyone try to get into my
 * account?"), until the language side says them on the Question; then this file goes.
 */
import type { Platform, TenantAsk } from '../understanding/question';
import { TENANT_ASKS } from '../understanding/question';

export { TENANT_ASKS };
export type { Platform, TenantAsk };

/** Device platforms a question can narrow to (the parser's Platform), matched against deviceDetail.operatingSystem. */
export const PLATFORMS = ['mobile', 'ios', 'android', 'windows', 'macos', 'linux'] as const satisfies readonly Platform[];

const HOW_MANY_PEOPLE = /\b(how many (people|users|persons|accounts|employees)|hoeveel (mensen|gebruikers|personen|accounts|medewerkers|collega'?s))\b/i;

/** "how many people …": the number of people leads, not the number of sign-ins. */
export function countsPeople(text: string): boolean {
  return HOW_MANY_PEOPLE.test(text);
}

const INTRUSION = /\b(did|has|have|was|were|is) (anyone|anybody|someone|somebody|people) (been )?(try|tried|trying) to (get in(to)?|log ?in(to)?|sign ?in(to)?|access|break in(to)?|hack)|\b(hacked|compromised)\b|\b(iemand|mensen)\b.{0,30}\b(geprobeerd|proberen|probeert|probeerde)\b.{0,20}\b(in te loggen|binnen te komen|aan te melden|in mijn account)|\bgehackt\b/i;

/** "did anyone try to get into my account?", "heeft iemand geprobeerd in te loggen op mijn account?". */
export function asksAboutIntrusion(text: string): boolean {
  return INTRUSION.test(text);
}
