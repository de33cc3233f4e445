/**
 * Pasted instants: a date with its year and a clock time, as Microsoft's error pages and the Entra
 * portal write them — `2026-12-06 16:39:30Z`, `2026-12-06T19:21:57.134Z`, `12/6/2026 4:39:30 PM`
 * (en-US), `6-12-2026 16:39:30` (Dutch), with or without seconds and milliseconds, 12- or 24-hour.
 *
 * Error pages write UTC, but people retype times from their own clock: a time with no zone is
 * searched under both readings (UTC and the asker's zone), one window covering both.
 */
import { isValidDate, toUtc } from './calendar';
import { START } from './phrases';
import type { TimeRange } from './timeRange';

const HOUR = 3_600_000;
const CLOCK = '(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,7}))?)?';
const MERIDIEM = '(?:\\s*(a\\.?m\\.?|p\\.?m\\.?))?';
const ZONE = '(?:\\s*(z|utc|gmt|[+-]\\d{2}:?\\d{2}))?';
const ISO = new RegExp(
  `${START}(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:t|\\s+|,\\s*)${CLOCK}${MERIDIEM}${ZONE}(?![\\p{L}\\p{N}])`,
  'gu',
);
const NUMERIC = new RegExp(
  `${START}(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}),?\\s+${CLOCK}${MERIDIEM}${ZONE}(?![\\p{L}\\p{N}])`,
  'gu',
);

export interface Timestamp {
  /** About an hour either side of the instant (of both readings when the zone was not written). */
  window: TimeRange;
  /** The instant read as UTC (as written when a zone was given). */
  at: Date;
  /** A zone was written (Z, UTC, +01:00): one reading only. */
  zoned: boolean;
  start: number;
  end: number;
}

export interface TimestampContext {
  timeZone: string;
  /** BCP-47: en-US (and a written AM/PM without a locale) reads 12/6/2026 month first. */
  locale?: string;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  meridiem?: string;
  zone?: string;
}

const monthFirstLocale = (locale: string | undefined) => /^(en-us|en-ph|es-us|en-ca|fil)/i.test(locale ?? '');

/** The first pasted instant in `lower`, or null. */
export function findTimestamp(lower: string, ctx: TimestampContext): Timestamp | null {
  const found: Array<{ parts: Parts; start: number; end: number }> = [];
  for (const m of lower.matchAll(ISO)) {
    found.push({
      parts: { year: +m[1], month: +m[2], day: +m[3], ...clock(m, 4) },
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  for (const m of lower.matchAll(NUMERIC)) {
    const [a, b] = [+m[1], +m[3]];
    const monthFirst =
      a > 12
        ? false
        : b > 12
          ? true
          : m[2] === '/' && (monthFirstLocale(ctx.locale) || (!ctx.locale && m[9] !== undefined));
    const [month, day] = monthFirst ? [a, b] : [b, a];
    found.push({ parts: { year: +m[4], month, day, ...clock(m, 5) }, start: m.index, end: m.index + m[0].length });
  }
  found.sort((x, y) => x.start - y.start);
  for (const f of found) {
    const stamp = toTimestamp(f.parts, ctx.timeZone);
    if (stamp) return { ...stamp, start: f.start, end: f.end };
  }
  return null;
}

function clock(m: RegExpMatchArray, i: number): Omit<Parts, 'year' | 'month' | 'day'> {
  const fraction = m[i + 3] ?? '';
  return {
    hour: +m[i],
    minute: +m[i + 1],
    second: +(m[i + 2] ?? 0),
    ms: fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0,
    meridiem: m[i + 4]?.replace(/\./g, ''),
    zone: m[i + 5],
  };
}

function toTimestamp(p: Parts, timeZone: string): Omit<Timestamp, 'start' | 'end'> | null {
  let hour = p.hour;
  if (p.meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (p.meridiem === 'pm' ? 12 : 0);
  }
  if (!isValidDate(p.year, p.month, p.day) || hour > 23 || p.minute > 59 || p.second > 59) return null;
  const seconds = p.second * 1000 + p.ms;
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, hour, p.minute) + seconds;
  if (p.zone) {
    const at = asUtc - zoneOffset(p.zone);
    return { at: new Date(at), zoned: true, window: { from: new Date(at - HOUR), to: new Date(at + HOUR) } };
  }
  const local = toUtc({ year: p.year, month: p.month, day: p.day }, hour * 60 + p.minute, timeZone).getTime() + seconds;
  return {
    at: new Date(asUtc),
    zoned: false,
    window: { from: new Date(Math.min(asUtc, local) - HOUR), to: new Date(Math.max(asUtc, local) + HOUR) },
  };
}

/** Milliseconds the written zone is ahead of UTC. */
function zoneOffset(zone: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +m[3]) * 60_000;
}
