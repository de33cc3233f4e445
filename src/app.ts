/**
 * Composition root: builds every service from the configuration. Demo and production differ only
 * in their wiring (src/wiring/production.ts, src/demo/wiring.ts), chosen once here; the tests build the app here too.
 */
import type { AuthenticationProvider, Client, Middleware } from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import type restify from 'restify';
import type { Config } from './config';
import { createGraphClient, delegatedClients } from './graph/client';
import { productionWiring } from './wiring/production';
import type { Wiring } from './wiring/types';
import { demoWiring, withDemoTenant, type DemoSettings, type DemoTenant } from './demo/wiring';
import { CachedPeopleDirectory, GraphPeopleDirectory, type PeopleDirectory } from './directory/people';
import { homeCountryOf } from './directory/organization';
import { GraphReaderDirectory } from './access/readers';
import { AccessPolicy } from './access/policy';
import { startSignInSources } from './signins/sources';
import { ReadBudget } from './signins/readBudget';
import type { LiveSignIns } from './signins/live/start';
import { createReportsLimiter } from './graph/limiter';
import { Troubleshooter, type Understanding } from './answers/troubleshooter';
import type { Remembered } from './answers/memory';
import { TroubleshooterBot } from './bot/troubleshooterBot';
import { ssoSettings } from './bot/sso';
import { createAdapter } from './bot/adapter';
import { isLoopbackHost, warnExposedDemo } from './shared/loopback';
import { createServer } from './server';
import { createLogger } from './shared/logger';
import { understanding } from './understanding';
import { createTicketSink, TicketDesk } from './tickets';
import { createStateStore, startSweeper, StoredConversationMemory, StoredRateCounter, type StateStore } from './state';
import { ValidatedStateStore } from './state/validated';
import { STATE_ITEM_RULES } from './stateItems';
import { renderAnswer, turnErrorCard } from './cards/render';
import { ticketWriter } from './cards/ticketContent';
import { CardCache } from './cards/cache';
import { requesterOf } from './bot/requester';
import packageJson from '../package.json';
import { startIncidents } from './incidents/start';
import type { IncidentService } from './incidents/service';
import type { Incident } from './incidents/types';
import type { AlertDelivery } from './incidents/alerts';
import { adapterDelivery } from './bot/proactive';

export interface AppOptions {
  logger?: Logger;
  /** The demo tenant to serve in demo mode (tests pass their own to read its request log). */
  demoTenant?: DemoTenant;
  /** The demo's own settings (DEMO_GRAPH_URL, …; src/demo/settings.ts), loaded at start; otherwise their defaults. */
  demoSettings?: DemoSettings;
  /** Poll interval and overlap of the live sign-in index (tests and the bench; defaults otherwise). */
  signInIndex?: { intervalMs?: number; overlapMs?: number; maxRecords?: number; maxBytes?: number };
  /** Replaces the Graph client's last link (tests: a fault-injecting or HTTPS transport). */
  graphTransport?: Middleware;
  customHosts?: string[];
  now?: () => Date;
  understanding?: Understanding;
  /** After each incident detection run (tests measure the time to an alert). */
  onIncidents?: (incidents: Incident[]) => void;
  /** The state store (tests: memory, or one shared by two apps); else the one STATE_STORE names. */
  stateStore?: StateStore;
  /** Where the Bot Framework's OpenID metadata (signing keys) is read (default: public); tests use loopback. */
  botOpenIdMetadataUrl?: string;
  /** How long close() lets work in hand finish (default SHUTDOWN_GRACE_MS). */
  shutdownGraceMs?: number;
  /** Time limit of every call to the Bot Framework connector (default CONNECTOR_TIMEOUT_MS, src/bot/connectorTimeout.ts). */
  connectorTimeoutMs?: number;
}

/** How long app.close waits for work in hand before it cuts what is left. */
export const SHUTDOWN_GRACE_MS = 5_000;

