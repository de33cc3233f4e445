/**
 * `npm run doctor`: checks the configured tenant (or the demo tenant) once and prints one screen.
 * Exit code 0 when nothing is missing, 1 when something is, 2 when the settings do not load.
 */
import { loadConfig } from './config';
import { createGraphClient } from './graph/client';
import { createReportsLimiter } from './graph/limiter';
import { productionWiring } from './wiring/production';
import { demoWiring } from './demo/wiring';
import { runDoctor } from './doctor/checks';
import { formatReport } from './doctor/report';

async function main(): Promise<void> {
  const result = loadConfig(process.env);
  if (!result.ok) {
    console.error('The settings do not load; fix these first:');
    for (const line of result.errors) console.error(`  - ${line}`);
    process.exit(2);
  }
  const config = result.config;
  const wiring = config.mode === 'demo' ? demoWiring(config) : productionWiring(config);
  const graph = createGraphClient({
    endpoint: wiring.graphEndpoint?.url ?? config.graph.endpoint, authProvider: wiring.graphAuth, transport: wiring.graphTransport,
    timeoutMs: config.graph.timeoutMs, reportsTimeoutMs: config.graph.reportsTimeoutMs, customHosts: wiring.graphEndpoint?.customHosts, middleware: [createReportsLimiter(config.graph)],
  });
  try {
    const report = await runDoctor({ config, graph, auth: wiring.graphAuth });
    console.log(formatReport(report));
    process.exitCode = report.missing.length > 0 ? 1 : 0;
  } finally {
    wiring.close?.();
  }
}

void main();
