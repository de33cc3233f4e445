/**
 * Alert delivery that cannot stall (issue 24): one hung conversation holds up no other, a claim
 * taken over never posts twice, subscriptions are items of their own with caps, and an address the
 * wiring may not post to is neither stored nor used.
 */
import { AlertPublisher, type AlertDelivery } from '../../src/incidents/alerts';
import { SubscriptionStore } from '../../src/incidents/subscriptions';
import type { Incident } from '../../src/incidents/types';
import { MemoryStateStore } from '../../src/state';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const TIMEOUT_MS = 150;
const render = () => ({ content: {}, summary: '' });
const incident = (people: number, resolved = false): Incident => ({
  id: 'inc-0123456789abcdef',
  kind: 'app',
  app: 'Workday',
  since: new Date(NOW - 600_000),
  people,
  trend: [0, 1, people - 1],
  trendBucketMinutes: 5,
  lastFailure: new Date(NOW - 60_000),
  resolved,
  userIds: Array.from({ length: people }, (_, i) => `u${i}`),
});
const entry = (id: string, serviceUrl = 'http://127.0.0.1:1/') => ({
  address: { serviceUrl, conversation: { id } },
  language: 'en' as const,
  timeZone: 'UTC',
  conversationType: 'shared',
});
const conversationOf = (address: Record<string, unknown>) => String((address.conversation as { id: string }).id);

/** A connector where the conversations in `hung` accept a request and never answer. */
function connector(hung: Set<string>) {
  const posts: string[] = [];
  const updates: string[] = [];
  const never = new Promise<never>(() => undefined);
  const delivery: AlertDelivery = {
    post: async (address) => {
      const id = conversationOf(address);
      if (hung.has(id)) return never;
      posts.push(id);
      return `activity-${id}`;
    },
    update: async (address, activityId) => {
      if (hung.has(conversationOf(address))) return never;
      updates.push(activityId);
    },
  };
  return { posts, updates, delivery };
}

describe('one hung conversation among 50', () => {
  it('does not hold up the other 49: each gets the alert and each update in the same round, the hung one no second post', async () => {
    let clock = NOW;
    const store = new MemoryStateStore(() => clock);
    const subscriptions = new SubscriptionStore(store, () => clock);
    for (let i = 0; i < 50; i++) await subscriptions.subscribe(entry(`chat-${i}`), `chat-${i}`);
    const { posts, updates, delivery } = connector(new Set(['chat-7']));
    const publisher = new AlertPublisher(
      store,
      subscriptions,
      delivery,
      render,
      () => clock,
      () => undefined,
      { deliveryTimeoutMs: TIMEOUT_MS },
    );

    const first = await publisher.publish([incident(6)]);
    expect(first).toMatchObject({ posted: 49, failed: 1 });
    expect(new Set(posts).size).toBe(49);
    expect(posts).not.toContain('chat-7');

    clock += 60_000;
    const second = await publisher.publish([incident(9)]);
    // The hung conversation is left out while its post still hangs; nobody is posted to twice.
    expect(second).toMatchObject({ updated: 49, posted: 0, skipped: 1 });
    expect(new Set(updates).size).toBe(49);
    expect(posts).toHaveLength(49);
  });
});

describe('a claim taken over', () => {
  it('is never posted again when its post got no answer, however old the claim is', async () => {
    let clock = NOW;
    const store = new MemoryStateStore(() => clock);
    const subscriptions = new SubscriptionStore(store, () => clock);
    await subscriptions.subscribe(entry('channel-1'), 'channel-1');
    const hung = new Set(['channel-1']);
    const a = connector(hung);
    const b = connector(new Set());
    const instanceA = new AlertPublisher(
      store,
      subscriptions,
      a.delivery,
      render,
      () => clock,
      () => undefined,
      { deliveryTimeoutMs: TIMEOUT_MS },
    );
    const instanceB = new AlertPublisher(
      store,
      subscriptions,
      b.delivery,
      render,
      () => clock,
      () => undefined,
      { deliveryTimeoutMs: TIMEOUT_MS },
    );
    expect((await instanceA.publish([incident(6)])).failed).toBe(1);
    for (const minutes of [1, 3, 10, 60]) {
      clock = NOW + minutes * 60_000;
      await instanceB.publish([incident(6 + minutes)]);
    }
    expect(b.posts).toEqual([]);
  });

  it('is given back when the post certainly failed (the connector refused it), so the next round posts once', async () => {
    const clock = NOW;
    const store = new MemoryStateStore(() => clock);
    const subscriptions = new SubscriptionStore(store, () => clock);
    await subscriptions.subscribe(entry('channel-1'), 'channel-1');
    const { posts, delivery } = connector(new Set());
    let refuse = true;
    const posting = delivery.post.bind(delivery);
    delivery.post = async (address, card) => {
      if (refuse) throw Object.assign(new Error('Bad gateway'), { statusCode: 502 });
      return posting(address, card);
    };
    const publisher = new AlertPublisher(
      store,
      subscriptions,
      delivery,
      render,
      () => clock,
      () => undefined,
      { deliveryTimeoutMs: TIMEOUT_MS },
    );
    expect((await publisher.publish([incident(6)])).failed).toBe(1);
    refuse = false;
    expect((await publisher.publish([incident(6)])).posted).toBe(1);
    await publisher.publish([incident(6)]);
    expect(posts).toEqual(['channel-1']);
  });

  it('records the activity id of a post that answers after its time limit, and updates that card later', async () => {
    const clock = NOW;
    const store = new MemoryStateStore(() => clock);
    const subscriptions = new SubscriptionStore(store, () => clock);
    await subscriptions.subscribe(entry('channel-1'), 'channel-1');
    const { posts, updates, delivery } = connector(new Set());
    let answer: (id: string) => void = () => undefined;
    delivery.post = () => new Promise<string>((resolve) => (answer = resolve));
    const publisher = new AlertPublisher(
      store,
      subscriptions,
      delivery,
      render,
      () => clock,
      () => undefined,
      { deliveryTimeoutMs: TIMEOUT_MS },
    );
    expect((await publisher.publish([incident(6)])).failed).toBe(1);
    answer('late-activity');
    await new Promise((r) => setImmediate(r));
    await publisher.publish([incident(9)]);
    expect(posts).toEqual([]);
    expect(updates).toEqual(['late-activity']);
  });
});

