/**
 * Issue 24, item 7: a lost alert record never makes the alert post again. Each subscription keeps a
 * second record of what was posted to its conversation (incident id → activity id), written before
 * the post; an alert record that was deleted or damaged (quarantined) is told apart from "never
 * posted" by it, and the next change of the incident updates the card already in the conversation.
 */
import { AlertPublisher, type AlertDelivery } from '../../src/incidents/alerts';
import { SubscriptionStore } from '../../src/incidents/subscriptions';
import type { Incident } from '../../src/incidents/types';
import { MemoryStateStore } from '../../src/state';
import { ValidatedStateStore } from '../../src/state/validated';
import { STATE_ITEM_RULES } from '../../src/stateItems';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const TIMEOUT_MS = 150;
const render = () => ({ content: {}, summary: '' });
const incident = (people: number, id = 'inc-0123456789abcdef'): Incident => ({
  id,
  kind: 'app',
  app: 'Workday',
  since: new Date(NOW - 600_000),
  people,
  trend: [0, 1, people - 1],
  trendBucketMinutes: 5,
  lastFailure: new Date(NOW - 60_000),
  resolved: false,
  userIds: Array.from({ length: people }, (_, i) => `u${i}`),
});
const entry = (id: string) => ({
  address: { serviceUrl: 'http://127.0.0.1:1/', conversation: { id } },
  language: 'en' as const,
  timeZone: 'UTC',
  conversationType: 'shared',
});
const conversationOf = (address: Record<string, unknown>) => String((address.conversation as { id: string }).id);

/** A connector that records posts and updates; conversations in `hung` never answer. */
function connector(hung = new Set<string>()) {
  const posts: string[] = [];
  const updates: string[] = [];
  let n = 0;
  const delivery: AlertDelivery = {
    post: async (address) => {
      const id = conversationOf(address);
      if (hung.has(id)) return new Promise<never>(() => undefined);
      posts.push(id);
      return `activity-${id}-${++n}`;
    },
    update: async (address, activityId) => {
      if (hung.has(conversationOf(address))) return new Promise<never>(() => undefined);
      updates.push(activityId);
    },
  };
  return { posts, updates, delivery };
}

async function setUp() {
  let clock = NOW;
  const inner = new MemoryStateStore(() => clock);
  const warnings: string[] = [];
  const store = new ValidatedStateStore(inner, STATE_ITEM_RULES, { warn: (_d, m) => void warnings.push(m) });
  const subscriptions = new SubscriptionStore(store, () => clock);
  await subscriptions.subscribe(entry('channel-1'), 'channel-1');
  const [subscription] = await subscriptions.list();
  const publisherOn = (delivery: AlertDelivery) =>
    new AlertPublisher(
      store,
      subscriptions,
      delivery,
      render,
      () => clock,
      () => undefined,
      {
        deliveryTimeoutMs: TIMEOUT_MS,
      },
    );
  return {
    inner,
    store,
    warnings,
    subscriptions,
    alertKey: (i = incident(1)) => `incident-alerts/${i.id}.${subscription.id}`,
    publisherOn,
    tick: (ms: number) => (clock += ms),
  };
}

