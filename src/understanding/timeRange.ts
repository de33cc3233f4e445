/**
 * Time expressions → a UTC range, computed in the asker's time zone.
 *
 * chrono-node finds calendar dates written with a month name ("20 November", "op 24 november",
 * "Nov. 20th"); everything else is recognised here from the word lists, because chrono finds
 * instants, not ranges, and resolves weekdays forward. All ranges are [from, to): `to` is exclusive.
 *
 * | expression                                   | range (local time of the asker)                          |
 * |----------------------------------------------|-----------------------------------------------------------|
 * | today, vandaag                               | today 00:00 → tomorrow 00:00                              |
 * | yesterday, gisteren                          | yesterday 00:00 → today 00:00 (23 or 25 h on DST days)    |
 * | earlier today, eerder vandaag                | today 00:00 → now                                         |
 * | (this / yesterday / monday) morning          | 06:00 → 12:00 of that day (vanochtend, gisterochtend)     |
 * | … afternoon                                  | 12:00 → 18:00                                             |
 * | … evening, tonight                           | 18:00 → 24:00                                             |
 * | monday night                                 | monday 18:00 → tuesday 06:00                              |
 * | last night, vannacht, overnight              | yesterday 18:00 → today 06:00                             |
 * | (on) monday, maandag                         | the most recent Monday: today if today is Monday          |
 * | last monday, afgelopen/vorige maandag        | the most recent Monday strictly before today              |
 * | since tuesday, sinds dinsdag, since 9am      | start of that day / that time → now (any expression)      |
 * | 20 november, 2026-11-20, 20-11, 20/11, the 20th | that whole day; without a year the most recent past one; |
 * |                                              | d-m unless that is impossible and m-d is not ("11/20")    |
 * | between 9 and 11, van 9 tot 11 uur           | 09:00 → 11:00 of the day named, else today                |
 * | at 9, around 10am, om 9 uur, 10am, half 10   | one hour centred on the time: 08:30 → 09:30               |
 * | before 10am / after 5pm                      | day start → 10:00 / 17:00 → day end                       |
 * | in the last/past N minutes/hours/days/weeks  | now − N × unit → now (exact durations)                    |
 * | the past week, afgelopen week                | now − 7 days → now                                        |
 * | in the last N months                         | same wall-clock time N calendar months ago → now          |
 * | N minutes/hours ago, 2 uur geleden           | one hour centred on now − N (never past now)              |
 * | N days ago                                   | that whole day                                            |
 * | this week, deze week                         | this Monday 00:00 → now                                   |
 * | last week, vorige week                       | previous ISO week: Monday 00:00 → Monday 00:00            |
 * | this month / last month                      | the 1st 00:00 → now / the previous calendar month         |
 * | the weekend, afgelopen weekend               | the most recent Saturday 00:00 → Monday 00:00             |
 * | the day before / the week before (follow-up) | the previous question's range moved back 1 / 7 days       |
 *
 * Hours without am/pm: as written after "this morning"; +12 after afternoon/evening; after "last
 * night" 1–6 are the small hours of the next day (between 1 and 4 last night = today 01:00–04:00); with
 * no hint 1–6 are read as afternoon (13–18h, office hours) and 7–12 as written. A range whose end
 * comes before its start ("between 11 and 1") is read across noon. A clock time or part of the day
 * with no day named that has not begun yet today is yesterday's ("since 2pm" asked at 11:00). Two
 * days ("monday and tuesday") give the span from the first to the end of the last.
 */
import * as chrono from 'chrono-node';
import type { Language } from './question';
import { END, MASK, START, alternation, mask, wordsRegex } from './phrases';
import {
  LocalDate,
  addDays,
  addMonths,
  compareDates,
  isValidDate,
  isoWeekday,
  localDate,
  localDateTime,
  startOfDay,
  toUtc,
} from './localTime';
import { CLEAR_CLOCK, CLOCK, Clock, clockMinutes, parseClock, validClock } from './clock';
import { merged, mergedRecord } from './words';
import type { PartOfDay, TimeWords, Unit } from './words/types';

