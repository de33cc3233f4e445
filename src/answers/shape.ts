/**
 * What shape of answer a question wants, read from its words until the parser says it (issue 13
 * adds a counting intent): a yes/no about a tenant-wide problem, or a number.
 */
const OUTAGE = /\b(outage|is (something|anything|it|sign-?in|login) (down|broken)|is (there|er) (an? )?(outage|storing|incident|(sign-?in |aanmeld)?(problem|probleem))|storing|everyone (can't|cannot)|iedereen kan niet)\b/i;
const COUNTING = /\b(how many|how often|hoeveel|hoe vaak)\b/i;

/**
 * "why can't I sign in?", "waarom kan ik niet inloggen": present tense, so about now — unlike "why
 * couldn't I…", "why did … fail", "kon ik niet". Only consulted when the question names no time.
 */
const ABOUT_NOW = /\b(can'?t|cannot|can not|unable to|am not able to|won'?t let me|(is|am|'m) (blocked|locked|stuck)|(isn'?t|doesn'?t|does not|is not) (work|working|let)|keeps? (failing|blocking|asking)|kan (ik |hij |zij |ze )?niet|lukt (het )?niet|werkt (het )?niet|ben (ik )?(geblokkeerd|buitengesloten)|word (ik )?geblokkeerd|kom (ik )?niet in)\b/i;

export function asksAboutNow(text: string): boolean {
  return ABOUT_NOW.test(text);
}

export function wantsYesNo(text: string): boolean {
  return OUTAGE.test(text);
}

export function wantsCount(text: string): boolean {
  return COUNTING.test(text);
}

/** The tenant-wide question kinds, each its own answer (src/answers/tenantWide.ts). */
export const TENANT_ASKS = ['who-failed', 'locked-out', 'top-apps', 'top-codes', 'top-countries'] as const;
export type TenantAsk = (typeof TENANT_ASKS)[number];

/** Device platforms a question can narrow to, matched against deviceDetail.operatingSystem. */
export const PLATFORMS = ['mobile', 'ios', 'android', 'windows', 'macos', 'linux'] as const;
export type Platform = (typeof PLATFORMS)[number];

// Interim: read from the words until the parser's fields (issue 22, language side) land.
const ASKS: Array<[TenantAsk, RegExp]> = [
  ['top-apps', /\b(which|what|welke) (apps?|applications?|applicaties?)\b|\bapps? (with|have|has) the most\b/i],
  ['top-codes', /\b(which|what|welke) (error ?codes?|errors?|foutcodes?|fouten|foutmeldingen)\b|\bmost common (error|code)s?\b|\bmeest voorkomende fout/i],
  ['top-countries', /\b(which|what|welke) (countries|country|landen|land)\b|\bwhere (are|do) (the )?failures come from\b/i],
  ['locked-out', /\b(locked out|lockouts?|locked|buitengesloten|vergrendeld|geblokkeerd)\b/i],
];
const HOW_MANY_PEOPLE = /\b(how many (people|users|persons|accounts|employees)|hoeveel (mensen|gebruikers|personen|accounts|medewerkers|collega'?s))\b/i;
const PLATFORM_WORDS: Array<[Platform, RegExp]> = [
  ['ios', /\b(iphone|ipad|ios)\b/i], ['android', /\bandroid\b/i], ['macos', /\b(mac|macbook|macos)\b/i],
  ['windows', /\b(windows|pc)\b/i], ['linux', /\blinux\b/i], ['mobile', /\b(phone|mobile|telefoon|mobiel)\b/i],
];

/** Which tenant-wide answer a question about everyone wants; null: not a tenant-wide kind (an outage, an id). */
export function tenantAskOf(text: string, category: string | null): TenantAsk | null {
  for (const [ask, words] of ASKS) if (words.test(text)) return ask === 'locked-out' && category !== null && category !== 'lockout' ? null : ask;
  return category === 'lockout' ? 'locked-out' : 'who-failed';
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
