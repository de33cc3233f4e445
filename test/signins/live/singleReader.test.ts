/**
 * One reader of the sign-in log across instances, in one process: three LiveSignIns on one state
 * store, each with its own Graph client to the same demo tenant (the real client, counting its own
 * sign-in log reads). Only the lease holder reads; the others fill their index from the published
 * deltas, answer from it and hear the same new records; when the reader is cut off from the store
 * another takes over and polls on from where the published span ends, without a fill.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { DemoTenant } from '../../../src/demo/tenant';
import { DemoTenantTransport, demoAuthProvider } from '../../../src/demo/graphTransport';
import { createGraphClient } from '../../../src/graph/client';
import { startLiveSignIns, type LiveSignIns, type RecordsOrigin } from '../../../src/signins/live/start';
import { projectSignIn } from '../../../src/signins/live/compactSignIn';
import { decodeRecords, encodeRecords } from '../../../src/signins/live/feedEncoding';
import { GraphSignInLog } from '../../../src/signins/signInLog';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileStateStore } from '../../../src/state/fileStore';
import { MemoryStateStore } from '../../../src/state/memoryStore';
import { StateUnavailableError, type StateStore } from '../../../src/state/types';
import { userSignIns } from '../../fixtures/signIns';
import { until } from '../../support/until';

jest.setTimeout(30_000);

const MEGAN = '00000000-0000-0000-0000-0000000000021';
const FAST = { intervalMs: 250, lease: { durationMs: 1_200, renewEveryMs: 300 } };

/** A store that can be cut off from one instance (as a network partition or a dead process would). */
class Partitionable implements StateStore {
  readonly kind = 'partitionable';
  down = false;
  constructor(private readonly inner: StateStore) {}
  private check(): void {
    if (this.down) throw new StateUnavailableError('cut off');
  }
  async get<T>(key: string) {
    this.check();
    return this.inner.get<T>(key);
  }
  async create<T>(key: string, value: T, ttl: number) {
    this.check();
    return this.inner.create(key, value, ttl);
  }
  async replace<T>(key: string, value: T, ttl: number, etag: string) {
    this.check();
    return this.inner.replace(key, value, ttl, etag);
  }
  async put<T>(key: string, value: T, ttl: number) {
    this.check();
    return this.inner.put(key, value, ttl);
  }
  async delete(key: string, etag?: string) {
    this.check();
    return this.inner.delete(key, etag);
  }
  async names(namespace: string) {
    this.check();
    return this.inner.names(namespace);
  }
  async sweep() {
    this.check();
    return this.inner.sweep();
  }
}

interface Instance {
  live: LiveSignIns;
  store: Partitionable;
  /** The $filter of every sign-in log read this instance sent to Graph. */
  reads: string[];
  heard: { ids: string[]; origin: RecordsOrigin }[];
}

function instance(tenant: DemoTenant, shared: StateStore): Instance {
  const reads: string[] = [];
  const counter: Middleware & { next?: Middleware } = {
    setNext(next: Middleware) {
      this.next = next;
    },
    async execute(context: Context) {
      const url = new URL(typeof context.request === 'string' ? context.request : context.request.url);
      if (url.pathname.includes('/auditLogs/signIns')) reads.push(url.searchParams.get('$filter') ?? '');
      await this.next!.execute(context);
    },
  };
  const client = createGraphClient({
    endpoint: 'https://graph.microsoft.com',
    authProvider: demoAuthProvider,
    transport: new DemoTenantTransport(tenant),
    middleware: [counter],
  });
  const direct = new GraphSignInLog(client, { pageSize: 500, maxPages: 3 });
  const store = new Partitionable(shared);
  const live = startLiveSignIns(client, direct, {
    hours: 30 * 24,
    pageSize: 500,
    maxPages: 3,
    intervalMs: FAST.intervalMs,
    overlapMs: 5 * 60_000,
    shared: { store, tenantId: 'tenant-1', lease: FAST.lease },
  });
  const heard: Instance['heard'] = [];
  live.onRecords((records, origin) => heard.push({ ids: records.map((r) => r.id!), origin }));
  return { live, store, reads, heard };
}

function failureOf(tenant: DemoTenant, id: string): SignIn {
  const template = userSignIns(tenant).find(
    (r) => r.userId === MEGAN && r.isInteractive && (r.status?.errorCode ?? 0) !== 0,
  )!;
  return { ...template, id, correlationId: id, createdDateTime: new Date(Date.now() - 1000).toISOString() };
}

