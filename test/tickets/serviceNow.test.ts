import { ServiceNowSink, TicketDesk, ticketKey } from '../../src/tickets';
import { FAST, everyValue, expectSinkError, sampleContent, tries } from './support/content';
import { startFakeServiceNow, type FakeServiceNow } from './support/fakeServiceNow';
import { sendJson } from './support/loopback';

const USER = 'svc-signin-bot';
const PASSWORD = 'p@ss-w0rd-secret';

let now: FakeServiceNow;
beforeEach(async () => {
  now = await startFakeServiceNow(USER, PASSWORD);
});
afterEach(() => now.close());

const sink = (password = PASSWORD, options = FAST) => new ServiceNowSink(`${now.url}/`, USER, password, options);
const key = ticketKey('sign-in-1', 'requester-1');
const posts = () => now.received.filter((r) => r.method === 'POST');

describe('ServiceNowSink', () => {
  test('creates an incident with every field and returns its number', async () => {
    const content = sampleContent();
    const desk = new TicketDesk(sink());

    const ticket = await desk.open(key, content);

    expect(ticket).toMatchObject({
      reference: 'INC0010001',
      sink: 'servicenow',
      where: new URL(now.url).host,
      duplicate: false,
    });
    expect(now.incidents).toHaveLength(1);
    const incident = now.incidents[0];
    expect(incident.correlation_id).toBe(key);
    expect(incident.urgency).toBe('2');
    expect(incident.impact).toBe('3');
    expect(incident.short_description).toContain('53003');
    expect(incident.short_description).toContain(content.subject.upn);
    expect((incident.short_description as string).length).toBeLessThanOrEqual(160);
    for (const value of [...everyValue(content), content.subject.name, 'On the train & at home.'])
      expect(incident.description).toContain(value);
    // Found by method: on a loaded machine a lookup can time out and be asked again before the POST.
    const lookup = now.received.find((r) => r.method === 'GET')!;
    const post = now.received.find((r) => r.method === 'POST')!;
    expect(now.received.indexOf(lookup)).toBeLessThan(now.received.indexOf(post));
    expect(new URL(lookup.url, 'http://x').searchParams.get('sysparm_query')).toBe(`correlation_id=${key}`);
    expect(post.headers['content-type']).toBe('application/json');
  });

  test('a double click and five concurrent clicks open exactly one incident', async () => {
    const desk = new TicketDesk(sink());
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => desk.open(key, sampleContent())));
    const again = await desk.open(key, sampleContent());

    expect(now.incidents).toHaveLength(1);
    expect(new Set([...concurrent, again].map((t) => t.reference))).toEqual(new Set(['INC0010001']));
    expect(concurrent.filter((t) => !t.duplicate)).toHaveLength(1);
    expect(again.duplicate).toBe(true);
    expect(posts()).toHaveLength(1);
  });

  test('after a restart (empty store) the incident is found by correlation_id, not created again', async () => {
    await new TicketDesk(sink()).open(key, sampleContent());
    const afterRestart = await new TicketDesk(sink()).open(key, sampleContent());

    expect(afterRestart.reference).toBe('INC0010001');
    expect(now.incidents).toHaveLength(1);
  });

  test('500 is retried; one incident once ServiceNow recovers', async () => {
    let failures = 2;
    now.intercept = (request, res) => {
      if (request.method !== 'POST' || failures-- <= 0) return false;
      sendJson(res, 500, { error: { message: 'Internal Server Error', detail: null }, status: 'failure' });
      return true;
    };
    const ticket = await new TicketDesk(sink()).open(key, sampleContent());

    expect(ticket.reference).toBe('INC0010001');
    expect(posts()).toHaveLength(3);
    expect(now.incidents).toHaveLength(1);
  });

  test('500 every time: a clear error after the bounded retries, nothing stored, a later retry succeeds', async () => {
    let broken = true;
    now.intercept = (request, res) => {
      if (!broken || request.method !== 'POST') return false;
      sendJson(res, 500, { error: { message: 'Internal Server Error', detail: null }, status: 'failure' });
      return true;
    };
    const desk = new TicketDesk(sink());

    const error = await desk.open(key, sampleContent()).catch((e: unknown) => e);
    expectSinkError(error, { sink: 'servicenow', status: 500, retryable: true, names: [/\b500\b/, tries(3)] });
    expect(posts()).toHaveLength(3);
    expect(now.incidents).toHaveLength(0);

    broken = false;
    const ticket = await desk.open(key, sampleContent());
    expect(ticket).toMatchObject({ reference: 'INC0010001', duplicate: false });
    expect(now.incidents).toHaveLength(1);
  });

  test('401 is not retried and the error names the problem without the password', async () => {
    const error = await new TicketDesk(sink('wrong-password')).open(key, sampleContent()).catch((e: unknown) => e);

    expectSinkError(error, { sink: 'servicenow', status: 401, retryable: false, names: [/\b401\b/] });
    expect((error as Error).message).not.toContain('wrong-password');
    expect(now.received).toHaveLength(1);
    expect(now.incidents).toHaveLength(0);
  });

  test('a hung ServiceNow times out with a clear error', async () => {
    now.intercept = () => true; // never answers
    const started = Date.now();
    const error = await new TicketDesk(
      sink(PASSWORD, { timeoutMs: 200, attempts: 2, retryDelayMs: 10, budgetMs: 5000 }),
    )
      .open(key, sampleContent())
      .catch((e: unknown) => e);

    expectSinkError(error, { sink: 'servicenow', status: undefined, retryable: true, names: ['0.2 s', tries(2)] });
    expect(now.received).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('an answer lost after the incident was created: the retry finds it, still one incident', async () => {
    let lose = true;
    now.intercept = (request, res) => {
      if (!lose || request.method !== 'POST') return false;
      lose = false;
      // Create the incident for real, then drop the connection instead of answering.
      const fields = JSON.parse(request.body) as Record<string, unknown>;
      now.incidents.push({ ...fields, number: 'INC0010001', sys_id: 'abc' });
      res.socket?.destroy();
      return true;
    };
    const ticket = await new TicketDesk(sink()).open(key, sampleContent());

    expect(ticket.reference).toBe('INC0010001');
    expect(now.incidents).toHaveLength(1);
    expect(posts()).toHaveLength(1);
  });

  test('an unexpected answer shape is an error, not a made-up number', async () => {
    now.intercept = (request, res) => {
      if (request.method !== 'POST') return false;
      sendJson(res, 201, { something: 'else' });
      return true;
    };
    await expect(new TicketDesk(sink()).open(key, sampleContent())).rejects.toThrow(
      'ServiceNow answered in an unexpected shape',
    );
  });
});