export interface TimeRange {
  from: Date;
  to: Date;
}

export interface TimeContext {
  now: Date;
  timeZone: string;
}

export interface TimeFinding {
  /** The range the text asks about; null when it names no time (or only a follow-up shift). */
  range: TimeRange | null;
  /** "and the day before?": move the previous question's range by this many days. */
  shiftDays?: number;
  /** The input with every recognised time expression replaced by MASK characters. */
  text: string;
}

type ClockUse =
  | { kind: 'between'; from: Clock; to: Clock }
  | { kind: 'at' | 'before' | 'after' | 'since'; at: Clock };

/** What the recognisers found; `resolve` turns it into one range. */
interface Found {
  ranges: TimeRange[];
  days: LocalDate[];
  part?: PartOfDay;
  clock?: ClockUse;
  shiftDays?: number;
  /** A "since" word came before an expression: the range runs until now. */
  since: boolean;
}

interface State {
  text: string;
  found: Found;
  ctx: TimeContext;
  today: LocalDate;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const UNIT_MS: Record<Exclude<Unit, 'month'>, number> = { minute: MINUTE, hour: HOUR, day: 24 * HOUR, week: 7 * 24 * HOUR };

/** Local wall-clock windows of the parts of a day, in minutes after midnight (night runs into the next day). */
const PART_WINDOWS: Record<PartOfDay, [number, number]> = {
  morning: [6 * 60, 12 * 60],
  afternoon: [12 * 60, 18 * 60],
  evening: [18 * 60, 24 * 60],
  night: [18 * 60, 30 * 60],
};

// ---------------------------------------------------------------------------------------------
// Vocabulary, merged over the languages, and the regular expressions built from it (once).

const T = (pick: (t: TimeWords) => string[]) => merged((w) => pick(w.time));
const alt = (pick: (t: TimeWords) => string[]) => alternation(T(pick));

const PARTS: Record<PartOfDay, string[]> = {
  morning: T((t) => t.parts.morning),
  afternoon: T((t) => t.parts.afternoon),
  evening: T((t) => t.parts.evening),
  night: T((t) => t.parts.night),
};
const ALL_PARTS = alternation(Object.values(PARTS).flat());
const UNITS: Record<Unit, string[]> = {
  minute: T((t) => t.units.minute),
  hour: T((t) => t.units.hour),
  day: T((t) => t.units.day),
  week: T((t) => t.units.week),
  month: T((t) => t.units.month),
};
const ALL_UNITS = alternation(Object.values(UNITS).flat());
const NUMBER_WORDS = mergedRecord((w) => w.time.numbers);
const NUMBER = `(?:\\d{1,3}|${alternation(Object.keys(NUMBER_WORDS))})`;
const WEEKDAYS: string[][] = [0, 1, 2, 3, 4, 5, 6].map((i) => T((t) => t.weekdays[i]));
const WEEKDAY_ABBREVIATIONS: string[][] = [0, 1, 2, 3, 4, 5, 6].map((i) => T((t) => t.weekdayAbbreviations[i]));
/** A following word that makes a number a quantity, not a time ("voor 2 dagen"). */
const NOT_AFTER_CLOCK = `(?!\\s*(?:${ALL_UNITS})${END})`;
const SINCE_BEFORE = new RegExp(`${START}${alt((t) => t.since)}\\s+$`, 'u');
const LOOKS_BEFORE_LAST = `(?<!(?:the|in|de|het|over|within|during|for|binnen)\\s+)`;

const re = (source: string) => new RegExp(source, 'gu');
const phrases = (pick: (t: TimeWords) => string[]) => new RegExp(wordsRegex(T(pick)).source, 'gu');

const MONTH = new RegExp(`${START}${alt((t) => t.months)}`, 'u');
const ANY_WEEKDAY = alternation(WEEKDAYS.flat());
const ANY_WEEKDAY_OR_ABBREVIATION = alternation([...WEEKDAYS.flat(), ...WEEKDAY_ABBREVIATIONS.flat()]);

const REGEX = {
  vague: phrases((t) => t.vague),
  isoDate: re(`${START}(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${END}`),
  numericDateWithYear: re(`${START}(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4}|\\d{2})${END}`),
  numericDate: re(`${START}(\\d{1,2})[-/](\\d{1,2})${END}(?![-/]\\d)`),
  ordinalDay: re(`${START}(?:on\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)${END}`),
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
  lastN: re(`${START}${alt((t) => t.lastN)}\\s+(?:(${NUMBER})\\s*)?(${ALL_UNITS})${END}(?!\\s+${alt((t) => t.ago)}${END})`),
  ago: re(`${START}(${NUMBER})\\s*(${ALL_UNITS})\\s+${alt((t) => t.ago)}${END}`),
  between: re(`${START}${alt((t) => t.rangeOpen)}\\s+(${CLOCK})\\s*${alt((t) => t.rangeJoin)}\\s*(${CLOCK})${END}`),
  bareClockRange: re(`${START}(${CLOCK})\\s*${alt((t) => t.rangeJoin)}\\s*(${CLOCK})${END}`),
  sinceClock: re(`${START}${alt((t) => t.since)}\\s+(${CLOCK})${END}${NOT_AFTER_CLOCK}`),
  at: re(`${START}${alt((t) => t.at)}\\s*(${CLOCK})${END}${NOT_AFTER_CLOCK}`),
  before: re(`${START}(${alt((t) => [...t.before, ...t.beforeStrict])})\\s+(${CLOCK})${END}${NOT_AFTER_CLOCK}`),
  after: re(`${START}(${alt((t) => [...t.after, ...t.afterStrict])})\\s+(${CLOCK})${END}${NOT_AFTER_CLOCK}`),
  clearClock: re(`${START}(${CLEAR_CLOCK})${END}`),
  day: re(
    `${START}(?:(${alt((t) => [...t.lastWeekdayPrefix, ...t.weekdayPrefix])})\\s+)?` +
      `(${alt((t) => [...t.today, ...t.yesterday, ...t.dayBeforeYesterday])}|${ANY_WEEKDAY_OR_ABBREVIATION})` +
      `(?:\\s*(?:'s\\s*|s\\s+|in\\s+the\\s+|in\\s+de\\s+)?(${ALL_PARTS})s?)?${END}(?!\\.\\p{L})`,
  ),
  thisPart: re(`${START}${alt((t) => t.thisPartPrefix)}\\s*(${ALL_PARTS})${END}`),
  tonight: phrases((t) => t.tonight),
  barePart: re(
    `${START}(?<!(?:good|goede)\\s+)(?:${alt((t) => t.partPrefix)}\\s*(${ALL_PARTS})s?|(${alt((t) => t.bareParts)}))${END}`,
  ),
};

const BEFORE_STRICT = new Set(T((t) => t.beforeStrict));
const AFTER_STRICT = new Set(T((t) => t.afterStrict));
const LAST_WEEKDAY_PREFIX = new Set(T((t) => t.lastWeekdayPrefix));
const TODAY_WORDS = new Set(T((t) => t.today));
const YESTERDAY_WORDS = new Set(T((t) => t.yesterday));
const PART_AFTER = new RegExp(`^\\s*(?:${alt((t) => [...t.thisPartPrefix, ...t.partPrefix])}\\s*)?(?:${ALL_PARTS})`, 'u');

// ---------------------------------------------------------------------------------------------
// Small helpers

function partOf(word: string): PartOfDay {
  const w = word.toLowerCase();
  return (Object.keys(PARTS) as PartOfDay[]).find((p) => PARTS[p].includes(w)) ?? 'morning';
}

function unitOf(word: string): Unit {
  const w = word.toLowerCase();
  return (Object.keys(UNITS) as Unit[]).find((u) => UNITS[u].includes(w)) ?? 'hour';
}

function numberOf(word: string | undefined): number {
  if (!word) return 1;
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word.replace(/\s+/g, ' ')] ?? 1;
}

