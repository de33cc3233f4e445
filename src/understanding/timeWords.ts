/** Time expressions' word lists as patterns, the shapes the recognisers share, and small date helpers. */
import { END, START, alternation, wordsRegex } from './phrases';
import { type LocalDate, addDays, compareDates, isValidDate, isoWeekday, startOfDay } from './calendar';
import { CLEAR_CLOCK, CLOCK, type Clock } from './clock';
import { merged, mergedRecord } from './words';
import type { PartOfDay, TimeWords, Unit } from './words/timeWordTypes';

export interface TimeRange {
  from: Date;
  to: Date;
}

export interface TimeContext {
  now: Date;
  timeZone: string;
}

export type ClockUse =
  { kind: 'between'; from: Clock; to: Clock } | { kind: 'at' | 'before' | 'after' | 'since'; at: Clock };

/** What the recognisers found; `resolve` turns it into one range. */
export interface Found {
  ranges: TimeRange[];
  days: LocalDate[];
  part?: PartOfDay;
  /** The night named is its hours after midnight only ("vannacht"): today 00:00 → 06:00. */
  smallHours?: boolean;
  clock?: ClockUse;
  shiftDays?: number;
  /** A "since" word came before an expression: the range runs until now. */
  since: boolean;
  /** "all morning", "de hele ochtend": the part so far, or the whole part once it is over. */
  wholePart?: boolean;
}

