/**
 * Alert cards for incidents, posted to every subscribed conversation and updated in place as the
 * incident grows and when it is resolved. Every instance runs this over the same incidents: each
 * post is claimed first (create-only, keyed by incident and conversation), each update by an
 * If-Match write of what the card will show, so no two instances post or update the same card.
 *
 * One slow or hung conversation must not hold up the others: conversations are served in parallel
 * (a few at a time), every post and update has a time limit, and a conversation whose earlier
 * delivery is still hanging is left out until it has ended.
 *
 * A post is at most once: the claim is written before posting and says so ("posting"). A claim
 * found in that state — an instance died, or its post got no answer in time — is never posted
 * again, because the card may well be in the conversation already; only a post that certainly
 * failed (the connector answered with an error, or could not be reached) gives the claim back.
 *
 * The conversation's subscription keeps a second record (incident → card id, src/incidents/
 * subscriptions.ts), also written before the post and by one writer only. An alert record that
 * is deleted or damaged (quarantined, src/stateItems.ts) is restored from it, so the next change
 * updates the card already there; with no card recorded there, the alert was never posted.
 */
import type { StateStore } from '../state/types';
import type { Subscription, SubscriptionStore } from './subscriptions';
import type { Incident } from './types';
import {
  ALERT_TTL_MS,
  alertKey,
  finishAlerts,
  shownOf,
  type AlertDelivery,
  type AlertState,
  type RenderAlert,
} from './alertRecord';

export type { AlertDelivery, RenderAlert } from './alertRecord';

export interface AlertOutcome {
  posted: number;
  updated: number;
  failed: number;
  /** Conversations left out this round because a delivery to them is still hanging. */
  skipped: number;
}

export interface AlertPublisherOptions {
  /** Time limit of one post or update (the delivery's own limit should be the same or shorter). */
  deliveryTimeoutMs?: number;
  /** Conversations served at the same time. */
  parallel?: number;
}

/** A post or update that got no answer within its time limit: it may or may not have arrived. */
export class DeliveryTimeout extends Error {
  constructor(ms: number) {
    super(`The connector did not answer within ${ms} ms.`);
    this.name = 'DeliveryTimeout';
  }
}

export const ALERT_DELIVERY_TIMEOUT_MS = 10_000;

export class AlertPublisher {
  private readonly timeoutMs: number;
  private readonly parallel: number;
  /** Conversations with a delivery that outlived its time limit and has not ended yet. */
  private readonly hanging = new Set<string>();

  constructor(
    private readonly store: StateStore,
    private readonly subscriptions: SubscriptionStore,
    private readonly delivery: AlertDelivery,
    private readonly render: RenderAlert,
    private readonly now: () => number = Date.now,
    private readonly onFailure: (error: unknown) => void = () => undefined,
    options: AlertPublisherOptions = {},
  ) {
    this.timeoutMs = options.deliveryTimeoutMs ?? ALERT_DELIVERY_TIMEOUT_MS;
    this.parallel = Math.max(1, options.parallel ?? 8);
  }

  /** "stop notifying" in this conversation: its alert cards get their final state (see finishAlerts). */
  async finish(subscription: Subscription, incidents: readonly Incident[]): Promise<number> {
    // Recorded as finished first, so that no round restores a record finishAlerts deletes.
    await this.subscriptions.markFinished(
      subscription.id,
      incidents.map((i) => i.id),
    );
    return finishAlerts(this.store, this.delivery, this.render, subscription, incidents, new Date(this.now()));
  }

  async publish(incidents: readonly Incident[]): Promise<AlertOutcome> {
    const outcome: AlertOutcome = { posted: 0, updated: 0, failed: 0, skipped: 0 };
    if (incidents.length === 0) return outcome;
    const subscribers = await this.subscriptions.list();
    const used = new Set<string>();
    const queue = [...subscribers];
    // Each conversation is one line of work (its incidents in order); a few lines run at once.
    const worker = async () => {
      for (let subscription = queue.shift(); subscription; subscription = queue.shift()) {
        if (this.hanging.has(subscription.id)) {
          outcome.skipped++;
          continue;
        }
        for (const incident of incidents) {
          try {
            const done = await this.publishOne(incident, subscription);
            if (done) {
              outcome[done]++;
              used.add(subscription.id);
            }
          } catch (error) {
            outcome.failed++;
            this.onFailure(error);
            // A conversation that does not answer gets nothing more this round.
            if (error instanceof DeliveryTimeout) break;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.parallel, queue.length) }, worker));
    if (used.size > 0) await this.subscriptions.renew([...used]).catch(this.onFailure);
    return outcome;
  }

