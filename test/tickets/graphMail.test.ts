import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { createGraphClient } from '../../src/graph/client';
import { demoAuthProvider, DemoTenantTransport } from '../../src/demo/graphTransport';
import { DemoTenant } from '../../src/demo/tenant';
import { GraphMailSink, TicketDesk, TicketSinkError, escapeHtml, referenceFor, ticketKey } from '../../src/tickets';
import { FAST, everyValue, expectSinkError, sampleContent, tries } from './support/content';
import { sendJson, startLoopback, type Loopback } from './support/loopback';

const MAILBOX = 'alexw@example.com'; // a demo-tenant user, so that sendMail finds the mailbox
const HELPDESK = 'helpdesk@contoso.example';
const key = ticketKey('sign-in-1', 'requester-1');

describe('GraphMailSink against the demo tenant', () => {
  let tenant: DemoTenant;
  let desk: TicketDesk;
  beforeEach(() => {
    tenant = new DemoTenant({ now: new Date('2026-11-27T10:00:00Z') });
    const client = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport: new DemoTenantTransport(tenant),
    });
    desk = new TicketDesk(new GraphMailSink(client, MAILBOX, HELPDESK, FAST));
  });

  test('sends one HTML mail with every field, escaped, and the reference in the subject', async () => {
    const content = sampleContent();
    const ticket = await desk.open(key, content);

    expect(ticket).toMatchObject({
      reference: referenceFor(key),
      where: HELPDESK,
      sink: 'graph-mail',
      duplicate: false,
    });
    expect(tenant.sentMail).toHaveLength(1);
    const [mail] = tenant.sentMail;
    expect(mail.from).toBe(MAILBOX);
    expect(mail.message.toRecipients).toEqual([{ emailAddress: { address: HELPDESK } }]);
    // The reference first (mail rules and replies find it there), then the facts.
    expect(mail.message.subject.startsWith(`[${ticket.reference}] `)).toBe(true);
    for (const fact of ['53003', content.subject.name, 'adelev@example.com', content.title])
      expect(mail.message.subject).toContain(fact);
    expect(mail.message.body.contentType).toBe('HTML');

    const html = mail.message.body.content;
    expect(html).not.toContain('<script>');
    expect(html).toContain('Adele &lt;script&gt;alert(1)&lt;/script&gt; Vance');
    expect(html).toContain('&quot;unmanaged&quot; &amp; outside');
    expect(html).toContain('Tried twice.<br>On the train &amp; at home.');
    expect(html).toContain('<a href="https://login.microsoftonline.com/error?code=53003">');
    expect(html).toContain('<ol style="margin:0;padding-left:1.2em"><li>Sign in from a company laptop.</li>');
    for (const value of everyValue(content)) expect(html).toContain(escapeHtml(value));
    expect(html).toContain(ticket.reference);
  });

  test('a lookup link that is not http(s) is shown as text, not as a link', async () => {
    await desk.open(key, sampleContent({ lookupUrl: 'javascript:alert(1)' }));
    const html = tenant.sentMail[0].message.body.content;
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('javascript:alert(1)');
  });

  test('five concurrent clicks and a double click send one mail', async () => {
    const all = await Promise.all(Array.from({ length: 5 }, () => desk.open(key, sampleContent())));
    await desk.open(key, sampleContent());

    expect(tenant.sentMail).toHaveLength(1);
    expect(new Set(all.map((t) => t.reference)).size).toBe(1);
  });

  test('a mailbox the tenant does not have: clear error, not retried', async () => {
    const client = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport: new DemoTenantTransport(tenant),
    });
    const error = await new GraphMailSink(client, 'nobody@example.com', HELPDESK, FAST)
      .create(key, sampleContent())
      .catch((e: unknown) => e);

    expectSinkError(error, { sink: 'graph-mail', status: 404, retryable: false, names: ['nobody@example.com'] });
    expect(tenant.requestLog.filter((r) => r.path.endsWith('/sendMail'))).toHaveLength(1);
  });
});