function weekdayIndex(word: string): number {
  const w = word.toLowerCase();
  const i = WEEKDAYS.findIndex((names) => names.includes(w));
  return i >= 0 ? i + 1 : WEEKDAY_ABBREVIATIONS.findIndex((names) => names.includes(w)) + 1;
}

function isAbbreviation(word: string): boolean {
  return !WEEKDAYS.some((names) => names.includes(word));
}

/** Most recent past (or today's) occurrence of day/month when no year is written. */
function mostRecent(today: LocalDate, month: number, day: number): LocalDate | null {
  for (const year of [today.year, today.year - 1, today.year - 2, today.year - 3, today.year - 4]) {
    if (!isValidDate(year, month, day)) continue;
    const date = { year, month, day };
    if (compareDates(date, today) <= 0) return date;
  }
  return null;
}

function fullYear(written: string): number {
  return written.length === 2 ? 2000 + Number(written) : Number(written);
}

/** Day-month as Europeans write it, unless only month-day makes sense ("11/20"). */
function dayMonth(a: number, b: number): [number, number] | null {
  if (a >= 1 && a <= 31 && b >= 1 && b <= 12) return [a, b];
  if (b >= 1 && b <= 31 && a >= 1 && a <= 12) return [b, a];
  return null;
}

function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

