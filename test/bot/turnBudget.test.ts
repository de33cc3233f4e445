import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { DemoTenantTransport } from '../../src/demo/graphTransport';
import { DemoTenant } from '../../src/demo/tenant';
import { cardToText } from '../../src/cards/text';
import { cardsIn, postActivity, teamsMessage } from '../../src/tools/activities';
import { NOW, startApp, type RunningApp } from '../support/app';
import { until } from '../support/until';

/** The demo tenant, answering the sign-in log only after a delay. */
class SlowSignIns implements Middleware {
  constructor(
    private readonly inner: Middleware,
    private readonly delayMs: number,
  ) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (url.includes('/auditLogs/')) await new Promise((r) => setTimeout(r, this.delayMs));
    await this.inner.execute(context);
  }
}

let running: RunningApp;
let connector: Server;
let connectorUrl: string;
type SentActivity = { type: string; attachments?: { content: Record<string, unknown> }[] };
const proactive: { path: string; body: SentActivity }[] = [];

beforeAll(async () => {
  // Stands in for the Teams connector (the activity's serviceUrl) that receives the late answer.
  connector = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      proactive.push({ path: req.url ?? '', body: JSON.parse(body || '{}') as SentActivity });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${proactive.length}` }));
    });
  });
  await new Promise<void>((r) => connector.listen(0, '127.0.0.1', r));
  connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
  const tenant = new DemoTenant({ now: NOW });
  running = await startApp(
    { TURN_BUDGET_MS: '300', GRAPH_TIMEOUT_MS: '8000' },
    { demoTenant: tenant, graphTransport: new SlowSignIns(new DemoTenantTransport(tenant), 1500) },
  );
});

afterAll(async () => {
  await running.stop();
  await new Promise((r) => connector.close(r));
});

it('answers "still looking" within the turn budget and posts the card to the conversation when Graph is done', async () => {
  const activity = {
    ...teamsMessage('why did megan bowen fail to sign in yesterday', {
      aadObjectId: '00000000-0000-0000-0000-0000000000020',
      name: 'Alex Wilber',
      conversationId: 'a:slow-graph',
    }),
    serviceUrl: connectorUrl,
  };
  const started = Date.now();
  const result = await postActivity(running.url, activity);
  expect(Date.now() - started).toBeLessThan(1400);
  expect(cardToText(cardsIn(result)[0])).toContain('Still looking…');
  await until(() => proactive.length > 0, 'the late card', 5000);
  expect(proactive).toHaveLength(1);
  expect(proactive[0].path.startsWith('/v3/conversations/a%3Aslow-graph/activities')).toBe(true);
  expect(cardToText(proactive[0].body.attachments![0].content)).toContain('for Megan Bowen between');
});

it('shows a typing indicator first when the answer goes through the connector, and none when the answer comes back in the same response', async () => {
  const asker = {
    aadObjectId: '00000000-0000-0000-0000-0000000000020',
    name: 'Alex Wilber',
    conversationId: 'a:typing',
  };
  proactive.length = 0;
  await postActivity(running.url, { ...teamsMessage('help', asker), serviceUrl: connectorUrl, deliveryMode: 'normal' });
  await until(() => proactive.length >= 2, 'the typing indicator and the card', 5000);
  expect(proactive.map((p) => p.body.type)).toEqual(['typing', 'message']);

  const inOneResponse = await postActivity(running.url, { ...teamsMessage('help', asker), serviceUrl: connectorUrl });
  expect((inOneResponse.body as { activities: SentActivity[] }).activities.map((a) => a.type)).toEqual(['message']);
});