describe('a lost alert record', () => {
  it('deleted: the next change updates the card already posted, and nothing is posted again', async () => {
    const t = await setUp();
    const { posts, updates, delivery } = connector();
    const publisher = t.publisherOn(delivery);
    expect(await publisher.publish([incident(6)])).toMatchObject({ posted: 1 });
    const [activityId] = [`activity-channel-1-1`];
    expect(await t.store.delete(t.alertKey())).toBe(true);

    t.tick(60_000);
    expect(await publisher.publish([incident(9)])).toMatchObject({ posted: 0, updated: 1 });
    t.tick(60_000);
    expect(await publisher.publish([incident(12)])).toMatchObject({ posted: 0, updated: 1 });
    expect(posts).toEqual(['channel-1']);
    expect(updates).toEqual([activityId, activityId]);
  });

  it('damaged (quarantined): the next change updates the card already posted, and nothing is posted again', async () => {
    const t = await setUp();
    const { posts, updates, delivery } = connector();
    const publisher = t.publisherOn(delivery);
    await publisher.publish([incident(6)]);
    // A hand edit or a half-restored backup: not an alert record any more.
    await t.inner.put(t.alertKey(), { activityId: 42, shown: ['?'] }, 3_600_000);

    t.tick(60_000);
    expect(await publisher.publish([incident(9)])).toMatchObject({ posted: 0, updated: 1 });
    expect(t.warnings).toContain('damaged state item quarantined');
    expect(posts).toEqual(['channel-1']);
    expect(updates).toEqual(['activity-channel-1-1']);
  });

  it('damaged before anything was posted: the alert is posted once (never posted is not "lost")', async () => {
    const t = await setUp();
    const { posts, delivery } = connector();
    await t.inner.put(t.alertKey(), 'garbage', 3_600_000);
    const publisher = t.publisherOn(delivery);
    expect(await publisher.publish([incident(6)])).toMatchObject({ posted: 1 });
    await publisher.publish([incident(6)]);
    expect(posts).toEqual(['channel-1']);
  });

  it('deleted while its post hangs on one instance: the other instance, taking over, posts nothing', async () => {
    const t = await setUp();
    const a = connector(new Set(['channel-1']));
    const b = connector();
    expect((await t.publisherOn(a.delivery).publish([incident(6)])).failed).toBe(1);
    await t.store.delete(t.alertKey());
    const instanceB = t.publisherOn(b.delivery);
    for (const minutes of [1, 3, 10, 60]) {
      t.tick(minutes * 60_000);
      await instanceB.publish([incident(6 + minutes)]);
    }
    expect(b.posts).toEqual([]);
  });

  it('deleted, then both instances at once: one update each change at most, no second post', async () => {
    const t = await setUp();
    const a = connector();
    const b = connector();
    const instanceA = t.publisherOn(a.delivery);
    const instanceB = t.publisherOn(b.delivery);
    await instanceA.publish([incident(6)]);
    await t.store.delete(t.alertKey());
    t.tick(60_000);
    await Promise.all([instanceA.publish([incident(9)]), instanceB.publish([incident(9)])]);
    expect([...a.posts, ...b.posts]).toEqual(['channel-1']);
    expect([...a.updates, ...b.updates]).toEqual(['activity-channel-1-1']);
  });

  it('a refused post gives both records back, so the next round posts once', async () => {
    const t = await setUp();
    const { posts, delivery } = connector();
    let refuse = true;
    const posting = delivery.post.bind(delivery);
    delivery.post = async (address, card) => {
      if (refuse) throw Object.assign(new Error('Bad gateway'), { statusCode: 502 });
      return posting(address, card);
    };
    const publisher = t.publisherOn(delivery);
    expect((await publisher.publish([incident(6)])).failed).toBe(1);
    refuse = false;
    expect((await publisher.publish([incident(6)])).posted).toBe(1);
    await t.store.delete(t.alertKey());
    await publisher.publish([incident(6)]);
    expect(posts).toEqual(['channel-1']);
  });

  it('the second record survives "notify" asked again in the conversation', async () => {
    const t = await setUp();
    const { posts, updates, delivery } = connector();
    const publisher = t.publisherOn(delivery);
    await publisher.publish([incident(6)]);
    expect(await t.subscriptions.subscribe(entry('channel-1'), 'channel-1')).toBe('already-subscribed');
    await t.store.delete(t.alertKey());
    t.tick(60_000);
    await publisher.publish([incident(9)]);
    expect(posts).toEqual(['channel-1']);
    expect(updates).toEqual(['activity-channel-1-1']);
  });
});

describe('a card posted by an earlier version (its subscription keeps no record of it)', () => {
  it('gets its record at its next update, so a later lost alert record is restored from it', async () => {
    const t = await setUp();
    const { posts, updates, delivery } = connector();
    const [subscription] = await t.subscriptions.list();
    // As an earlier version left it: the alert record, and a subscription without `posted`.
    const { posted: _none, ...legacy } = subscription;
    const item = await t.store.get(`subscriptions/${subscription.id}`);
    await t.store.replace(`subscriptions/${subscription.id}`, legacy, 3_600_000, item!.etag);
    await t.store.create(
      t.alertKey(),
      { phase: 'posted', activityId: 'old-card', claimedAt: NOW, shown: 'before' },
      3_600_000,
    );
    const publisher = t.publisherOn(delivery);
    expect(await publisher.publish([incident(6)])).toMatchObject({ updated: 1, posted: 0 });
    await t.store.delete(t.alertKey());
    t.tick(60_000);
    expect(await publisher.publish([incident(9)])).toMatchObject({ updated: 1, posted: 0 });
    expect(posts).toEqual([]);
    expect(updates).toEqual(['old-card', 'old-card']);
  });
});
