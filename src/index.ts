/** Process entry: configuration → app → listen. */
import { loadConfig } from './config';
import { createApp, SHUTDOWN_GRACE_MS } from './app';
import { createLogger } from './logger';
import { installSafetyNet } from './safetyNet';

async function main(): Promise<void> {
  const result = loadConfig(process.env);
  if (!result.ok) {
    console.error('Sign-in Troubleshooter cannot start; fix these settings:');
    for (const line of result.errors) console.error(`  - ${line}`);
    process.exit(2);
  }
  const config = result.config;
  const logger = createLogger(config.logLevel);
  installSafetyNet(logger);
  if (config.mode === 'demo') {
    logger.warn('DEMO MODE: answering from the built-in demo tenant; Bot Framework authentication is off. Set MicrosoftAppId and AZURE_TENANT_ID for a real tenant.');
  }
  const app = createApp(config, { logger });
  const url = await app.listen();
  logger.info({ url, mode: config.mode, tenantId: config.graph.tenantId }, `listening on ${url} (POST /api/messages, GET /healthz)`);
  let stopping = false;
  const stop = () => {
    // A second signal does not wait.
    if (stopping) process.exit(0);
    stopping = true;
    logger.info('shutting down');
    // app.close ends within its grace; should anything still hang, the process ends anyway.
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS + 3_000).unref();
    void app.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
