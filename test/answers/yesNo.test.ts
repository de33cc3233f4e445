/**
 * Issue 22: yes/no questions about an account ("is my account locked?", "has Miriam's account been disabled?")
 * are answered yes or no first, with the fact that decides it, then the usual card — over HTTP. The expected
 * yes or no and its time are worked out here from the demo tenant's own records, not written down.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { cardToText, executeActions } from '../../src/cards/text';
import { isInterrupt } from '../../src/diagnosis/catalog';
import { localDateTime } from '../../src/shared/time';
import type { Language } from '../../src/shared/types';
import { cardProblems } from '../cards/validateCard';
import { NOW, startApp, type RunningApp } from '../support/app';
import { DEMO_TENANT_ID } from '../../src/demo/wiring';
import { plural, wording } from '../../src/cards/wording';

const TZ = 'Europe/Amsterdam';
const WEEK = 7 * 86_400_000;
let running: RunningApp;
let n = 0;
beforeAll(async () => {
  running = await startApp({ RATE_LIMIT_PER_MINUTE: '100000' });
});
afterAll(() => running.stop());

const person = (name: string) => DEMO_PEOPLE.find((x) => x.displayName === name)!;
const asker = (name: string, locale = 'en-US') => {
  n += 1;
  return { aadObjectId: person(name).id, name, locale, conversationId: `a:yesno-${n}` };
};

async function ask(text: string, who: string, locale = 'en-US'): Promise<string> {
  const cards = cardsIn(await postActivity(running.url, teamsMessage(text, asker(who, locale))));
  expect(cards).toHaveLength(1);
  expect(cardProblems(cards[0])).toEqual([]);
  return cardToText(cards[0]);
}

interface State {
  yes: boolean;
  /** A time the headline must name: when it began (yes), or the success that ended it (no). */
  time: Date | null;
}

/**
 * What the person's interactive records over the default week say: the newest record with one of `codes`; with no
 * successful sign-in after it, yes since the first such record after the last success before it; else no,
 * with the success after it. `enabled`: the directory's word, which decides "disabled" when given.
 */
function expected(name: string, codes: number[], enabled?: boolean): State {
  const records = running.tenant.signIns
    .filter((r: SignIn) => r.userId === person(name).id && r.isInteractive !== false)
    .filter((r) => Date.parse(String(r.createdDateTime)) > NOW.getTime() - WEEK)
    .sort((a, b) => String(a.createdDateTime).localeCompare(String(b.createdDateTime)));
  const code = (r: SignIn) => r.status?.errorCode ?? 0;
  const at = (r: SignIn | undefined) => (r ? new Date(String(r.createdDateTime)) : null);
  const lastHit = records.map((r) => codes.includes(code(r))).lastIndexOf(true);
  const successAfter = lastHit < 0 ? undefined : records.slice(lastHit + 1).find((r) => code(r) === 0);
  const lastSuccess = records
    .slice(0, Math.max(lastHit, 0))
    .map((r) => code(r) === 0)
    .lastIndexOf(true);
  const first = lastHit < 0 ? undefined : records.slice(lastSuccess + 1).find((r) => codes.includes(code(r)));
  const yes = enabled === undefined ? lastHit >= 0 && !successAfter : !enabled;
  return { yes, time: yes ? at(first) : enabled === undefined ? at(successAfter) : null };
}

/** Failing now: the newest interactive sign-ins that are not interrupts (MFA asked and so on) are failures. */
function failingNow(name: string): State {
  const records = running.tenant.signIns
    .filter((r: SignIn) => r.userId === person(name).id && r.isInteractive !== false)
    .filter((r) => Date.parse(String(r.createdDateTime)) > NOW.getTime() - WEEK)
    .filter((r) => !isInterrupt(r.status?.errorCode ?? 0))
    .sort((a, b) => String(a.createdDateTime).localeCompare(String(b.createdDateTime)));
  const code = (r: SignIn) => r.status?.errorCode ?? 0;
  const lastSuccess = records.map((r) => code(r) === 0).lastIndexOf(true);
  if (lastSuccess === records.length - 1)
    return { yes: false, time: new Date(String(records[lastSuccess].createdDateTime)) };
  return { yes: true, time: new Date(String(records[lastSuccess + 1].createdDateTime)) };
}

const disabled = (name: string) => expected(name, [50057], person(name).accountEnabled);

function headline(text: string): string {
  return text.split('\n')[0];
}

function expectAnswer(text: string, state: State, language: Language = 'en') {
  const [yes, no] = language === 'nl' ? ['Ja', 'Nee'] : ['Yes', 'No'];
  expect(headline(text)).toMatch(new RegExp(`^${state.yes ? yes : no}\\b`));
  if (state.time) expect(headline(text)).toContain(localDateTime(state.time, TZ, language));
}

