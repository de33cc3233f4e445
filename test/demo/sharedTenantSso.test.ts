/**
 * Issue 21: the Playground's fix flow against a shared demo tenant (`npm run demo-tenant` in another
 * process, DEMO_GRAPH_URL): two servers — the demo tenant over HTTPS with its own certificate, and the
 * bot over HTTP with no tenant of its own. A fix click fetches the clicker's SSO token from the shared
 * tenant (the stand-in for Teams' silent SSO), the real UserTokenClient exchanges it at the shared
 * tenant's Token Service over HTTPS, and the fix is done there with the clicker's delegated token.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { defaultDemoSettings } from '../../src/demo/settings';
import { DemoTenant } from '../../src/demo/tenant';
import { startGraphTestServer, type GraphTestServer } from '../../src/demo/httpsServer';
import { MemoryStateStore } from '../../src/state';
import type { RunningApp } from '../support/app';
import { NOW } from '../support/app';
import { actionsOf, askCard, asker, click, idOf, type El } from '../support/fixClicks';

let server: GraphTestServer;
let app: App;
let running: RunningApp;
const logLines: string[] = [];

beforeAll(async () => {
  server = await startGraphTestServer({ tenant: new DemoTenant({ now: NOW }) });
  const caFile = join(mkdtempSync(join(tmpdir(), 'shared-sso-')), 'ca.pem');
  writeFileSync(caFile, server.ca);
  const loaded = loadConfig({ DEMO: 'true', GRAPH_REPORTS_MAX_REQUESTS: '1000', SIGNIN_INDEX_HOURS: '0' });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  app = createApp(loaded.config, {
    logger: pino({ level: 'info' }, { write: (line: string) => logLines.push(line) }),
    demoSettings: {
      ...defaultDemoSettings(),
      sharedTenant: { url: server.url, caFile },
      latency: false,
      nonInteractivePerDay: 0,
    },
    now: () => NOW,
    stateStore: new MemoryStateStore(),
  });
  const url = await app.listen(0, '127.0.0.1');
  // The fix helpers read the tenant through `running`: here it is the shared one, in the other server.
  running = { app, url, tenant: server.tenant, logLines, stop: () => app.close() };
});
afterAll(async () => {
  await app.close();
  await server.close();
});

it('a fix is confirmed and done at the shared tenant with the clicker’s own token, exchanged there over HTTPS', async () => {
  expect(app.demoTenant).toBeNull();
  const nestor = asker('Nestor Wilke');
  const card = await askCard(running, nestor, 'why did megan bowen fail to sign in yesterday?');
  const revoke = actionsOf(card).find((a) => a.verb === 'fix' && (a.data as El).fix === 'revokeSessions');
  expect(revoke).toBeDefined();

  const confirmation = await click(running, nestor, 'fix', revoke!.data as El);
  expect(confirmation.statusCode).toBe(200);
  const confirm = actionsOf(confirmation.value).find((a) => a.verb === 'fixConfirm');
  // Without the stand-in the click is answered 401 (loginRequest): nothing Playground can answer.
  const done = await click(running, nestor, 'fixConfirm', confirm!.data as El);
  expect(done.statusCode).toBe(200);
  expect(JSON.stringify(done.value.body)).toMatch(/Megan/);

  expect(server.tenant.delegated.actions.map(({ action, target, caller }) => ({ action, target, caller }))).toEqual([
    { action: 'revokeSessions', target: idOf('Megan Bowen'), caller: idOf('Nestor Wilke') },
  ]);
  const stats = server.stats();
  expect(stats).toMatchObject({ ssoTokensIssued: 1, tokenExchanges: 1, appOnlyFixCalls: 0 });
  // Over the network: the token service's paths were asked of the HTTPS server.
  expect(server.log.map((r) => r.path)).toEqual(
    expect.arrayContaining(['/_demo/sso/token', '/api/usertoken/exchange']),
  );
});
