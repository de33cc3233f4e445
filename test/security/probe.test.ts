/**
 * The adversarial probe (`npm run probe -- --port N`, scripts/probe.ts) against a started bot in
 * each mode — every class it can replay passes — and against a stand-in with the old defects, where
 * those classes fail (so the probe can tell).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { main, runProbe, type ProbeResult } from '../../scripts/probe';
import { startApp, type RunningApp } from '../support/app';
import { startProduction, type RunningProduction } from '../support/production';
import { signingKey, startKeyService, type KeyService } from '../support/keyService';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileStateStore } from '../../src/state';
import { DemoTenant } from '../../src/demo/tenant';
import { DEMO_GROUPS, DEMO_PEOPLE } from '../../src/demo/people';
import { signIn } from '../fixtures/signIns';
import { NOW } from '../support/app';

/** An ongoing incident for class 26 to be alerted about: Workday blocked for six Sales people in the last minutes. */
function tenantWithIncident(): DemoTenant {
  const tenant = new DemoTenant({ now: NOW });
  const sales = DEMO_PEOPLE.filter((p) => p.roles.length === 0 && p.groups.every((g) => g === DEMO_GROUPS.sales.id));
  tenant.addSignIns(
    sales.slice(0, 6).map((p, i) =>
      signIn(new Date(NOW.getTime() - (9 - i) * 60_000).toISOString().replace('.000Z', 'Z'), 53003, {
        user: { id: p.id, name: p.displayName, upn: p.userPrincipalName },
        appDisplayName: 'Workday',
        ipAddress: `198.51.100.${i}`,
        status: { errorCode: 53003, failureReason: 'Access has been blocked by Conditional Access policies.' },
      }),
    ),
  );
  return tenant;
}

const outcomes = (results: ProbeResult[]) => Object.fromEntries(results.map((r) => [r.id, r.outcome]));

describe('against demo mode (real reports limiter: 5 per 10 s; a file store the probe may damage)', () => {
  let running: RunningApp;
  let stateDir: string;
  beforeAll(async () => {
    stateDir = path.join(await mkdtemp(path.join(tmpdir(), 'probe-state-')), 'state');
    // The live index on, as `npm start` has it (a poll and an alert round every 30 s): incident
    // alerts (classes 26, 32, 33) need it. Connector calls end after 2 s (class 27).
    running = await startApp(
      {
        GRAPH_REPORTS_MAX_REQUESTS: '5',
        GRAPH_REPORTS_WINDOW_SECONDS: '10',
        TICKET_SINK: 'graph-mail',
        SIGNIN_INDEX_HOURS: '24',
        PATTERN_THRESHOLDS: JSON.stringify({ incidents: { lookbackHours: 1, appFailing: { minPeople: 6 } } }),
      },
      {
        stateStore: new FileStateStore(stateDir),
        demoTenant: tenantWithIncident(),
        connectorTimeoutMs: 2_000,
      },
    );
    for (let i = 0; i < 200 && running.app.signInIndex!.poller.stats().filling; i++)
      await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(async () => {
    await running.stop();
    // Late work of the last probes may still write a rate counter while the folder goes: rm retries ENOTEMPTY.
    await rm(path.dirname(stateDir), { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  it('passes every class that needs no token', async () => {
    // The bound separates "within the turn" from "still looking" (the 10 s turn budget). Class 31's reader can
    // wait part of a read window (4.7 s measured) behind class 25's ticket click, which re-reads its card's
    // question in the reader's lane; in the system lane that re-read starved behind the index's backward fill
    // (19.7 s in the Playground), so it stays in the reader's lane until additions get a lane of their own.
    const results = await runProbe(running.url, { answerWithinMs: 9000, stateDir, alertWaitMs: 75_000 });
    expect(results.map((r) => r.id)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 21, 22, 23, 24, 25, 26, 27, 28, 31, 32, 33,
    ]);
    expect({ outcomes: outcomes(results), details: results.filter((r) => r.outcome === 'fail') }).toEqual({
      outcomes: {
        1: 'pass',
        2: 'n/a',
        3: 'pass',
        4: 'pass',
        5: 'pass',
        6: 'n/a',
        7: 'pass',
        8: 'pass',
        9: 'pass',
        20: 'pass',
        21: 'pass',
        22: 'pass',
        23: 'pass',
        24: 'pass',
        25: 'pass',
        26: 'pass',
        27: 'pass',
        28: 'pass',
        31: 'pass',
        32: 'pass',
        33: 'pass',
      },
      details: [],
    });
    // One ticket: class 25's (a reader, in a personal chat). None by the clicks in shared
    // conversations, and none over class 23's damaged ledger entry.
    expect(running.tenant.sentMail).toHaveLength(1);
  }, 300_000);
});

describe('against production settings (a loopback key service that is down)', () => {
  let keys: KeyService;
  let running: RunningProduction;
  beforeAll(async () => {
    keys = await startKeyService([signingKey('k')]);
    keys.mode = 'fail';
    running = await startProduction({ botOpenIdMetadataUrl: keys.metadataUrl });
  });
  afterAll(async () => {
    await running.stop();
    await keys.close();
  });

  it('passes every class it can replay without a token, and prints one line per class', async () => {
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const code = await main(['--port', new URL(running.url).port]);
    log.mockRestore();
    expect(code).toBe(0);
    expect(lines[0]).toBe(`Adversarial probe of ${running.url}`);
    expect(lines.slice(1, 22).map((l) => l.slice(0, 8))).toEqual([
      'PASS  1.',
      'PASS  2.',
      'N/A   3.',
      'N/A   4.',
      'N/A   5.',
      'PASS  6.',
      'N/A   7.',
      'PASS  8.',
      'N/A   9.',
      'PASS  20',
      'N/A   21',
      'N/A   22',
      'N/A   23',
      'N/A   24',
      'PASS  25',
      'N/A   26',
      'N/A   27',
      'N/A   28',
      'N/A   31',
      'N/A   32',
      'N/A   33',
    ]);
    expect(lines[22]).toBe('6 pass, 0 fail, 15 n/a');
  }, 60_000);
});

describe('against a stand-in with the old defects', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/healthz') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            status: 'ok',
            version: '0.1.0',
            mode: 'production',
            tenantId: '3c5e7a91-0d2b-4f68-9a1c-5b7e2d4f8a60',
          }),
        );
      } else if (req.headers['content-encoding']) {
        req.socket.destroy();
      } else if (req.url === '/api/messages' && !req.headers.authorization) {
        res.writeHead(401);
        res.end();
      } else if (req.headers.authorization) {
        res.writeHead(500);
        res.end(
          'request to https://login.botframework.com/v1/.well-known/openidconfiguration failed, reason: getaddrinfo ENOTFOUND',
        );
      } else {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"code":"InvalidContent","message":"Invalid JSON: Unexpected end of JSON input"}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fails the crash, path, token and /healthz classes', async () => {
    expect(outcomes(await runProbe(url))).toEqual({
      1: 'fail',
      2: 'fail',
      3: 'n/a',
      4: 'n/a',
      5: 'n/a',
      6: 'fail',
      7: 'n/a',
      8: 'fail',
      9: 'n/a',
      20: 'fail',
      21: 'n/a',
      22: 'n/a',
      23: 'n/a',
      24: 'n/a',
      25: 'fail',
      26: 'n/a',
      27: 'n/a',
      28: 'n/a',
      31: 'n/a',
      32: 'n/a',
      33: 'n/a',
    });
  });
});
