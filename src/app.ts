/**
 * Composition root: builds every service from the configuration. Demo and production differ only
 * in their wiring (src/wiring.ts, src/demo/wiring.ts), chosen once here; the tests build the app here too.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Middleware } from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import type restify from 'restify';
import type { Config } from './config';
import { createGraphClient } from './graph/client';
import { productionWiring, type Wiring } from './wiring';
import { demoWiring, type DemoTenant } from './demo/wiring';
import { CachedPeopleDirectory, GraphPeopleDirectory, type PeopleDirectory } from './directory/people';
import { GraphReaderDirectory } from './access/readers';
import { AccessPolicy } from './access/policy';
import { GraphSignInLog } from './signins/signInLog';
import { CachedSignInSource } from './signins/cachedSignInLog';
import { createReportsLimiter } from './graph/limiter';
import { Troubleshooter, type Understanding } from './troubleshooter';
import { TroubleshooterBot } from './bot/troubleshooterBot';
import { createServer } from './server';
import { createLogger } from './logger';
import { understanding } from './understanding';
import { createTicketSink, TicketDesk } from './tickets';
import { turnErrorCard } from './cards/render';
import { CardCache } from './cards/cache';
import { requesterOf } from './bot/requester';
import { cardActivity } from './bot/troubleshooterBot';
import packageJson from '../package.json';

export interface AppOptions {
  logger?: Logger;
  /** The demo tenant to serve in demo mode (tests pass their own to read its request log). */
  demoTenant?: DemoTenant;
  /** Replaces the Graph client's last link (tests: a fault-injecting or HTTPS transport). */
  graphTransport?: Middleware;
  customHosts?: string[];
  now?: () => Date;
  understanding?: Understanding;
}

export interface App {
  config: Config;
  server: restify.Server;
  troubleshooter: Troubleshooter;
  demoTenant: DemoTenant | null;
  people: PeopleDirectory;
  logger: Logger;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export function createApp(config: Config, options: AppOptions = {}): App {
  const logger = options.logger ?? createLogger(config.logLevel);
  const demo = config.mode === 'demo' ? demoWiring(config, { tenant: options.demoTenant, now: options.now?.() }) : null;
  const wiring: Wiring = demo ?? productionWiring(config);
  const demoTenant = demo?.demoTenant ?? null;
  const graph = createGraphClient({
    endpoint: config.graph.endpoint,
    authProvider: wiring.graphAuth,
    transport: options.graphTransport ?? wiring.graphTransport,
    timeoutMs: config.graph.timeoutMs,
    customHosts: options.customHosts,
    // GRAPH_REPORTS_MAX_REQUESTS per GRAPH_REPORTS_WINDOW_SECONDS for /auditLogs/, retries included.
    middleware: [createReportsLimiter(config.graph)],
  });
  const readers = new GraphReaderDirectory(graph, {
    readerRoleIds: config.access.readerRoleIds,
    helpdeskGroupIds: wiring.helpdeskGroupIds,
    cacheSeconds: config.access.readerCacheSeconds,
  });
  const access = new AccessPolicy({ readers, tenantId: config.graph.tenantId, rateLimitPerMinute: config.access.rateLimitPerMinute });
  const sink = createTicketSink(config.tickets, graph);
  const people = new CachedPeopleDirectory(new GraphPeopleDirectory(graph), config.access.readerCacheSeconds);
  const troubleshooter = new Troubleshooter({
    config,
    understanding: options.understanding ?? understanding,
    people,
    access,
    // Identical questions in flight share one read; answers are kept SIGNIN_CACHE_SECONDS.
    signIns: new CachedSignInSource(new GraphSignInLog(graph, { pageSize: 500, maxPages: config.graph.maxSignInPages }), config.graph.signInCacheSeconds),
    tickets: sink ? new TicketDesk(sink) : null,
    logger,
    now: options.now,
  });

  // Cards of sign-in answers are kept as long as the answers are (none when SIGNIN_CACHE_SECONDS is 0).
  const cardCache = config.graph.signInCacheSeconds > 0 ? new CardCache(config.graph.signInCacheSeconds) : null;
  const auth = new ConfigurationBotFrameworkAuthentication(wiring.botAuthentication);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: { message: error.message, stack: error.stack } }, 'unhandled error in a turn');
    try {
      // In the asker's language and in words for their audience; the error itself stays in the log.
      const requester = requesterOf(context.activity, config.defaultTimeZone, wiring.conversationType);
      const language = troubleshooter.languageOf(requester, context.activity.text ?? '');
      await context.sendActivity(cardActivity(turnErrorCard(language, await troubleshooter.audienceOf(requester))));
    } catch {
      /* the channel may be gone; the error is logged */
    }
  };
  const bot = new TroubleshooterBot(troubleshooter, {
    members: wiring.members,
    conversationType: wiring.conversationType,
    render: cardCache ? (reply) => cardCache.render(reply) : undefined,
    defaultTimeZone: config.defaultTimeZone,
    turnBudgetMs: config.turnBudgetMs,
    sendLater: (reference, card) => adapter.continueConversationAsync(config.bot.appId, reference, async (context) => {
      await context.sendActivity(cardActivity(card));
    }),
    onLateFailure: (error) => logger.error({ err: { message: (error as Error)?.message } }, 'could not send a late answer'),
  });
  const server = createServer({
    adapter, bot, logger, requireBearer: wiring.requireBearer,
    health: () => ({ version: packageJson.version, mode: config.mode, tenantId: config.graph.tenantId }),
  });

  return {
    config, server, troubleshooter, demoTenant, people, logger,
    listen: (port = config.server.port, host = config.server.host) =>
      new Promise<string>((resolve) => {
        server.listen(port, host, () => resolve(server.url));
      }),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
    }),
  };
}
