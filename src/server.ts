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
  /** Production: a request without a bearer token is refused (401) before its body is even looked at. */
  requireBearer?: boolean;
}

export function createServer(options: ServerOptions): restify.Server {
  const server = restify.createServer({ name: 'signin-troubleshooter', handleUncaughtExceptions: false });
  if (options.requireBearer) {
    // Before the body is parsed: an anonymous caller learns nothing, not even whether its JSON was valid.
    server.use((req, res, next) => {
      if (req.method === 'POST' && req.getPath() === '/api/messages' && !/^Bearer \S+/i.test(req.headers.authorization ?? '')) {
        res.send(401, { error: 'Unauthorized: this endpoint needs a Bot Framework token.' });
        return next(false);
      }
      return next();
    });
  }
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes ?? 256 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const body = req.body as { type?: unknown } | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.type !== 'string') {
      res.send(400, { error: 'The request body must be a Bot Framework activity (JSON object with a type).' });
      return;
    }
    const problem = activityShapeProblem(body);
    if (problem) {
      res.send(400, { error: `The activity is malformed: ${problem}.` });
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || v === null || check(v);
const isString = (v: unknown) => typeof v === 'string';

/**
 * The fields the bot reads must have the types the Bot Framework schema gives them; anything else
 * is refused with 400 here rather than failing inside a turn (a number as text, a null entity,
 * a mention whose name is an object). Returns what is wrong, or null.
 */
export function activityShapeProblem(activity: Record<string, unknown>): string | null {
  for (const field of ['text', 'locale', 'localTimezone', 'id', 'serviceUrl', 'channelId', 'name'] as const) {
    if (!optional(activity[field], isString)) return `${field} must be a string`;
  }
  for (const field of ['from', 'recipient', 'conversation', 'channelData'] as const) {
    if (!optional(activity[field], isObject)) return `${field} must be an object`;
  }
  for (const field of ['from', 'recipient'] as const) {
    const account = activity[field] as Record<string, unknown> | undefined | null;
    for (const key of ['id', 'name', 'aadObjectId'] as const) {
      if (account && !optional(account[key], isString)) return `${field}.${key} must be a string`;
    }
  }
  const conversation = activity.conversation as Record<string, unknown> | undefined | null;
  if (conversation && (!optional(conversation.id, isString) || !optional(conversation.tenantId, isString))) return 'conversation.id and conversation.tenantId must be strings';
  const channelData = activity.channelData as Record<string, unknown> | undefined | null;
  if (channelData && !optional(channelData.tenant, (t) => isObject(t) && optional(t.id, isString))) return 'channelData.tenant.id must be a string';
  if (!optional(activity.entities, Array.isArray)) return 'entities must be an array';
  for (const entity of (activity.entities as unknown[] | undefined | null) ?? []) {
    if (!isObject(entity) || !optional(entity.type, isString) || !optional(entity.text, isString)) return 'each entity must be an object with a string type';
    if (!optional(entity.mentioned, (m) => isObject(m) && optional(m.id, isString) && optional(m.name, isString))) return 'a mention must name an account by string id and name';
  }
  if (activity.type === 'invoke' && !optional(activity.value, isObject)) return 'an invoke value must be an object';
  return null;
}