export interface State {
  text: string;
  found: Found;
  ctx: TimeContext;
  today: LocalDate;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const UNIT_MS: Record<Exclude<Unit, 'month'>, number> = {
  minute: MINUTE,
  hour: HOUR,
  day: 24 * HOUR,
  week: 7 * 24 * HOUR,
};

/** Local wall-clock windows of the parts of a day, in minutes after midnight (night runs into the next day). */
export const PART_WINDOWS: Record<PartOfDay, [number, number]> = {
  morning: [6 * 60, 12 * 60],
  afternoon: [12 * 60, 18 * 60],
  evening: [18 * 60, 24 * 60],
  night: [18 * 60, 30 * 60],
};

// ---------------------------------------------------------------------------------------------
// Vocabulary, merged over the languages, and the regular expressions built from it (once).

export const T = (pick: (t: TimeWords) => string[]) => merged((w) => pick(w.time));
export const alt = (pick: (t: TimeWords) => string[]) => alternation(T(pick));

export const PARTS: Record<PartOfDay, string[]> = {
  morning: T((t) => t.parts.morning),
  afternoon: T((t) => t.parts.afternoon),
  evening: T((t) => t.parts.evening),
  night: T((t) => t.parts.night),
};
export const ALL_PARTS = alternation(Object.values(PARTS).flat());
export const UNITS: Record<Unit, string[]> = {
  minute: T((t) => t.units.minute),
  hour: T((t) => t.units.hour),
  day: T((t) => t.units.day),
  week: T((t) => t.units.week),
  month: T((t) => t.units.month),
};
export const ALL_UNITS = alternation(Object.values(UNITS).flat());
export const NUMBER_WORDS = mergedRecord((w) => w.time.numbers);
export const NUMBER = `(?:\\d{1,3}|${alternation(Object.keys(NUMBER_WORDS))})`;
export const WEEKDAYS: string[][] = [0, 1, 2, 3, 4, 5, 6].map((i) => T((t) => t.weekdays[i]));
export const WEEKDAY_ABBREVIATIONS: string[][] = [0, 1, 2, 3, 4, 5, 6].map((i) => T((t) => t.weekdayAbbreviations[i]));
/** A following word that makes a number a quantity, not a time ("voor 2 dagen"). */
export const NOT_AFTER_CLOCK = `(?!\\s*(?:${ALL_UNITS})${END})`;
/**
 * "since monday", "since the 23rd of october", and "since I came in this morning", "since he changed his password on
 * friday", "sinds ik vanochtend binnenkwam", "since the change on friday": a few words may come between.
 */
export const SINCE_BEFORE = new RegExp(
  `${START}(${alt((t) => t.since)})\\s+(?:(?:i|ik|we|she|he|they|hij|zij|ze)\\s+(?:[\\p{L}'\\u0001]+\\s+){0,3}|(?:the|de|het)\\s+(?:[\\p{L}-]+\\s+(?:(?:on|op|of|van)\\s+)?)?)?$`,
  'u',
);
/** "was away for three weeks": an absence before a length of time. */
export const ABSENT_BEFORE = new RegExp(`${START}${alt((t) => t.absentFor)}\\s+$`, 'u');
/** "Ben left us 2 weeks ago", "Ben is 2 weken geleden vertrokken": when someone left. */
export const LEFT_BEFORE = new RegExp(`${START}${alt((t) => t.leavingWords)}\\s+$`, 'u');
export const LEFT_AFTER = new RegExp(`^\\s+${alt((t) => t.leavingWords)}${END}`, 'u');
/** "back from 3 weeks off", "na 2 weken vakantie": the absence after a length of time. */
export const ABSENT_AFTER = new RegExp(`^\\s+${alt((t) => t.absentAfter)}${END}`, 'u');
/** "fails to login from yesterday": "from" after a present-tense complaint in the same sentence (group 1: "from "). */
export const FROM_AS_SINCE_BEFORE = new RegExp(
  `${START}${alt((t) => t.fromAsSince.after)}${END}[^.?!]*?${START}(${alt((t) => t.fromAsSince.from)}\\s+)$`,
  'u',
);
/** "from this morning until now": the time runs up to now (group 0 is masked with it). */
export const UNTIL_NOW_AFTER = new RegExp(`^\\s*${alt((t) => t.untilNow)}${END}`, 'u');
/** The "from" right before such a time. */
export const FROM_BEFORE = new RegExp(`${START}(${alt((t) => t.fromAsSince.from)}\\s+)$`, 'u');
/** "from monday to wednesday": an end after the time, so the "from" opens a range. */
export const RANGE_END_AFTER = new RegExp(
  `^\\s*(?!${alt((t) => t.fromAsSince.notRangeEnd)}${END})${alt((t) => t.rangeJoin)}(?![\\p{L}])`,
  'u',
);
/** "all morning", "de hele ochtend": since that part of the day began. */
export const WHOLE_PART_BEFORE = new RegExp(`${START}${alt((t) => t.wholePart)}\\s+$`, 'u');
export const BARE_PART = new RegExp(`^${alt((t) => t.bareParts)}$`, 'u');
export const LOOKS_BEFORE_LAST = `(?<!(?:the|in|de|het|over|within|during|for|binnen)\\s+)`;

export const re = (source: string) => new RegExp(source, 'gu');
export const phrases = (pick: (t: TimeWords) => string[]) => new RegExp(wordsRegex(T(pick)).source, 'gu');

export const MONTH = new RegExp(`${START}${alt((t) => t.months)}`, 'u');
/** A month's name anywhere, even inside a word: where there is none, no part of the text has one. */
export const MONTH_ANYWHERE = new RegExp(
  alt((t) => t.months),
  'u',
);
export const ANY_WEEKDAY = alternation(WEEKDAYS.flat());
export const ANY_WEEKDAY_OR_ABBREVIATION = alternation([...WEEKDAYS.flat(), ...WEEKDAY_ABBREVIATIONS.flat()]);

export const REGEX = {
  vague: phrases((t) => t.vague),
  stillWorked: phrases((t) => t.stillWorked),
  isoDate: re(`${START}(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${END}`),
  numericDateWithYear: re(`${START}(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4}|\\d{2})${END}`),
  numericDate: re(`${START}(\\d{1,2})[-/](\\d{1,2})${END}(?![-/]\\d)`),
  // ("on the 3rd floor" is a place.)
  ordinalDay: re(
    `${START}(?:on\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)${END}(?!\\s+${alt((t) => t.notAfterOrdinal)}${END})`,
  ),
  earlierToday: phrases((t) => t.earlierToday),
  lastNight: phrases((t) => t.lastNight),
  dayBefore: re(`${START}${alt((t) => t.dayBefore)}${END}(?!\\s+${alt((t) => t.yesterday)})`),
  weekBefore: phrases((t) => t.weekBefore),
  weekdayOfLastWeek: re(
    `${START}(?:${alt((t) => t.lastWeek)}\\s+(?:on\\s+|op\\s+)?(${ANY_WEEKDAY})|(${ANY_WEEKDAY})\\s+(?:of\\s+|van\\s+)?${alt((t) => t.lastWeek)})${END}`,
  ),
  thisWeek: re(`${START}${alt((t) => t.thisWeek)}${END}`),
  lastWeek: re(`${START}${LOOKS_BEFORE_LAST}${alt((t) => t.lastWeek)}${END}`),
  thisMonth: re(`${START}${alt((t) => t.thisMonth)}${END}`),
  lastMonth: re(`${START}${LOOKS_BEFORE_LAST}${alt((t) => t.lastMonth)}${END}`),
  lastWeekend: re(`${START}${alt((t) => t.lastWeekend)}${END}`),
  weekend: re(`${START}${alt((t) => t.weekend)}${END}`),
  // Not "since 3 days ago": that is a day, found by `ago`, with "since" before it.
  lastN: re(
    `${START}${alt((t) => t.lastN)}\\s+(?:(${NUMBER})\\s*)?(${ALL_UNITS})${END}(?!\\s+${alt((t) => t.ago)}${END})`,
  ),
  // "for 3 days now", "al 2 dagen": a number is required ("for hours" says no length).
  // A number in words needs a space before its unit: "page and back" is no "an d(ay) back".
  forN: re(
    `${START}(${alt((t) => t.forN)})\\s+(${NUMBER})(?:\\s+|(?<=\\d)\\s*)(${ALL_UNITS})${END}(?!\\s+${alt((t) => t.ago)}${END})`,
  ),
  ago: re(`${START}(${NUMBER})(?:\\s+|(?<=\\d)\\s*)(${ALL_UNITS})\\s+${alt((t) => t.ago)}${END}`),
  between: re(`${START}${alt((t) => t.rangeOpen)}\\s+(${CLOCK})\\s*${alt((t) => t.rangeJoin)}\\s*(${CLOCK})${END}`),
  bareClockRange: re(`${START}(${CLOCK})\\s*${alt((t) => t.rangeJoin)}\\s*(${CLOCK})${END}`),
  sinceClock: re(`${START}${alt((t) => t.since)}\\s+(${CLOCK})${END}${NOT_AFTER_CLOCK}`),
  at: re(`${START}${alt((t) => t.at)}\\s*(${CLOCK})${END}${NOT_AFTER_CLOCK}`),
  before: re(`${START}(${alt((t) => [...t.before, ...t.beforeStrict])})\\s+(${CLOCK})${END}${NOT_AFTER_CLOCK}`),
  after: re(`${START}(${alt((t) => [...t.after, ...t.afterStrict])})\\s+(${CLOCK})${END}${NOT_AFTER_CLOCK}`),
  clearClock: re(`${START}(${CLEAR_CLOCK})${END}`),
  day: re(
    `${START}(?:${alt((t) => t.wholeDay)}\\s+)?(?:(${alt((t) => [...t.lastWeekdayPrefix, ...t.weekdayPrefix])})\\s+)?` +
      `(${alt((t) => [...t.today, ...t.yesterday, ...t.dayBeforeYesterday])}|${ANY_WEEKDAY_OR_ABBREVIATION})` +
      `(?:\\s*(?:'s\\s*|s\\s+|in\\s+the\\s+|in\\s+de\\s+)?(${ALL_PARTS})s?)?(?:\\s+${alt((t) => t.wholeDay)})?${END}(?!\\.\\p{L})`,
  ),
  thisPart: re(`${START}${alt((t) => t.thisPartPrefix)}\\s*(${ALL_PARTS})${END}`),
  tonight: phrases((t) => t.tonight),
  barePart: re(
    `${START}(?<!(?:good|goede)\\s+)(?:${alt((t) => t.partPrefix)}\\s*(${ALL_PARTS})s?|(${alt((t) => t.bareParts)}))${END}`,
  ),
};

export const BEFORE_STRICT = new Set(T((t) => t.beforeStrict));
export const AFTER_STRICT = new Set(T((t) => t.afterStrict));
export const LAST_WEEKDAY_PREFIX = new Set(T((t) => t.lastWeekdayPrefix));
/** "vannacht": a night word that means only its hours after midnight. */
export const SMALL_HOURS = new Set(T((t) => t.smallHours));
export const TODAY_WORDS = new Set(T((t) => t.today));
export const YESTERDAY_WORDS = new Set(T((t) => t.yesterday));
export const PART_AFTER = new RegExp(
  `^\\s*(?:${alt((t) => [...t.thisPartPrefix, ...t.partPrefix])}\\s*)?(?:${ALL_PARTS})`,
  'u',
);

// ---------------------------------------------------------------------------------------------
// Small helpers

export function partOf(word: string): PartOfDay {
  const w = word.toLowerCase();
  return (Object.keys(PARTS) as PartOfDay[]).find((p) => PARTS[p].includes(w)) ?? 'morning';
}

export function unitOf(word: string): Unit {
  const w = word.toLowerCase();
  return (Object.keys(UNITS) as Unit[]).find((u) => UNITS[u].includes(w)) ?? 'hour';
}

export function numberOf(word: string | undefined): number {
  if (!word) return 1;
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word.replace(/\s+/g, ' ')] ?? 1;
}

