/**
 * Calendar arithmetic in an IANA time zone with nothing but `Intl`: local dates, local midnight
 * as a UTC instant, weekdays. Days are not assumed to be 24 hours long (DST days are 23 or 25).
 */

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields of `instant` in `timeZone`, read from Intl (slow: see offsetAt). */
function intlWallClock(instant: number, timeZone: string): number[] {
  const fields = [0, 0, 0, 0, 0, 0];
  for (const part of formatter(timeZone).formatToParts(instant)) {
    const i = ['year', 'month', 'day', 'hour', 'minute', 'second'].indexOf(part.type);
    if (i >= 0) fields[i] = Number(part.value);
  }
  return fields;
}

const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

/**
 * How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. Zones change their
 * offset only on whole quarter hours of UTC, so the offset is asked of Intl once per zone and
 * quarter hour and then remembered (parsing asks it many times per question).
 */
function offsetAt(instant: number, timeZone: string): number {
  const bucket = Math.floor(instant / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const [y, mo, d, h, mi, s] = intlWallClock(bucket, timeZone);
    offset = Date.UTC(y, mo - 1, d, h, mi, s) - bucket;
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** Wall-clock fields of `instant` in `timeZone`, with seconds. */
function wallClock(instant: number, timeZone: string): number[] {
  const local = new Date(instant + offsetAt(instant, timeZone));
  return [
    local.getUTCFullYear(),
    local.getUTCMonth() + 1,
    local.getUTCDate(),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
  ];
}

export function dateTimeIn(instant: Date, timeZone: string): LocalDateTime {
  const [year, month, day, hour, minute] = wallClock(instant.getTime(), timeZone);
  return { year, month, day, hour, minute };
}

export function dateIn(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = dateTimeIn(instant, timeZone);
  return { year, month, day };
}

/**
 * The UTC instant of `date` at `minutes` after its local midnight (may exceed 24 h; it is wall-clock
 * time, so 06:00 on a DST day is still 06:00). A wall-clock time that does not exist (spring
 * forward) maps to the instant after the gap; one that exists twice (fall back) to the later one.
 */
export function toUtc(date: LocalDate, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return new Date(second);
}

export function startOfDay(date: LocalDate, timeZone: string): Date {
  return toUtc(date, 0, timeZone);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addMonths(date: LocalDate, months: number): LocalDate {
  const first = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return { year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, day: Math.min(date.day, lastDay) };
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