  private async publishOne(incident: Incident, subscription: Subscription): Promise<'posted' | 'updated' | null> {
    const key = alertKey(incident.id, subscription.id);
    const shown = shownOf(incident);
    let item = await this.store.get<AlertState>(key);
    if (!item || item.value.lost) {
      // No record, or a damaged one: the conversation's own record tells a lost card from none.
      const posted = await this.subscriptions.postedOf(subscription.id, incident.id);
      if (posted === 'gone' || (posted === 'unknown' && item)) return null;
      if (posted !== null && posted !== 'unknown') {
        // A card is there (or its post never answered): never posted again; updated when its id is known.
        if (posted.activityId === null) return null;
        const restored: AlertState = {
          phase: 'posted',
          activityId: posted.activityId,
          claimedAt: posted.at,
          shown: null,
        };
        const etag = item
          ? await this.store.replace(key, restored, ALERT_TTL_MS, item.etag)
          : await this.store.create(key, restored, ALERT_TTL_MS);
        if (!etag) return null;
        item = { value: restored, etag, expiresAt: this.now() + ALERT_TTL_MS };
      } else {
        // An incident already over before anyone was told is not announced.
        if (incident.resolved) return null;
        const claim: AlertState = { phase: 'posting', activityId: null, claimedAt: this.now(), shown: null };
        const etag = item
          ? await this.store.replace(key, claim, ALERT_TTL_MS, item.etag)
          : await this.store.create(key, claim, ALERT_TTL_MS);
        if (!etag) return null;
        return this.post(key, etag, claim, shown, incident, subscription, null);
      }
    }
    const state = item.value;
    // Claimed and posting (here or elsewhere), or a post whose answer never came: never posted twice.
    if (state.phase === 'posting' || state.activityId === null || state.shown === shown) return null;
    const etag = await this.store.replace<AlertState>(key, { ...state, shown }, ALERT_TTL_MS, item.etag);
    if (!etag) return null;
    // A card posted by an earlier version has no second record yet: it gets one.
    if (!subscription.posted?.[incident.id])
      await this.subscriptions.markPosted(subscription.id, incident.id, state.activityId).catch(this.onFailure);
    try {
      await this.timed(
        subscription.id,
        this.delivery.update(subscription.address, state.activityId, this.render(incident, subscription)),
      );
    } catch (error) {
      if (messageGone(error)) {
        // Someone deleted the alert (or the channel lost it): a new card, so the conversation is still told.
        const claim: AlertState = { phase: 'posting', activityId: null, claimedAt: this.now(), shown: null };
        const claimed = await this.store.replace<AlertState>(key, claim, ALERT_TTL_MS, etag);
        return claimed ? this.post(key, claimed, claim, shown, incident, subscription, state.activityId) : null;
      }
      // Shown as before, so that the next round tries again (an update sent twice shows the same card).
      await this.store.replace(key, state, ALERT_TTL_MS, etag).catch(() => undefined);
      throw error;
    }
    return 'updated';
  }

  /**
   * Posts under a claim (`etag`) and records the activity id in both records; gives the claims back
   * only when the post certainly failed. The conversation's record is written first: whoever finds
   * a card recorded there (another instance, or this one after its alert record was lost) posts
   * nothing. `replacing`: the id of a card that is gone, whose record may be overwritten.
   */
  private async post(
    key: string,
    etag: string,
    claim: AlertState,
    shown: string,
    incident: Incident,
    subscription: Subscription,
    replacing: string | null,
  ): Promise<'posted' | null> {
    const giveBack = () => this.store.delete(key, etag).catch(() => false);
    const marked = await this.subscriptions
      .markPosting(subscription.id, incident.id, replacing)
      .catch(async (error: unknown) => {
        await giveBack();
        throw error;
      });
    if (!marked) {
      // Recorded by someone else: the next round finds the card through that record.
      await giveBack();
      return null;
    }
    const posting = this.delivery.post(subscription.address, this.render(incident, subscription));
    const record = async (activityId: string) => {
      // A connector that answered without an id: the card is there, and cannot be updated.
      if (!activityId) return;
      await this.store.replace<AlertState>(
        key,
        { phase: 'posted', activityId, claimedAt: claim.claimedAt, shown },
        ALERT_TTL_MS,
        etag,
      );
      await this.subscriptions.markPosted(subscription.id, incident.id, activityId);
    };
    let activityId: string;
    try {
      activityId = await this.timed(subscription.id, posting);
    } catch (error) {
      if (error instanceof DeliveryTimeout) {
        // It may still arrive: its id is recorded if it does, so that updates can follow.
        posting
          .then(
            (id) => record(id),
            () => undefined,
          )
          .catch(() => undefined);
      } else if (!mayHaveArrived(error)) {
        await this.subscriptions.unmarkPosting(subscription.id, incident.id).catch(() => undefined);
        await giveBack();
      }
      throw error;
    }
    await record(activityId);
    return 'posted';
  }

  /** The delivery within the time limit; one that outlives it keeps its conversation out of later rounds until it ends. */
  private timed<T>(conversation: string, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.hanging.add(conversation);
        void work
          .then(
            () => undefined,
            () => undefined,
          )
          .finally(() => this.hanging.delete(conversation));
        reject(new DeliveryTimeout(this.timeoutMs));
      }, this.timeoutMs);
    });
    return Promise.race([work, limit]).finally(() => clearTimeout(timer));
  }
}

/** The connector's answer when the message to update no longer exists (404). */
function messageGone(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 404;
}

/**
 * Whether a failed post may still have reached the conversation: no answer in time (a timeout or an
 * abort), or a connection that broke after the request went out. A refusal by the connector (an
 * HTTP status), an unreachable one or a refused address certainly did not post.
 */
function mayHaveArrived(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown; statusCode?: unknown };
  if (typeof e.statusCode === 'number' && e.statusCode > 0) return false;
  if (['DeliveryTimeout', 'ConnectorTimeout', 'AbortError', 'TimeoutError'].includes(String(e.name))) return true;
  return e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.code === 'ETIMEDOUT' || e.code === 'UND_ERR_SOCKET';
}
