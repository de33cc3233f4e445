/** restify: POST /api/messages through the Bot Framework adapter, GET /healthz. */
import restify from 'restify';
import type { ActivityHandler, Activity } from 'botbuilder';
import type { Logger } from 'pino';
import { BodyError, readJsonBody } from './http/body';
import type { TroubleshooterAdapter } from './bot/adapter';
import { SigningKeysUnavailable } from './bot/signingKeys';
import { restifyLogger } from './shared/logger';

export interface ServerOptions {
  adapter: TroubleshooterAdapter;
  bot: ActivityHandler;
  logger: Logger;
  health: () => Record<string, unknown>;
  /** Requests larger than this (received or decoded) are refused with 413 before the bot sees them. */
  maxBodyBytes?: number;
  /** Production: a request without a bearer token is refused (401) before its body is even looked at. */
  requireBearer?: boolean;
  /** Refuses an activity the bot must not answer in this mode (demo: replies to another machine); the reason, or null. */
  activityPolicy?: (activity: Record<string, unknown>) => string | null;
}

const UNAUTHORIZED = { error: 'Unauthorized: this endpoint needs a valid Bot Framework token.' };

export function createServer(options: ServerOptions): restify.Server {
  // restify's own lines (a formatter that failed, …) go through the bot's scrubbing logger, never with headers.
  const server = restify.createServer({
    name: 'signin-troubleshooter',
    handleUncaughtExceptions: false,
    log: restifyLogger(options.logger) as unknown as restify.ServerOptions['log'],
  });
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;

  // Every check is a handler of the route itself, so it runs for whatever spelling of the path
  // the router matched (%-encoded letters, ;parameters, a trailing slash, another letter case).
  const requireBearer: restify.RequestHandler = (req, res, next) => {
    if (options.requireBearer && !/^Bearer \S+/i.test(req.headers.authorization ?? '')) {
      // Before the body is read: an anonymous caller learns nothing, not even whether its JSON was valid.
      res.send(401, UNAUTHORIZED);
      return next(false);
    }
    return next();
  };

  server.post('/api/messages', requireBearer, async (req, res) => {
    let body: unknown;
    let refusal: { status: number; error: string } | null = null;
    try {
      body = await readJsonBody(req, maxBodyBytes);
    } catch (error) {
      refusal =
        error instanceof BodyError
          ? { status: error.status, error: error.message }
          : { status: 400, error: 'The request body could not be read.' };
    }
    if (!refusal) {
      const problem =
        !isObject(body) || typeof body.type !== 'string'
          ? 'The request body must be a Bot Framework activity (JSON object with a type).'
          : null;
      const shape = problem
        ? null
        : (activityShapeProblem(body as Record<string, unknown>) ??
          options.activityPolicy?.(body as Record<string, unknown>) ??
          null);
      if (problem) refusal = { status: 400, error: problem };
      else if (shape) refusal = { status: 400, error: `The activity is malformed: ${shape}.` };
    }
    // With a token required, a caller whose token does not check out learns nothing of its body:
    // 401 whatever it sent, as without a token. The token is checked against what can be read.
    const activity = refusal ? stubActivity(body) : (withDates(body as Record<string, unknown>) as unknown as Activity);
    let authenticated;
    if (options.requireBearer || !refusal) {
      try {
        authenticated = await options.adapter.auth.authenticateRequest(activity, req.headers.authorization ?? '');
      } catch (error) {
        // The reason goes to the log only: the caller learns that it is not let in, and nothing else.
        const unavailable = error instanceof SigningKeysUnavailable;
        options.logger.warn(
          { err: { message: unavailable ? error.detail : (error as Error)?.message } },
          unavailable ? 'signing keys unavailable' : 'request not authenticated',
        );
        if (unavailable) res.send(503, { error: 'The bot cannot check tokens right now; try again later.' });
        else res.send(401, UNAUTHORIZED);
        return;
      }
    }
    if (refusal || !authenticated) {
      res.send(refusal?.status ?? 400, { error: refusal?.error ?? 'The request could not be read.' });
      return;
    }
    try {
      const answer = await options.adapter.runAuthenticated(authenticated, activity, (context) =>
        options.bot.run(context),
      );
      if (answer?.body !== undefined) res.send(answer.status ?? 200, answer.body);
      else res.send(answer?.status ?? 200);
    } catch (error) {
      options.logger.error({ err: { message: (error as Error)?.message } }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'The bot failed to process the activity.' });
    }
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok', ...options.health() });
    return next();
  });

  return server;
}

