/**
 * The Graph-compatible HTTPS test server, reached by the real Graph client over TLS: token sent,
 * @odata.nextLink paging followed, and each injected fault seen by the client as Graph would show it.
 */
import { createGraphClient } from '../../src/graph/client';
import { demoAuthProvider } from '../../src/demo/graphTransport';
import { toGraphProblem } from '../../src/graph/errors';
import { DemoTenant } from '../../src/demo/tenant';
import { FAULTS, startGraphTestServer, type Fault, type GraphTestServer } from '../../src/demo/httpsServer';
import { GraphSignInLog } from '../../src/signins/signInLog';
import { DEMO_PEOPLE } from '../../src/demo/people';
import type { Client } from '@microsoft/microsoft-graph-client';

const NOW = new Date('2026-11-27T12:00:00Z');
const megan = DEMO_PEOPLE.find((p) => p.displayName === 'Megan Bowen')!;

let server: GraphTestServer;
let client: Client;
let fault: Fault | null = null;

beforeAll(async () => {
  server = await startGraphTestServer({
    tenant: new DemoTenant({ now: NOW }),
    faults: (r) => (r.path.startsWith('/auditLogs') ? fault : null),
  });
  client = createGraphClient({
    endpoint: server.url,
    authProvider: demoAuthProvider,
    customHosts: [server.host],
    timeoutMs: 1500,
    maxRetries: 2,
    transport: server.transport(),
  });
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  fault = null;
});

/** One interactive read, without the sign-in log's own page retries: what the Graph client itself does. */
const directRead = (options: Partial<ConstructorParameters<typeof GraphSignInLog>[1]> = {}) =>
  new GraphSignInLog(client, { pageSize: 50, maxPages: 1, eventTypes: ['interactiveUser'], retries: 0, ...options });

const week = { userId: megan.id, from: new Date(NOW.getTime() - 7 * 86_400_000), to: NOW };

async function problemOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return toGraphProblem(error);
  }
  throw new Error('expected a failure');
}

test('serves the demo tenant over HTTPS: token sent, filter applied server-side, nextLink paging followed', async () => {
  const log = directRead({ pageSize: 5, maxPages: 3 });
  const page = await log.find(week);
  expect(page.requests).toBe(3);
  expect(page.records).toHaveLength(15);
  expect(page.truncated).toBe(true);
  expect(page.records.every((r) => r.userId === megan.id)).toBe(true);
  const served = server.signInRequests().slice(-3);
  expect(served.map((r) => r.status)).toEqual([200, 200, 200]);
  expect(served[0].filter).toContain(`userId eq '${megan.id}'`);
  expect(served.every((r) => r.bytes > 0)).toBe(true);
  // The tenant behind the server saw the Authorization header (it answers 401 without one).
  expect(server.tenant.signInRequests().length).toBeGreaterThanOrEqual(3);
});

test('a 429 with Retry-After is retried by the client and then succeeds', async () => {
  let first = true;
  fault = null;
  server.setFaults((r) => {
    if (!r.path.startsWith('/auditLogs') || !first) return null;
    first = false;
    return FAULTS.throttled(0);
  });
  const before = server.signInRequests().length;
  const page = await directRead().find(week);
  expect(page.records.length).toBeGreaterThan(0);
  expect(
    server
      .signInRequests()
      .slice(before)
      .map((r) => r.status),
  ).toEqual([429, 200]);
  server.setFaults((r) => (r.path.startsWith('/auditLogs') ? fault : null));
});

test.each<{ name: string; injected: Fault; kind: string; status?: number; attempts: number }>([
  { name: 'persistent 429', injected: FAULTS.throttled(0), kind: 'throttled', status: 429, attempts: 3 },
  { name: '500', injected: FAULTS.serverError(), kind: 'unavailable', status: 500, attempts: 1 },
  { name: 'persistent 503', injected: FAULTS.unavailable(0), kind: 'unavailable', status: 503, attempts: 3 },
  { name: '403 not licensed', injected: FAULTS.notLicensed(), kind: 'notLicensed', status: 403, attempts: 1 },
  { name: '403 permission', injected: FAULTS.permissionDenied(), kind: 'missingPermission', status: 403, attempts: 1 },
  { name: 'malformed JSON', injected: FAULTS.malformed(), kind: 'unavailable', attempts: 1 },
  { name: 'dropped connection', injected: FAULTS.drop(), kind: 'unavailable', attempts: 1 },
  { name: 'slower than the timeout', injected: FAULTS.slow(3000), kind: 'unavailable', attempts: 1 },
])('$name → GraphProblem $kind after $attempts attempt(s)', async ({ injected, kind, status, attempts }) => {
  fault = injected;
  const before = server.signInRequests().length;
  const problem = await problemOf(directRead().find(week));
  expect(problem.kind).toBe(kind);
  if (status !== undefined) expect(problem.status).toBe(status);
  expect(server.signInRequests().length - before).toBe(attempts);
});

test('retried statuses are tried 1 + maxRetries times; others once', async () => {
  fault = FAULTS.throttled(0);
  let before = server.signInRequests().length;
  await problemOf(directRead().find(week));
  expect(server.signInRequests().length - before).toBe(3);
  fault = FAULTS.serverError();
  before = server.signInRequests().length;
  await problemOf(directRead().find(week));
  expect(server.signInRequests().length - before).toBe(1);
});

test("a slow page is tried again after a pause (the sign-in log's own retry) and then answers", async () => {
  let slowOnce = true;
  server.setFaults((r) => {
    if (!r.path.startsWith('/auditLogs') || !slowOnce) return null;
    slowOnce = false;
    return FAULTS.slow(3000);
  });
  const pauses: number[] = [];
  const before = server.signInRequests().length;
  const page = await directRead({
    pageSize: 1000,
    retries: 2,
    backoffMs: 500,
    sleep: async (ms) => {
      pauses.push(ms);
    },
  }).find(week);
  expect(page.records.length).toBeGreaterThan(0);
  expect(page.truncated).toBe(false);
  expect(pauses).toEqual([500]);
  expect(server.signInRequests().length - before).toBe(2);
  server.setFaults((r) => (r.path.startsWith('/auditLogs') ? fault : null));
});

test('a rate plan injects faults into about that share of requests, reproducibly', async () => {
  const local = await startGraphTestServer({
    tenant: server.tenant,
    faults: { rate: 0.2, faults: [FAULTS.serverError()], seed: 7 },
  });
  try {
    const c = createGraphClient({
      endpoint: local.url,
      authProvider: demoAuthProvider,
      customHosts: [local.host],
      maxRetries: 0,
      transport: local.transport(),
    });
    let failed = 0;
    for (let i = 0; i < 200; i++) {
      try {
        await c.api('/users').top(1).get();
      } catch {
        failed++;
      }
    }
    expect(failed).toBe(local.log.filter((r) => r.fault === 'status').length);
    expect(failed).toBeGreaterThan(20);
    expect(failed).toBeLessThan(60);
  } finally {
    await local.close();
  }
});
