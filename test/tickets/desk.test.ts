import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  JsonFileTicketStore,
  MemoryTicketStore,
  TicketDesk,
  TicketSinkError,
  referenceFor,
  ticketKey,
  type OpenedTicket,
  type TicketContent,
  type TicketSink,
  type TicketStore,
} from '../../src/tickets';
import { sampleContent } from './support/content';

/** Records calls; answers after `delayMs`; fails while `failing` is set. */
class FakeSink implements TicketSink {
  readonly name = 'fake';
  readonly destination = 'desk@example.com';
  calls: string[] = [];
  failing: Error | null = null;
  constructor(private readonly delayMs = 20) {}
  async create(key: string, _content: TicketContent): Promise<{ reference: string }> {
    this.calls.push(key);
    await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failing) throw this.failing;
    return { reference: `T-${this.calls.length}` };
  }
}

const key = ticketKey('sign-in-1', 'requester-1');
const now = () => new Date('2026-11-27T10:00:00Z');

describe('ticketKey and referenceFor', () => {
  test('a sha256 hex of sign-in and requester, stable and unambiguous', () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(ticketKey('sign-in-1', 'requester-1')).toBe(key);
    expect(ticketKey('sign-in-1', 'requester-2')).not.toBe(key);
    expect(ticketKey('a', 'bc')).not.toBe(ticketKey('ab', 'c'));
    expect(key).not.toContain('sign-in');
  });

  test('reference: SIT- and 8 hex digits', () => {
    expect(referenceFor(key)).toMatch(/^SIT-[0-9A-F]{8}$/);
    expect(referenceFor(key)).toBe(referenceFor(key));
    expect(referenceFor(ticketKey('sign-in-2', 'requester-1'))).not.toBe(referenceFor(key));
  });
});

describe('TicketDesk', () => {
  test('five concurrent opens share one sink call; one is new, the others duplicates', async () => {
    const sink = new FakeSink();
    const desk = new TicketDesk(sink, { now });
    const tickets = await Promise.all(Array.from({ length: 5 }, () => desk.open(key, sampleContent())));

    expect(sink.calls).toHaveLength(1);
    expect(tickets.map((t) => t.reference)).toEqual(Array(5).fill('T-1'));
    expect(tickets.filter((t) => !t.duplicate)).toHaveLength(1);
    expect(tickets[0]).toEqual({ reference: 'T-1', where: 'desk@example.com', sink: 'fake', createdAt: '2026-11-27T10:00:00.000Z', duplicate: false });
  });

  test('a later open returns the stored ticket as a duplicate; another key opens another ticket', async () => {
    const sink = new FakeSink();
    const desk = new TicketDesk(sink, { now });
    const first = await desk.open(key, sampleContent());
    const second = await desk.open(key, sampleContent());
    const other = await desk.open(ticketKey('sign-in-2', 'requester-1'), sampleContent());

    expect(second).toEqual({ ...first, duplicate: true });
    expect(other.reference).toBe('T-2');
    expect(sink.calls).toHaveLength(2);
  });

  test('a failure is shared by concurrent callers, not stored, and a retry opens the ticket once', async () => {
    const sink = new FakeSink();
    const store = new MemoryTicketStore();
    const desk = new TicketDesk(sink, { store });
    sink.failing = new TicketSinkError('Service is down.', 'fake', true, 503);

    const results = await Promise.allSettled([desk.open(key, sampleContent()), desk.open(key, sampleContent())]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toBe(sink.failing);
    expect(await store.get(key)).toBeUndefined();

    sink.failing = null;
    const ticket = await desk.open(key, sampleContent());
    expect(ticket).toMatchObject({ reference: 'T-2', duplicate: false });
    expect(await store.get(key)).toMatchObject({ reference: 'T-2' });
    expect(sink.calls).toHaveLength(2);
  });

  test('an unexpected sink error becomes a TicketSinkError without its internals', async () => {
    const sink = new FakeSink();
    sink.failing = new Error('socket hang up at 10.0.0.5 with token eyJ...');
    const error = await new TicketDesk(sink).open(key, sampleContent()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TicketSinkError);
    expect((error as Error).message).toBe('The ticket could not be opened.');
  });

  test('a store that fails to record still returns the confirmed ticket, and says so in the log', async () => {
    const warnings: string[] = [];
    const broken: TicketStore = { get: async () => undefined, put: async () => Promise.reject(new Error('disk full')) };
    const ticket = await new TicketDesk(new FakeSink(), { store: broken, logger: { warn: (_, m) => warnings.push(m) } }).open(key, sampleContent());

    expect(ticket.reference).toBe('T-1');
    expect(warnings).toEqual(['ticket opened but not stored']);
  });
});

describe('MemoryTicketStore', () => {
  test('keeps the newest entries up to its size', async () => {
    const store = new MemoryTicketStore(2);
    const t = (reference: string): OpenedTicket => ({ reference, where: 'x', sink: 'fake', createdAt: '2026-11-27T10:00:00.000Z', duplicate: false });
    await store.put('a', t('A'));
    await store.put('b', t('B'));
    await store.put('c', t('C'));
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('c')).toEqual(t('C'));
  });
});

describe('JsonFileTicketStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tickets-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  test('survives a restart: a new desk on the same file returns the ticket without calling the sink', async () => {
    const file = path.join(dir, 'state', 'tickets.json');
    const first = await new TicketDesk(new FakeSink(), { store: new JsonFileTicketStore(file), now }).open(key, sampleContent());

    const sinkAfterRestart = new FakeSink();
    const again = await new TicketDesk(sinkAfterRestart, { store: new JsonFileTicketStore(file), now }).open(key, sampleContent());

    expect(again).toEqual({ ...first, duplicate: true });
    expect(sinkAfterRestart.calls).toHaveLength(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ [key]: { ...first } });
    expect(await readdir(path.dirname(file))).toEqual(['tickets.json']); // no temp file left behind
  });

  test('concurrent puts all land in the file, bounded to the newest entries', async () => {
    const file = path.join(dir, 'tickets.json');
    const store = new JsonFileTicketStore(file, 3);
    const t = (reference: string): OpenedTicket => ({ reference, where: 'x', sink: 'fake', createdAt: '2026-11-27T10:00:00.000Z', duplicate: false });
    await Promise.all(['a', 'b', 'c', 'd'].map((k) => store.put(k, t(k.toUpperCase()))));

    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(onDisk)).toEqual(['b', 'c', 'd']);
    expect(await new JsonFileTicketStore(file).get('d')).toEqual(t('D'));
  });

  test('a corrupt file is refused rather than silently forgotten', async () => {
    const file = path.join(dir, 'tickets.json');
    await writeFile(file, '{"half":', 'utf8');
    await expect(new JsonFileTicketStore(file).get(key)).rejects.toThrow(`The ticket store ${file} is not valid JSON; fix or remove it.`);
  });
});
