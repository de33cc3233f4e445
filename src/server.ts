/** restify: POST /api/messages through the Bot Framework adapter, GET /healthz. */
import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from 'pino';

export interface ServerOptions {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  health: () => Record<string, unknown>;
  /** Requests larger than this are refused with 413 before the bot sees them. */
  maxBodyBytes?: number;
}

export function createServer(options: ServerOptions): restify.Server {
  const server = restify.createServer({ name: 'signin-troubleshooter', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes ?? 256 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const body = req.body as { type?: unknown } | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.type !== 'string') {
      res.send(400, { error: 'The request body must be a Bot Framework activity (JSON object with a type).' });
      return;
    }
    try {
      await options.adapter.process(req, res, (context) => options.bot.run(context));
    } catch (error) {
      options.logger.error({ err: { message: (error as Error).message } }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'The bot failed to process the activity.' });
    }
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok', ...options.health() });
    return next();
  });

  return server;
}
