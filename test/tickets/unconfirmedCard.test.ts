/** The card for a mailed ticket that an earlier, cut-off attempt most likely sent: valid, and honest about it. */
import { ticketOpenedCard } from '../../src/cards/render';
import { cardToText } from '../../src/cards/text';
import { cardProblems } from '../cards/validateCard';
import { story } from '../fixtures/cards';

test.each(['en', 'nl'] as const)('%s: says the mail was not sent again and what to do if it is missing', (language) => {
  const ticket = { reference: 'SIT-1A2B3C4D', where: 'helpdesk@contoso.com', duplicate: true, unconfirmed: true };
  const card = ticketOpenedCard(language, ticket, story[0], 'Europe/Amsterdam');
  expect(cardProblems(card.content)).toEqual([]);
  const text = cardToText(card.content);
  expect(text).toContain('SIT-1A2B3C4D');
  expect(text).toContain(language === 'en' ? 'The mail most likely arrived, so it was not sent again' : 'niet opnieuw verstuurd');
  const plainDuplicate = cardToText(ticketOpenedCard(language, { ...ticket, unconfirmed: false }, story[0], 'Europe/Amsterdam').content);
  expect(plainDuplicate).not.toContain(language === 'en' ? 'cut off' : 'onderbroken');
});
