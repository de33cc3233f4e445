import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { TicketDesk, TicketSinkError, WebhookSink, referenceFor, ticketKey } from '../../src/tickets';
import { FAST, everyValue, expectSinkError, sampleContent, tries } from './support/content';
import { sendJson, startLoopback, type Loopback, type Received } from './support/loopback';

const SECRET = 'whsec_0123456789abcdef';
const key = ticketKey('sign-in-1', 'requester-1');

/** A receiver as the docs in webhook.ts tell people to write one: verify, then dedupe by key. */
function verified(request: Received, secret = SECRET): boolean {
  const header = String(request.headers['x-signature-sha256'] ?? '');
  const expected = `sha256=${createHmac('sha256', secret).update(request.body, 'utf8').digest('hex')}`;
  return header.length === expected.length && timingSafeEqual(Buffer.from(header), Buffer.from(expected));
}

let receiver: Loopback;
let tickets: { key: string; body: Record<string, unknown> }[];
let answer: (request: Received, res: ServerResponse) => boolean;

beforeEach(async () => {
  tickets = [];
  answer = () => false;
  receiver = await startLoopback((request, res) => {
    if (!verified(request)) return sendJson(res, 401, { error: 'bad signature' });
    if (answer(request, res)) return;
    const body = JSON.parse(request.body) as Record<string, unknown>;
    if (!tickets.some((t) => t.key === request.headers['idempotency-key']))
      tickets.push({ key: String(request.headers['idempotency-key']), body });
    sendJson(res, 200, { ticketId: `HD-${tickets.length}` });
  });
});
afterEach(() => receiver.close());

// The URL carries a signature in its query, as Logic Apps and Power Automate trigger URLs do.
const hookUrl = () =>
  `${receiver.url}/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=SAS-SIGNATURE`;
const sink = (secret = SECRET, options = FAST) => new WebhookSink(hookUrl(), secret, options);

describe('WebhookSink', () => {
  test('posts signed JSON with every field and takes the reference from the answer', async () => {
    const content = sampleContent();
    const ticket = await new TicketDesk(sink()).open(key, content);

    expect(ticket).toMatchObject({ reference: 'HD-1', sink: 'webhook', duplicate: false });
    expect(ticket.where).toBe(new URL(receiver.url).host);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(verified(request)).toBe(true);
    expect(request.headers['idempotency-key']).toBe(key);
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    const body: unknown = JSON.parse(request.body);
    expect(body).toEqual({ key, reference: referenceFor(key), ...content });
    for (const value of everyValue(content)) expect(request.body).toContain(JSON.stringify(value).slice(1, -1));
  });

  test.each([
    [{ reference: 'REF-7' }, 'REF-7'],
    [{ id: 42 }, '42'],
    [{ number: 'PRB0040001' }, 'PRB0040001'],
    [{ reference: '', id: 'X-1' }, 'X-1'],
  ])('reference from answer %j', async (json, expected) => {
    answer = (_, res) => (sendJson(res, 201, json), true);
    expect((await sink().create(key, sampleContent())).reference).toBe(expected);
  });

  test('an empty 202 (Power Automate default) keeps the derived reference', async () => {
    answer = (_, res) => {
      // restify (loaded by other suites in this worker) patches writeHead to return nothing: no chaining.
      res.writeHead(202);
      res.end();
      return true;
    };
    const { reference } = await sink().create(key, sampleContent());
    expect(reference).toBe(referenceFor(key));
    expect(reference).toMatch(/^SIT-[0-9A-F]{8}$/);
  });

  test('five concurrent clicks and a double click deliver one request', async () => {
    const desk = new TicketDesk(sink());
    const all = await Promise.all(Array.from({ length: 5 }, () => desk.open(key, sampleContent())));
    const again = await desk.open(key, sampleContent());

    expect(receiver.received).toHaveLength(1);
    expect(tickets).toHaveLength(1);
    expect(new Set([...all, again].map((t) => t.reference))).toEqual(new Set(['HD-1']));
  });

  test('500 is retried with the same body and key; one ticket', async () => {
    let failures = 1;
    answer = (_, res) => (failures-- > 0 ? (sendJson(res, 500, { error: 'boom' }), true) : false);
    const ticket = await new TicketDesk(sink()).open(key, sampleContent());

    expect(ticket.reference).toBe('HD-1');
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].body).toBe(receiver.received[0].body);
    expect(receiver.received.every((r) => r.headers['idempotency-key'] === key)).toBe(true);
    expect(tickets).toHaveLength(1);
  });

  test('500 every time: a clear error, then a later click succeeds once', async () => {
    let broken = true;
    answer = (_, res) => (broken ? (sendJson(res, 503, { error: 'down' }), true) : false);
    const desk = new TicketDesk(sink());

    expectSinkError(await desk.open(key, sampleContent()).catch((e: unknown) => e), {
      sink: 'webhook',
      status: 503,
      retryable: true,
      names: [/\b503\b/, tries(3)],
    });
    expect(receiver.received).toHaveLength(3);
    broken = false;
    expect((await desk.open(key, sampleContent())).reference).toBe('HD-1');
    expect(tickets).toHaveLength(1);
  });

  test('a wrong secret gets 401: not retried, and the error leaks neither secret nor URL', async () => {
    const error = (await sink('not-the-secret')
      .create(key, sampleContent())
      .catch((e: unknown) => e)) as TicketSinkError;

    // It names the setting to check.
    expectSinkError(error, {
      sink: 'webhook',
      status: 401,
      retryable: false,
      names: [/\b401\b/, 'TICKET_WEBHOOK_SECRET'],
    });
    expect(error.message).not.toMatch(/not-the-secret|SAS-SIGNATURE|127\.0\.0\.1/);
    expect(receiver.received).toHaveLength(1);
    expect(tickets).toHaveLength(0);
  });

  test('a receiver that never answers times out', async () => {
    answer = () => true;
    const error = (await sink(SECRET, { timeoutMs: 200, attempts: 2, retryDelayMs: 10, budgetMs: 5000 })
      .create(key, sampleContent())
      .catch((e: unknown) => e)) as TicketSinkError;

    expectSinkError(error, { sink: 'webhook', status: undefined, retryable: true, names: ['0.2 s', tries(2)] });
    expect(receiver.received).toHaveLength(2);
  });

  test('an unreachable receiver is a clear, retryable error without the URL', async () => {
    const url = hookUrl();
    await receiver.close();
    const error = (await new WebhookSink(url, SECRET, FAST)
      .create(key, sampleContent())
      .catch((e: unknown) => e)) as TicketSinkError;

    expectSinkError(error, { sink: 'webhook', status: undefined, retryable: true, names: [tries(3)] });
    expect(error.message).not.toContain(url);
    receiver = await startLoopback(() => undefined); // for afterEach
  });
});
