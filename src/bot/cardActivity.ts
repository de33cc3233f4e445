/** A drawn card as a Bot Framework message activity (replies, late answers and proactive alerts alike). */
import { CardFactory, MessageFactory } from 'botbuilder';
import type { Card } from '../shared/types';

export function cardActivity(card: Card) {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card.content));
  activity.summary = card.summary.split('\n')[0];
  return activity;
}
