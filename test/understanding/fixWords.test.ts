/** Fixes asked in words (issue 21): the fix and the person, in English and Dutch; questions about what happened are no fix. */
import { parse } from '../../src/understanding';

const NOW = new Date('2026-11-27T10:00:00Z');
const ask = (text: string, locale = 'en-US') =>
  parse(text, { now: NOW, timeZone: 'Europe/Amsterdam', locale, mentions: [] });

describe('fixes asked in words', () => {
  it.each([
    ["can you unlock Megan's account?", 'unlock', 'Megan'],
    ["revoke Patti's sessions", 'revokeSessions', 'Patti'],
    ['reset MFA for Lynne', 'temporaryAccessPass', 'Lynne'],
    ['give Lynne Robbins a temporary access pass', 'temporaryAccessPass', 'Lynne Robbins'],
    ['ontgrendel Megan', 'unlock', 'Megan'],
    ['kun je de sessies van Patti intrekken?', 'revokeSessions', 'Patti'],
    ["please enable Megan Bowen's account", 'enableAccount', 'Megan Bowen'],
    ['force Megan to change her password', 'requirePasswordChange', 'Megan'],
  ])('%s → %s for %s', (text, fix, name) => {
    const q = ask(text);
    expect(q.fixAsked).toBe(fix);
    expect(q.subject).toEqual({ kind: 'person', text: name });
  });

  it('"unlock my account" is about the asker', () => {
    expect(ask('unlock my account')).toMatchObject({ fixAsked: 'unlock', subject: { kind: 'self' } });
  });

  it.each([
    "why was Megan's session revoked?",
    "why can't Megan unlock her account?",
    'why did Megan fail to sign in?',
  ])('%s asks no fix', (text) => {
    expect(ask(text).fixAsked).toBeUndefined();
  });
});
