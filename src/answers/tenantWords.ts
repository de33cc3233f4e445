/**
 * Interim: the tenant-wide question kind, country and platform read from the words, until the
 * parser's own fields (Question.tenantAsk, country, platform; issue 22's language side) land, when
 * this file goes. The names match those fields.
 */
/** The tenant-wide question kinds, each its own answer (src/answers/tenantWide.ts). */
export const TENANT_ASKS = ['people', 'locked-now', 'top-apps', 'top-codes', 'top-countries'] as const;
export type TenantAsk = (typeof TENANT_ASKS)[number];

/** Device platforms a question can narrow to, matched against deviceDetail.operatingSystem. */
export const PLATFORMS = ['mobile', 'ios', 'android', 'windows', 'macos', 'linux'] as const;
export type Platform = (typeof PLATFORMS)[number];

// Interim: read from the words until the parser's fields (issue 22, language side) land.
const ASKS: Array<[TenantAsk, RegExp]> = [
  ['top-apps', /\b(which|what|welke) (apps?|applications?|applicaties?)\b|\bapps? (with|have|has) the most\b/i],
  ['top-codes', /\b(which|what|welke) (error ?codes?|errors?|foutcodes?|fouten|foutmeldingen)\b|\bmost common (error|code)s?\b|\bmeest voorkomende fout/i],
  ['top-countries', /\b(which|what|welke) (countries|country|landen|land)\b|\bwhere (are|do) (the )?failures come from\b/i],
  ['locked-now', /\b(locked out|lockouts?|locked|buitengesloten|vergrendeld|geblokkeerd)\b/i],
];
const HOW_MANY_PEOPLE = /\b(how many (people|users|persons|accounts|employees)|hoeveel (mensen|gebruikers|personen|accounts|medewerkers|collega'?s))\b/i;
const PLATFORM_WORDS: Array<[Platform, RegExp]> = [
  ['ios', /\b(iphone|ipad|ios)\b/i], ['android', /\bandroid\b/i], ['macos', /\b(mac|macbook|macos)\b/i],
  ['windows', /\b(windows|pc)\b/i], ['linux', /\blinux\b/i], ['mobile', /\b(phone|mobile|telefoon|mobiel)\b/i],
];

/** Which tenant-wide answer a question about everyone wants; null: not a tenant-wide kind (an outage, an id). */
export function tenantAskOf(text: string, category: string | null): TenantAsk | null {
  for (const [ask, words] of ASKS) if (words.test(text)) return ask === 'locked-now' && category !== null && category !== 'lockout' ? null : ask;
  return category === 'lockout' ? 'locked-now' : 'people';
}

/** "how many people …": the number of people leads, not the number of sign-ins. */
export function countsPeople(text: string): boolean {
  return HOW_MANY_PEOPLE.test(text);
}

export function platformOf(text: string): Platform | null {
  return PLATFORM_WORDS.find(([, words]) => words.test(text))?.[0] ?? null;
}

/** "outside the Netherlands", "from Portugal", "buiten Nederland", "uit Portugal": a country, by its name in English or Dutch. */
export function countryOf(text: string): { code: string; outside: boolean } | { unknown: string } | null {
  const m = /\b(outside( of)?|buiten|from|uit|in) (the )?([A-Z][\p{L}-]+( [A-Z][\p{L}-]+)?)/u.exec(text);
  if (!m) return null;
  const outside = /^(outside|buiten)/i.test(m[1]);
  const code = countryCodeOf(m[4]);
  if (code) return { code, outside };
  return outside ? { unknown: m[4] } : null;
}

let countryNames: Map<string, string> | null = null;
function countryCodeOf(name: string): string | null {
  if (!countryNames) {
    countryNames = new Map();
    const en = new Intl.DisplayNames(['en'], { type: 'region' });
    const nl = new Intl.DisplayNames(['nl'], { type: 'region' });
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        for (const names of [en, nl]) {
          const n = names.of(code);
          if (n && n !== code) countryNames.set(n.toLowerCase(), code);
        }
      }
    }
  }
  return countryNames.get(name.toLowerCase().replace(/^the /, '')) ?? null;
}

const INTRUSION = /\b(did|has|have|was|were|is) (anyone|anybody|someone|somebody|people) (been )?(try|tried|trying) to (get in(to)?|log ?in(to)?|sign ?in(to)?|access|break in(to)?|hack)|\b(hacked|compromised)\b|\b(iemand|mensen)\b.{0,30}\b(geprobeerd|proberen|probeert|probeerde)\b.{0,20}\b(in te loggen|binnen te komen|aan te melden|in mijn account)|\bgehackt\b/i;

/** "did anyone try to get into my account?", "heeft iemand geprobeerd in te loggen op mijn account?". */
export function asksAboutIntrusion(text: string): boolean {
  return INTRUSION.test(text);
}
