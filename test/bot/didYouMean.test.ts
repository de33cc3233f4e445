/**
 * "why cant megn bowne log in" over HTTP: a reader gets "did you mean Megan Bowen?" with a button
 * that asks about her; a non-reader's refusal is the same for a misspelt colleague and for nobody.
 */
import { cardToText, executeActions } from '../../src/cards/text';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { cardProblems } from '../cards/validateCard';
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
});
