/**
 * `npm run doctor`: checks the configured tenant (or the demo tenant) once and prints one screen.
 * Exit code 0 when nothing is missing, 1 when something is, 2 when the settings do not load.
 */
import { loadSettings } from './loadSettings';
import { connectGraph } from './app';
import { runDoctor } from './doctor/checks';
import { formatReport } from './doctor/report';

async function main(): Promise<void> {
  const result = loadSettings(process.env);
  if (!result.ok) {
    console.error('The settings do not load; fix these first:');
    for (const line of result.errors) console.error(`  - ${line}`);
    process.exit(2);
  }
  const { config, wiring, graph } = connectGraph(result.config, { demoSettings: result.demoSettings });
  try {
    const report = await runDoctor({ config, graph, auth: wiring.graphAuth });
    console.log(formatReport(report));
    process.exitCode = report.missing.length > 0 ? 1 : 0;
  } finally {
    wiring.close?.();
  }
}

void main();
