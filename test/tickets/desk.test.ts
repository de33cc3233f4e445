import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileStateStore } from '../../src/state/fileStore';
import { MemoryStateStore } from '../../src/state/memoryStore';
import { StateUnavailableError, type StateStore } from '../../src/state/types';
import {
  TicketDesk,
  TicketLedger,
  TicketSinkError,
  referenceFor,
  ticketKey,
  type TicketContent,
  type TicketSink,
} from '../../src/tickets';
import { sampleContent } from './support/content';

/** Records calls; answers after `delayMs`; fails while `failing` is set. */
class FakeSink implements TicketSink {
  readonly name = 'fake';
  readonly destination = 'desk@example.com';
  calls: string[] = [];
  idempotent = true;
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
    expect(tickets[0]).toEqual({
      reference: 'T-1',
      where: 'desk@example.com',
      sink: 'fake',
      createdAt: '2026-11-27T10:00:00.000Z',
      subjectId: sampleContent().subject.id,
      duplicate: false,
    });
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
    const state = new MemoryStateStore();
    const desk = new TicketDesk(sink, { state });
    const ledger = new TicketLedger(state);
    sink.failing = new TicketSinkError('Service is down.', 'fake', true, 503);

    const results = await Promise.allSettled([desk.open(key, sampleContent()), desk.open(key, sampleContent())]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toBe(sink.failing);
    expect(await ledger.read(key)).toBeUndefined(); // the claim was released

    sink.failing = null;
    const ticket = await desk.open(key, sampleContent());
    expect(ticket).toMatchObject({ reference: 'T-2', duplicate: false });
    expect((await ledger.read(key))?.value).toMatchObject({ state: 'sent', ticket: { reference: 'T-2' } });
    expect(sink.calls).toHaveLength(2);
  });

  test('an unexpected sink error becomes a TicketSinkError without its internals', async () => {
    const sink = new FakeSink();
    sink.failing = new Error('socket hang up at 10.0.0.5 with token eyJ...');
    const error = await new TicketDesk(sink).open(key, sampleContent()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TicketSinkError);
    expect((error as Error).message).toBe('The ticket could not be opened.');
  });

  test('a store that fails to record the ticket still returns the confirmed ticket, and says so in the log', async () => {
    const warnings: string[] = [];
    const state = new MemoryStateStore();
    const broken: StateStore = Object.assign(Object.create(state) as StateStore, {
      replace: async () => Promise.reject(new StateUnavailableError('disk full')),
    });
    const ticket = await new TicketDesk(new FakeSink(), {
      state: broken,
      logger: { warn: (_, m) => warnings.push(m) },
    }).open(key, sampleContent());

    expect(ticket.reference).toBe('T-1');
    expect(warnings).toEqual(['ticket opened but not stored']);
  });
});

describe('TicketDesk across instances and restarts (file state store)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ledger-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  test('two instances clicked at once: one sink call, one ticket; after a restart the ledger answers without the sink', async () => {
    const sink = new FakeSink(50);
    const a = new TicketDesk(sink, { state: new FileStateStore(dir), now });
    const b = new TicketDesk(sink, { state: new FileStateStore(dir), now });
    const tickets = await Promise.all([
      a.open(key, sampleContent()),
      b.open(key, sampleContent()),
      a.open(key, sampleContent()),
      b.open(key, sampleContent()),
    ]);
    expect(sink.calls).toHaveLength(1);
    expect(new Set(tickets.map((t) => t.reference))).toEqual(new Set(['T-1']));
    expect(tickets.filter((t) => !t.duplicate)).toHaveLength(1);

    const sinkAfterRestart = new FakeSink();
    const again = await new TicketDesk(sinkAfterRestart, { state: new FileStateStore(dir), now }).open(
      key,
      sampleContent(),
    );
    expect(again).toEqual({
      reference: 'T-1',
      where: 'desk@example.com',
      sink: 'fake',
      createdAt: '2026-11-27T10:00:00.000Z',
      subjectId: sampleContent().subject.id,
      duplicate: true,
    });
    expect(sinkAfterRestart.calls).toHaveLength(0);
  });

  test('a live claim of another instance: the click waits, then answers "busy" without calling the sink', async () => {
    const state = new FileStateStore(dir);
    await new TicketLedger(state).claim(key, 60_000);
    const sink = new FakeSink();
    const error = await new TicketDesk(sink, { state, waitMs: 300 })
      .open(key, sampleContent())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TicketSinkError);
    expect((error as TicketSinkError).ledger).toBe('busy');
    expect(sink.calls).toHaveLength(0);
  });

  test('a claim that outlived its time is taken over: an idempotent sink is called once more with the same key', async () => {
    const state = new FileStateStore(dir);
    const dead = await new TicketLedger(state).claim(key, 100);
    await new TicketLedger(state).markSending(dead!); // even mid-send: the sink recognises the key
    await new Promise((r) => setTimeout(r, 150));
    const sink = new FakeSink();
    const ticket = await new TicketDesk(sink, { state }).open(key, sampleContent());
    expect(sink.calls).toEqual([key]);
    expect(ticket).toMatchObject({ reference: 'T-1', duplicate: false });
    expect((await new TicketLedger(state).read(key))?.value).toMatchObject({
      state: 'sent',
      ticket: { reference: 'T-1' },
    });
  });

  test('mail: a claim that died after it began sending is recorded, not sent again; one that died before sending is sent', async () => {
    const state = new FileStateStore(dir);
    const ledger = new TicketLedger(state);
    const midSend = (await ledger.claim(key, 100))!;
    await ledger.markSending(midSend);
    const otherKey = ticketKey('sign-in-2', 'requester-1');
    await ledger.claim(otherKey, 100);
    await new Promise((r) => setTimeout(r, 150));

    const mail = new FakeSink();
    mail.idempotent = false;
    const desk = new TicketDesk(mail, { state, now });
    const recorded = await desk.open(key, sampleContent());
    expect(recorded).toEqual({
      reference: referenceFor(key),
      where: 'desk@example.com',
      sink: 'fake',
      createdAt: '2026-11-27T10:00:00.000Z',
      unconfirmed: true,
      duplicate: true,
    });
    expect(mail.calls).toEqual([]);
    expect((await desk.open(key, sampleContent())).reference).toBe(referenceFor(key));

    expect((await desk.open(otherKey, sampleContent())).duplicate).toBe(false);
    expect(mail.calls).toEqual([otherKey]);
  });

  test('state store unreachable: the ticket is refused with a clear reason and the sink is not called', async () => {
    const unreachable: StateStore = Object.assign(new MemoryStateStore(), {
      get: async () =>
        Promise.reject(new StateUnavailableError('Azure Blob Storage could not read (no answer within 3000 ms).')),
    });
    const warnings: string[] = [];
    const sink = new FakeSink();
    const error = await new TicketDesk(sink, { state: unreachable, logger: { warn: (_, m) => warnings.push(m) } })
      .open(key, sampleContent())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TicketSinkError);
    expect((error as TicketSinkError).ledger).toBe('state-unavailable');
    expect(sink.calls).toHaveLength(0);
    expect(warnings).toEqual(['state store unreachable: ticket refused']);
  });
});
