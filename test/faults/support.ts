/**
 * The whole server stack — restify, CloudAdapter, the bot, the real Graph client chain with its
 * retry handler, reports limiter and timeout — with Graph replaced by the HTTPS test server on
 * loopback, whose faults the tests choose.
 */
import { MemoryStateStore } from '../../src/state';
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { DemoTenant } from '../../src/demo/tenant';
import {
  startGraphTestServer,
  type FaultPlan,
  type GraphTestServer,
  type TrustingHttpMessageHandler,
} from '../../src/demo/httpsServer';

export const NOW = new Date('2026-11-27T10:00:00Z');

export const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
export const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };
/** People who may read everyone's sign-ins in the demo tenant (a role or a helpdesk group). */
export const READERS = [
  ALEX,
  { aadObjectId: '5e1f0000-0000-4000-8000-000000000005', name: 'Grady Archie' },
  { aadObjectId: '5e1f0000-0000-4000-8000-000000000006', name: 'Nestor Wilke' },
  { aadObjectId: '5e1f0000-0000-4000-8000-000000000007', name: 'Henrietta Mueller' },
  { aadObjectId: '5e1f0000-0000-4000-8000-000000000008', name: 'Lee Gu' },
  { aadObjectId: '5e1f0000-0000-4000-8000-000000000013', name: 'Daan Visser' },
];

export interface StackOptions {
  env?: Record<string, string>;
  faults?: FaultPlan | null;
  /** SIGNIN_CACHE_SECONDS; 0 (no keeping, in-flight sharing only) is allowed here. */
  signInCacheSeconds?: number;
  tenant?: DemoTenant;
}

export interface Stack {
  app: App;
  config: Config;
  /** The bot's base URL (http://127.0.0.1:PORT). */
  url: string;
  graph: GraphTestServer;
  /** The Graph client's last link: what left the client, and when. */
  transport: TrustingHttpMessageHandler;
  /** Error-level log lines (turn errors, unexpected errors). */
  errors: string[];
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const graph = await startGraphTestServer({
    tenant: options.tenant ?? new DemoTenant({ now: NOW }),
    faults: options.faults ?? null,
  });
  // Interactive sign-ins only (one v1.0 read per question) unless a test says otherwise: these tests count
  // and fault the reads of each question; reading each kind apart is tested in test/signins and test/bot.
  const result = loadConfig({
    DEMO: 'true',
    GRAPH_ENDPOINT: graph.url,
    LOG_LEVEL: 'warn',
    SIGNIN_INDEX_HOURS: '0',
    SIGNIN_EVENT_TYPES: 'interactiveUser',
    ...options.env,
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const config = result.config;
  if (options.signInCacheSeconds !== undefined) config.graph.signInCacheSeconds = options.signInCacheSeconds;
  const errors: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
  const transport = graph.transport();
  const app = createApp(config, {
    stateStore: new MemoryStateStore(),
    logger,
    demoTenant: graph.tenant,
    graphTransport: transport,
    customHosts: [graph.host],
    now: () => NOW,
  });
  const url = await app.listen(0, '127.0.0.1');
  return {
    app,
    config,
    url,
    graph,
    transport,
    errors,
    stop: async () => {
      await app.close();
      await graph.close();
    },
  };
}