export interface App {
  config: Config;
  /** The Graph client (the start-up check probes through it, inside the reports limit). */
  graph: Client;
  /** Its token source (the start-up check reads the token's roles). */
  graphAuth: AuthenticationProvider;
  server: restify.Server;
  troubleshooter: Troubleshooter;
  demoTenant: DemoTenant | null;
  people: PeopleDirectory;
  /** The live sign-in index (SIGNIN_INDEX_HOURS not 0), and incident detection and alerts over it. */
  signInIndex: LiveSignIns | null;
  incidents: IncidentService | null;
  /** Tickets and their follow-ups (none: TICKET_SINK=none). */
  tickets: TicketDesk | null;
  logger: Logger;
  state: StateStore;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The wiring (demo or production, chosen here once), the Graph client built on it and the Config as that
 * wiring runs it (demo mode: the demo tenant's id); `npm run doctor` uses it too.
 */
export function connectGraph(
  loaded: Config,
  options: Pick<AppOptions, 'demoTenant' | 'demoSettings' | 'now' | 'graphTransport' | 'customHosts'> = {},
) {
  const config = loaded.mode === 'demo' ? withDemoTenant(loaded) : loaded;
  const demo =
    config.mode === 'demo'
      ? demoWiring(config, { tenant: options.demoTenant, now: options.now?.(), settings: options.demoSettings })
      : null;
  const wiring: Wiring = demo ?? productionWiring(config);
  const endpoint = options.graphTransport ? undefined : wiring.graphEndpoint;
  const link = {
    endpoint: endpoint?.url ?? config.graph.endpoint,
    transport: options.graphTransport ?? wiring.graphTransport,
    timeoutMs: config.graph.timeoutMs,
    customHosts: options.customHosts ?? endpoint?.customHosts,
  };
  // A read made outside any question is for no one: the system lane, never a reader's.
  const reportsLimiter = createReportsLimiter(config.graph, 'system');
  const graph = createGraphClient({
    ...link,
    authProvider: wiring.graphAuth,
    reportsTimeoutMs: config.graph.reportsTimeoutMs,
    // GRAPH_REPORTS_MAX_REQUESTS per GRAPH_REPORTS_WINDOW_SECONDS for /auditLogs/, retries included.
    middleware: [reportsLimiter, ...(wiring.graphMiddleware ?? [])],
  });
  const delegatedGraph = delegatedClients({ ...link, middleware: wiring.graphMiddleware ?? [] });
  return { config, wiring, graph, reportsLimiter, delegatedGraph, demoTenant: demo?.demoTenant ?? null };
}

export function createApp(loaded: Config, options: AppOptions = {}): App {
  const { config, wiring, graph, reportsLimiter, delegatedGraph, demoTenant } = connectGraph(loaded, options);
  const logger = options.logger ?? createLogger(config.logLevel);
  const isDemo = config.mode === 'demo';
  const clock = options.now ? () => options.now!().getTime() : undefined;
  // Follow-ups, the ticket ledger and rate counters live in the state store, shared by all instances.
  // Every item read is checked against its kind's schema; a damaged one is quarantined and logged.
  const state = new ValidatedStateStore(options.stateStore ?? createStateStore(config.state), STATE_ITEM_RULES, logger);
  const stopSweeper = startSweeper(state, logger);
  const readers = new GraphReaderDirectory(graph, {
    readerRoleIds: config.access.readerRoleIds,
    helpdeskGroupIds: wiring.helpdeskGroupIds,
    cacheSeconds: config.access.readerCacheSeconds,
    now: clock,
  });
  const access = new AccessPolicy({
    readers,
    tenantId: config.graph.tenantId,
    rateLimitPerMinute: config.access.rateLimitPerMinute,
    counter: new StoredRateCounter(state, logger),
  });
  const sink = createTicketSink(config.tickets, graph);
  const people = new CachedPeopleDirectory(new GraphPeopleDirectory(graph), config.access.readerCacheSeconds);
  const { direct: directSignIns, live: signInIndex } = startSignInSources(graph, config.graph, {
    ...options.signInIndex,
    now: clock,
    onError: (error, phase) =>
      logger.warn({ err: { message: (error as Error)?.message }, phase }, 'sign-in index read failed'),
    onSpan: (span) => logger.info({ signInIndex: span }, `sign-in index: ${span.text}`),
    // One reader of the log per tenant across the instances on this store; the in-process demo tenant is each process's own.
    shared: demoTenant ? undefined : { store: state, tenantId: config.graph.tenantId, logger },
  });
  const tickets = sink ? new TicketDesk(sink, { state, logger }) : null;
  // Incidents over the live index; alerts go out through the adapter (built below, used only later).
  const alerts = {
    post: (...a: Parameters<AlertDelivery['post']>) => proactive.post(...a),
    update: (...a: Parameters<AlertDelivery['update']>) => proactive.update(...a),
  };
  const incidents = signInIndex
    ? startIncidents({
        live: signInIndex,
        state,
        thresholds: config.incidentThresholds,
        delivery: alerts,
        tickets,
        renderAlert: (incident, subscription, stoppedAt) =>
          renderAnswer({
            answer: { kind: 'incident-alert', incident, ...(stoppedAt ? { stoppedAt } : {}) },
            language: subscription.language,
            audience: 'helpdesk',
            timeZone: subscription.timeZone,
          }),
        logger,
        now: clock,
        onRun: options.onIncidents,
        serviceUrlAllowed: wiring.replyUrlAllowed,
      })
    : null;
  const troubleshooter = new Troubleshooter({
    config,
    understanding: options.understanding ?? understanding,
    people,
    access,
    signIns: signInIndex?.source ?? directSignIns,
    tickets,
    ticketContent: ticketWriter,
    incidents,
    sendPrivately: incidents ? async (address, reply) => void (await alerts.post(address, renderAnswer(reply))) : null,
    readBudget: ReadBudget.forTenant(config.graph),
    memory: new StoredConversationMemory<Remembered>(state, logger),
    logger,
    now: options.now,
    // Helpdesk fixes (issue 21): Graph as the clicker, once; What If's fallback country read with the bot's own token.
    fixes: config.fixes && { state, delegatedGraph, homeCountry: homeCountryOf(graph, clock) },
  });

  // Cards of sign-in answers are kept as long as the answers are (none when SIGNIN_CACHE_SECONDS is 0).
  const cardCache = config.graph.signInCacheSeconds > 0 ? new CardCache(config.graph.signInCacheSeconds) : null;
  const adapter = createAdapter({
    botAuthentication: wiring.botAuthentication,
    replyUrlAllowed: wiring.replyUrlAllowed,
    botOpenIdMetadataUrl: isDemo ? undefined : options.botOpenIdMetadataUrl,
    tokenService: wiring.tokenService,
    connectorTimeoutMs: options.connectorTimeoutMs,
    logger,
    // In the asker's language and in words for their audience; the error itself stays in the log.
    turnErrorCard: async (context) => {
      const requester = requesterOf(context.activity, config.defaultTimeZone, wiring.conversationType);
      const language = troubleshooter.languageOf(requester, context.activity.text ?? '');
      return turnErrorCard(language, await troubleshooter.audienceOf(requester));
    },
  });
  const proactive = adapterDelivery(adapter, config.bot.appId);
  const bot = new TroubleshooterBot(troubleshooter, {
    members: wiring.members,
    conversationType: wiring.conversationType,
    render: cardCache ? (reply) => cardCache.render(reply) : undefined,
    defaultTimeZone: config.defaultTimeZone,
    turnBudgetMs: config.turnBudgetMs,
    botAppId: config.bot.appId || undefined,
    sso: config.fixes && ssoSettings(config.fixes, isDemo ? wiring.silentSso : undefined, clock),
    // A late answer is a proactive post like an alert: with the same time limit.
    sendLater: (reference, card) => proactive.post(reference, card),
    updateLater: (reference, activityId, card) => proactive.update(reference, activityId, card),
    onLateFailure: (error) =>
      logger.error({ err: { message: (error as Error)?.message } }, 'could not send a late answer'),
  });
  const server = createServer({
    adapter,
    bot,
    logger,
    requireBearer: wiring.requireBearer,
    activityPolicy: wiring.activityPolicy,
    // Anonymous: in production only what App Service's health check needs.
    // The demo adds how far the live index has filled (the memory bench waits for it).
    health: () => ({
      version: packageJson.version,
      ...wiring.healthDetails,
      ...(isDemo && signInIndex
        ? {
            signInIndex: {
              records: signInIndex.index.stats().records,
              filling: signInIndex.poller.stats().filling,
              role: signInIndex.role(),
            },
          }
        : {}),
    }),
  });
  if (isDemo && !isLoopbackHost(config.server.host)) warnExposedDemo(logger, config.server.host);

  return {
    config,
    graph,
    graphAuth: wiring.graphAuth,
    server,
    troubleshooter,
    demoTenant,
    people,
    signInIndex,
    incidents,
    tickets,
    logger,
    state,
    listen: (port = config.server.port, host = config.server.host) => {
      if (isDemo && host !== config.server.host && !isLoopbackHost(host)) warnExposedDemo(logger, host);
      return new Promise<string>((resolve) => {
        server.listen(port, host, () => resolve(server.url));
      });
    },
    // Ends within shutdownGraceMs and a moment: the work in hand (a poll, an alert round) gets that
    // long, then connections still open (a client keeping one alive, a turn waiting for Graph) are cut.
    close: async () => {
      stopSweeper();
      wiring.close?.();
      const closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      server.server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS);
      });
      await Promise.race([Promise.all([signInIndex?.stop(), incidents?.monitor.idle(), tickets?.idle()]), grace]);
      clearTimeout(timer);
      tickets?.close();
      // Reads still waiting for a slot belong to the turns cut below; the limiter's timer must not outlive the app.
      reportsLimiter.close();
      server.server.closeAllConnections();
      await closed;
    },
  };
}
