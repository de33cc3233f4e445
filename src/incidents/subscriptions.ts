/**
 * Conversations subscribed to incident alerts, on the state store so that every instance posts to
 * the same ones. Each conversation is its own item (`subscriptions/<hash of the conversation id>`),
 * written only by whoever subscribes, renews or stops that conversation: there is no shared list
 * for parallel subscribes to fight over. Each item keeps its own expiry: SUBSCRIPTION_TTL_MS after
 * it was made or last used (an alert posted to it), so a forgotten channel stops by itself.
 *
 * Subscriptions are capped per person and per tenant: every subscribed conversation costs a post
 * and an update per incident change, so one person must not be able to make that hundreds.
 */
import { createHash } from 'node:crypto';
import type { StateStore } from '../state/types';
import type { Language } from '../shared/types';

export const SUBSCRIPTION_TTL_MS = 90 * 24 * 3_600_000;
/** An entry is renewed on use at most this often (a write per alert would be wasteful). */
const RENEW_AFTER_MS = 24 * 3_600_000;
const NAMESPACE = 'subscriptions';
/** Where earlier versions kept every subscription in one list; moved into items when found. */
const LEGACY_LIST_KEY = 'incidents/subscriptions';
/** How long a posted card is remembered: as long as its alert record lives. */
const POSTED_KEEP_MS = 7 * 24 * 3_600_000;
/** Tries of one change of a subscription against concurrent writers (If-Match). */
const EDIT_TRIES = 8;

/** Conversations one person may subscribe, and the tenant altogether. */
export const SUBSCRIPTION_LIMITS = { perPerson: 10, perTenant: 100 } as const;

/** Where proactive messages go: the Bot Framework conversation reference, opaque here. */
export type ConversationAddress = Record<string, unknown>;

export interface Subscription {
  /** Hash of the conversation id. */
  id: string;
  address: ConversationAddress;
  language: Language;
  timeZone: string;
  /** personal, or shared (a channel or group chat): what the alert may show. */
  conversationType: string;
  expiresAt: number;
  /** Hash of the object id of who subscribed it (counts against their cap); absent in entries moved from the old list. */
  by?: string;
  /**
   * What was posted to this conversation, by incident id: the alert ledger's second record (see
   * src/incidents/alerts.ts), which tells a lost alert record from "never posted". Absent in
   * subscriptions made by earlier versions (their history is unknown).
   */
  posted?: Record<string, PostedAlert>;
}

/** A card posted (or being posted) for one incident; `activityId` null: its post has not answered, or the card is finished. */
export interface PostedAlert {
  activityId: string | null;
  at: number;
}

/** What the subscription says of an incident's card: `unknown` for an entry of an earlier version, `gone` once unsubscribed. */
export type PostedRecord = PostedAlert | null | 'unknown' | 'gone';

export type SubscribeResult = 'subscribed' | 'already-subscribed' | 'limit-person' | 'limit-tenant' | 'address-refused';
export type UnsubscribeResult = 'unsubscribed' | 'not-subscribed';

export interface SubscriptionStoreOptions {
  limits?: { perPerson: number; perTenant: number };
  /** Whether alerts may be posted to this address (demo mode: this machine only); checked on subscribe and on every listing. */
  addressAllowed?: (address: ConversationAddress) => boolean;
}

export class SubscriptionStore {
  readonly limits: { perPerson: number; perTenant: number };
  private readonly addressAllowed: (address: ConversationAddress) => boolean;

  constructor(
    private readonly store: StateStore,
    private readonly now: () => number = Date.now,
    options: SubscriptionStoreOptions = {},
  ) {
    this.limits = options.limits ?? SUBSCRIPTION_LIMITS;
    this.addressAllowed = options.addressAllowed ?? (() => true);
  }

  /** `subscriberId`: the object id of who asks (their cap); none counts for nobody. */
  async subscribe(
    entry: Omit<Subscription, 'id' | 'expiresAt' | 'by'>,
    conversationId: string,
    subscriberId?: string,
  ): Promise<SubscribeResult> {
    if (!this.addressAllowed(entry.address)) return 'address-refused';
    const id = subscriptionId(conversationId);
    const by = subscriberId ? personHash(subscriberId) : undefined;
    const key = keyOf(id);
    const existing = await this.store.get<Subscription>(key);
    // What was posted here stays known across a renewal or a new subscription (its cards are still there).
    const fresh: Subscription = {
      ...entry,
      id,
      expiresAt: this.now() + SUBSCRIPTION_TTL_MS,
      ...(by ? { by } : {}),
      posted: existing?.value.posted ?? {},
    };
    if (existing && existing.value.expiresAt > this.now()) {
      // Asked again: renewed, and kept by whoever made it first.
      await this.store.replace(key, { ...fresh, by: existing.value.by }, SUBSCRIPTION_TTL_MS, existing.etag);
      return 'already-subscribed';
    }
    const all = await this.list();
    if (all.length >= this.limits.perTenant) return 'limit-tenant';
    if (by && all.filter((s) => s.by === by).length >= this.limits.perPerson) return 'limit-person';
    const written = existing
      ? await this.store.replace(key, fresh, SUBSCRIPTION_TTL_MS, existing.etag)
      : await this.store.create(key, fresh, SUBSCRIPTION_TTL_MS);
    // Lost a race with someone subscribing the same conversation: it is subscribed either way.
    return written ? 'subscribed' : 'already-subscribed';
  }

