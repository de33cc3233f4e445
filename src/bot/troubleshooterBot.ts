/** The Teams-facing handler: activity in, card out. All decisions live in the Troubleshooter. */
import {
  ActivityTypes, CardFactory, MessageFactory, TeamsActivityHandler, TurnContext,
  type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { Card } from '../cards/render';
import type { Troubleshooter } from '../troubleshooter';
import { requesterOf } from './requester';
import { resolveMentions, type MemberResolver } from './mentions';

export function cardActivity(card: Card) {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card.content));
  activity.summary = card.summary.split('\n')[0];
  return activity;
}

export class TroubleshooterBot extends TeamsActivityHandler {
  constructor(
    private readonly troubleshooter: Troubleshooter,
    private readonly members: MemberResolver,
    private readonly defaultTimeZone: string,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // A card's Action.Submit arrives as a message with a value and no text: nothing to answer.
    if (!activity.text && activity.value) return;
    await context.sendActivity({ type: ActivityTypes.Typing });
    TurnContext.removeRecipientMention(activity);
    const mentions = await resolveMentions(context, this.members);
    const card = await this.troubleshooter.ask(requesterOf(activity, this.defaultTimeZone), activity.text ?? '', mentions);
    await context.sendActivity(cardActivity(card));
  }

  protected async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const action = invokeValue?.action;
    const data = (action?.data && typeof action.data === 'object' ? action.data : {}) as Record<string, unknown>;
    const card = await this.troubleshooter.act(requesterOf(context.activity, this.defaultTimeZone), String(action?.verb ?? ''), data, data);
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content };
  }
}
