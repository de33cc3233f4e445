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
