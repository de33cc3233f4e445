/** Recognisers: each finds its time expressions in `state.text`, records them and masks them. */
import type { Language } from '../shared/types';
import * as chrono from 'chrono-node';
import { MASK, mask } from './phrases';
import {
  type LocalDate,
  addDays,
  addMonths,
  compareDates,
  isValidDate,
  isoWeekday,
  dateTimeIn,
  startOfDay,
  toUtc,
} from './calendar';
import { parseClock, validClock } from './clock';
import type { Unit } from './words/timeWordTypes';
import {
  type ClockUse,
  type State,
  MINUTE,
  UNIT_MS,
  SINCE_BEFORE,
  ABSENT_BEFORE,
  ABSENT_AFTER,
  LEFT_BEFORE,
  LEFT_AFTER,
  FROM_AS_SINCE_BEFORE,
  FROM_BEFORE,
  RANGE_END_AFTER,
  UNTIL_NOW_AFTER,
  WHOLE_PART_BEFORE,
  BARE_PART,
  MONTH,
  MONTH_ANYWHERE,
  REGEX,
  BEFORE_STRICT,
  AFTER_STRICT,
  LAST_WEEKDAY_PREFIX,
  TODAY_WORDS,
  SMALL_HOURS,
  YESTERDAY_WORDS,
  PART_AFTER,
  partOf,
  unitOf,
  numberOf,
  weekdayIndex,
  isAbbreviation,
  mostRecent,
  fullYear,
  dayMonth,
  mondayOf,
  mostRecentSaturday,
} from './timeWords';

/** From n units before now until now ("the last 3 days", "al 2 dagen"); months by the calendar. */
function forLast(state: State, n: number, unit: Unit): boolean {
  const { now, timeZone: tz } = state.ctx;
  if (unit === 'month') {
    const local = dateTimeIn(now, tz);
    return addRange(state, toUtc(addMonths(local, -n), local.hour * 60 + local.minute, tz), now);
  }
  return addRange(state, new Date(now.getTime() - n * UNIT_MS[unit]), now);
}

/** Records a match: masks it, and a "since" word right before it too. */
export function take(state: State, start: number, end: number): void {
  const before = state.text.slice(0, start);
  const sinceWord = SINCE_BEFORE.exec(before);
  const whole = sinceWord || !BARE_PART.test(state.text.slice(start, end)) ? null : WHOLE_PART_BEFORE.exec(before);
  const since = sinceWord ?? whole;
  const untilNow = UNTIL_NOW_AFTER.exec(state.text.slice(end));
  const from = since
    ? null
    : untilNow
      ? FROM_BEFORE.exec(before)
      : RANGE_END_AFTER.test(state.text.slice(end))
        ? null
        : FROM_AS_SINCE_BEFORE.exec(before);
  if (untilNow) {
    state.found.since = true;
    end += untilNow[0].length;
  }
  if (from) {
    state.found.since = true;
    start = before.length - from[1].length;
  } else if (whole) {
    state.found.wholePart = true;
    start = whole.index;
  } else if (since) {
    state.found.since = true;
    // "sinds ik vanochtend binnenkwam": the words between stay ("ik" is the asker); only "sinds" and the time go.
    if (since[1] !== undefined && since[0].length > since[1].length + 1)
      state.text = mask(state.text, since.index, since.index + since[1].length);
    else start = since.index;
  }
  state.text = mask(state.text, start, end);
}

/** Runs `regex` over the text; `handle` returns false to leave a match alone. */
export function scan(state: State, regex: RegExp, handle: (m: RegExpExecArray) => boolean, all = true): void {
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

export function addRange(state: State, from: Date, to: Date): boolean {
  state.found.ranges.push({ from, to });
  return true;
}

export function addDay(state: State, date: LocalDate | null): boolean {
  if (!date) return false;
  state.found.days.push(date);
  return true;
}

export function recogniseDates(state: State): void {
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
export function recogniseChronoDates(state: State, language: Language): void {
  // Only chrono's dates with a month name are used (below): without one in the text, it has none to give.
  if (!MONTH_ANYWHERE.test(state.text)) return;
  const parsers = language === 'nl' ? [chrono.nl.strict, chrono.en.strict] : [chrono.en.strict, chrono.nl.strict];
  for (const parser of parsers) {
    const results = parser.parse(state.text, { instant: state.ctx.now, timezone: state.ctx.timeZone });
    for (const r of results) {
      if (!r.start.isCertain('day') || !r.start.isCertain('month') || r.text.includes(MASK) || !MONTH.test(r.text))
        continue;
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

export function recogniseRelativeRanges(state: State): void {
  const { ctx, today } = state;
  const tz = ctx.timeZone;
  const now = ctx.now;
  scan(state, REGEX.earlierToday, () => addRange(state, startOfDay(today, tz), now));
  scan(state, REGEX.lastNight, (m) => {
    state.found.part = 'night';
    if (SMALL_HOURS.has(m[0].replace(/\s+/g, ' '))) state.found.smallHours = true;
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
  // "sinds 8 uur" is a clock time (since 8 o'clock), "al 8 uur" a length.
  scan(state, REGEX.forN, (m) => {
    const unit = unitOf(m[3]);
    if ((unit === 'hour' || unit === 'minute') && SINCE_BEFORE.test(`${m[1]} `)) return false;
    if (ABSENT_BEFORE.test(state.text.slice(0, m.index))) return true;
    if (ABSENT_AFTER.test(state.text.slice(m.index + m[0].length))) return true;
    return forLast(state, numberOf(m[2]), unit);
  });
  scan(state, REGEX.lastN, (m) => forLast(state, numberOf(m[1]), unitOf(m[2])));
  scan(state, REGEX.ago, (m) => {
    if (LEFT_BEFORE.test(state.text.slice(0, m.index)) || LEFT_AFTER.test(state.text.slice(m.index + m[0].length)))
      return true;
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

export function recogniseClock(state: State): void {
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

export function recogniseDays(state: State): void {
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
