/**
 * Pasted timestamps (issue 24, item 9) in the forms Microsoft's error pages and the Entra portal
 * write them. A written zone gives one reading; none gives both (UTC and the asker's zone).
 */
import { parse } from '../../src/understanding/parse';
import { findTimestamp } from '../../src/understanding/timestamps';

const AMSTERDAM = { timeZone: 'Europe/Amsterdam' };
const HOUR = 3_600_000;
const around = (iso: string) => [new Date(Date.parse(iso) - HOUR), new Date(Date.parse(iso) + HOUR)];
/** Both readings of a zone-less time: the window runs from an hour before the earlier to an hour after the later. */
const both = (utcIso: string, localAsUtcIso: string) => {
  const [a, b] = [Date.parse(utcIso), Date.parse(localAsUtcIso)];
  return [new Date(Math.min(a, b) - HOUR), new Date(Math.max(a, b) + HOUR)];
};

describe('findTimestamp', () => {
  it.each<[string, { timeZone: string; locale?: string }, Date[], boolean]>([
    ['timestamp: 2026-12-06 16:39:30z', AMSTERDAM, around('2026-12-06T16:39:30Z'), true],
    ['timestamp: 2026-12-06t16:39:30z', AMSTERDAM, around('2026-12-06T16:39:30Z'), true],
    ['2026-12-06t19:21:57.134z', AMSTERDAM, around('2026-12-06T19:21:57.134Z'), true],
    ['2026-12-06t19:21:57.1345678z', AMSTERDAM, around('2026-12-06T19:21:57.134Z'), true],
    ['2026-12-06 16:39 utc', AMSTERDAM, around('2026-12-06T16:39:00Z'), true],
    ['2026-12-06t17:39:30+01:00', AMSTERDAM, around('2026-12-06T16:39:30Z'), true],
    // en-US: month first, 12-hour clock, no zone → UTC and New York readings
    [
      '12/6/2026 4:39:30 pm',
      { timeZone: 'America/New_York', locale: 'en-US' },
      both('2026-12-06T16:39:30Z', '2026-12-06T21:39:30Z'),
      false,
    ],
    ['12/6/2026, 4:39:30 pm', { timeZone: 'UTC', locale: 'en-US' }, around('2026-12-06T16:39:30Z'), false],
    ['12/6/2026 4:39 am', { timeZone: 'UTC' }, around('2026-12-06T04:39:00Z'), false],
    ['12/6/2026 12:05:00 am', { timeZone: 'UTC', locale: 'en-US' }, around('2026-12-06T00:05:00Z'), false],
    // European: day first, 24-hour clock
    ['6-12-2026 16:39:30', AMSTERDAM, both('2026-12-06T16:39:30Z', '2026-12-06T15:39:30Z'), false],
    [
      '06/12/2026 16:39',
      { timeZone: 'Europe/Amsterdam', locale: 'nl-NL' },
      both('2026-12-06T16:39:00Z', '2026-12-06T15:39:00Z'),
      false,
    ],
    ['6.12.2026 16:39:30', { timeZone: 'UTC', locale: 'de-DE' }, around('2026-12-06T16:39:30Z'), false],
    // a day above 12 decides the order whatever the locale
    ['25/11/2026 09:10:11', { timeZone: 'UTC', locale: 'en-US' }, around('2026-11-25T09:10:11Z'), false],
    ['11/25/2026 9:10:11 am', { timeZone: 'UTC', locale: 'nl-NL' }, around('2026-11-25T09:10:11Z'), false],
    ['2026-12-06 16:39:30', AMSTERDAM, both('2026-12-06T16:39:30Z', '2026-12-06T15:39:30Z'), false],
  ])('%s', (text, ctx, [from, to], zoned) => {
    const found = findTimestamp(text, ctx);
    expect(found).not.toBeNull();
    expect([found!.window.from, found!.window.to]).toEqual([from, to]);
    expect(found!.zoned).toBe(zoned);
  });

  it.each(['2026-13-06 16:39:30z', '31/02/2026 10:00', '12/6/2026 13:39 pm', 'on 2026-12-06', 'at 16:39'])(
    'not a timestamp: %s',
    (text) => {
      expect(findTimestamp(text, AMSTERDAM)).toBeNull();
    },
  );
});

describe('in a question', () => {
  const ctx = { now: new Date('2026-12-06T20:00:00Z'), timeZone: 'Europe/Amsterdam', locale: 'en-US' };

  it.each<[string, Date[]]>([
    // issue 24: this searched 15:09–16:09 UTC and missed the failure at 16:39:30
    ['Timestamp: 2026-12-06 16:39:30Z', around('2026-12-06T16:39:30Z')],
    // issue 24: read as 12 June → "older than the sign-in log"
    ['why did I fail at 12/6/2026 4:39:30 PM', both('2026-12-06T16:39:30Z', '2026-12-06T15:39:30Z')],
    // issue 24: a window 23 hours earlier
    ['failed sign-in 2026-12-06T19:21:57.134Z', around('2026-12-06T19:21:57.134Z')],
    ['mislukt om 6-12-2026 16:39:30', both('2026-12-06T16:39:30Z', '2026-12-06T15:39:30Z')],
  ])('%s', (text, [from, to]) => {
    const q = parse(text, ctx);
    expect([q.from, q.to]).toEqual([from, to]);
    expect(q.subject?.kind).not.toBe('person');
  });

  it("a screen joined into one line keeps its timestamp in the asker's locale", () => {
    const q = parse(
      'You cannot access this right now Your sign-in was successful but does not meet the criteria to access this resource. ' +
        'More details Error Code: 53003 Request Id: 8f2c1d3e-5b6a-4c7d-9e8f-0a1b2c3d4e5f Timestamp: 12/6/2026 4:39:30 PM App name: Contoso Portal',
      ctx,
    );
    expect([q.from, q.to]).toEqual(both('2026-12-06T16:39:30Z', '2026-12-06T15:39:30Z'));
    expect(q).toMatchObject({
      errorCode: 53003,
      app: 'Contoso Portal',
      requestId: '8f2c1d3e-5b6a-4c7d-9e8f-0a1b2c3d4e5f',
    });
  });
});