describe('yes/no about an account, answered yes or no first', () => {
  test('Megan: "is my account locked?" and "am I locked out?"', async () => {
    // The demo's story: locked out by the attempts from Lisbon at night, signed in again in the morning.
    const state = expected('Megan Bowen', [50053]);
    expect([state.yes, state.time instanceof Date]).toEqual([false, true]);
    for (const q of ['is my account locked?', 'am I locked out?']) expectAnswer(await ask(q, 'Megan Bowen'), state);
  });

  test('Miriam (disabled in the directory): "is my account disabled?" → yes, since the first refusal (50057) of the run', async () => {
    const state = disabled('Miriam Graham');
    expect([state.yes, state.time instanceof Date]).toEqual([true, true]);
    expectAnswer(await ask('is my account disabled?', 'Miriam Graham'), state);
    expectAnswer(await ask('is mijn account uitgeschakeld?', 'Miriam Graham', 'nl-NL'), state, 'nl');
  });

  test('a reader: "has Miriam\'s account been disabled?", "is Megan locked out?" name the person', async () => {
    const miriam = await ask("has Miriam's account been disabled?", 'Henrietta Mueller');
    expectAnswer(miriam, disabled('Miriam Graham'));
    expect(headline(miriam)).toContain('Miriam Graham');
    const locked = await ask('is Megan locked out?', 'Henrietta Mueller');
    expectAnswer(locked, expected('Megan Bowen', [50053]));
    expect(headline(locked)).toContain('Megan Bowen');
  });

  test('Patti is not locked out: "is Patti\'s account blocked?" → No, in English and Dutch', async () => {
    const state = expected('Patti Fernandez', [50053]);
    expect(state.yes).toBe(false);
    expectAnswer(await ask("is Patti's account blocked?", 'Henrietta Mueller'), state);
    expectAnswer(await ask('is het account van Patti geblokkeerd?', 'Daan Visser', 'nl-NL'), state, 'nl');
  });

  test('"ben ik geblokkeerd?", "am I blocked?" (no kind named): failing now or not, from the newest sign-ins', async () => {
    // Megan signed in again after the lockout: Nee, with that sign-in's time.
    expectAnswer(await ask('ben ik geblokkeerd?', 'Megan Bowen', 'nl-NL'), failingNow('Megan Bowen'), 'nl');
    // Adele's newest attempts are Conditional Access blocks: yes, since the first of them.
    const adele = failingNow('Adele Vance');
    expect(adele.yes).toBe(true);
    const text = await ask('am I blocked?', 'Adele Vance');
    expectAnswer(text, adele);
    expect(headline(text)).toContain('53003');
  });

  test('"am I locked out?" from someone not locked out → No', async () => {
    expectAnswer(await ask('am I locked out?', 'Lynne Robbins'), expected('Lynne Robbins', [50053]));
  });

  test('the usual card follows: what to do now and the attempts are still there', async () => {
    const text = await ask('is my account locked?', 'Megan Bowen');
    expect(text.split('\n').length).toBeGreaterThan(4);
    expect(text).toContain('50053');
  });

  test("a non-reader asking about someone else's account hears exactly what an unknown name gets", async () => {
    const someoneElse = await ask("has Miriam's account been disabled?", 'Megan Bowen');
    const nobody = await ask("has Zorblax's account been disabled?", 'Megan Bowen');
    expect(someoneElse).toEqual(nobody);
    expect(headline(someoneElse)).not.toMatch(/^(Yes|No)\b/);
  });
});

test('"Show details" on a yes/no card keeps its yes or no (the directory is read again for "disabled")', async () => {
  const miriam = asker('Miriam Graham');
  const [card] = cardsIn(await postActivity(running.url, teamsMessage('is my account disabled?', miriam)));
  const details = executeActions(card).find((a) => a.verb === 'details')!;
  const attempt = running.tenant.signIns.find((r) => r.userId === miriam.aadObjectId && r.status?.errorCode === 50057)!;
  const [refreshed] = cardsIn(
    await postActivity(running.url, teamsCardAction('details', { ...details.data, attempt: attempt.id }, miriam)),
  );
  expect(cardProblems(refreshed)).toEqual([]);
  expect(headline(cardToText(refreshed))).toEqual(headline(cardToText(card)));
  expect(headline(cardToText(refreshed))).toMatch(/^Yes\b/);
});

/**
 * "am I blocked?" / "ben ik geblokkeerd?" judges the newest sign-in; the card then lists the window's failed attempts.
 * The yes or no and the list must agree: a "No" above failures says it judged the last sign-in and that the
 * failures listed came before it (as many as the card lists); a "Yes" names a failure the list shows.
 */
describe('"am I blocked?": the yes or no agrees with the attempts listed', () => {
  async function pipeline(text: string, who: string) {
    n += 1;
    const requester = {
      userId: person(who).id,
      tenantId: DEMO_TENANT_ID,
      timeZone: TZ,
      locale: 'en-US',
      conversationKey: `yesno-list-${n}`,
      conversationType: 'personal',
    };
    const { answer } = await running.app.troubleshooter.ask(requester, text);
    if (answer.kind !== 'summary') throw new Error(`expected a summary, got ${answer.kind}`);
    return answer;
  }

  test.each([
    ['am I blocked?', 'en-US', 'en'],
    ['ben ik geblokkeerd?', 'nl-NL', 'nl'],
  ] as const)('failed earlier, then signed in (Megan): %s', async (question, locale, language) => {
    const answer = await pipeline(question, 'Megan Bowen');
    const listed = answer.diagnosis.rows.length - (answer.folded ?? 0);
    expect(answer.yesNo).toMatchObject({ about: 'failing', yes: false });
    expect(listed).toBeGreaterThan(0);
    const first = headline(await ask(question, 'Megan Bowen', locale));
    expectAnswer(first, failingNow('Megan Bowen'), language);
    // It says how many failed attempts are listed below, and that they came before the sign-in that worked.
    expect(first).toContain(plural(language, wording(language).nFailedAttempts, listed));
    expect(first).toMatch(language === 'nl' ? /hieronder/ : /below/);
  });

  test.each([
    ['am I blocked?', 'en-US', 'en'],
    ['ben ik geblokkeerd?', 'nl-NL', 'nl'],
  ] as const)('failing now (Adele): %s', async (question, locale, language) => {
    const text = await ask(question, 'Adele Vance', locale);
    const state = failingNow('Adele Vance');
    expectAnswer(text, state, language);
    const code = /\b(\d{5,6})\b/.exec(headline(text))?.[1];
    expect(code).toBeDefined();
    // The failure the headline names is among the attempts listed under it.
    expect(text.split('\n').slice(1).join('\n')).toContain(` ${code} `);
  });
});
