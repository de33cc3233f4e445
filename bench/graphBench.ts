/**
 * Benchmarks of the bot under Graph: turns per second next to a plain echo bot on the same server
 * stack, Graph requests per question, cost per question as the tenant grows, and coalescing of
 * simultaneous askers. Everything runs on the loopback; `bench/run.ts` prints and records it.
 */
import { MemoryStateStore } from '../src/state';
import { ActivityHandler, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { TroubleshooterAdapter } from '../src/bot/adapter';
import pino from 'pino';
import type restify from 'restify';
import { createApp, type App } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { createServer } from '../src/server';
import { DemoTenant } from '../src/demo/tenant';
import { DEMO_PEOPLE } from '../src/demo/people';
import { startGraphTestServer, TrustingHttpMessageHandler, type GraphTestServer } from '../src/demo/httpsServer';
import { NOW } from './bigTenant';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { cardsIn, postActivity, teamsMessage, type AskerInfo } from '../src/tools/activities';
import { cardToText } from '../src/cards/text';

export const QUESTION = 'why did Megan Bowen fail to sign in yesterday';
export { NOW };
const person = (name: string): AskerInfo => {
  const p = DEMO_PEOPLE.find((x) => x.displayName === name)!;
  return { aadObjectId: p.id, name: p.displayName };
};
export const ALEX = person('Alex Wilber');
export const MEGAN = person('Megan Bowen');
const CHRISTIE = person('Christie Cline');
/** Demo people who may read everyone's sign-ins. */
const READERS = ['Alex Wilber', 'Grady Archie', 'Nestor Wilke', 'Henrietta Mueller', 'Lee Gu', 'Daan Visser'].map(
  person,
);

/** A logger that formats every line, as in production, and writes nowhere. */
export const quietLogger = () => pino({ level: 'info' }, { write: () => {} });

function config(env: Record<string, string>, signInCacheSeconds?: number): Config {
  const result = loadConfig({ DEMO: 'true', LOG_LEVEL: 'info', ...env });
  if (!result.ok) throw new Error(result.errors.join('; '));
  if (signInCacheSeconds !== undefined) result.config.graph.signInCacheSeconds = signInCacheSeconds;
  return result.config;
}

/** Settings that keep the per-person rate limit and the reports limiter out of throughput runs. */
/** The demo configuration of the turns benchmark: default caches, limits out of the way. */
export function benchConfig(): Config {
  return config(UNTHROTTLED);
}

const UNTHROTTLED = {
  RATE_LIMIT_PER_MINUTE: '100000000',
  GRAPH_REPORTS_MAX_REQUESTS: '100000000',
  GRAPH_REPORTS_WINDOW_SECONDS: '1',
};

interface Running {
  url: string;
  close(): Promise<void>;
}

async function listen(server: restify.Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(server.url));
  });
}

/** A plain botbuilder echo bot on the same server stack (restify, body parser, CloudAdapter). */
export async function startEchoBot(): Promise<Running> {
  const adapter = new TroubleshooterAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`You said: ${context.activity.text}`);
    await next();
  });
  const server = createServer({ adapter, bot, logger: quietLogger(), health: () => ({}) });
  const url = await listen(server);
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
      }),
  };
}

export async function startDemoBot(signInCacheSeconds?: number): Promise<Running & { app: App }> {
  const app = createApp(config(UNTHROTTLED, signInCacheSeconds), {
    stateStore: new MemoryStateStore(),
    logger: quietLogger(),
    demoTenant: new DemoTenant({ now: NOW }),
    now: () => NOW,
  });
  const url = await app.listen(0, '127.0.0.1');
  return { url, app, close: () => app.close() };
}

export interface LoadResult {
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Turns whose answer was not what was expected (no card, or no reply). */
  bad: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** A closed loop: `concurrency` clients, each sending its next activity when the previous is answered. */
export async function load(
  url: string,
  activity: () => unknown,
  ok: (result: Awaited<ReturnType<typeof postActivity>>) => boolean,
  options: { concurrency: number; durationMs: number; warmUpMs?: number },
): Promise<LoadResult> {
  const runFor = async (ms: number, record: boolean) => {
    const latencies: number[] = [];
    let bad = 0;
    const end = performance.now() + ms;
    const client = async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const result = await postActivity(url, activity());
        const dt = performance.now() - t;
        if (record) {
          latencies.push(dt);
          if (!ok(result)) bad++;
        }
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: options.concurrency }, client));
    return { latencies, bad, seconds: (performance.now() - start) / 1000 };
  };
  await runFor(options.warmUpMs ?? 500, false);
  const { latencies, bad, seconds } = await runFor(options.durationMs, true);
  latencies.sort((a, b) => a - b);
  return {
    turns: latencies.length,
    seconds,
    turnsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    bad,
  };
}

