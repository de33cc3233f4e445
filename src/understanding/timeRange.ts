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
 * | last night, overnight, gisternacht           | yesterday 18:00 → today 06:00                             |
 * | vannacht, afgelopen nacht                    | today 00:00 → 06:00 (the hours after midnight)            |
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
import type { Language } from '../shared/types';
import { type LocalDate, addDays, compareDates, dateIn, dateTimeIn, startOfDay, toUtc } from './calendar';
import { type Clock, clockMinutes } from './clock';
import { QUESTION_CLAUSE_START } from './questionClauses';
import type { PartOfDay } from './words/timeWordTypes';
import {
  type TimeRange,
  type TimeContext,
  type ClockUse,
  type Found,
  type State,
  MINUTE,
  PART_WINDOWS,
  REGEX,
  mondayOf,
  dayRange,
} from './timeWords';
import {
  scan,
  recogniseDates,
  recogniseChronoDates,
  recogniseRelativeRanges,
  recogniseClock,
  recogniseDays,
} from './timeRecognisers';

export type { TimeRange, TimeContext } from './timeWords';

export interface TimeFinding {
  /** The range the text asks about; null when it names no time (or only a follow-up shift). */
  range: TimeRange | null;
  /** "and the day before?": move the previous question's range by this many days. */
  shiftDays?: number;
  /** The input with every recognised time expression replaced by MASK characters. */
  text: string;
}

/** "6", not "6pm", "18:00" or "lunch": an hour that `clockMinutes` reads as the afternoon. */
const isBareEarlyHour = (c: Clock) => !c.meridiem && !c.twentyFour && c.hour >= 1 && c.hour <= 6;

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
    const [start, end] = found.smallHours ? [24 * 60, PART_WINDOWS.night[1]] : PART_WINDOWS[found.part];
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
    // "since 6" asked at 08:50: a bare early hour read as the afternoon is still to come; this morning's has passed.
    const clock = found.clock;
    if (
      days.length === 0 &&
      range.from > ctx.now &&
      clock?.kind === 'since' &&
      isBareEarlyHour(clock.at) &&
      !found.part
    ) {
      const morning = dayPartClockRange(
        { ...found, clock: { ...clock, at: { ...clock.at, meridiem: 'am' } } },
        today,
        today,
        ctx,
      );
      if (morning.from <= ctx.now) range = morning;
    }
    // "since 2pm" or "after 6pm" asked at 11:00 with no day named: the last time it was 2pm, yesterday.
    if (days.length === 0 && range.from > ctx.now) {
      const yesterday = addDays(defaultDay, -1);
      range = dayPartClockRange(found, yesterday, yesterday, ctx);
    }
  }
  if (range && found.since) range = { from: range.from, to: ctx.now };
  if (range && found.wholePart && range.to > ctx.now) range = { from: range.from, to: ctx.now };
  return range;
}

/**
 * The text with every sentence that is not a question blanked (same offsets); the text itself when all are. A clause
 * before a comma and a question word tells the story too ("Lynne works in Singapore this month, why did … yesterday?").
 */
function questionsOnly(lower: string): string {
  const sentences = lower.split(QUESTION_CLAUSE_START);
  if (sentences.length < 2 || !sentences.some((s) => /\?\s*$/u.test(s))) return lower;
  return sentences.map((s) => (/\?\s*$/u.test(s) ? s : ' '.repeat(s.length))).join('');
}

/**
 * Finds the time the text asks about. `lower` is the lower-cased text, possibly already partly masked. When the
 * question names a time of its own, the times in the sentences around it only tell the story ("heeft Sanne vanochtend
 * al ingelogd? ze zou om 8 uur beginnen"); every time is masked either way.
 */
export function findTime(lower: string, ctx: TimeContext, language: Language): TimeFinding {
  const found = findTimeIn(lower, ctx, language);
  const asked = questionsOnly(lower);
  if (asked === lower || found.range === null) return found;
  const inQuestion = findTimeIn(asked, ctx, language).range;
  return inQuestion ? { ...found, range: inQuestion } : found;
}

function findTimeIn(lower: string, ctx: TimeContext, language: Language): TimeFinding {
  const today = dateIn(ctx.now, ctx.timeZone);
  const state: State = { text: lower, found: { ranges: [], days: [], since: false }, ctx, today };
  scan(state, REGEX.vague, () => true);
  scan(state, REGEX.stillWorked, () => true);
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
    const today = dateIn(ctx.now, tz);
    if (days === -7) {
      const monday = mondayOf(today);
      return { from: startOfDay(addDays(monday, -7), tz), to: startOfDay(monday, tz) };
    }
    return dayRange(addDays(today, days), addDays(today, days), tz);
  }
  const move = (instant: Date): Date => {
    const local = dateTimeIn(instant, tz);
    return toUtc(addDays(local, days), local.hour * 60 + local.minute, tz);
  };
  return { from: move(range.from), to: move(range.to) };
}