/** The Graph client's last link, sending over plain HTTP to a loopback server instead of Graph. */
class LoopbackTransport implements Middleware {
  constructor(private readonly base: string) {}
  async execute(context: Context): Promise<void> {
    const url = (typeof context.request === 'string' ? context.request : context.request.url).replace(
      'https://graph.microsoft.com',
      this.base,
    );
    context.response = await fetch(url, context.options);
  }
}

describe('GraphMailSink over HTTP (real Graph client, loopback server)', () => {
  let graph: Loopback;
  let status: () => number;
  beforeEach(async () => {
    status = () => 202;
    graph = await startLoopback((request, res) => {
      const code = status();
      if (code === 0) return; // hang
      if (code === 202) {
        res.writeHead(202);
        return void res.end();
      }
      sendJson(res, code, {
        error: {
          code: code === 401 ? 'InvalidAuthenticationToken' : 'generalException',
          message: 'Graph says no.',
          innerError: { 'request-id': 'r1', date: '2026-11-27T10:00:00' },
        },
      });
    });
  });
  afterEach(() => graph.close());

  const sink = (options = FAST) =>
    new GraphMailSink(
      createGraphClient({
        endpoint: 'https://graph.microsoft.com',
        authProvider: demoAuthProvider,
        transport: new LoopbackTransport(graph.url),
      }),
      MAILBOX,
      HELPDESK,
      options,
    );

  test('202: one request to /users/{mailbox}/sendMail with the bearer token', async () => {
    await sink().create(key, sampleContent());

    expect(graph.received).toHaveLength(1);
    const [request] = graph.received;
    expect(request.method).toBe('POST');
    expect(decodeURIComponent(request.url)).toBe(`/v1.0/users/${MAILBOX}/sendMail`);
    expect(request.headers.authorization).toBe('Bearer demo-tenant-token');
    const body = JSON.parse(request.body) as { saveToSentItems: boolean; message: { subject: string } };
    expect(body.saveToSentItems).toBe(true);
    expect(body.message.subject).toContain(referenceFor(key));
  });

  test('500 is retried, then a clear error; a later click sends exactly one mail', async () => {
    status = () => 500;
    const desk = new TicketDesk(sink());
    const error = await desk.open(key, sampleContent()).catch((e: unknown) => e);

    expectSinkError(error, { sink: 'graph-mail', status: 500, retryable: true, names: [/\b500\b/, tries(3)] });
    expect(graph.received).toHaveLength(3);

    status = () => 202;
    const ticket = await desk.open(key, sampleContent());
    expect(ticket.duplicate).toBe(false);
    expect(graph.received).toHaveLength(4);
    await desk.open(key, sampleContent());
    expect(graph.received).toHaveLength(4);
  });

  test('401 is not retried and the error carries no token', async () => {
    status = () => 401;
    const error = (await sink()
      .create(key, sampleContent())
      .catch((e: unknown) => e)) as TicketSinkError;

    expectSinkError(error, { sink: 'graph-mail', status: 401, retryable: false, names: [/\b401\b/] });
    expect(error.message).not.toContain('demo-tenant-token');
    expect(graph.received).toHaveLength(1);
  });

  test('403: names the missing Mail.Send permission, not retried', async () => {
    status = () => 403;
    const error = await sink()
      .create(key, sampleContent())
      .catch((e: unknown) => e);
    expectSinkError(error, { sink: 'graph-mail', status: 403, retryable: false, names: [MAILBOX, 'Mail.Send'] });
    expect(graph.received).toHaveLength(1);
  });

  test('a Graph that never answers times out', async () => {
    status = () => 0;
    const error = (await sink({ timeoutMs: 200, attempts: 2, retryDelayMs: 10, budgetMs: 5000 })
      .create(key, sampleContent())
      .catch((e: unknown) => e)) as TicketSinkError;

    expectSinkError(error, { sink: 'graph-mail', status: undefined, retryable: true, names: ['0.2 s', tries(2)] });
    expect(graph.received).toHaveLength(2);
  });

  test('the budget bounds all attempts together', async () => {
    status = () => 0;
    const started = Date.now();
    await expect(
      sink({ timeoutMs: 1000, attempts: 10, retryDelayMs: 10, budgetMs: 300 }).create(key, sampleContent()),
    ).rejects.toThrow(TicketSinkError);
    expect(Date.now() - started).toBeLessThan(800);
  });
});
