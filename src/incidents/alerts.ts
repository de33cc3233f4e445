/**
 * Alert cards for incidents, posted to every subscribed conversation and updated in place as the
 * incident grows and when it is resolved. Every instance runs this over the same incidents: each
 * post is claimed first (create-only, keyed by incident and conversation), each update by an
 * If-Match write of what the card will show, so no two instances post or update the same card.
 */
import type { Card } from '../shared/types';
import type { StateStore } from '../state/types';
import type { ConversationAddress, Subscription, SubscriptionStore } from './subscriptions';
import type { Incident } from './types';

/** How the cards reach Teams (src/bot/proactive.ts: the adapter's continueConversationAsync). */
export interface AlertDelivery {
  /** Posts a new message; returns its activity id. */
  post(address: ConversationAddress, card: Card): Promise<string>;
  update(address: ConversationAddress, activityId: string, card: Card): Promise<void>;
}

/** `stoppedAt`: the conversation said "stop notifying" then: the card's final state. */
export type RenderAlert = (incident: Incident, subscription: Subscription, stoppedAt?: Date) => Card;

interface AlertState {
  /** Put in place of a damaged record (src/stateItems.ts): a card may have gone out, so none is posted again. */
  lost?: boolean;
  activityId: string | null;
  claimedAt: number;
  /** What the posted card shows (see `shownOf`); null until posted. */
  shown: string | null;
}

const ALERT_TTL_MS = 7 * 24 * 3_600_000;
/** A claim whose post never finished (the instance died) may be taken over after this long. */
const STALE_CLAIM_MS = 2 * 60_000;

export interface AlertOutcome {
  posted: number;
  updated: number;
  failed: number;
}

export class AlertPublisher {
  constructor(
    private readonly store: StateStore,
    private readonly subscriptions: SubscriptionStore,
    private readonly delivery: AlertDelivery,
    private readonly render: RenderAlert,
    private readonly now: () => number = Date.now,
    private readonly onFailure: (error: unknown) => void = () => undefined,
  ) {}

  /** "stop notifying" in this conversation: its alert cards get their final state (see finishAlerts). */
  finish(subscription: Subscription, incidents: readonly Incident[]): Promise<number> {
    return finishAlerts(this.store, this.delivery, this.render, subscription, incidents, new Date(this.now()));
  }

  async publish(incidents: readonly Incident[]): Promise<AlertOutcome> {
    const outcome: AlertOutcome = { posted: 0, updated: 0, failed: 0 };
    if (incidents.length === 0) return outcome;
    const subscribers = await this.subscriptions.list();
    const used = new Set<string>();
    for (const incident of incidents) {
      for (const subscription of subscribers) {
        try {
          const done = await this.publishOne(incident, subscription);
          if (done) {
            outcome[done]++;
            used.add(subscription.id);
          }
        } catch (error) {
          outcome.failed++;
          this.onFailure(error);
        }
      }
    }
    if (used.size > 0) await this.subscriptions.renew([...used]).catch(this.onFailure);
    return outcome;
  }

  private async publishOne(incident: Incident, subscription: Subscription): Promise<'posted' | 'updated' | null> {
    const key = `incident-alerts/${incident.id}.${subscription.id}`;
    const shown = shownOf(incident);
    const item = await this.store.get<AlertState>(key);
    if (item?.value.lost) return null;
    if (!item || (item.value.activityId === null && this.now() - item.value.claimedAt > STALE_CLAIM_MS)) {
      // An incident already over before anyone was told is not announced.
      if (incident.resolved) return null;
      const claim: AlertState = { activityId: null, claimedAt: this.now(), shown: null };
      const etag = item ? await this.store.replace(key, claim, ALERT_TTL_MS, item.etag) : await this.store.create(key, claim, ALERT_TTL_MS);
      if (!etag) return null;
      const activityId = await this.delivery.post(subscription.address, this.render(incident, subscription));
      await this.store.replace<AlertState>(key, { activityId, claimedAt: claim.claimedAt, shown }, ALERT_TTL_MS, etag);
      return 'posted';
    }
    const state = item.value;
    if (state.activityId === null || state.shown === shown) return null;
    const etag = await this.store.replace<AlertState>(key, { ...state, shown }, ALERT_TTL_MS, item.etag);
    if (!etag) return null;
    try {
      await this.delivery.update(subscription.address, state.activityId, this.render(incident, subscription));
    } catch (error) {
      if (messageGone(error)) {
        // Someone deleted the alert (or the channel lost it): a new card, so the conversation is still told.
        const activityId = await this.delivery.post(subscription.address, this.render(incident, subscription));
        await this.store.replace<AlertState>(key, { ...state, activityId, shown }, ALERT_TTL_MS, etag);
        return 'posted';
      }
      // Shown as before, so that the next round tries again.
      await this.store.replace(key, state, ALERT_TTL_MS, etag).catch(() => undefined);
      throw error;
    }
    return 'updated';
  }
}

/**
 * "stop notifying": every alert card in the conversation is updated once more, to its final state
 * (alerts stopped at this time, last known status), and forgotten; nothing updates it after that.
 */
export async function finishAlerts(store: StateStore, delivery: AlertDelivery, render: RenderAlert, subscription: Subscription, incidents: readonly Incident[], at: Date): Promise<number> {
  let finished = 0;
  for (const incident of incidents) {
    const key = `incident-alerts/${incident.id}.${subscription.id}`;
    const item = await store.get<AlertState>(key);
    if (!item?.value.activityId) continue;
    // Claimed away first, so that no concurrent round updates it back to "Ongoing".
    if (!(await store.delete(key, item.etag))) continue;
    await delivery.update(subscription.address, item.value.activityId, render(incident, subscription, at)).then(() => finished++, () => undefined);
  }
  return finished;
}

/** What an alert card shows that can change: a new value means the card is updated. */
function shownOf(incident: Incident): string {
  // Once resolved, the trend rolling on to zeros is no news.
  return JSON.stringify([incident.people, incident.resolved, incident.resolved ? [] : incident.trend, incident.since.getTime(), incident.app ?? null, incident.code ?? null, incident.policy ?? null]);
}

/** The connector's answer when the message to update no longer exists (404). */
function messageGone(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 404;
}