const hasCard = (result: Awaited<ReturnType<typeof postActivity>>) =>
  result.status === 200 && cardsIn(result).length === 1;

export interface TurnsBench {
  concurrency: number;
  echo: LoadResult;
  /** The question asked again and again with default settings: answers kept 60 s (warm cache). */
  botCached: LoadResult;
  /** The same with no sign-in answer kept: every turn reads the log from the demo tenant. */
  botUncached: LoadResult;
  /** One client at a time: latency without queueing. */
  single: { echo: LoadResult; botCached: LoadResult; botUncached: LoadResult };
}

/** Runs `load` in a child process (bench/loadClient.ts) against a server of this process. */
export async function loadFromChild(
  url: string,
  kind: 'card' | 'echo',
  question: string,
  concurrency: number,
  durationMs: number,
): Promise<LoadResult> {
  const child = spawn(
    process.execPath,
    [
      join(__dirname, 'loadClient.js'),
      url,
      kind,
      question,
      String(concurrency),
      String(durationMs),
      JSON.stringify(ALEX),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`load client exited with ${code}`);
  return JSON.parse(out) as LoadResult;
}

/** (1) Turns per second and latency: the bot on the demo tenant next to an echo bot, same stack, same run. */
export async function benchTurns(options: { concurrency?: number; durationMs?: number } = {}): Promise<TurnsBench> {
  const concurrency = options.concurrency ?? 8;
  const durationMs = options.durationMs ?? 4000;
  const echo = await startEchoBot();
  const cached = await startDemoBot();
  const uncached = await startDemoBot(0);
  try {
    const single = {
      echo: await loadFromChild(echo.url, 'echo', 'hello', 1, durationMs / 2),
      botCached: await loadFromChild(cached.url, 'card', QUESTION, 1, durationMs / 2),
      botUncached: await loadFromChild(uncached.url, 'card', QUESTION, 1, durationMs / 2),
    };
    return {
      concurrency,
      echo: await loadFromChild(echo.url, 'echo', 'hello', concurrency, durationMs),
      botCached: await loadFromChild(cached.url, 'card', QUESTION, concurrency, durationMs),
      botUncached: await loadFromChild(uncached.url, 'card', QUESTION, concurrency, durationMs),
      single,
    };
  } finally {
    await Promise.all([echo.close(), cached.close(), uncached.close()]);
  }
}

export interface RequestsPerQuestion {
  subject: string;
  question: string;
  /** Every Graph request the question made, by kind. */
  signIns: number;
  users: number;
  other: number;
  total: number;
  answer: string;
}

/** (2) Graph requests per question, with the reader decision already cached and no sign-in answer kept. */
export async function benchRequestsPerQuestion(): Promise<RequestsPerQuestion[]> {
  const bot = await startDemoBot(0);
  const tenant = bot.app.demoTenant!;
  try {
    // Warm caches: each asker's reader decision.
    for (const asker of [ALEX, MEGAN]) await postActivity(bot.url, teamsMessage('help', asker));
    const cases: { subject: string; text: string; asker: AskerInfo; mentions?: { id: string; name: string }[] }[] = [
      { subject: 'self', text: "why can't I sign in?", asker: MEGAN },
      {
        subject: '@mention',
        text: 'why did <at>Megan Bowen</at> fail to sign in yesterday',
        asker: ALEX,
        mentions: [{ id: '29:megan', name: 'Megan Bowen' }],
      },
      { subject: 'object id', text: `why did ${CHRISTIE.aadObjectId} fail to sign in this week`, asker: ALEX },
      { subject: 'name', text: QUESTION, asker: ALEX },
    ];
    const rows: RequestsPerQuestion[] = [];
    for (const c of cases) {
      const before = tenant.requestLog.length;
      const result = await postActivity(bot.url, teamsMessage(c.text, c.asker, c.mentions ?? []));
      const made = tenant.requestLog.slice(before);
      const signIns = made.filter((r) => r.path.startsWith('/auditLogs/signIns')).length;
      const users = made.filter((r) => r.path === '/users' || /^\/users\/[^/]+$/.test(r.path)).length;
      const card = cardsIn(result)[0];
      const answer = card ? cardToText(card).split('\n')[0] : '(no card)';
      rows.push({
        subject: c.subject,
        question: c.text,
        signIns,
        users,
        other: made.length - signIns - users,
        total: made.length,
        answer,
      });
    }
    return rows;
  } finally {
    await bot.close();
  }
}

export interface SizeBench {
  signIns: number;
  questions: number;
  p50Ms: number;
  p99Ms: number;
  /** Graph sign-in log response bytes per question (Content-Length of the answers read). */
  bytesPerQuestion: number;
  graphRequestsPerQuestion: number;
  /** Median time Graph took to answer a sign-in log request (to its headers), as the bot saw it. */
  graphP50Ms: number;
  buildSeconds: number;
}

/** Starts the bot with Graph on the HTTPS test server serving `tenant`. */
async function botOverHttps(
  tenant: DemoTenant,
  env: Record<string, string>,
  signInCacheSeconds?: number,
): Promise<{ bot: Running & { app: App }; graph: GraphTestServer }> {
  const graph = await startGraphTestServer({ tenant });
  const app = createApp(config({ GRAPH_ENDPOINT: graph.url, ...env }, signInCacheSeconds), {
    stateStore: new MemoryStateStore(),
    logger: quietLogger(),
    demoTenant: tenant,
    graphTransport: graph.transport(),
    customHosts: [graph.host],
    now: () => NOW,
  });
  const url = await app.listen(0, '127.0.0.1');
  return { bot: { url, app, close: () => app.close() }, graph };
}

/** The HTTPS test server with a tenant of `size` sign-ins (or, with `dayOfPeople`, a day of them: bigTenant.ts dayTenant), in a child process (bench/graphServerMain.ts). */
export async function graphServerProcess(
  size: number,
  dayOfPeople?: number,
): Promise<{ url: string; ca: string; signIns: number; buildSeconds: number; stop(): void }> {
  const args = [join(__dirname, 'graphServerMain.js'), String(size), ...(dayOfPeople ? [`--day=${dayOfPeople}`] : [])];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the Graph server process ended (${code})`)));
  });
  const info = JSON.parse(first) as { url: string; ca: string; signIns: number; buildSeconds: number };
  return { ...info, stop: () => child.stdin.end() };
}

/**
 * (3) Latency and bytes read per question on a tenant of `size` sign-ins: Graph is the HTTPS test
 * server in its own process (as Graph is), nothing kept, every question reads the log.
 */
export async function benchTenantSize(size: number, questions = 100): Promise<SizeBench> {
  const graph = await graphServerProcess(size);
  const transport = new TrustingHttpMessageHandler(graph.ca);
  const app = createApp(config({ GRAPH_ENDPOINT: graph.url, ...UNTHROTTLED }, 0), {
    stateStore: new MemoryStateStore(),
    logger: quietLogger(),
    graphTransport: transport,
    customHosts: ['127.0.0.1'],
    now: () => NOW,
  });
  const url = await app.listen(0, '127.0.0.1');
  try {
    for (let i = 0; i < 50; i++) await postActivity(url, teamsMessage(QUESTION, ALEX)); // warm up
    const before = transport.received.length;
    const latencies: number[] = [];
    for (let i = 0; i < questions; i++) {
      const t = performance.now();
      const result = await postActivity(url, teamsMessage(QUESTION, ALEX));
      latencies.push(performance.now() - t);
      if (!hasCard(result)) throw new Error('the bot did not answer with a card');
    }
    const signIns = transport.received.slice(before).filter((r) => r.path.startsWith('/auditLogs/signIns'));
    latencies.sort((a, b) => a - b);
    return {
      signIns: graph.signIns,
      questions,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      bytesPerQuestion: signIns.reduce((sum, r) => sum + r.bytes, 0) / questions,
      graphRequestsPerQuestion: signIns.length / questions,
      graphP50Ms: percentile(
        signIns.map((r) => r.ms).sort((a, b) => a - b),
        50,
      ),
      buildSeconds: graph.buildSeconds,
    };
  } finally {
    await app.close();
    await transport.close();
    graph.stop();
  }
}

export interface SimultaneousBench {
  askers: number;
  answered: number;
  signInRequests: number;
  slowestMs: number;
}

/** (4) Simultaneous askers about the same person, default settings, Graph over HTTPS → sign-in requests made. */
export async function benchSimultaneous(askers = 50): Promise<SimultaneousBench> {
  const { bot, graph } = await botOverHttps(new DemoTenant({ now: NOW }), {});
  try {
    const t = performance.now();
    const results = await Promise.all(
      Array.from({ length: askers }, (_, i) =>
        postActivity(
          bot.url,
          teamsMessage(QUESTION, { ...READERS[i % READERS.length], conversationId: `a:bench-${i}` }),
        ),
      ),
    );
    const slowestMs = performance.now() - t;
    return {
      askers,
      answered: results.filter(hasCard).length,
      signInRequests: graph.signInRequests().length,
      slowestMs,
    };
  } finally {
    await bot.close();
    await graph.close();
  }
}

export interface AutocannonResult {
  requestsPerSecond: number;
  total: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerResponse: number;
}

async function autocannonFromChild(
  url: string,
  body: unknown,
  connections: number,
  seconds: number,
): Promise<AutocannonResult> {
  const child = spawn(
    process.execPath,
    [join(__dirname, 'autocannonClient.js'), url, JSON.stringify(body), String(connections), String(seconds)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`autocannon client exited with ${code}`);
  return JSON.parse(out) as AutocannonResult;
}

export type MeasuredTurns = AutocannonResult & { cpuMsPerTurn: number };

export interface QuestionTurnRatio {
  connections: number;
  seconds: number;
  echo: MeasuredTurns;
  cached: MeasuredTurns;
  uncached: MeasuredTurns;
  /** Echo then question (answers kept), `pairSeconds` each, one pair after another: each pair's ratio. */
  pairRatios: number[];
  pairSeconds: number;
}

/**
 * The question-turn ratio: the flagship question's turns/s over a plain echo bot's on the same
 * server stack, both driven by autocannon from its own process (it is not the bottleneck).
 */
export async function benchQuestionTurnRatio(
  options: { connections?: number; seconds?: number } = {},
): Promise<QuestionTurnRatio> {
  const connections = options.connections ?? 8;
  const seconds = options.seconds ?? 5;
  const echo = await startEchoBot();
  const cached = await startDemoBot();
  const uncached = await startDemoBot(0);
  try {
    // One warm-up second each (JIT, caches, reader decisions), then the measured run.
    // CPU per turn: this process's CPU time (all three bots live here, only the one under load works) over the turns answered.
    const run = async (url: string, body: unknown) => {
      await autocannonFromChild(url, body, connections, 1);
      const before = process.cpuUsage();
      const result = await autocannonFromChild(url, body, connections, seconds);
      const used = process.cpuUsage(before);
      return { ...result, cpuMsPerTurn: (used.user + used.system) / 1000 / Math.max(1, result.total) };
    };
    const result = {
      connections,
      seconds,
      echo: await run(echo.url, teamsMessage('hello', ALEX)),
      cached: await run(cached.url, teamsMessage(QUESTION, ALEX)),
      uncached: await run(uncached.url, teamsMessage(QUESTION, ALEX)),
    };
    // On a machine whose speed drifts (a shared VM), runs close together compare better than runs 10 s apart.
    const pairSeconds = 3;
    const pairRatios: number[] = [];
    for (let i = 0; i < 3; i++) {
      const e = await autocannonFromChild(echo.url, teamsMessage('hello', ALEX), connections, pairSeconds);
      const q = await autocannonFromChild(cached.url, teamsMessage(QUESTION, ALEX), connections, pairSeconds);
      pairRatios.push(q.requestsPerSecond / e.requestsPerSecond);
    }
    return { ...result, pairRatios, pairSeconds };
  } finally {
    await Promise.all([echo.close(), cached.close(), uncached.close()]);
  }
}