function mostRecentSaturday(today: LocalDate): LocalDate {
  return addDays(today, -((isoWeekday(today) - 6 + 7) % 7));
}

function dayRange(first: LocalDate, last: LocalDate, tz: string): TimeRange {
  return { from: startOfDay(first, tz), to: startOfDay(addDays(last, 1), tz) };
}

// ---------------------------------------------------------------------------------------------
// Recognisers: each finds its expressions in `state.text`, records them and masks them.

/** Records a match: masks it, and a "since" word right before it too. */
function take(state: State, start: number, end: number): void {
  const since = SINCE_BEFORE.exec(state.text.slice(0, start));
  if (since) {
    state.found.since = true;
    start = since.index;
  }
  state.text = mask(state.text, start, end);
}

/** Runs `regex` over the text; `handle` returns false to leave a match alone. */
function scan(state: State, regex: RegExp, handle: (m: RegExpExecArray) => boolean, all = true): void {
  regex.lastIndex = 0;
  let m: RegExpExecArray | null;
  const source = state.text;
  while ((m = regex.exec(source)) !== null) {
    if (handle(m)) {
      take(state, m.index, m.index + m[0].length);
      if (!all) return;
    }
  }
}

function addRange(state: State, from: Date, to: Date): boolean {
  state.found.ranges.push({ from, to });
  return true;
}

function addDay(state: State, date: LocalDate | null): boolean {
  if (!date) return false;
  state.found.days.push(date);
  return true;
}