export function weekdayIndex(word: string): number {
  const w = word.toLowerCase();
  const i = WEEKDAYS.findIndex((names) => names.includes(w));
  return i >= 0 ? i + 1 : WEEKDAY_ABBREVIATIONS.findIndex((names) => names.includes(w)) + 1;
}

export function isAbbreviation(word: string): boolean {
  return !WEEKDAYS.some((names) => names.includes(word));
}

/** Most recent past (or today's) occurrence of day/month when no year is written. */
export function mostRecent(today: LocalDate, month: number, day: number): LocalDate | null {
  for (const year of [today.year, today.year - 1, today.year - 2, today.year - 3, today.year - 4]) {
    if (!isValidDate(year, month, day)) continue;
    const date = { year, month, day };
    if (compareDates(date, today) <= 0) return date;
  }
  return null;
}

export function fullYear(written: string): number {
  return written.length === 2 ? 2000 + Number(written) : Number(written);
}

/** Day-month as Europeans write it, unless only month-day makes sense ("11/20"). */
export function dayMonth(a: number, b: number): [number, number] | null {
  if (a >= 1 && a <= 31 && b >= 1 && b <= 12) return [a, b];
  if (b >= 1 && b <= 31 && a >= 1 && a <= 12) return [b, a];
  return null;
}

export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

export function mostRecentSaturday(today: LocalDate): LocalDate {
  return addDays(today, -((isoWeekday(today) - 6 + 7) % 7));
}

export function dayRange(first: LocalDate, last: LocalDate, tz: string): TimeRange {
  return { from: startOfDay(first, tz), to: startOfDay(addDays(last, 1), tz) };
}
