/**
 * Composition root: builds every service from the configuration. Demo and production differ only
 * in the Graph token source and the Graph client's last link; the tests build the app here too.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Middleware } from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import type restify from 'restify';
import { DEMO_TENANT_ID, type Config } from './config';
import { createGraphClient, DemoTenantTransport, demoAuthProvider } from './graph/client';
import { graphAuthProvider } from './graph/credentials';
import { DemoTenant } from './demo/tenant';
import { DEMO_HELPDESK_GROUP_IDS } from './demo/people';
import { CachedPeopleDirectory, GraphPeopleDirectory, type PeopleDirectory } from './directory/people';
import { GraphAccessPolicy } from './directory/access';
import { GraphSignInLog } from './signins/signInLog';
import { CachedSignInSource } from './signins/cachedSignInLog';
import { createReportsLimiter } from './graph/limiter';
import { Troubleshooter, type Understanding } from './troubleshooter';
import { TroubleshooterBot } from './bot/troubleshooterBot';
import { demoMemberResolver, teamsMemberResolver } from './bot/mentions';
import { createServer } from './server';
import { createLogger } from './logger';
import { understanding } from './understanding';
import { createTicketSink, TicketDesk } from './tickets';
import { messageCard, strings } from './cards/render';
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
  const demo = config.mode === 'demo';
  const demoTenant = demo ? options.demoTenant ?? new DemoTenant({ now: options.now?.() }) : null;
  const graph = createGraphClient({
    endpoint: config.graph.endpoint,
    authProvider: demo ? demoAuthProvider : graphAuthProvider(config.graph),
    transport: options.graphTransport ?? (demoTenant ? new DemoTenantTransport(demoTenant) : undefined),
    timeoutMs: config.graph.timeoutMs,
    customHosts: options.customHosts,
    // GRAPH_REPORTS_MAX_REQUESTS per GRAPH_REPORTS_WINDOW_SECONDS for /auditLogs/, retries included.
    middleware: [createReportsLimiter(config.graph)],
  });
  const access = new GraphAccessPolicy(graph, {
    readerRoleIds: config.access.readerRoleIds,
    helpdeskGroupIds: demo && config.access.helpdeskGroupIds.length === 0 ? DEMO_HELPDESK_GROUP_IDS : config.access.helpdeskGroupIds,
    cacheSeconds: config.access.readerCacheSeconds,
  });
  const sink = createTicketSink(config.tickets, graph);
  const people = new CachedPeopleDirectory(new GraphPeopleDirectory(graph), config.access.readerCacheSeconds);
  const troubleshooter = new Troubleshooter({
    config,
    understanding: options.understanding ?? understanding,
    people,
    access,
    // Identical questions in flight share one read; answers are kept SIGNIN_CACHE_SECONDS.
    signIns: new CachedSignInSource(new GraphSignInLog(graph, { pageSize: 500, maxPages: config.graph.maxSignInPages, eventTypes: config.graph.signInEventTypes }), config.graph.signInCacheSeconds),
    tickets: sink ? new TicketDesk(sink) : null,
    logger,
    now: options.now,
  });

  // Demo mode has no app id: the adapter then accepts unauthenticated local traffic (the Playground sends no token).
  const auth = new ConfigurationBotFrameworkAuthentication(demo ? {} : {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.password,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: { message: error.message, stack: error.stack } }, 'unhandled error in a turn');
    const s = strings('en');
    try {
      await context.sendActivity(cardActivity(messageCard('en', s.serviceTitle_unavailable, [s.serviceText_unavailable])));
    } catch {
      /* the channel may be gone; the error is logged */
    }
  };
  const bot = new TroubleshooterBot(troubleshooter, {
    members: demo ? demoMemberResolver : teamsMemberResolver,
    defaultTimeZone: config.defaultTimeZone,
    turnBudgetMs: config.turnBudgetMs,
    sendLater: (reference, card) => adapter.continueConversationAsync(config.bot.appId, reference, async (context) => {
      await context.sendActivity(cardActivity(card));
    }),
    onLateFailure: (error) => logger.error({ err: { message: (error as Error)?.message } }, 'could not send a late answer'),
  });
  const server = createServer({
    adapter, bot, logger, requireBearer: !demo,
    health: () => ({ version: packageJson.version, mode: config.mode, tenantId: demo ? DEMO_TENANT_ID : config.graph.tenantId }),
  });

  return {
    config, server, troubleshooter, demoTenant, people, logger,
    listen: (port = config.server.port, host = config.server.host) =>
      new Promise((resolve) => server.listen(port, host, () => resolve(server.url))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
