/**
 * The ticket follow-ups' outbox (src/tickets/notes.ts), one module with a recording sink: a note is
 * recorded, sent and forgotten; the same note twice is one note; one the sink refused is kept and
 * sent by whichever of two instances retries first, once; with the state store down it is still sent.
 */
import { MemoryStateStore } from '../../src/state';
import { StateUnavailableError, type StateStore } from '../../src/state/types';
import { TicketNotes } from '../../src/tickets/notes';
import type { TicketNote, TicketSink } from '../../src/tickets/types';
import { unsentNotes } from './support/notes';

const note: TicketNote = {
  fix: 'revokeSessions',
  outcome: 'done',
  subject: { id: 'megan', name: 'Megan Bowen' },
  by: { id: 'nestor', name: 'Nestor Wilke' },
  at: '2026-11-27T10:00:00.000Z',
};

function sink(fail = () => false) {
  const sent: { reference: string; fix: string; key: string }[] = [];
  const s: TicketSink & Required<Pick<TicketSink, 'append'>> = {
    name: 'test',
    destination: 'test',
    idempotent: true,
    create: () => Promise.reject(new Error('not here')),
    append: (reference, n, key) => {
      if (fail()) return Promise.reject(new Error('down'));
      sent.push({ reference, fix: n.fix, key });
      return Promise.resolve();
    },
  };
  return { s, sent };
}

let now = Date.parse('2026-11-27T10:00:00Z');
const options = { claimMs: 15_000, clock: () => now };

it('records, sends and forgets a note; the same note twice is sent once', async () => {
  const state = new MemoryStateStore();
  const { s, sent } = sink();
  const notes = new TicketNotes(s, state, options);
  await notes.add('INC0010001', note);
  await notes.add('INC0010001', note);
  await notes.idle();
  expect(sent.map((x) => [x.reference, x.fix])).toEqual([['INC0010001', 'revokeSessions']]);
  expect(await unsentNotes(state)).toBe(0);
  notes.close();
});

it('keeps a refused note; two instances retrying send it once', async () => {
  const state = new MemoryStateStore();
  let down = true;
  const { s, sent } = sink(() => down);
  const first = new TicketNotes(s, state, options);
  await first.add('INC0010002', note);
  await first.idle();
  expect(sent).toEqual([]);
  expect(await unsentNotes(state)).toBe(1);
  down = false;
  const second = new TicketNotes(s, state, options);
  await Promise.all([first.retryPending(), second.retryPending()]);
  await Promise.all([first.idle(), second.idle()]);
  expect(sent).toHaveLength(1);
  expect(await unsentNotes(state)).toBe(0);
  first.close();
  second.close();
});

it('a note held by a sender that stopped is sent by another once its claim ran out', async () => {
  const state = new MemoryStateStore();
  const hung = new TicketNotes({ ...sink().s, append: () => new Promise<void>(() => undefined) }, state, options);
  void hung.add('INC0010003', note);
  await new Promise((r) => setImmediate(r));
  const { s, sent } = sink();
  const other = new TicketNotes(s, state, options);
  await other.retryPending();
  expect(sent).toEqual([]);
  now += options.claimMs + 1;
  await other.retryPending();
  expect(sent.map((x) => x.reference)).toEqual(['INC0010003']);
  other.close();
  hung.close();
});

it('with the state store down the note is still sent (without a record)', async () => {
  const down: StateStore = Object.assign(new MemoryStateStore(), {
    create: () => Promise.reject(new StateUnavailableError('down')),
    names: () => Promise.reject(new StateUnavailableError('down')),
  });
  const { s, sent } = sink();
  const notes = new TicketNotes(s, down, options);
  await notes.add('INC0010004', note);
  await notes.idle();
  expect(sent.map((x) => x.reference)).toEqual(['INC0010004']);
});
