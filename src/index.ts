/** Process entry: configuration → app → listen. */
import { loadSettings } from './loadSettings';
import { createApp, SHUTDOWN_GRACE_MS } from './app';
import { createLogger } from './shared/logger';
import { installSafetyNet } from './safetyNet';
import { runDoctor } from './doctor/checks';
import { logFields } from './doctor/report';

async function main(): Promise<void> {
  const result = loadSettings(process.env);
  if (!result.ok) {
    console.error('Sign-in Troubleshooter cannot start; fix these settings:');
    for (const line of result.errors) console.error(`  - ${line}`);
    process.exit(2);
  }
  const logger = createLogger(result.config.logLevel);
  installSafetyNet(logger);
  if (result.config.mode === 'demo') {
    logger.warn(
      'DEMO MODE: answering from the built-in demo tenant; Bot Framework authentication is off. Set MicrosoftAppId and AZURE_TENANT_ID for a real tenant.',
    );
  }
  const app = createApp(result.config, { logger, demoSettings: result.demoSettings });
  const config = app.config;
  const url = await app.listen();
  logger.info(
    { url, mode: config.mode, tenantId: config.graph.tenantId },
    `listening on ${url} (POST /api/messages, GET /healthz)`,
  );
  // The doctor's check once at start-up, logged: the token's roles and the directory, no sign-in log read
  // (that budget is the questions', and each instance starts); npm run doctor reads the log too.
  const signInIndex = () => app.signInIndex?.span() ?? null;
  void runDoctor({ config, graph: app.graph, auth: app.graphAuth, readSignInLog: false, signInIndex })
    .then((report) => {
      if (report.missing.length > 0)
        logger.warn(
          logFields(report),
          `start-up check: missing ${report.missing.join(', ')} (run npm run doctor for what each costs and how to fix it)`,
        );
      else logger.info(logFields(report), 'start-up check: nothing missing');
    })
    .catch((error: unknown) =>
      logger.warn({ err: { message: (error as Error)?.message } }, 'start-up check could not run'),
    );
  let stopping = false;
  const stop = () => {
    // A second signal does not wait.
    if (stopping) process.exit(0);
    stopping = true;
    logger.info('shutting down');
    // app.close ends within its grace; should anything still hang, the process ends anyway.
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS + 3_000).unref();
    void app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
