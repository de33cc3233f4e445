/**
 * Clock times as people write them — 9, 9am, 09:30, 14.30, 9 uur, noon, half 10 (= 09:30),
 * quarter past 9 — and the guess of am/pm when they leave it out (see the table in timeRange.ts).
 */
import { alternation } from './phrases';
import { merged, mergedRecord } from './words';
import type { PartOfDay, TimeWords } from './words/timeWordTypes';

export interface Clock {
  hour: number;
  minute: number;
  meridiem?: 'am' | 'pm';
  /** Written as a clock time (09:00, 9am, 9 uur, noon) rather than a bare number. */
  marked: boolean;
  /** 24-hour notation ("14:00", "09:30"): never moved by am/pm guessing. */
  twentyFour: boolean;
}

const T = (pick: (t: TimeWords) => string[]) => merged((w) => pick(w.time));

const AM = T((t) => t.am);
const PM = T((t) => t.pm);
const MERIDIEM = alternation([...AM, ...PM, ...T((t) => t.oClock)]);
const NOON = T((t) => t.noon);
const MIDNIGHT = T((t) => t.midnight);
const CLOCK_PREFIXES = mergedRecord((w) => w.time.clockPrefixes);
const CLOCK_PREFIX = new RegExp(`^(${alternation(Object.keys(CLOCK_PREFIXES))})\\s+`, 'u');
/** A clock time: 9, 9am, 09:30, 14.30, 9 uur, 9 in the morning, noon, half 10, quarter past 9. */
export const CLOCK =
  `(?:(?:${alternation(Object.keys(CLOCK_PREFIXES))}\\s+)?\\d{1,2}(?:[:.]\\d{2})?(?:\\s*${MERIDIEM})?` +
  `|${alternation([...NOON, ...MIDNIGHT])})`;
/** A time that needs no "at" to be one: 10am, 3 p.m., 14:00. */
export const CLEAR_CLOCK = `(?:\\d{1,2}(?::\\d{2})?\\s*${alternation([...AM, ...PM].filter((m) => !m.includes(' ')))}|\\d{1,2}:\\d{2})`;

export function parseClock(text: string): Clock {
  let t = text.trim().replace(/\s+/g, ' ');
  if (NOON.includes(t)) return { hour: 12, minute: 0, marked: true, twentyFour: true };
  if (MIDNIGHT.includes(t)) return { hour: 0, minute: 0, marked: true, twentyFour: true };
  const prefix = CLOCK_PREFIX.exec(t);
  if (prefix) {
    // "half 10" = 09:30: an offset from the hour before the one written.
    t = t.slice(prefix[0].length);
    const clock = parseClock(t);
    const minutes = (clock.hour - 1) * 60 + CLOCK_PREFIXES[prefix[1]];
    return { ...clock, hour: Math.floor(minutes / 60) || 12, minute: minutes % 60, marked: true };
  }
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(.*)$/.exec(t)!;
  const suffix = m[3];
  const meridiem = AM.includes(suffix) ? 'am' : PM.includes(suffix) ? 'pm' : undefined;
  const hour = Number(m[1]);
  return {
    hour,
    minute: m[2] ? Number(m[2]) : 0,
    meridiem,
    marked: Boolean(m[2] || suffix),
    twentyFour: hour > 12 || (m[1].length === 2 && m[1][0] === '0') || hour === 0,
  };
}

export function validClock(c: Clock): boolean {
  return c.hour <= 24 && c.minute < 60 && !(c.meridiem && (c.hour === 0 || c.hour > 12));
}

/** Minutes after midnight for a clock time, guessing am/pm from the part of the day (see the table). */
export function clockMinutes(c: Clock, hint: PartOfDay | undefined): number {
  let h = c.hour;
  if (c.meridiem === 'am') h = h % 12;
  else if (c.meridiem === 'pm') h = (h % 12) + 12;
  else if (c.twentyFour || hint === 'morning') h = c.hour;
  else if (hint === 'night') h = h <= 6 ? h + 24 : h < 12 ? h + 12 : h;
  else if (hint) h = h < 12 ? h + 12 : h;
  else if (h >= 1 && h <= 6) h += 12;
  return h * 60 + c.minute;
}
