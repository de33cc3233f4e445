/**
 * The index fill survives slow pages (over HTTPS: the demo tenant behind the test server, the real
 * Graph client with a short reports timeout): a page that times out is read again after a pause, and
 * the fill still covers the whole span it was asked for.
 */
import { createGraphClient } from '../../../src/graph/client';
import { demoAuthProvider } from '../../../src/demo/graphTransport';
import { DemoTenant } from '../../../src/demo/tenant';
import { FAULTS, startGraphTestServer, type GraphTestServer } from '../../../src/demo/httpsServer';
import { LiveSignInIndex } from '../../../src/signins/live/memoryIndex';
import { SignInPoller } from '../../../src/signins/live/poller';

const NOW = new Date('2026-11-27T10:00:00Z');
const HOURS = 72;
let server: GraphTestServer;

beforeAll(async () => {
  server = await startGraphTestServer({ tenant: new DemoTenant({ now: NOW }) });
});
afterAll(() => server.close());

test('a timed-out page of the fill is read again and the span is covered', async () => {
  let signInReads = 0;
  // The second and third page requests are slower than the reports timeout.
  server.setFaults((r) =>
    r.path.startsWith('/auditLogs') && [2, 3].includes(++signInReads) ? FAULTS.slow(1500) : null,
  );
  const graph = createGraphClient({
    endpoint: server.url,
    authProvider: demoAuthProvider,
    customHosts: [server.host],
    transport: server.transport(),
    timeoutMs: 5000,
    reportsTimeoutMs: 400,
    maxRetries: 0,
  });
  const index = new LiveSignInIndex({
    hours: HOURS,
    maxRecords: 1e6,
    maxBytes: 1e9,
    maxStalenessMs: 90_000,
    now: () => NOW.getTime(),
  });
  const errors: string[] = [];
  const poller = new SignInPoller(graph, index, {
    hours: HOURS,
    intervalMs: 60_000,
    overlapMs: 60_000,
    pageSize: 50,
    eventTypes: ['interactiveUser'],
    now: () => NOW.getTime(),
    onError: (_e, phase) => errors.push(phase),
  });
  await poller.fill();
  await poller.stop();
  // The two slowed pages timed out (a loaded machine may time out one more, which is read again the same way).
  expect(errors.length).toBeGreaterThanOrEqual(2);
  expect(new Set(errors)).toEqual(new Set(['fill']));
  expect(index.stats().coveredFrom!.getTime()).toBeLessThanOrEqual(NOW.getTime() - HOURS * 3_600_000);
  const expected = server.tenant.signIns.filter(
    (r) => r.isInteractive !== false && Date.parse(r.createdDateTime as string) >= NOW.getTime() - HOURS * 3_600_000,
  );
  expect(index.stats().records).toBe(expected.length);
}, 30_000);
