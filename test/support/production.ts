/** Production settings for tests: a bot app registration and a tenant, no network needed until a token is checked. */
import pino from 'pino';
import { createApp, type App, type AppOptions } from '../../src/app';
import { loadConfig } from '../../src/config';

export const TENANT = '3c5e7a91-0d2b-4f68-9a1c-5b7e2d4f8a60';
export const APP_ID = '0b8d4c2e-6f1a-4e3b-9d7c-2a5f8e1b3c4d';
export const PRODUCTION = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppTenantId: TENANT,
  MicrosoftAppPassword: 'BotPw~8q.Zr4-production-secret',
  AZURE_TENANT_ID: TENANT,
  AZURE_CLIENT_ID: '7e2a9c4b-1d3f-4a5e-8b6c-0f9d2e4a7b1c',
  AZURE_CLIENT_SECRET: 'GraphSecret~3k.Vm9-production-secret',
  TICKET_SINK: 'none',
};

export interface RunningProduction {
  app: App;
  url: string;
  logLines: string[];
  stop(): Promise<void>;
}

export async function startProduction(
  options: AppOptions = {},
  env: Record<string, string> = {},
): Promise<RunningProduction> {
  // The live sign-in index is off unless a test turns it on: its poller would try to reach Microsoft
  // Graph, and closing the app waits for that read (about 6 s per app here, with no network).
  const result = loadConfig({ ...PRODUCTION, SIGNIN_INDEX_HOURS: '0', ...env });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const logLines: string[] = [];
  const app = createApp(result.config, {
    logger: pino({ level: 'trace' }, { write: (line: string) => logLines.push(line) }),
    ...options,
  });
  const url = await app.listen(0, '127.0.0.1');
  return { app, url, logLines, stop: () => app.close() };
}
