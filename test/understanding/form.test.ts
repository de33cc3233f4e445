/**
 * The shape of answer a question asks for is decided by the parser (src/understanding/form.ts) and
 * carried on the Question: counting, yes/no, outage and present tense, English and Dutch.
 */
import { findForm } from '../../src/understanding/form';
import { parse } from '../../src/understanding/parse';
import type { QuestionForm } from '../../src/understanding/question';

const formOf = (text: string) => findForm(text.toLowerCase());
const ctx = { now: new Date('2026-12-06T10:00:00Z'), timeZone: 'Europe/Amsterdam' };

describe('present tense is about now', () => {
  test.each([
    "why can't I sign in?",
    'why cannot I log in to Outlook',
    'I am unable to sign in',
    'Teams is not working',
    "I'm locked out",
    'waarom kan ik niet inloggen?',
    'inloggen lukt niet',
    'ik ben geblokkeerd',
    'waarom kom ik niet in Outlook',
    'my account is locked',
    'waarom kan Megan Bowen niet inloggen',
    'sinds dinsdag kan lotte niet in teams',
  ])('"%s"', (text) => {
    expect(formOf(text).presentTense).toBe(true);
  });

  test.each([
    "why couldn't I sign in?",
    'why did my sign-in fail',
    'why was Megan blocked',
    'show my sign-ins',
    'waarom kon ik niet inloggen',
    'waarom kon Megan Bowen gisteren niet inloggen',
    'waarom mislukte mijn aanmelding',
  ])('not "%s"', (text) => {
    expect(formOf(text).presentTense).toBe(false);
  });
});

describe('counting, outage, yes/no', () => {
  test.each<[string, Partial<QuestionForm>]>([
    ['how many people failed today?', { counting: true, yesNo: false }],
    ['hoeveel mensen konden vandaag niet inloggen?', { counting: true, yesNo: false }],
    ['hoe vaak is Megan geblokkeerd?', { counting: true }],
    ['is there an outage right now?', { outage: true, yesNo: true }],
    ['is er een storing?', { outage: true, yesNo: true }],
    ['storing bij Outlook', { outage: true, yesNo: false }],
    ['is my account locked?', { yesNo: true, outage: false, counting: false }],
    ["has Miriam's account been disabled?", { yesNo: true }],
    ['did anyone try to get into my account this week?', { yesNo: true }],
    ['and is she still locked out?', { yesNo: true }],
    ['is het account van Patti geblokkeerd?', { yesNo: true }],
    ['heeft iemand geprobeerd in mijn account te komen?', { yesNo: true }],
    ['kon Megan gisteren inloggen?', { yesNo: true }],
    ['why was Megan locked out?', { yesNo: false }],
    ['who is locked out right now?', { yesNo: false }],
    ["can you show me Megan's sign-ins?", { yesNo: false }],
    ['kun je de aanmeldingen van Megan laten zien?', { yesNo: false }],
    ['welke apps geven de meeste fouten', { yesNo: false, counting: false }],
    ['cant login', { yesNo: false, presentTense: true }],
    ['kan niet inloggen', { yesNo: false, presentTense: true }],
    ['kan sanne niet inloggen op outlook?', { yesNo: true, presentTense: true }],
    ['mislukte aanmeldingen vandaag', { yesNo: false }],
  ])('"%s"', (text, expected) => {
    expect(formOf(text)).toMatchObject(expected);
  });
});

describe('the parser sets the form on the Question', () => {
  it('from the message itself, also for a follow-up fragment', () => {
    const first = parse('how many times did Megan fail this week?', ctx);
    expect(first.form.counting).toBe(true);
    const next = parse('and is she locked out?', { ...ctx, previous: first });
    expect(next.form).toEqual({ counting: false, yesNo: true, outage: false, presentTense: false, intrusion: false });
  });

  it("reads the asker's words before a pasted screen, not the screen", () => {
    const q = parse(
      "can't get in. Sorry, but we're having trouble signing you in. AADSTS50053: You've tried to sign in too many times. " +
        'Request Id: 6f1c2a8e-1b2c-4d5e-8f90-123456789abc Timestamp: 2026-12-06T09:39:30Z',
      ctx,
    );
    expect(q.errorCode).toBe(50053);
    expect(q.form.presentTense).toBe(true);
  });
});
