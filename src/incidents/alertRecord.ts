/**
 * An alert card's parts apart from its publishing (src/incidents/alerts.ts): how it reaches Teams and
 * is drawn, its record — one item per incident and conversation saying whether its card is being
 * posted or posted, its activity id and what it shows — and "stop notifying", which gives each card
 * its final state and forgets it.
 */
import type { StateStore } from '../state/types';
import type { Card } from '../shared/types';
import type { ConversationAddress, Subscription } from './subscriptions';
import type { Incident } from './types';

/** How the cards reach Teams (src/bot/proactive.ts: the adapter's continueConversationAsync). */
export interface AlertDelivery {
  /** Posts a new message; returns its activity id. */
  post(address: ConversationAddress, card: Card): Promise<string>;
  update(address: ConversationAddress, activityId: string, card: Card): Promise<void>;
}

/** `stoppedAt`: the conversation said "stop notifying" then: the card's final state. */
export type RenderAlert = (incident: Incident, subscription: Subscription, stoppedAt?: Date) => Card;

export interface AlertState {
  /** posting: claimed, the post started and its answer not recorded (older items: activityId null). */
  phase?: 'posting' | 'posted';
  /** Put in place of a damaged record (src/stateItems.ts): a card may have gone out, so none is posted again. */
  lost?: boolean;
  activityId: string | null;
  claimedAt: number;
  /** What the posted card shows (see `shownOf`); null until posted. */
  shown: string | null;
}

export const ALERT_TTL_MS = 7 * 24 * 3_600_000;

export function alertKey(incidentId: string, subscriptionId: string): string {
  return `incident-alerts/${incidentId}.${subscriptionId}`;
}

/**
 * "stop notifying": every alert card in the conversation is updated once more, to its final state
 * (alerts stopped at this time, last known status), and forgotten; nothing updates it after that.
 */
export async function finishAlerts(
  store: StateStore,
  delivery: AlertDelivery,
  render: RenderAlert,
  subscription: Subscription,
  incidents: readonly Incident[],
  at: Date,
): Promise<number> {
  let finished = 0;
  for (const incident of incidents) {
    const key = alertKey(incident.id, subscription.id);
    const item = await store.get<AlertState>(key);
    if (!item?.value.activityId) continue;
    // Claimed away first, so that no concurrent round updates it back to "Ongoing".
    if (!(await store.delete(key, item.etag))) continue;
    await delivery.update(subscription.address, item.value.activityId, render(incident, subscription, at)).then(
      () => finished++,
      () => undefined,
    );
  }
  return finished;
}

/** What an alert card shows that can change: a new value means the card is updated. */
export function shownOf(incident: Incident): string {
  // Once resolved, the trend rolling on to zeros is no news.
  return JSON.stringify([
    incident.people,
    incident.resolved,
    incident.resolved ? [] : incident.trend,
    incident.since.getTime(),
    incident.app ?? null,
    incident.code ?? null,
    incident.policy ?? null,
  ]);
}
