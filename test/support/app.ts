/** Starts the real server (restify + CloudAdapter) on an ephemeral loopback port over the demo tenant. */
import pino from 'pino';
import { createApp, type App, type AppOptions } from '../../src/app';
import { loadConfig } from '../../src/config';
import { DemoTenant } from '../../src/demo/tenant';
import { MemoryStateStore } from '../../src/state';

export const NOW = new Date('2026-11-27T10:00:00Z');

export interface RunningApp {
  app: App;
  url: string;
  tenant: DemoTenant;
  logLines: string[];
  stop(): Promise<void>;
}

export async function startApp(env: Record<string, string> = {}, options: AppOptions = {}): Promise<RunningApp> {
  // The reports limiter (5 per 10 s) is tested on its own; here it would only make the suite wait.
  // The live sign-in index is off unless a test turns it on: the others count the reads of each question.
  const result = loadConfig({ DEMO: 'true', GRAPH_REPORTS_MAX_REQUESTS: '1000', SIGNIN_INDEX_HOURS: '0', ...env });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const tenant = options.demoTenant ?? new DemoTenant({ now: NOW });
  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
  // Each app its own state unless the test shares one (STATE_STORE's file default would outlive the test).
  const app = createApp(result.config, {
    logger,
    demoTenant: tenant,
    now: () => NOW,
    stateStore: new MemoryStateStore(),
    ...options,
  });
  const url = await app.listen(0, '127.0.0.1');
  return { app, url, tenant, logLines, stop: () => app.close() };
}
