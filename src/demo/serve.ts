/**
 * `npm run demo-tenant -- --port <port> --ca-out <file>`: the built-in demo tenant as Microsoft
 * Graph over HTTPS on 127.0.0.1, for several bot processes at once (each started with
 * DEMO_GRAPH_URL=https://127.0.0.1:<port> and DEMO_GRAPH_CA_FILE=<file>). Writes the self-signed
 * certificate (PEM) to <file>, prints one JSON line {url, ca} when ready, and runs until stopped.
 * GET /_demo/stats answers its counters (auditLogReads, throttled, mailsSent, …).
 *
 * Uses devDependencies (selfsigned, undici): a development and test tool, not for production.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startGraphTestServer } from './httpsServer';
import { DemoTenant } from './tenant';
import { startLiveIncident, withLiveIncident } from './liveIncident';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'ca-out': { type: 'string' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number (0: any free one)');
  if (!values['ca-out']) throw new Error('--ca-out <file> is required: the bots trust the certificate written there');
  const tenant = new DemoTenant(withLiveIncident({}));
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
