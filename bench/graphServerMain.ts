/**
 * The Graph-compatible HTTPS test server in a process of its own, serving a tenant of N sign-ins
 * (bench/graphBench.ts `tenantOfSize`), so that a big tenant's memory does not weigh on the bot
 * process being measured. Prints one JSON line {url, ca, signIns, buildSeconds}; ends when its
 * standard input closes.
 *
 *   node dist/bench/graphServerMain.js 1000000
 */
import { startGraphTestServer } from '../src/demo/httpsServer';
import { dayTenant, tenantOfSize } from './bigTenant';

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? '1000');
  if (!Number.isSafeInteger(size) || size < 1) throw new Error(`Not a tenant size: ${process.argv[2]}`);
  const t0 = performance.now();
  const day = /^--day=(\d+)$/.exec(process.argv[3] ?? '');
  const tenant = day ? dayTenant(size, Number(day[1])) : tenantOfSize(size);
  const buildSeconds = (performance.now() - t0) / 1000;
  const server = await startGraphTestServer({ tenant });
  process.stdout.write(
    `${JSON.stringify({ url: server.url, ca: server.ca, signIns: tenant.signIns.length, buildSeconds })}\n`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