describe('published records', () => {
  test('read back exactly as the index keeps them, parts written once per item', () => {
    const records = userSignIns(new DemoTenant()).slice(0, 500);
    const item = encodeRecords(records);
    expect(decodeRecords(JSON.parse(JSON.stringify(item))).records).toEqual(records.map(projectSignIn));
    // One user part per person, not per record.
    expect(item.parts.user.length).toBeLessThanOrEqual(2 * new Set(records.map((r) => r.userId)).size);
    expect(item.rows).toHaveLength(500);
  });

  test('rows that point at no part are left out, and an item of another version is refused', () => {
    const item = encodeRecords(userSignIns(new DemoTenant()).slice(0, 3));
    item.rows[1][3] = 999;
    expect(decodeRecords(item)).toMatchObject({ rejected: 1 });
    expect(decodeRecords(item).records).toHaveLength(2);
    expect(() => decodeRecords({ ...item, v: 2 })).toThrow(TypeError);
  });
});

const stores: [string, () => Promise<StateStore>][] = [
  ['memory', async () => new MemoryStateStore()],
  // The default for one machine: several processes sharing one STATE_DIR.
  ['file', async () => new FileStateStore(await mkdtemp(path.join(tmpdir(), 'shared-reading-')))],
];

describe.each(stores)('one reader across instances, on the %s store', (_name, makeStore) => {
  const instances: Instance[] = [];
  afterAll(async () => {
    for (const i of instances) i.store.down = false;
    await Promise.all(instances.map((i) => i.live.stop()));
  });

  test('only the lease holder reads; followers fill from the store, answer from it, hear the same records; a cut-off reader is replaced without a fill', async () => {
    const tenant = new DemoTenant();
    const store = await makeStore();
    const a = instance(tenant, store);
    instances.push(a);
    await until(
      () => a.live.role() === 'leader' && a.live.poller.stats().polls > 0 && !a.live.poller.stats().filling,
      'A to read the whole log',
    );
    const total = a.live.index.stats().records;
    expect(total).toBeGreaterThan(1000);
    const b = instance(tenant, store);
    instances.push(b);
    await until(
      () => b.live.role() === 'follower' && b.live.index.stats().records === total && b.live.index.isLive(),
      'B to fill from the store',
    );
    expect(b.reads).toEqual([]);
    expect(b.live.index.stats().coveredFrom).toEqual(a.live.index.stats().coveredFrom);

    // B answers a question about the covered span from its index, with no read of its own.
    const week = { userId: MEGAN, from: new Date(Date.now() - 7 * 86_400_000), to: new Date() };
    const answer = await b.live.source.find(week);
    expect(answer.records.length).toBeGreaterThan(0);
    // The same records as the reader's own index answers.
    expect(answer.records).toEqual(a.live.index.find(week, 1500)!.records);
    expect(b.reads).toEqual([]);
    expect(b.live.source.stats()).toMatchObject({ fromIndex: 1, fallbacks: 0 });

    // A new failure: A reads it from Graph, B hears it from the store.
    tenant.addSignIns([failureOf(tenant, 'bbbb0000-0000-4000-8000-000000000001')]);
    await until(
      () => b.heard.some((h) => h.ids.includes('bbbb0000-0000-4000-8000-000000000001')),
      'B to hear the new failure',
    );
    expect(a.heard.find((h) => h.ids.includes('bbbb0000-0000-4000-8000-000000000001'))?.origin).toBe('graph');
    expect(b.heard.find((h) => h.ids.includes('bbbb0000-0000-4000-8000-000000000001'))?.origin).toBe('store');

    // A third instance joins: whole index from the store, no read.
    const c = instance(tenant, store);
    instances.push(c);
    await until(() => c.live.index.stats().records === total + 1, 'C to fill from the store');
    expect(c.reads).toEqual([]);
    expect(b.reads).toEqual([]);
    // A's reads: one fill (createdDateTime le …, page by page), then polls only.
    expect(new Set(a.reads.filter((f) => f.includes('createdDateTime le'))).size).toBe(1);

    // A is cut off from the store: it stops reading when its lease runs out; B or C takes over and
    // polls on from the published span, with no fill.
    a.store.down = true;
    const cutAt = Date.now();
    await until(() => a.live.role() === 'follower', 'A to step down');
    const aReadsAfter = a.reads.length;
    await until(() => [b, c].some((i) => i.live.role() === 'leader'), 'another instance to take the lease');
    const handoverMs = Date.now() - cutAt;
    expect(handoverMs).toBeLessThan(FAST.lease.durationMs + FAST.lease.renewEveryMs + 1_000);
    const next = [b, c].find((i) => i.live.role() === 'leader')!;
    const other = next === b ? c : b;
    tenant.addSignIns([failureOf(tenant, 'bbbb0000-0000-4000-8000-000000000002')]);
    await until(
      () => other.heard.some((h) => h.ids.includes('bbbb0000-0000-4000-8000-000000000002')),
      'the follower to hear a failure read by the new reader',
    );
    expect(next.reads.length).toBeGreaterThan(0);
    expect(next.reads.filter((f) => f.includes('createdDateTime le'))).toEqual([]);
    expect(other.reads).toEqual([]);
    expect(a.reads.length).toBe(aReadsAfter);
    expect([a, b, c].filter((i) => i.live.role() === 'leader')).toHaveLength(1);
  });
});