function recogniseDates(state: State): void {
  scan(state, REGEX.isoDate, (m) => {
    const [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
    return isValidDate(y, mo, d) && addDay(state, { year: y, month: mo, day: d });
  });
  scan(state, REGEX.numericDateWithYear, (m) => {
    const dm = dayMonth(Number(m[1]), Number(m[2]));
    const year = fullYear(m[3]);
    return dm !== null && isValidDate(year, dm[1], dm[0]) && addDay(state, { year, month: dm[1], day: dm[0] });
  });
}

/** Dates with a month name, by chrono-node: only its day, month and (if written) year are used. */
function recogniseChronoDates(state: State, language: Language): void {
  const parsers = language === 'nl' ? [chrono.nl.strict, chrono.en.strict] : [chrono.en.strict, chrono.nl.strict];
  for (const parser of parsers) {
    const results = parser.parse(state.text, { instant: state.ctx.now, timezone: state.ctx.timeZone });
    for (const r of results) {
      if (!r.start.isCertain('day') || !r.start.isCertain('month') || r.text.includes(MASK) || !MONTH.test(r.text)) continue;
      const month = r.start.get('month')!;
      const day = r.start.get('day')!;
      const date = r.start.isCertain('year')
        ? isValidDate(r.start.get('year')!, month, day)
          ? { year: r.start.get('year')!, month, day }
          : null
        : mostRecent(state.today, month, day);
      if (addDay(state, date)) take(state, r.index, r.index + r.text.length);
    }
  }
}

function recogniseRelativeRanges(state: State): void {
  const { ctx, today } = state;
  const tz = ctx.timeZone;
  const now = ctx.now;
  scan(state, REGEX.earlierToday, () => addRange(state, startOfDay(today, tz), now));
  scan(state, REGEX.lastNight, () => {
    state.found.part = 'night';
    return addDay(state, addDays(today, -1));
  });
  scan(state, REGEX.dayBefore, () => ((state.found.shiftDays = -1), true), false);
  scan(state, REGEX.weekBefore, () => ((state.found.shiftDays = -7), true), false);
  scan(state, REGEX.weekdayOfLastWeek, (m) =>
    addDay(state, addDays(mondayOf(today), -7 + weekdayIndex(m[1] ?? m[2]) - 1)),
  );
  scan(state, REGEX.thisWeek, () => addRange(state, startOfDay(mondayOf(today), tz), now));
  scan(state, REGEX.lastWeek, () =>
    addRange(state, startOfDay(addDays(mondayOf(today), -7), tz), startOfDay(mondayOf(today), tz)),
  );
  const firstOfMonth = { ...today, day: 1 };
  scan(state, REGEX.thisMonth, () => addRange(state, startOfDay(firstOfMonth, tz), now));
  scan(state, REGEX.lastMonth, () =>
    addRange(state, startOfDay(addMonths(firstOfMonth, -1), tz), startOfDay(firstOfMonth, tz)),
  );
  const saturday = mostRecentSaturday(today);
  scan(state, REGEX.lastWeekend, () => {
    const start = isoWeekday(today) >= 6 ? addDays(saturday, -7) : saturday;
    return addRange(state, startOfDay(start, tz), startOfDay(addDays(start, 2), tz));
  });
  scan(state, REGEX.weekend, () => addRange(state, startOfDay(saturday, tz), startOfDay(addDays(saturday, 2), tz)));
  scan(state, REGEX.lastN, (m) => {
    const n = numberOf(m[1]);
    const unit = unitOf(m[2]);
    if (unit === 'month') {
      const local = localDateTime(now, tz);
      return addRange(state, toUtc(addMonths(local, -n), local.hour * 60 + local.minute, tz), now);
    }
    return addRange(state, new Date(now.getTime() - n * UNIT_MS[unit]), now);
  });
  scan(state, REGEX.ago, (m) => {
    const n = numberOf(m[1]);
    const unit = unitOf(m[2]);
    if (unit === 'minute' || unit === 'hour') {
      const centre = now.getTime() - n * UNIT_MS[unit];
      return addRange(state, new Date(centre - 30 * MINUTE), new Date(Math.min(centre + 30 * MINUTE, now.getTime())));
    }
    if (unit === 'day') return addDay(state, addDays(today, -n));
    if (unit === 'week') {
      const monday = addDays(mondayOf(today), -7 * n);
      return addRange(state, startOfDay(monday, tz), startOfDay(addDays(monday, 7), tz));
    }
    const first = addMonths(firstOfMonth, -n);
    return addRange(state, startOfDay(first, tz), startOfDay(addMonths(first, 1), tz));
  });
}

function recogniseClock(state: State): void {
  const setClock = (use: ClockUse): boolean => {
    const clocks = use.kind === 'between' ? [use.from, use.to] : [use.at];
    if (state.found.clock || !clocks.every(validClock)) return false;
    state.found.clock = use;
    return true;
  };
  scan(state, REGEX.between, (m) => setClock({ kind: 'between', from: parseClock(m[1]), to: parseClock(m[2]) }));
  scan(state, REGEX.bareClockRange, (m) => {
    const [from, to] = [parseClock(m[1]), parseClock(m[2])];
    const followedByPart = PART_AFTER.test(state.text.slice(m.index + m[0].length));
    return (from.marked || to.marked || followedByPart) && setClock({ kind: 'between', from, to });
  });
  scan(state, REGEX.sinceClock, (m) => {
    if (!setClock({ kind: 'since', at: parseClock(m[1]) })) return false;
    state.found.since = true;
    return true;
  });
  scan(state, REGEX.at, (m) => setClock({ kind: 'at', at: parseClock(m[1]) }));
  scan(state, REGEX.before, (m) => {
    const at = parseClock(m[2]);
    return (at.marked || !BEFORE_STRICT.has(m[1])) && setClock({ kind: 'before', at });
  });
  scan(state, REGEX.after, (m) => {
    const at = parseClock(m[2]);
    return (at.marked || !AFTER_STRICT.has(m[1])) && setClock({ kind: 'after', at });
  });
  scan(state, REGEX.clearClock, (m) => setClock({ kind: 'at', at: parseClock(m[1]) }));
}

function recogniseDays(state: State): void {
  const { today } = state;
  scan(state, REGEX.numericDate, (m) => {
    const dm = dayMonth(Number(m[1]), Number(m[2]));
    return dm !== null && addDay(state, mostRecent(today, dm[1], dm[0]));
  });
  scan(state, REGEX.ordinalDay, (m) => {
    const day = Number(m[1]);
    for (const month of [today, addMonths({ ...today, day: 1 }, -1), addMonths({ ...today, day: 1 }, -2)]) {
      const date = { year: month.year, month: month.month, day };
      if (isValidDate(date.year, date.month, day) && compareDates(date, today) <= 0) return addDay(state, date);
    }
    return false;
  });
  scan(state, REGEX.day, (m) => {
    const [, prefix, word, part] = m;
    let date: LocalDate;
    if (TODAY_WORDS.has(word)) date = today;
    else if (YESTERDAY_WORDS.has(word)) date = addDays(today, -1);
    else if (!weekdayIndex(word)) date = addDays(today, -2);
    else {
      if (isAbbreviation(word) && !prefix) return false;
      const back = (isoWeekday(today) - weekdayIndex(word) + 7) % 7;
      date = addDays(today, back === 0 && prefix && LAST_WEEKDAY_PREFIX.has(prefix) ? -7 : -back);
    }
    if (part) state.found.part = partOf(part);
    return addDay(state, date);
  });
  scan(state, REGEX.thisPart, (m) => {
    state.found.part = partOf(m[1]);
    return addDay(state, today);
  });
  scan(state, REGEX.tonight, () => {
    state.found.part = 'evening';
    return addDay(state, today);
  });
  scan(state, REGEX.barePart, (m) => {
    state.found.part = partOf(m[1] ?? m[2]);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------

function clockRange(use: ClockUse, day: LocalDate, hint: PartOfDay | undefined, ctx: TimeContext): TimeRange {
  const tz = ctx.timeZone;
  if (use.kind === 'between') {
    let { from, to } = use;
    // "between 9 and 11am": one am/pm for both, unless that puts the start after the end.
    if (!from.meridiem && to.meridiem && !from.twentyFour) {
      const shared = { ...from, meridiem: to.meridiem };
      if (clockMinutes(shared, hint) <= clockMinutes(to, hint)) from = shared;
    }
    if (!to.meridiem && from.meridiem && !to.twentyFour) to = { ...to, meridiem: from.meridiem };
    const start = clockMinutes(from, hint);
    let end = clockMinutes(to, hint);
    if (end <= start) end = end + 12 * 60 > start && end < 12 * 60 ? end + 12 * 60 : end + 24 * 60;
    return { from: toUtc(day, start, tz), to: toUtc(day, end, tz) };
  }
  const at = toUtc(day, clockMinutes(use.at, hint), tz);
  switch (use.kind) {
    case 'at':
      return { from: new Date(at.getTime() - 30 * MINUTE), to: new Date(at.getTime() + 30 * MINUTE) };
    case 'before':
      return { from: startOfDay(day, tz), to: at };
    case 'after':
      return { from: at, to: startOfDay(addDays(day, 1), tz) };
    case 'since':
      return { from: at, to: ctx.now };
  }
}

function dayPartClockRange(found: Found, first: LocalDate, last: LocalDate, ctx: TimeContext): TimeRange {
  const tz = ctx.timeZone;
  if (found.clock) return clockRange(found.clock, first, found.part, ctx);
  if (found.part) {
    const [start, end] = PART_WINDOWS[found.part];
    return { from: toUtc(first, start, tz), to: toUtc(last, end, tz) };
  }
  return dayRange(first, last, tz);
}

function resolve(found: Found, ctx: TimeContext, today: LocalDate): TimeRange | null {
  let range: TimeRange | null = null;
  if (found.ranges.length > 0) {
    range = {
      from: new Date(Math.min(...found.ranges.map((r) => r.from.getTime()))),
      to: new Date(Math.max(...found.ranges.map((r) => r.to.getTime()))),
    };
  } else if (found.days.length > 0 || found.part || found.clock) {
    const days = [...found.days].sort(compareDates);
    const defaultDay = found.part === 'night' && !found.clock ? addDays(today, -1) : today;
    range = dayPartClockRange(found, days[0] ?? defaultDay, days[days.length - 1] ?? defaultDay, ctx);
    // "since 2pm" or "after 6pm" asked at 11:00 with no day named: the last time it was 2pm, yesterday.
    if (days.length === 0 && range.from > ctx.now) {
      const yesterday = addDays(defaultDay, -1);
      range = dayPartClockRange(found, yesterday, yesterday, ctx);
    }
  }
  if (range && found.since) range = { from: range.from, to: ctx.now };
  return range;
}

/** Finds the time the text asks about. `lower` is the lower-cased text, possibly already partly masked. */
export function findTime(lower: string, ctx: TimeContext, language: Language): TimeFinding {
  const today = localDate(ctx.now, ctx.timeZone);
  const state: State = { text: lower, found: { ranges: [], days: [], since: false }, ctx, today };
  scan(state, REGEX.vague, () => true);
  recogniseDates(state);
  recogniseRelativeRanges(state);
  if (/\d/.test(state.text)) recogniseChronoDates(state, language);
  recogniseClock(state);
  recogniseDays(state);
  const range = resolve(state.found, ctx, today);
  return { range, shiftDays: state.found.shiftDays, text: state.text };
}

/**
 * Moves a previous question's range back by `days` local calendar days, keeping wall-clock times
 * ("this morning" → yesterday morning). With no previous range, the shift is from today:
 * the day before = yesterday, the week before = last week.
 */
export function shiftRange(range: TimeRange | null, days: number, ctx: TimeContext): TimeRange {
  const tz = ctx.timeZone;
  if (!range) {
    const today = localDate(ctx.now, tz);
    if (days === -7) {
      const monday = mondayOf(today);
      return { from: startOfDay(addDays(monday, -7), tz), to: startOfDay(monday, tz) };
    }
    return dayRange(addDays(today, days), addDays(today, days), tz);
  }
  const move = (instant: Date): Date => {
    const local = localDateTime(instant, tz);
    return toUtc(addDays(local, days), local.hour * 60 + local.minute, tz);
  };
  return { from: move(range.from), to: move(range.to) };
}