/**
 * An entity as the Bot Framework schema has it: an object with a non-empty type; a mention names
 * the account mentioned (an object with a string id) and the text that mentions it (what Teams
 * puts in the message, which the bot removes for its own mention).
 */
function entityProblem(entity: unknown): string | null {
  if (!isObject(entity) || !isString(entity.type) || entity.type.trim() === '')
    return 'each entity must be an object with a non-empty string type';
  if (!optional(entity.text, isString)) return "an entity's text must be a string";
  if (entity.type.toLowerCase() !== 'mention') return null;
  const mentioned = entity.mentioned;
  if (!isObject(mentioned) || !isString(mentioned.id) || !optional(mentioned.name, isString))
    return 'a mention must name the account mentioned (mentioned with a string id)';
  if (!isString(entity.text)) return 'a mention must carry the text that mentions (text)';
  return null;
}

/** What a token is checked against when the body is not a usable activity: its channel and service URL, if any. */
function stubActivity(body: unknown): Activity {
  const b = isObject(body) ? body : {};
  return {
    ...(isString(b.channelId) ? { channelId: b.channelId } : {}),
    ...(isString(b.serviceUrl) ? { serviceUrl: b.serviceUrl } : {}),
  } as Activity;
}

/** Bot Framework's own parsing of the date fields (botbuilder's validateAndFixActivity). */
function withDates(activity: Record<string, unknown>): Record<string, unknown> {
  // null and missing mean the same in the schema; botbuilder's helpers only expect missing.
  if (activity.entities === null) delete activity.entities;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    if (typeof activity[field] === 'string') {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field]);
    }
  }
  return activity;
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
  for (const field of [
    'text',
    'locale',
    'localTimezone',
    'id',
    'serviceUrl',
    'channelId',
    'name',
    'deliveryMode',
    'timestamp',
    'localTimestamp',
    'expiration',
    'replyToId',
  ] as const) {
    if (!optional(activity[field], isString)) return `${field} must be a string`;
  }
  // Every activity names who sent it, to whom, and where: the adapter and the bot read all three.
  for (const field of ['from', 'recipient', 'conversation'] as const) {
    if (!isObject(activity[field])) return `${field} must be an object`;
  }
  if (!optional(activity.channelData, isObject)) return 'channelData must be an object';
  for (const field of ['from', 'recipient'] as const) {
    const account = activity[field] as Record<string, unknown>;
    if (!isString(account.id)) return `${field}.id must be a string`;
    for (const key of ['name', 'aadObjectId', 'role'] as const) {
      if (!optional(account[key], isString)) return `${field}.${key} must be a string`;
    }
  }
  for (const field of ['membersAdded', 'membersRemoved'] as const) {
    const members = activity[field];
    if (!optional(members, Array.isArray)) return `${field} must be an array`;
    if (
      ((members as unknown[] | null | undefined) ?? []).some(
        (m) => !isObject(m) || !isString(m.id) || !optional(m.aadObjectId, isString),
      )
    )
      return `each of ${field} must be an account with a string id`;
  }
  const conversation = activity.conversation as Record<string, unknown>;
  if (
    !isString(conversation.id) ||
    !optional(conversation.tenantId, isString) ||
    !optional(conversation.conversationType, isString)
  )
    return 'conversation.id, conversation.tenantId and conversation.conversationType must be strings';
  const channelData = activity.channelData as Record<string, unknown> | undefined | null;
  if (channelData && !optional(channelData.tenant, (t) => isObject(t) && optional(t.id, isString)))
    return 'channelData.tenant.id must be a string';
  if (!optional(activity.entities, Array.isArray)) return 'entities must be an array';
  for (const entity of (activity.entities as unknown[] | undefined | null) ?? []) {
    const problem = entityProblem(entity);
    if (problem) return problem;
  }
  if (activity.type === 'invoke' && !optional(activity.value, isObject)) return 'an invoke value must be an object';
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const action = (activity.value as Record<string, unknown> | null | undefined)?.action;
    if (!isObject(action)) return 'a card action (adaptiveCard/action) needs value.action as an object';
    if (action.type !== 'Action.Execute') return 'a card action must be of type Action.Execute';
    if (!isString(action.verb)) return 'a card action must name its verb as a string';
    if (!optional(action.data, isObject)) return "a card action's data must be an object";
  }
  return null;
}
