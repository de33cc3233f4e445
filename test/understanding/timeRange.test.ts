import { addDays, isoWeekday, dateIn, toUtc } from '../../src/understanding/calendar';
import { findTime, shiftRange } from '../../src/understanding/timeRange';

const AMS = 'Europe/Amsterdam';
const iso = (d: Date | undefined) => d?.toISOString();

function range(text: string, now: string, timeZone = AMS): [string | undefined, string | undefined] {
  const found = findTime(text, { now: new Date(now), timeZone }, 'en');
  return [iso(found.range?.from), iso(found.range?.to)];
}

describe('local calendar arithmetic', () => {
  it('finds local midnight on both 2026 DST days: 23 and 25 hours long', () => {
    const spring = { year: 2026, month: 3, day: 29 };
    const autumn = { year: 2026, month: 10, day: 25 };
    const hours = (d: typeof spring) =>
      (toUtc(addDays(d, 1), 0, AMS).getTime() - toUtc(d, 0, AMS).getTime()) / 3_600_000;
    expect(hours(spring)).toBe(23);
    expect(hours(autumn)).toBe(25);
    expect(hours({ year: 2026, month: 11, day: 1 })).toBe(24);
  });

  it('maps a wall-clock time in the spring gap to the instant after it', () => {
    expect(toUtc({ year: 2026, month: 3, day: 29 }, 2 * 60 + 30, AMS).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('uses the local date, not the UTC date', () => {
    expect(dateIn(new Date('2026-11-27T02:00:00Z'), 'America/Los_Angeles')).toEqual({ year: 2026, month: 11, day: 26 });
    expect(dateIn(new Date('2026-11-27T12:00:00Z'), 'Pacific/Auckland')).toEqual({ year: 2026, month: 11, day: 28 });
    expect(isoWeekday({ year: 2026, month: 11, day: 27 })).toBe(5);
  });
});

describe('time expressions', () => {
  const friday = '2026-11-27T10:00:00Z'; // Friday 11:00 in Amsterdam

  it('reads a bare weekday as the most recent one, today included; "last" excludes today', () => {
    expect(range('on friday', friday)).toEqual(['2026-11-26T23:00:00.000Z', '2026-11-27T23:00:00.000Z']);
    expect(range('last friday', friday)).toEqual(['2026-11-19T23:00:00.000Z', '2026-11-20T23:00:00.000Z']);
    expect(range('on saturday', friday)).toEqual(['2026-11-20T23:00:00.000Z', '2026-11-21T23:00:00.000Z']);
  });

  it('reads a date without a year as the most recent past one', () => {
    expect(range('on 3 december', friday)).toEqual(['2025-12-02T23:00:00.000Z', '2025-12-03T23:00:00.000Z']);
    expect(range('on 27 november', friday)).toEqual(['2026-11-26T23:00:00.000Z', '2026-11-27T23:00:00.000Z']);
    expect(range('20-11', friday)).toEqual(range('20 november', friday));
    expect(range('11/20', friday)).toEqual(range('20 november', friday));
  });

  it('moves a clock time still to come today to yesterday when no day is named', () => {
    expect(range('since 2pm', friday)).toEqual(['2026-11-26T13:00:00.000Z', friday.replace('Z', '.000Z')]);
    expect(range('after 6pm', friday)).toEqual(['2026-11-26T17:00:00.000Z', '2026-11-26T23:00:00.000Z']);
    expect(range('this evening', friday)).toEqual(['2026-11-27T17:00:00.000Z', '2026-11-27T23:00:00.000Z']);
  });

  it('guesses am/pm from the part of the day, and office hours without one', () => {
    expect(range('between 1 and 3 this afternoon', friday)).toEqual([
      '2026-11-27T12:00:00.000Z',
      '2026-11-27T14:00:00.000Z',
    ]);
    expect(range('between 9 and 11 yesterday', friday)).toEqual([
      '2026-11-26T08:00:00.000Z',
      '2026-11-26T10:00:00.000Z',
    ]);
    expect(range('between 2 and 4 yesterday', friday)).toEqual([
      '2026-11-26T13:00:00.000Z',
      '2026-11-26T15:00:00.000Z',
    ]);
    expect(range('between 11 and 1 yesterday', friday)).toEqual([
      '2026-11-26T10:00:00.000Z',
      '2026-11-26T12:00:00.000Z',
    ]);
    expect(range('between 1 and 4 last night', friday)).toEqual([
      '2026-11-27T00:00:00.000Z',
      '2026-11-27T03:00:00.000Z',
    ]);
  });

  it('does not read quantities or codes as times', () => {
    expect(range('voor 2 dagen', friday)).toEqual([undefined, undefined]);
    expect(range('the last 5 sign-ins', friday)).toEqual([undefined, undefined]);
    expect(range('when did bob last log in', friday)).toEqual([undefined, undefined]);
    expect(range('good morning', friday)).toEqual([undefined, undefined]);
  });

  it('masks what it understood and reports follow-up shifts', () => {
    const found = findTime('and the day before?', { now: new Date(friday), timeZone: AMS }, 'en');
    expect(found.range).toBeNull();
    expect(found.shiftDays).toBe(-1);
    expect(found.text).not.toContain('day before');
  });
});

describe('shiftRange', () => {
  const ctx = { now: new Date('2026-03-30T08:00:00Z'), timeZone: AMS };

  it('keeps wall-clock times across a DST change', () => {
    const monday = { from: new Date('2026-03-29T22:00:00Z'), to: new Date('2026-03-30T22:00:00Z') };
    expect(shiftRange(monday, -1, ctx)).toEqual({
      from: new Date('2026-03-28T23:00:00Z'),
      to: new Date('2026-03-29T22:00:00Z'),
    });
  });

  it('counts from today without a previous range', () => {
    const yesterday = shiftRange(null, -1, ctx);
    expect(yesterday.from.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(shiftRange(null, -7, ctx).to.toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
});
