/**
 * "why cant megn bowne log in" over HTTP: a reader gets "did you mean Megan Bowen?" with a button
 * that asks about her; a non-reader's refusal is the same for a misspelt colleague and for nobody.
 */
import { cardToText, executeActions } from '../../src/cards/text';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { wording } from '../../src/cards/wording';
import { cardProblems } from '../cards/validateCard';
import { verdictText } from './support/cardParts';
import { startApp, type RunningApp } from '../support/app';

const ALEX = {
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
  conversationId: 'a:did-you-mean-alex',
};
const MEGAN_ID = '00000000-0000-0000-0000-0000000000021';
const ISAIAH = {
  aadObjectId: '00000000-0000-0000-0000-0000000000023',
  name: 'Isaiah Langer',
  conversationId: 'a:did-you-mean-isaiah',
};
let running: RunningApp;

beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.stop());

async function ask(text: string, asker: typeof ALEX) {
  const [card] = cardsIn(await postActivity(running.url, teamsMessage(text, asker)));
  return card;
}

describe('did you mean', () => {
  it('a reader is offered Megan Bowen for "megn bowne", and the button asks about her', async () => {
    const card = await ask('why cant megn bowne log in', ALEX);
    expect(cardProblems(card)).toEqual([]);
    const picks = executeActions(card).filter((a) => a.verb === 'choosePerson');
    expect(picks.map((a) => a.data.userId)).toContain(MEGAN_ID);
    const clicked = cardsIn(
      await postActivity(
        running.url,
        teamsCardAction('choosePerson', picks.find((a) => a.data.userId === MEGAN_ID)!.data, ALEX),
      ),
    )[0];
    expect(executeActions(clicked).some((a) => a.data.userId === MEGAN_ID)).toBe(true);
  });

  it('in Dutch too', async () => {
    const card = await ask('waarom kan megn bowne niet inloggen', { ...ALEX, conversationId: 'a:did-you-mean-nl' });
    expect(
      executeActions(card)
        .filter((a) => a.verb === 'choosePerson')
        .map((a) => a.data.userId),
    ).toContain(MEGAN_ID);
  });

  it("a non-reader's refusal is identical for a misspelt colleague and for a name nobody has", async () => {
    const misspelt = await ask('why cant megn bowne log in', ISAIAH);
    const nobody = await ask('why cant zqxw vvrt log in', ISAIAH);
    expect(executeActions(misspelt).filter((a) => a.verb === 'choosePerson')).toEqual([]);
    expect(cardToText(misspelt).replace('megn bowne', '<name>')).toBe(
      cardToText(nobody).replace('zqxw vvrt', '<name>'),
    );
  });

  // A keyboard without accents is not a typo: "Mateo Garcia" is Mateo García, "sean obrien" is Seán O'Brien.
  it.each([
    ['is Mateo Garcia signing in from a strange country?', 'Mateo García'],
    ['why does sean obrien keep typing the wrong password', "Seán O'Brien"],
    ['zoe janssen apparaat niet compliant', 'Zoë Janssen'],
  ])('"%s" is about %s: the name without accents or apostrophe is theirs, not a "did you mean"', async (q, name) => {
    const card = await ask(q, { ...ALEX, conversationId: `a:did-you-mean-fold-${name}` });
    expect(cardProblems(card)).toEqual([]);
    expect(executeActions(card).filter((a) => a.verb === 'choosePerson')).toEqual([]);
    expect(verdictText(card)).toContain(name.split(' ')[0]);
  });

  // The headline is about the person the reader most likely meant: it names the suggestion, not "Person not found".
  it.each([
    ['whats up with adel vance', 'Adele Vance', 'en-US'],
    ['tom hendrix wachtwoord verlopen?', 'Tom Hendriks', 'nl-NL'],
  ])('"%s": the headline asks "did you mean %s?"', async (q, name, locale) => {
    const card = await ask(q, { ...ALEX, locale, conversationId: `a:did-you-mean-title-${name}` } as typeof ALEX);
    expect(cardProblems(card)).toEqual([]);
    const headline = verdictText(card);
    expect(headline).toContain(name);
    expect(headline).not.toBe(wording(locale === 'nl-NL' ? 'nl' : 'en').notFoundTitle);
    expect(executeActions(card).filter((a) => a.verb === 'choosePerson')).toHaveLength(1);
  });

  it('her own name typed without its accent is herself: Zoë asking about "zoe janssen" is answered, not refused', async () => {
    const zoe = { aadObjectId: '5e1f0000-0000-4000-8000-000000000018', name: 'Zoë Janssen', locale: 'nl-NL' };
    const card = await ask('waarom kan zoe janssen niet inloggen?', { ...zoe, conversationId: 'a:did-you-mean-own' });
    expect(cardProblems(card)).toEqual([]);
    expect(verdictText(card)).not.toBe(wording('nl').notAllowedTitle);
    expect(verdictText(card)).toMatch(/\b(je|jij|jouw)\b/i);
  });
});
