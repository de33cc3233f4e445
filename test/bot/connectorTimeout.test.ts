/**
 * Issue 24, item 2: every outbound connector call has a time limit. A Teams connector (the
 * activity's serviceUrl) that accepts the request and never answers costs a turn that limit once —
 * its replies, a late answer posted proactively, and shutdown all end, with a log line that says so
 * — instead of holding the turn, the late answer and the process open for good.
 */
import { createServer, type Server, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { TroubleshooterAdapter } from '../../src/bot/adapter';
import { adapterDelivery } from '../../src/bot/proactive';
import { DemoTenantTransport } from '../../src/demo/graphTransport';
import { DemoTenant } from '../../src/demo/tenant';
import { postActivity, teamsMessage } from '../../src/tools/activities';
import { NOW, startApp, type RunningApp } from '../support/app';
import { parseLogLine } from '../support/logLines';
import { until } from '../support/until';

const LIMIT_MS = 400;
const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };

/** A connector that reads each request and never answers it. */
async function hungConnector(): Promise<{ url: string; requests: string[]; open: Set<Socket>; server: Server }> {
  const requests: string[] = [];
  const open = new Set<Socket>();
  const server = createServer((req: IncomingMessage) => {
    req.resume();
    requests.push(`${req.method} ${req.url}`);
  });
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, open, server };
}

/** The demo tenant, answering the sign-in log only after a delay (so that the answer comes late). */
class SlowSignIns implements Middleware {
  constructor(private readonly inner: Middleware) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (url.includes('/auditLogs/')) await new Promise((r) => setTimeout(r, 600));
    await this.inner.execute(context);
  }
}

/** The request answered, or the word "hung" once `ms` have passed. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), ms)));
  try {
    return await Promise.race([work, guard]);
  } finally {
    clearTimeout(timer);
  }
}

const messages = (running: RunningApp) => running.logLines.map(parseLogLine);

describe('a connector that accepts and never answers', () => {
  let connector: Awaited<ReturnType<typeof hungConnector>>;
  let running: RunningApp;
  beforeAll(async () => {
    connector = await hungConnector();
    const tenant = new DemoTenant({ now: NOW });
    running = await startApp(
      { TURN_BUDGET_MS: '200' },
      {
        demoTenant: tenant,
        graphTransport: new SlowSignIns(new DemoTenantTransport(tenant)),
        connectorTimeoutMs: LIMIT_MS,
        shutdownGraceMs: 300,
      },
    );
  });
  afterAll(async () => {
    connector.server.closeAllConnections();
    await new Promise((r) => connector.server.close(r));
  });

  it('ends a turn whose replies go through it (normal delivery) within the limit, once, with a log line and no stack', async () => {
    const started = Date.now();
    const answer = await within(
      postActivity(running.url, {
        ...teamsMessage('help', { ...ALEX, conversationId: 'a:hung-turn' }),
        serviceUrl: connector.url,
        deliveryMode: 'normal',
      }),
      5_000,
    );
    const took = Date.now() - started;
    expect(answer).not.toBe('hung');
    expect(took).toBeGreaterThanOrEqual(LIMIT_MS);
    // The typing indicator hangs; the answer after it is not tried again at the same connector.
    expect(took).toBeLessThan(LIMIT_MS * 2 + 1_500);
    expect(connector.requests.filter((r) => r.includes('a%3Ahung-turn'))).toHaveLength(1);
    const lines = messages(running);
    expect(lines.some((l) => l.msg === 'the connector did not answer in time' && l.level === 40)).toBe(true);
    expect(lines.some((l) => l.msg === 'unhandled error in a turn')).toBe(false);
  });

  it('ends a late answer posted to it (proactive) within the limit, with a log line', async () => {
    const answer = await postActivity(running.url, {
      ...teamsMessage('why did megan bowen fail to sign in yesterday', { ...ALEX, conversationId: 'a:hung-late' }),
      serviceUrl: connector.url,
    });
    expect(answer.status).toBe(200);
    await until(
      () => connector.requests.some((r) => r.includes('a%3Ahung-late')),
      'the late answer reaching the connector',
      5_000,
    );
    const posted = Date.now();
    await until(
      () => messages(running).some((l) => l.msg === 'could not send a late answer'),
      'the late answer given up',
      5_000,
    );
    expect(Date.now() - posted).toBeLessThan(LIMIT_MS + 1_500);
    // The caller hears of it; no error card is sent after it into the same hung conversation.
    expect(messages(running).some((l) => l.msg === 'unhandled error in a turn')).toBe(false);
    expect(connector.requests.filter((r) => r.includes('a%3Ahung-late'))).toHaveLength(1);
  });

  it('does not hold shutdown open while a reply to it hangs, and leaves no request to it open', async () => {
    const hanging = postActivity(running.url, {
      ...teamsMessage('help', { ...ALEX, conversationId: 'a:hung-shutdown' }),
      serviceUrl: connector.url,
      deliveryMode: 'normal',
    }).catch((e: Error) => e);
    await until(
      () => connector.requests.some((r) => r.includes('a%3Ahung-shutdown')),
      'the reply reaching the connector',
      5_000,
    );
    expect(
      await within(
        running.stop().then(() => 'closed'),
        5_000,
      ),
    ).toBe('closed');
    await hanging;
    // Every request the bot made to it was given up (an open one would keep the process alive).
    await until(() => connector.open.size === 0, 'the connections to the hung connector closed', LIMIT_MS + 2_000);
  });
});

describe('a proactive post the connector refuses', () => {
  it('fails for its caller (an alert is then not recorded as posted) instead of counting as sent', async () => {
    const refusing = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end('{"error":{"code":"BotNotInConversationRoster"}}');
      });
    });
    await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/`;
    const delivery = adapterDelivery(new TroubleshooterAdapter(new ConfigurationBotFrameworkAuthentication({})), '');
    const reference = {
      serviceUrl: url,
      channelId: 'msteams',
      conversation: { id: '19:refused@thread.tacv2', conversationType: 'channel', isGroup: true },
      bot: { id: '28:bot', name: 'bot' },
    };
    const card = { content: { type: 'AdaptiveCard', version: '1.5', body: [] }, summary: 'alert' };
    await expect(delivery.post(reference, card)).rejects.toMatchObject({ statusCode: 403 });
    await expect(delivery.update(reference, 'activity-1', card)).rejects.toMatchObject({ statusCode: 403 });
    await new Promise((r) => refusing.close(r));
  });
});
