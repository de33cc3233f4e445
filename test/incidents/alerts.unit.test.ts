/** The alert publisher on one shared store: two instances publishing the same incident at once post once and update once. */
import { AlertPublisher, type AlertDelivery } from '../../src/incidents/alerts';
import { SubscriptionStore, SUBSCRIPTION_TTL_MS } from '../../src/incidents/subscriptions';
import type { Incident } from '../../src/incidents/types';
import { MemoryStateStore } from '../../src/state';

const NOW = Date.parse('2026-11-27T10:00:00Z');
let clock = NOW;
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

function recordingDelivery() {
  const calls: string[] = [];
  const delivery: AlertDelivery = {
    post: async (address) => {
      await new Promise((r) => setTimeout(r, 5));
      calls.push(`post ${String((address.conversation as { id: string }).id)}`);
      return `activity-${calls.length}`;
    },
    update: async (address, id) => {
      calls.push(`update ${id}`);
    },
  };
  return { calls, delivery };
}

it('posts once and updates once per change, however many instances publish at the same moment', async () => {
  const store = new MemoryStateStore(() => clock);
  const subscriptions = new SubscriptionStore(store, () => clock);
  await subscriptions.subscribe(
    { address: { conversation: { id: 'channel-1' } }, language: 'en', timeZone: 'UTC', conversationType: 'shared' },
    'channel-1',
  );
  const { calls, delivery } = recordingDelivery();
  const render = () => ({ content: {}, summary: '' });
  const instances = [1, 2, 3].map(() => new AlertPublisher(store, subscriptions, delivery, render, () => clock));
  await Promise.all(instances.map((p) => p.publish([incident(6)])));
  expect(calls).toEqual(['post channel-1']);
  await Promise.all(instances.map((p) => p.publish([incident(6)])));
  expect(calls).toHaveLength(1);
  await Promise.all(instances.map((p) => p.publish([incident(9)])));
  expect(calls).toEqual(['post channel-1', 'update activity-1']);
  await Promise.all(instances.map((p) => p.publish([incident(9, true)])));
  await Promise.all(instances.map((p) => p.publish([incident(9, true)])));
  expect(calls).toEqual(['post channel-1', 'update activity-1', 'update activity-1']);
});

it('does not announce an incident that was over before anyone was told', async () => {
  const store = new MemoryStateStore(() => clock);
  const subscriptions = new SubscriptionStore(store, () => clock);
  await subscriptions.subscribe(
    { address: { conversation: { id: 'c' } }, language: 'en', timeZone: 'UTC', conversationType: 'shared' },
    'c',
  );
  const { calls, delivery } = recordingDelivery();
  await new AlertPublisher(
    store,
    subscriptions,
    delivery,
    () => ({ content: {}, summary: '' }),
    () => clock,
  ).publish([incident(6, true)]);
  expect(calls).toEqual([]);
});

it('forgets a subscription 90 days after it was last used, and renews it when an alert is posted', async () => {
  clock = NOW;
  const store = new MemoryStateStore(() => clock);
  const subscriptions = new SubscriptionStore(store, () => clock);
  await subscriptions.subscribe(
    { address: { conversation: { id: 'c' } }, language: 'en', timeZone: 'UTC', conversationType: 'shared' },
    'c',
  );
  clock += SUBSCRIPTION_TTL_MS - 3_600_000;
  const { delivery } = recordingDelivery();
  await new AlertPublisher(
    store,
    subscriptions,
    delivery,
    () => ({ content: {}, summary: '' }),
    () => clock,
  ).publish([incident(6)]);
  clock += 2 * 3_600_000;
  expect(await subscriptions.list()).toHaveLength(1);
  clock += SUBSCRIPTION_TTL_MS;
  expect(await subscriptions.list()).toEqual([]);
  clock = NOW;
});

it('posts a new card when the alert it would update is gone (deleted, or a chat that lost its history), and updates that one next', async () => {
  clock = NOW;
  const store = new MemoryStateStore(() => clock);
  const subscriptions = new SubscriptionStore(store, () => clock);
  await subscriptions.subscribe(
    { address: { conversation: { id: 'channel-1' } }, language: 'en', timeZone: 'UTC', conversationType: 'shared' },
    'channel-1',
  );
  const { calls, delivery } = recordingDelivery();
  const gone = new Set(['activity-1']);
  const updating = delivery.update.bind(delivery);
  delivery.update = async (address, id, card) => {
    if (gone.has(id)) throw Object.assign(new Error('Message does not exist in the thread.'), { statusCode: 404 });
    await updating(address, id, card);
  };
  const publisher = new AlertPublisher(
    store,
    subscriptions,
    delivery,
    () => ({ content: {}, summary: '' }),
    () => clock,
  );
  await publisher.publish([incident(6)]);
  expect(await publisher.publish([incident(8)])).toEqual({ posted: 1, updated: 0, failed: 0, skipped: 0 });
  await publisher.publish([incident(9)]);
  expect(calls).toEqual(['post channel-1', 'post channel-1', 'update activity-2']);
});

it('keeps the old card and tries again next round when an update fails for another reason', async () => {
  clock = NOW;
  const store = new MemoryStateStore(() => clock);
  const subscriptions = new SubscriptionStore(store, () => clock);
  await subscriptions.subscribe(
    { address: { conversation: { id: 'channel-1' } }, language: 'en', timeZone: 'UTC', conversationType: 'shared' },
    'channel-1',
  );
  const { calls, delivery } = recordingDelivery();
  let fail = true;
  const updating = delivery.update.bind(delivery);
  delivery.update = async (address, id, card) => {
    if (fail) throw Object.assign(new Error('busy'), { statusCode: 503 });
    await updating(address, id, card);
  };
  const publisher = new AlertPublisher(
    store,
    subscriptions,
    delivery,
    () => ({ content: {}, summary: '' }),
    () => clock,
  );
  await publisher.publish([incident(6)]);
  expect((await publisher.publish([incident(8)])).failed).toBe(1);
  fail = false;
  await publisher.publish([incident(8)]);
  expect(calls).toEqual(['post channel-1', 'update activity-1']);
});
