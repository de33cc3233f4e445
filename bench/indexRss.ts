/**
 * `npm run bench -- index-rss`: the resident memory of the bot itself (dist/src/index.js, demo mode,
 * default settings) while its live index holds a day of a tenant with `records` sign-ins a day.
 *
 * The tenant is served by the Graph-compatible HTTPS test server in a process of its own
 * (graphServerMain.js --day), shared with the bot through DEMO_GRAPH_URL as `npm run demo-tenant`
 * is; so the bot fills its index over HTTPS through the real Graph client and poller, and, as the
 * holder of the reading lease, publishes what it read to its state store (a temporary STATE_DIR),
 * exactly as in production. Graph's limit is lifted on both sides for the fill only: at 5 reads
 * per 10 s the 2,000 pages of a million records take 67 minutes, which measures patience, not memory.
 *
 * RSS is read from /proc/<pid>/status: VmRSS sampled every 10 s for `settleSeconds` once the fill
 * is done (the process polling every 30 s meanwhile; the highest sample is reported), and VmHWM,
 * the peak during the fill. The same bot with the index holding a tenant of 1,000 sign-ins gives
 * the baseline. The bot runs with MALLOC_MMAP_THRESHOLD_ as the Azure templates set it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/tools/azurite';
import { graphServerProcess } from './graphBench';

export interface IndexRssResult {
  records: number;
  people: number;
  held: number;
  fillSeconds: number;
  settledRssMb: number;
  peakRssMb: number;
  baselineRssMb: number;
  role: string;
}

interface Health {
  signInIndex?: { records: number; filling: boolean; role: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** kB figures of /proc/<pid>/status in MB. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** One bot process against one day-tenant of `records`; its memory once filled and settled. */
async function measure(distDir: string, records: number, people: number, settleSeconds: number) {
  const graph = await graphServerProcess(records, people);
  const dir = mkdtempSync(join(tmpdir(), 'index-rss-'));
  const caFile = join(dir, 'graph-ca.pem');
  writeFileSync(caFile, graph.ca);
  const port = await freePort();
  const bot = spawn(process.execPath, ['--disable-warning=DEP0111', join(distDir, '..', 'src', 'index.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      DEMO: 'true',
      LOG_LEVEL: 'warn',
      DEMO_GRAPH_URL: graph.url,
      DEMO_GRAPH_CA_FILE: caFile,
      STATE_DIR: join(dir, 'state'),
      SIGNIN_INDEX_HOURS: '24',
      GRAPH_REPORTS_MAX_REQUESTS: '100000000',
      GRAPH_REPORTS_WINDOW_SECONDS: '1',
      // As the Azure templates set it (docs/deploy.md "Memory").
      MALLOC_MMAP_THRESHOLD_: '131072',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const started = performance.now();
    let health: Health = {};
    for (;;) {
      if (bot.exitCode !== null) throw new Error(`the bot exited with ${bot.exitCode}`);
      health = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.json() as Promise<Health>,
        () => ({}),
      );
      const index = health.signInIndex;
      if (index && !index.filling && index.records >= records * 0.99) break;
      if (performance.now() - started > 30 * 60_000)
        throw new Error(`the index did not fill within 30 minutes: ${JSON.stringify(health)}`);
      await sleep(1000);
    }
    const fillSeconds = (performance.now() - started) / 1000;
    // V8 gives the fill's garbage back within a minute or so of quiet; then the highest of the samples.
    await sleep(60_000);
    let settledMb = 0;
    for (let waited = 0; waited < settleSeconds; waited += 10) {
      await sleep(10_000);
      settledMb = Math.max(settledMb, memoryOf(bot.pid!).rssMb);
    }
    const memory = { rssMb: settledMb, peakMb: memoryOf(bot.pid!).peakMb };
    health = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.json() as Promise<Health>);
    return { held: health.signInIndex?.records ?? 0, role: health.signInIndex?.role ?? 'n/a', fillSeconds, ...memory };
  } finally {
    bot.kill('SIGTERM');
    graph.stop();
    await new Promise((resolve) => (bot.exitCode === null ? bot.once('exit', resolve) : resolve(null)));
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchIndexRss(
  distDir: string,
  records: number,
  people = 40_000,
  settleSeconds = 120,
): Promise<IndexRssResult> {
  const baseline = await measure(distDir, 1000, 100, settleSeconds);
  const full = await measure(distDir, records, people, settleSeconds);
  return {
    records,
    people,
    held: full.held,
    role: full.role,
    fillSeconds: full.fillSeconds,
    settledRssMb: full.rssMb,
    peakRssMb: full.peakMb,
    baselineRssMb: baseline.rssMb,
  };
}
