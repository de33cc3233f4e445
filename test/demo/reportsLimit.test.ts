/**
 * The demo tenant throttles the identity reports as Graph does (per app per tenant, N per window,
 * 429 + Retry-After + Graph's error JSON), and the bot's own reports limiter keeps it from ever
 * having to: many simultaneous reads through the real Graph client chain earn no 429.
 */
import { DemoTenant, GRAPH_REPORTS_LIMIT } from '../../src/demo/tenant';
import { createGraphClient } from '../../src/graph/client';
import { DemoTenantTransport, demoAuthProvider } from '../../src/demo/graphTransport';
import { ReportsLimiter } from '../../src/graph/limiter';
import { GraphSignInLog } from '../../src/signins/signInLog';

const NOW = new Date('2026-11-27T10:00:00Z');
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const HOUR = 3_600_000;

function get(tenant: DemoTenant, path: string) {
  return tenant.handle({
    method: 'GET',
    url: `https://graph.microsoft.com/v1.0${path}`,
    headers: { authorization: 'Bearer demo' },
  });
}

describe("the demo tenant enforces Graph's reports limit", () => {
  test("the sixth report request in 10 s is refused with 429, Retry-After and Graph's error JSON; counters say so", () => {
    let clock = 1_000_000;
    const tenant = new DemoTenant({ now: NOW, reportsLimit: GRAPH_REPORTS_LIMIT, clock: () => clock });
    for (let i = 0; i < 5; i++) {
      expect(get(tenant, '/auditLogs/signIns?$top=1').status).toBe(200);
      clock += 1000;
    }
    const refused = get(tenant, '/auditLogs/signIns?$top=1');
    expect(refused.status).toBe(429);
    // The first of the five leaves the window 10 s after it came: 5 s from now.
    expect(refused.headers['retry-after']).toBe('5');
    const body = JSON.parse(refused.body) as {
      error: { code: string; message: string; innerError: Record<string, string> };
    };
    expect(body.error.code).toBe('TooManyRequests');
    expect(body.error.innerError['request-id']).toEqual(expect.any(String));
    // Other Graph resources are not reports and are not counted.
    expect(get(tenant, `/users/${MEGAN}`).status).toBe(200);
    expect(tenant.reportsCounters()).toEqual({ reads: 5, throttled: 1 });
    // Throttled calls count against the window too, as Graph documents: at 10.5 s four reads have
    // left the window, but the refused call has not.
    clock = 1_010_500;
    expect(get(tenant, '/auditLogs/signIns?$top=1').status).toBe(429);
    clock += 10_001;
    expect(get(tenant, '/auditLogs/signIns?$top=1').status).toBe(200);
    expect(tenant.reportsCounters()).toEqual({ reads: 6, throttled: 2 });
  });

  test('without a limit (the default for tests) nothing is refused', () => {
    const tenant = new DemoTenant({ now: NOW });
    for (let i = 0; i < 20; i++) expect(get(tenant, '/auditLogs/signIns?$top=1').status).toBe(200);
    expect(tenant.reportsCounters()).toEqual({ reads: 20, throttled: 0 });
  });
});

describe("the bot's reports limiter keeps the tenant from answering 429", () => {
  const limit = { maxRequests: 5, windowMs: 300 };
  async function burst(botMaxRequests: number): Promise<{ throttled: number; reads: number; answered: number }> {
    const tenant = new DemoTenant({ now: NOW, reportsLimit: limit });
    const client = createGraphClient({
      endpoint: 'https://graph.microsoft.com',
      authProvider: demoAuthProvider,
      transport: new DemoTenantTransport(tenant),
      // No retries: a 429 would surface as a failed read instead of being retried away.
      maxRetries: 0,
      middleware: [new ReportsLimiter({ maxRequests: botMaxRequests, windowSeconds: limit.windowMs / 1000 })],
    });
    // Interactive sign-ins only: one Graph read per question (the default reads two kinds apart).
    const log = new GraphSignInLog(client, { pageSize: 50, maxPages: 1, eventTypes: ['interactiveUser'] });
    const results = await Promise.allSettled(
      Array.from({ length: 23 }, (_, i) =>
        log.find({ userId: MEGAN, from: new Date(NOW.getTime() - (i + 1) * HOUR), to: NOW }),
      ),
    );
    return { ...tenant.reportsCounters(), answered: results.filter((r) => r.status === 'fulfilled').length };
  }

  test('23 simultaneous reads at the same limit as the tenant: all answered, none throttled', async () => {
    expect(await burst(limit.maxRequests)).toEqual({ reads: 23, throttled: 0, answered: 23 });
  });

  test("control: with the bot's limiter out of the way the same burst is throttled", async () => {
    const result = await burst(1000);
    // The tenant had to refuse. The reader does not try a throttled read again itself (the client's retry
    // handler does, and it is off here), so each refusal is a read that failed.
    expect(result.throttled).toBeGreaterThan(0);
    expect(result.answered).toBe(23 - result.throttled);
  });
});