  async unsubscribe(conversationId: string): Promise<UnsubscribeResult> {
    await this.moveLegacyList();
    const key = keyOf(subscriptionId(conversationId));
    const item = await this.store.get<Subscription>(key);
    if (!item || item.value.expiresAt <= this.now()) return 'not-subscribed';
    await this.store.delete(key);
    return 'unsubscribed';
  }

  /** The live subscriptions whose address alerts may go to. */
  async list(): Promise<Subscription[]> {
    await this.moveLegacyList();
    const names = await this.store.names(NAMESPACE);
    const items = await Promise.all(
      names.map((name) => this.store.get<Subscription>(`${NAMESPACE}/${name}`).catch(() => undefined)),
    );
    return items
      .map((item) => item?.value)
      .filter(
        (s): s is Subscription =>
          s !== undefined && typeof s.id === 'string' && s.expiresAt > this.now() && this.addressAllowed(s.address),
      );
  }

  /** Renews the entries just used, when they have not been renewed for a day. */
  async renew(ids: string[]): Promise<void> {
    for (const id of ids) {
      const item = await this.store.get<Subscription>(keyOf(id));
      if (!item || item.value.expiresAt - this.now() >= SUBSCRIPTION_TTL_MS - RENEW_AFTER_MS) continue;
      await this.store.replace(
        keyOf(id),
        { ...item.value, expiresAt: this.now() + SUBSCRIPTION_TTL_MS },
        SUBSCRIPTION_TTL_MS,
        item.etag,
      );
    }
  }

  /** What this conversation's subscription records of an incident's card (read fresh, not from a listing). */
  async postedOf(id: string, incidentId: string): Promise<PostedRecord> {
    const item = await this.store.get<Subscription>(keyOf(id));
    if (!item || item.value.expiresAt <= this.now()) return 'gone';
    if (!item.value.posted) return 'unknown';
    return item.value.posted[incidentId] ?? null;
  }

  /**
   * Records that a card for the incident is being posted, before the post: true for the one writer
   * who may post. False when a card is recorded already (unless it is `replacing`, a card that is
   * gone) or the subscription has ended.
   */
  markPosting(id: string, incidentId: string, replacing: string | null = null): Promise<boolean> {
    return this.editPosted(id, (posted) => {
      const known = posted[incidentId];
      if (known && (replacing === null || known.activityId !== replacing)) return null;
      return { ...posted, [incidentId]: { activityId: null, at: this.now() } };
    });
  }

  /** The posted card's id (its post answered). */
  async markPosted(id: string, incidentId: string, activityId: string): Promise<void> {
    await this.editPosted(id, (posted) => ({ ...posted, [incidentId]: { activityId, at: this.now() } }));
  }

  /** Forgets a post that certainly did not arrive (only while no card id is recorded). */
  async unmarkPosting(id: string, incidentId: string): Promise<void> {
    await this.editPosted(id, (posted) => {
      if (posted[incidentId]?.activityId !== null) return null;
      const { [incidentId]: _gone, ...rest } = posted;
      return rest;
    });
  }

  /** Cards that are no longer updated ("stop notifying"): recorded as there, with no id to update. */
  async markFinished(id: string, incidentIds: readonly string[]): Promise<void> {
    await this.editPosted(id, (posted) => {
      const next = { ...posted };
      for (const incidentId of incidentIds)
        if (next[incidentId]) next[incidentId] = { activityId: null, at: this.now() };
      return next;
    });
  }

  /** One change of the subscription's posted cards (If-Match, tried again on a concurrent write); entries past their time are dropped. */
  private async editPosted(
    id: string,
    change: (posted: Record<string, PostedAlert>) => Record<string, PostedAlert> | null,
  ): Promise<boolean> {
    for (let attempt = 0; attempt < EDIT_TRIES; attempt++) {
      const item = await this.store.get<Subscription>(keyOf(id));
      if (!item || item.value.expiresAt <= this.now()) return false;
      const next = change(item.value.posted ?? {});
      if (!next) return false;
      const kept = Object.fromEntries(Object.entries(next).filter(([, p]) => p.at > this.now() - POSTED_KEEP_MS));
      const ttl = item.value.expiresAt - this.now();
      if (await this.store.replace(keyOf(id), { ...item.value, posted: kept }, ttl, item.etag)) return true;
    }
    throw new Error('The subscription kept changing; its alert record was not written.');
  }

  /** Subscriptions an earlier version kept in one shared list become items (once; best effort). */
  private async moveLegacyList(): Promise<void> {
    const legacy = await this.store
      .get<{ entries?: Record<string, Subscription> }>(LEGACY_LIST_KEY)
      .catch(() => undefined);
    if (!legacy) return;
    for (const entry of Object.values(legacy.value?.entries ?? {})) {
      if (typeof entry?.id !== 'string' || !(entry.expiresAt > this.now())) continue;
      await this.store.create(keyOf(entry.id), entry, entry.expiresAt - this.now()).catch(() => null);
    }
    await this.store.delete(LEGACY_LIST_KEY, legacy.etag).catch(() => false);
  }
}

export function subscriptionId(conversationId: string): string {
  return createHash('sha256').update(conversationId, 'utf8').digest('hex').slice(0, 32);
}

function personHash(userId: string): string {
  return createHash('sha256').update(`subscriber/${userId.toLowerCase()}`, 'utf8').digest('hex').slice(0, 32);
}

function keyOf(id: string): string {
  return `${NAMESPACE}/${id}`;
}
