/**
 * Issue 24, item 7: stored state that heals. Every item read is checked against its kind's schema;
 * a damaged one (not JSON, not an item, a value of the wrong shape) is quarantined and logged, never
 * fatal; the ticket and alert ledgers read a damaged entry as "may have been done" (no second post,
 * no "Ticket undefined"); files are 0600 in folders 0700. Issue 24, item 8: ids in any letter case
 * key one counter and one ticket.
 */
import type { Activity } from 'botbuilder';
import { mkdtemp, readdir, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileStateStore } from '../../src/state/fileStore';
import { MemoryStateStore } from '../../src/state/memoryStore';
import { StoredRateCounter } from '../../src/state/rateCounter';
import { ValidatedStateStore } from '../../src/state/validated';
import { STATE_ITEM_RULES } from '../../src/stateItems';
import { SubscriptionStore } from '../../src/incidents/subscriptions';
import { TicketDesk, ticketKey, referenceFor, type TicketContent, type TicketSink } from '../../src/tickets';
import { parseVerbData } from '../../src/answers/verbs';
import { requesterOf } from '../../src/bot/requester';
import { teamsMessage } from '../../src/tools/activities';
import { sampleContent } from '../tickets/support/content';

class CountingSink implements TicketSink {
  readonly name = 'fake';
  readonly destination = 'desk@example.com';
  readonly idempotent = false;
  calls = 0;
  async create(_key: string, _content: TicketContent): Promise<{ reference: string }> {
    this.calls++;
    return { reference: `T-${this.calls}` };
  }
}

let dir: string;
let file: FileStateStore;
let store: ValidatedStateStore;
let warnings: { details: Record<string, unknown>; message: string }[];

beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(tmpdir(), 'validated-')), 'state');
  file = new FileStateStore(dir);
  warnings = [];
  store = new ValidatedStateStore(file, STATE_ITEM_RULES, {
    warn: (details, message) => warnings.push({ details: details as Record<string, unknown>, message }),
  });
});
afterEach(() => rm(path.dirname(dir), { recursive: true, force: true }));

async function damage(key: string, content: string): Promise<void> {
  await mkdir(path.join(dir, key.split('/')[0]), { recursive: true });
  await writeFile(path.join(dir, `${key}.json`), content);
}
const quarantined = async (namespace: string) =>
  (await readdir(path.join(dir, namespace))).filter((n) => n.includes('.damaged-'));

describe('a damaged item is quarantined and logged, and reads as absent', () => {
  test.each([
    ['not JSON', '{"value": {"entries": {'],
    ['JSON, not an item', '[1, 2, 3]'],
    [
      'an item whose value has the wrong shape',
      JSON.stringify({ value: { entries: 'every channel' }, etag: '"e1"', expiresAt: Date.now() + 60_000 }),
    ],
  ])('incidents/subscriptions %s: "notify" and "stop notifying" still work', async (_label, content) => {
    await damage('incidents/subscriptions', content);
    const subscriptions = new SubscriptionStore(store);
    await expect(subscriptions.list()).resolves.toEqual([]);
    await expect(
      subscriptions.subscribe(
        { address: { conversation: { id: '19:c' } }, language: 'en', timeZone: 'UTC', conversationType: 'shared' },
        '19:c',
      ),
    ).resolves.toBe('subscribed');
    await expect(subscriptions.unsubscribe('19:c')).resolves.toBe('unsubscribed');
    expect(await quarantined('incidents')).toHaveLength(1);
    expect(warnings).toEqual([
      expect.objectContaining({
        message: 'damaged state item quarantined',
        details: { state: expect.objectContaining({ namespace: 'incidents', quarantined: true }) as unknown },
      }),
    ]);
    // What was wrong is named by place and kind, never by value.
    expect(JSON.stringify(warnings)).not.toContain('every channel');
  });

  test('a damaged file met by the sweep is set aside too, and swept once old', async () => {
    await damage('followups/abc', 'not json');
    await file.sweep();
    expect(await quarantined('followups')).toHaveLength(1);
    await file.sweep(Date.now() + 31 * 86_400_000);
    expect(await quarantined('followups')).toHaveLength(0);
  });

  test('a create-only writer (the lease) is not stuck behind a damaged file', async () => {
    await damage('leases/abc', '{"value":');
    await expect(file.create('leases/abc', { holder: 'h', until: 5 }, 60_000)).resolves.toEqual(expect.any(String));
    expect(await quarantined('leases')).toHaveLength(1);
  });

  test('a sound item is read as written, unknown fields kept', async () => {
    await store.put('leases/abc', { holder: 'h', until: 5, extra: 'kept' }, 60_000);
    await expect(store.get('leases/abc')).resolves.toMatchObject({ value: { holder: 'h', until: 5, extra: 'kept' } });
    expect(warnings).toEqual([]);
  });

  test('a rate counter that is not a count is dropped, and counting starts again', async () => {
    const counter = new StoredRateCounter(store, { warn: () => undefined, info: () => undefined }, () => 120_000);
    await counter.hit('x');
    await counter.settled();
    const key = (await readdir(path.join(dir, 'rate')))[0].replace(/\.json$/, '');
    await file.put(`rate/${key}`, 'many', 60_000);
    await expect(store.get(`rate/${key}`)).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
  });
});

