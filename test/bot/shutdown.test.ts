/**
 * Issue 24, item 2: shutdown ends within seconds. app.close gives the work in hand a grace period,
 * then cuts what is still open — a turn waiting on a hung Graph read, a client keeping a connection
 * alive, an alert round waiting on a hung connector — instead of waiting for them (before: SIGTERM
 * logged "shutting down" and the process stayed alive for minutes).
 */
import net from 'node:net';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { DemoTenantTransport } from '../../src/demo/graphTransport';
import { DemoTenant } from '../../src/demo/tenant';
import { teamsMessage } from '../../src/tools/activities';
import { NOW, startApp } from '../support/app';

/** The demo tenant, except that the sign-in log never answers. */
class HungSignIns implements Middleware {
  constructor(private readonly inner: Middleware) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (url.includes('/auditLogs/')) return new Promise<void>(() => undefined);
    await this.inner.execute(context);
  }
}

it('ends within its grace while a turn hangs on Graph and a client holds an idle keep-alive connection', async () => {
  const tenant = new DemoTenant({ now: NOW });
  const running = await startApp(
    { TURN_BUDGET_MS: '600000', GRAPH_TIMEOUT_MS: '600000' },
    { demoTenant: tenant, graphTransport: new HungSignIns(new DemoTenantTransport(tenant)), shutdownGraceMs: 200 },
  );
  const { port } = new URL(running.url);
  // A turn that waits for the sign-in log forever.
  const hung = fetch(`${running.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      teamsMessage('why did megan bowen fail to sign in yesterday', {
        aadObjectId: '00000000-0000-0000-0000-0000000000020',
        name: 'Alex Wilber',
      }),
    ),
  }).catch((e: Error) => e);
  // A client that keeps a connection open after its request.
  const idle = net.connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve) => idle.once('connect', () => resolve()));
  idle.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
  await new Promise<void>((resolve) => idle.once('data', () => resolve()));
  await new Promise((r) => setTimeout(r, 200));

  let guard: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    running.stop().then(() => 'closed'),
    new Promise((resolve) => (guard = setTimeout(() => resolve('still open after 5 s'), 5000))),
  ]);
  clearTimeout(guard);
  expect(outcome).toBe('closed');
  // The hung turn's connection was cut, not answered.
  const answer = await hung;
  expect(answer instanceof Response).toBe(false);
  expect((answer as Error).message).toMatch(/fetch failed|closed|reset/i);
  idle.destroy();
});
