/** The card for a mailed ticket that an earlier, cut-off attempt most likely sent: valid, and honest about it. */
import { renderAnswer } from '../../src/cards/render';
import { cardToText } from '../../src/cards/text';
import type { Answer } from '../../src/answers/types';
import { cardProblems } from '../cards/validateCard';
import { story } from '../fixtures/cards';

const ticketCard = (language: 'en' | 'nl', unconfirmed: boolean) => {
  const answer: Answer = {
    kind: 'ticket-opened',
    ticket: { reference: 'SIT-1A2B3C4D', where: 'helpdesk@contoso.com', duplicate: true, unconfirmed, comment: null },
    record: story[0],
  };
  return renderAnswer({ answer, language, audience: 'user', timeZone: 'Europe/Amsterdam' });
};

test.each(['en', 'nl'] as const)('%s: says the mail was not sent again and what to do if it is missing', (language) => {
  const card = ticketCard(language, true);
  expect(cardProblems(card.content)).toEqual([]);
  const text = cardToText(card.content);
  expect(text).toContain('SIT-1A2B3C4D');
  expect(text).toContain(
    language === 'en' ? 'The mail most likely arrived, so it was not sent again' : 'niet opnieuw verstuurd',
  );
  expect(cardToText(ticketCard(language, false).content)).not.toContain(language === 'en' ? 'cut off' : 'onderbroken');
});
