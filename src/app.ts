/**
 * Composition root: builds every service from the configuration. Demo and production differ only
 * in the Graph token source and the Graph client's last link; the tests build the app here too.
 */
import { readFileSync } from 'node:fs';
import { ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { CallerIdConstants } from 'botbuilder';
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
import { ReadBudget } from './signins/readBudget';
import { Troubleshooter, type Understanding } from './troubleshooter';
import { TroubleshooterBot } from './bot/troubleshooterBot';
import { demoMemberResolver, teamsMemberResolver } from './bot/mentions';
import { createServer } from './server';
import { isLoopbackHost, isLoopbackUrl, TroubleshooterAdapter } from './bot/adapter';
import { installSigningKeyStores } from './bot/signingKeys';
import { demoAskerProblem } from './demo/askers';
import { createLogger } from './logger';
import { understanding } from './understanding';
import { createTicketSink, TicketDesk } from './tickets';
import { createStateStore, startSweeper, StoredConversationMemory, StoredRateCounter, type StateStore } from './state';
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
  /** The state store (tests: memory, or one shared by two apps); else the one STATE_STORE names. */
  stateStore?: StateStore;
  /**
   * Where the Bot Framework's OpenID metadata (token signing keys) is read; tests point it at a
   * loopback server. Default: Bot Framework's public documents.
   */
  botOpenIdMetadataUrl?: string;
}

export interface App {
  config: Config;
  server: restify.Server;
  troubleshooter: Troubleshooter;
  demoTenant: DemoTenant | null;
  people: PeopleDirectory;
  logger: Logger;
  state: StateStore;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export function createApp(config: Config, options: AppOptions = {}): App {
  const logger = options.logger ?? createLogger(config.logLevel);
  const demo = config.mode === 'demo';
  // DEMO_GRAPH_URL: a demo tenant shared by several processes (npm run demo-tenant) instead of our own.
  const sharedDemo = demo && !options.graphTransport ? config.demoGraph : undefined;
  const demoTenant = demo && !sharedDemo ? options.demoTenant ?? new DemoTenant({ now: options.now?.() }) : null;
  const graph = createGraphClient({
    endpoint: sharedDemo?.url ?? config.graph.endpoint,
    authProvider: demo ? demoAuthProvider : graphAuthProvider(config.graph),
    transport: options.graphTransport ?? (sharedDemo ? sharedDemoTransport(sharedDemo.caFile) : demoTenant ? new DemoTenantTransport(demoTenant) : undefined),
    timeoutMs: config.graph.timeoutMs,
    customHosts: options.customHosts ?? (sharedDemo ? [new URL(sharedDemo.url).hostname] : undefined),
    // GRAPH_REPORTS_MAX_REQUESTS per GRAPH_REPORTS_WINDOW_SECONDS for /auditLogs/, retries included.
    middleware: [createReportsLimiter(config.graph)],
  });
  const access = new GraphAccessPolicy(graph, {
    readerRoleIds: config.access.readerRoleIds,
    helpdeskGroupIds: demo && config.access.helpdeskGroupIds.length === 0 ? DEMO_HELPDESK_GROUP_IDS : config.access.helpdeskGroupIds,
    cacheSeconds: config.access.readerCacheSeconds,
  });
  const sink = createTicketSink(config.tickets, graph);
  // Follow-ups, the ticket ledger and rate counters live in the state store, shared by all instances.
  const state = options.stateStore ?? createStateStore(config.state);
  const stopSweeper = startSweeper(state, logger);
  const people = new CachedPeopleDirectory(new GraphPeopleDirectory(graph), config.access.readerCacheSeconds);
  const troubleshooter = new Troubleshooter({
    config,
    understanding: options.understanding ?? understanding,
    people,
    access,
    // Identical questions in flight share one read; answers are kept SIGNIN_CACHE_SECONDS.
    signIns: new CachedSignInSource(new GraphSignInLog(graph, { pageSize: 500, maxPages: config.graph.maxSignInPages }), config.graph.signInCacheSeconds),
    tickets: sink ? new TicketDesk(sink, { state, logger }) : null,
    memory: new StoredConversationMemory(state, logger),
    rate: new StoredRateCounter(state, logger),
    readBudget: ReadBudget.forTenant(config.graph),
    logger,
    now: options.now,
  });

  // Demo mode has no app id: the adapter then accepts unauthenticated local traffic (the Playground sends no token).
  installSigningKeyStores();
  const auth = new ConfigurationBotFrameworkAuthentication(demo ? {} : {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.password,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
    // Setting any one URL makes botframework-connector expect all of them: the public cloud's, keys read elsewhere.
    ...(options.botOpenIdMetadataUrl ? {
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
      ToBotFromChannelOpenIdMetadataUrl: options.botOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: options.botOpenIdMetadataUrl,
    } : {}),
  });
  // Demo mode trusts what an activity says about its sender, so it answers only this machine.
  const adapter = new TroubleshooterAdapter(auth, demo ? isLoopbackUrl : undefined);
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
    activityPolicy: demo ? demoAskerProblem : undefined,
    // Anonymous: in production only what App Service's health check needs. The local demo's tools read mode and tenant.
    health: () => (demo ? { version: packageJson.version, mode: config.mode, tenantId: DEMO_TENANT_ID } : { version: packageJson.version }),
  });
  if (demo && !isLoopbackHost(config.server.host)) warnExposedDemo(logger, config.server.host);

  return {
    config, server, troubleshooter, demoTenant, people, logger, state,
    listen: (port = config.server.port, host = config.server.host) => {
      if (demo && host !== config.server.host && !isLoopbackHost(host)) warnExposedDemo(logger, host);
      return new Promise((resolve) => server.listen(port, host, () => resolve(server.url)));
    },
    close: () => new Promise((resolve) => {
      stopSweeper();
      server.close(() => resolve());
    }),
  };
}

/** The HTTPS link to a shared demo tenant, trusting its certificate. Loaded only here: it needs devDependencies (undici). */
function sharedDemoTransport(caFile: string): Middleware {
  const { TrustingHttpMessageHandler } = require('./demo/httpsServer') as typeof import('./demo/httpsServer');
  return new TrustingHttpMessageHandler(readFileSync(caFile, 'utf8'));
}

/** Demo mode on an address other machines can reach: said loudly, because it has no authentication. */
function warnExposedDemo(logger: Logger, host: string): void {
  logger.warn({ host }, `DEMO MODE IS LISTENING ON ${host}, NOT ONLY ON THIS MACHINE. Demo mode has no authentication: anyone who can reach this address can ask as any demo person. Set HOST=127.0.0.1 unless you mean it.`);
}
