/**
 * `npm run demo-tenant -- --port <port> --ca-out <file> [--permissions AuditLog.Read.All,Directory.Read.All]
 * [--noninteractive-per-day 120] [--latency on] [--delegated off] [--delegated-scopes A,B]`: the built-in demo tenant as Microsoft
 * Graph over HTTPS on 127.0.0.1, for several bot processes at once (each started with
 * DEMO_GRAPH_URL=https://127.0.0.1:<port> and DEMO_GRAPH_CA_FILE=<file>). Writes the self-signed
 * certificate (PEM) to <file>, prints one JSON line {url, ca} when ready, and runs until stopped.
 * GET /_demo/stats answers its counters (auditLogReads, throttled, mailsSent, …) and `actions`, the
 * fixes done with delegated tokens. The options are DEMO_GRAPH_PERMISSIONS, DEMO_NONINTERACTIVE_PER_DAY
 * and DEMO_GRAPH_LATENCY of the in-process demo; --delegated and --delegated-scopes switch the fix
 * endpoints and the token service off, or change the scopes exchanged tokens carry (docs/graph-fidelity.md).
 *
 * Uses devDependencies (selfsigned, undici): a development and test tool, not for production.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startGraphTestServer } from './httpsServer';
import { DemoTenant } from './tenant';
import { startLiveIncident, withLiveIncident } from './liveIncident';
import { DEFAULT_DEMO_PERMISSIONS, parsePermissions } from './permissions';
import { GRAPH_LIKE_TIMING } from './reportsTiming';
import { DEMO_DELEGATED_SCOPES } from './delegatedTokens';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'ca-out': { type: 'string' },
      permissions: { type: 'string', default: DEFAULT_DEMO_PERMISSIONS.join(',') },
      'noninteractive-per-day': { type: 'string', default: '0' },
      latency: { type: 'string', default: 'off' },
      delegated: { type: 'string', default: 'on' },
      'delegated-scopes': { type: 'string', default: DEMO_DELEGATED_SCOPES.join(',') },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('--port must be a port number (0: any free one)');
  if (!values['ca-out']) throw new Error('--ca-out <file> is required: the bots trust the certificate written there');
  const nonInteractivePerDay = Number(values['noninteractive-per-day']);
  if (!Number.isInteger(nonInteractivePerDay) || nonInteractivePerDay < 0)
    throw new Error('--noninteractive-per-day must be a whole number');
  if (values.latency !== 'on' && values.latency !== 'off') throw new Error('--latency is on or off');
  if (values.delegated !== 'on' && values.delegated !== 'off') throw new Error('--delegated is on or off');
  const tenant = new DemoTenant(
    withLiveIncident({
      permissions: parsePermissions(values.permissions ?? ''),
      nonInteractivePerDay,
      timing: values.latency === 'on' ? GRAPH_LIKE_TIMING : null,
      delegatedFixes: values.delegated === 'on',
      delegatedScopes: (values['delegated-scopes'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    }),
  );
  const incident = startLiveIncident(tenant);
  const server = await startGraphTestServer({ tenant, port });
  await writeFile(values['ca-out'], server.ca, 'utf8');
  console.log(JSON.stringify({ url: server.url, ca: values['ca-out'] }));
  const stop = () => {
    incident.stop();
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`demo-tenant: ${(error as Error).message}`);
  process.exit(2);
});
