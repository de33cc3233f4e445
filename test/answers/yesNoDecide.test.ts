/** decideYesNo (src/answers/yesNo.ts) on hand-made records: which yes or no, and the time that decides it. */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { decideYesNo, yesNoAbout } from '../../src/answers/yesNo';
import { parse } from '../../src/understanding/parse';

const LOCKOUT = [50053];
const rec = (minute: number, code: number, background = false): SignIn => ({
  id: `r${minute}`,
  createdDateTime: new Date(Date.UTC(2026, 10, 27, 8, minute)).toISOString(),
  status: { errorCode: code },
  isInteractive: !background,
});
const t = (minute: number) => new Date(Date.UTC(2026, 10, 27, 8, minute));

describe('decideYesNo', () => {
  test('locked: a lockout run with no success after it → yes, since its first lockout', () => {
    const records = [rec(1, 0), rec(2, 50126), rec(3, 50053), rec(5, 50053), rec(7, 50126), rec(9, 0, true)];
    expect(decideYesNo('locked', records, LOCKOUT)).toEqual({ about: 'locked', yes: true, since: t(3), lockouts: 2 });
  });

  test('locked: a success after the newest lockout → no, with both times; none at all → no', () => {
    const records = [rec(3, 50053), rec(4, 50074), rec(6, 0)];
    expect(decideYesNo('locked', records, LOCKOUT)).toEqual({
      about: 'locked',
      yes: false,
      last: t(3),
      signedIn: t(6),
    });
    expect(decideYesNo('locked', [rec(1, 0)], LOCKOUT)).toEqual({
      about: 'locked',
      yes: false,
      last: null,
      signedIn: null,
    });
  });

  test('disabled: the directory decides; the log gives since when', () => {
    const records = [rec(1, 0), rec(2, 50057), rec(4, 50057)];
    expect(decideYesNo('disabled', records, LOCKOUT, false)).toEqual({
      about: 'disabled',
      yes: true,
      since: t(2),
      byDirectory: true,
    });
    expect(decideYesNo('disabled', records, LOCKOUT, true)).toEqual({
      about: 'disabled',
      yes: false,
      last: t(4),
      byDirectory: true,
    });
    // Not read from the directory: the refusals with no success after them say yes.
    expect(decideYesNo('disabled', records, LOCKOUT, null)).toMatchObject({
      yes: true,
      since: t(2),
      byDirectory: false,
    });
    expect(decideYesNo('disabled', [...records, rec(6, 0)], LOCKOUT, null)).toMatchObject({ yes: false });
  });

  test('failing: interrupts and background refreshes do not count', () => {
    const failing = [rec(1, 0), rec(2, 53003), rec(3, 50074), rec(4, 53003), rec(5, 0, true)];
    expect(decideYesNo('failing', failing, LOCKOUT)).toEqual({ about: 'failing', yes: true, since: t(2), code: 53003 });
    const fine = [rec(1, 53003), rec(2, 0), rec(3, 50173, true)];
    expect(decideYesNo('failing', fine, LOCKOUT)).toEqual({ about: 'failing', yes: false, signedIn: t(2) });
  });
});

describe('yesNoAbout: which yes/no a question asks', () => {
  const ask = (text: string, locale = 'en-US') =>
    yesNoAbout(parse(text, { now: new Date('2026-11-27T10:00:00Z'), timeZone: 'Europe/Amsterdam', locale }));
  test.each([
    ['is my account locked?', 'locked'],
    ['am I locked out?', 'locked'],
    ["has Miriam's account been disabled?", 'disabled'],
    ["is Patti's account blocked?", 'locked'],
    ['is mijn account uitgeschakeld?', 'disabled'],
    ['ben ik geblokkeerd?', 'failing'],
    ['am I blocked?', 'failing'],
    // Past tense: a failure earlier in the week answers it, whatever the newest sign-in did.
    ['did Megan fail to sign in?', undefined],
    ['why was Megan locked out?', undefined],
    ['did anyone try to get into my account?', undefined],
    ['is there an outage?', undefined],
    ['how many lockouts did Megan have this week?', undefined],
  ])('%s → %s', (text, about) => expect(ask(text)).toBe(about));
});