describe('the ticket ledger never sends twice and never shows "undefined"', () => {
  test.each([
    [
      'a sent entry without its ticket',
      JSON.stringify({ value: { state: 'sent' }, etag: '"e1"', expiresAt: Date.now() + 60_000 }),
    ],
    [
      'a claim without its deadline',
      JSON.stringify({ value: { state: 'claimed', claimId: 'c' }, etag: '"e1"', expiresAt: Date.now() + 60_000 }),
    ],
    ['not JSON', '{"value": {"state": "se'],
  ])('%s: recorded as sent (unconfirmed) with a real reference, the sink not called', async (_label, content) => {
    const key = ticketKey('6f1c0000-0000-4000-8000-000000000001', '00000000-0000-0000-0000-0000000000021');
    await damage(`tickets/${key}`, content);
    const sink = new CountingSink();
    const desk = new TicketDesk(sink, { state: store });
    const ticket = await desk.open(key, sampleContent());
    expect(sink.calls).toBe(0);
    expect(ticket).toMatchObject({
      reference: referenceFor(key),
      where: 'desk@example.com',
      sink: 'fake',
      duplicate: true,
      unconfirmed: true,
    });
    expect(JSON.stringify(ticket)).not.toContain('undefined');
    // And so it stays.
    await expect(desk.open(key, sampleContent())).resolves.toMatchObject({
      reference: referenceFor(key),
      duplicate: true,
    });
    expect(sink.calls).toBe(0);
  });

  test('the same on a store without a rule for it (the ledger checks its own entries)', async () => {
    const memory = new MemoryStateStore();
    const key = ticketKey('6f1c0000-0000-4000-8000-000000000002', 'x');
    await memory.put(`tickets/${key}`, { state: 'sent' }, 60_000);
    const sink = new CountingSink();
    await expect(new TicketDesk(sink, { state: memory }).open(key, sampleContent())).resolves.toMatchObject({
      reference: referenceFor(key),
      unconfirmed: true,
    });
    expect(sink.calls).toBe(0);
  });
});

test('a damaged alert record reads as "posted, card unknown", so the alert is not posted again', async () => {
  await damage('incident-alerts/inc-0123456789abcdef.s1', '{"value":');
  await expect(store.get('incident-alerts/inc-0123456789abcdef.s1')).resolves.toMatchObject({
    value: { lost: true, activityId: null },
  });
});

test('state files are 0600, their folders 0700 (also folders made before)', async () => {
  await mkdir(path.join(dir, 'followups'), { recursive: true, mode: 0o755 });
  await store.put('followups/abc', { question: { intent: 'failures' }, subjectId: null, subjectName: null }, 60_000);
  await store.create('tickets/' + 'a'.repeat(64), { state: 'lost' }, 60_000);
  expect((await stat(path.join(dir, 'followups/abc.json'))).mode & 0o777).toBe(0o600);
  expect((await stat(path.join(dir, `tickets/${'a'.repeat(64)}.json`))).mode & 0o777).toBe(0o600);
  for (const folder of [dir, path.join(dir, 'followups'), path.join(dir, 'tickets')])
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
});

describe('ids in any letter case key one thing', () => {
  const id = '5E1F0000-0000-4000-8000-00000000000A';

  test('one rate counter for three spellings of one object id', async () => {
    const counter = new StoredRateCounter(
      new MemoryStateStore(() => 120_000),
      { warn: () => undefined, info: () => undefined },
      () => 120_000,
    );
    await counter.hit(id);
    await counter.hit(id.toLowerCase());
    expect(await counter.hit('5e1F0000-0000-4000-8000-00000000000a')).toBe(3);
  });

  test('one ticket key, and card data and the asker read in lower case', () => {
    expect(ticketKey(id, id)).toBe(ticketKey(id.toLowerCase(), id.toLowerCase()));
    expect(parseVerbData('openTicket', { signInId: '6F1C0000-0000-4000-8000-00000000000B', userId: id })).toMatchObject(
      { signInId: '6f1c0000-0000-4000-8000-00000000000b', userId: id.toLowerCase() },
    );
    expect(requesterOf(teamsMessage('hi', { aadObjectId: id }) as unknown as Partial<Activity>, 'UTC').userId).toBe(
      id.toLowerCase(),
    );
  });
});