describe('subscriptions', () => {
  it('are one item per conversation: 100 parallel subscribes of different conversations all succeed', async () => {
    const store = new MemoryStateStore();
    const subscriptions = new SubscriptionStore(store, Date.now, { limits: { perPerson: 1000, perTenant: 1000 } });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        subscriptions.subscribe(entry(`19:c${i}@thread.v2`), `19:c${i}@thread.v2`, `person-${i % 7}`),
      ),
    );
    expect(results.every((r) => r === 'subscribed')).toBe(true);
    expect(await subscriptions.list()).toHaveLength(100);
    expect((await store.names('subscriptions')).length).toBe(100);
  });

  it('are capped per person and per tenant; renewing one already subscribed is not a new one', async () => {
    const subscriptions = new SubscriptionStore(new MemoryStateStore(), Date.now, {
      limits: { perPerson: 3, perTenant: 5 },
    });
    const alex = 'AAAA0000-0000-0000-0000-000000000001';
    for (let i = 0; i < 3; i++) expect(await subscriptions.subscribe(entry(`a${i}`), `a${i}`, alex)).toBe('subscribed');
    expect(await subscriptions.subscribe(entry('a3'), 'a3', alex)).toBe('limit-person');
    // The same person in another letter case is the same person.
    expect(await subscriptions.subscribe(entry('a3'), 'a3', alex.toLowerCase())).toBe('limit-person');
    expect(await subscriptions.subscribe(entry('a0'), 'a0', alex)).toBe('already-subscribed');
    expect(await subscriptions.subscribe(entry('b0'), 'b0', 'megan')).toBe('subscribed');
    expect(await subscriptions.subscribe(entry('b1'), 'b1', 'megan')).toBe('subscribed');
    expect(await subscriptions.subscribe(entry('b2'), 'b2', 'megan')).toBe('limit-tenant');
    expect(await subscriptions.unsubscribe('a1')).toBe('unsubscribed');
    expect(await subscriptions.subscribe(entry('a3'), 'a3', alex)).toBe('subscribed');
    expect(await subscriptions.list()).toHaveLength(5);
  });

  it('refuses to keep an address the wiring may not post to, and leaves out one stored before', async () => {
    const store = new MemoryStateStore();
    const loopbackOnly = (address: Record<string, unknown>) =>
      String(address.serviceUrl).startsWith('http://127.0.0.1:');
    const open = new SubscriptionStore(store);
    expect(await open.subscribe(entry('far', 'http://192.0.2.2:8080/'), 'far')).toBe('subscribed');
    const demo = new SubscriptionStore(store, Date.now, { addressAllowed: loopbackOnly });
    expect(await demo.subscribe(entry('far2', 'http://192.0.2.2:8080/'), 'far2')).toBe('address-refused');
    expect(await demo.subscribe(entry('near'), 'near')).toBe('subscribed');
    expect((await demo.list()).map((s) => conversationOf(s.address))).toEqual(['near']);
  });

  it('moves the list an earlier version kept into items of their own', async () => {
    const store = new MemoryStateStore();
    const old = { id: 'abc123', ...entry('old-channel'), expiresAt: Date.now() + 3_600_000 };
    await store.create('incidents/subscriptions', { entries: { abc123: old } }, 3_600_000);
    const subscriptions = new SubscriptionStore(store);
    expect((await subscriptions.list()).map((s) => s.id)).toEqual(['abc123']);
    expect(await store.get('incidents/subscriptions')).toBeUndefined();
  });
});
