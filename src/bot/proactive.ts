/**
 * Proactive messages (incident alerts, a reader's list of affected people) through the adapter's
 * continueConversationAsync: post a card and get its activity id, or update a posted card in place.
 * The stored address is the conversation reference without the person who asked for it (the alert
 * is addressed to the conversation) and, in a channel, without the thread: alerts start their own.
 */
import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Card } from '../cards/render';
import type { AlertDelivery } from '../incidents/alerts';
import type { ConversationAddress } from '../incidents/subscriptions';
import { cardActivity } from './cardActivity';

export function proactiveAddress(activity: Partial<Activity>): ConversationAddress {
  const { user: _user, activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
  const conversation = reference.conversation;
  if (conversation?.conversationType === 'channel' && typeof conversation.id === 'string') {
    reference.conversation = { ...conversation, id: conversation.id.replace(/;messageid=\d+$/, '') };
  }
  return JSON.parse(JSON.stringify(reference)) as ConversationAddress;
}

/**
 * Every call to the connector has a time limit (the connector client's own, src/bot/connectorTimeout.ts),
 * so a conversation whose connector accepts the request and never answers costs that long and no
 * more. The adapter refuses addresses it may not post to (demo mode: not this machine).
 */
export function adapterDelivery(adapter: CloudAdapter, appId: string): AlertDelivery {
  const reference = (address: ConversationAddress) => address as Partial<ConversationReference>;
  return {
    post: async (address, card: Card) => {
      let id = '';
      await adapter.continueConversationAsync(appId, reference(address), async (context) => {
        // A new message in the conversation (in a channel: a new thread), not a reply to the
        // synthetic activity continueConversation starts with.
        const client = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
        const conversation = context.activity.conversation;
        const sent = await client.conversations.sendToConversation(conversation.id, {
          ...cardActivity(card),
          from: context.activity.recipient,
          conversation,
        });
        id = sent.id ?? '';
      });
      return id;
    },
    update: async (address, activityId, card: Card) => {
      await adapter.continueConversationAsync(appId, reference(address), async (context) => {
        const client = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
        const conversation = context.activity.conversation;
        await client.conversations.updateActivity(conversation.id, activityId, {
          ...cardActivity(card),
          id: activityId,
          from: context.activity.recipient,
          conversation,
        });
      });
    },
  };
}
