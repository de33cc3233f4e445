/**
 * What shape of answer a question wants, read from its words until the parser says it (issue 13
 * adds a counting intent): a yes/no about a tenant-wide problem, or a number.
 */
const OUTAGE = /\b(outage|is (something|anything|it|sign-?in|login) (down|broken)|is (there|er) (an? )?(outage|storing|incident|(sign-?in |aanmeld)?(problem|probleem))|storing|everyone (can't|cannot)|iedereen kan niet)\b/i;
const COUNTING = /\b(how many|how often|hoeveel|hoe vaak)\b/i;

export function wantsYesNo(text: string): boolean {
  return OUTAGE.test(text);
}

export function wantsCount(text: string): boolean {
  return COUNTING.test(text);
}
