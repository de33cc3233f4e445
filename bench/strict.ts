/**
 * `npm run bench -- strict`: the bot against the strict demo tenant with Graph's answer times and
 * short pages on (DEMO_GRAPH_LATENCY's timing), realistic volume (100 token refreshes per person per
 * day and the realistic background) and Graph's 5 reads per 10 s, the live index on (24 h, filled
 * first). 38 people ask at once, twice:
 *
 *   A. "why can't I sign in?" (the last 24 h: inside the live index's span), each about themselves;
 *   B. a reader asks about each of the 38 people's last 7 days (beyond the index: direct reads);
 *   C. the same with SIGNIN_INDEX_HOURS=168, so that the index holds the 7 days (its fill reads them first).
 *
 * The tenant's and the bot's "now" is the latest Friday 10:00 UTC (a working day's volume, not a weekend's).
 * Times are of the whole turn in process (Troubleshooter.ask: parse, access, reads, diagnosis), not of
 * HTTP. "First card" is what Teams shows first: the answer, or the "still looking" card at
 * TURN_BUDGET_MS (2 s here) when the answer takes longer; "complete" is the answer itself. Reads per
 * 10 s are counted at the demo tenant (every sign-in log request it received).
 */
import pino from 'pino';
import { loadConfig } from '../src/config';
import { DEMO_TENANT_ID } from '../src/demo/wiring';
import { createApp } from '../src/app';
import { DemoTenant } from '../src/demo/tenant';
import { GRAPH_LIKE_TIMING } from '../src/demo/reportsTiming';
import { DEMO_PEOPLE } from '../src/demo/people';
import { MemoryStateStore } from '../src/state';

const TURN_BUDGET_MS = 2000;

export interface StrictBenchResult {
  signIns: number;
  fillSeconds: number;
  fillReads: number;
  /** The 168-hour index's fill (phase C). */
  weekFillSeconds?: number;
  weekFillReads?: number;
  phases: {
    name: string;
    askers: number;
    answered: number;
    p50Ms: number;
    p95Ms: number;
    maxMs: number;
    firstCardP95Ms: number;
    incomplete: number;
    reads: number;
    seconds: number;
    maxReadsPer10s: number;
    readsPer10s: number;
  }[];
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

function maxIn10s(times: number[]): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j] - times[i] >= 10_000) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

/** The latest Friday 10:00 UTC before now. */
function lastFriday(): Date {
  const d = new Date();
  d.setUTCHours(10, 0, 0, 0);
  while (d.getUTCDay() !== 5 || d.getTime() > Date.now()) d.setUTCDate(d.getUTCDate() - 1);
  return d;
}

async function run(indexHours: number, phases: ('inside' | 'week')[]) {
  const now = lastFriday();
  const tenant = new DemoTenant({
    now,
    nonInteractivePerDay: 100,
    timing: GRAPH_LIKE_TIMING,
    reportsLimit: { maxRequests: 5, windowMs: 10_000 },
  });
  const result = loadConfig({
    DEMO: 'true',
    SIGNIN_INDEX_HOURS: String(indexHours),
    TURN_BUDGET_MS: String(TURN_BUDGET_MS),
    RATE_LIMIT_PER_MINUTE: '1000',
    LOG_LEVEL: 'warn',
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  // The bot's clock runs from the tenant's "now" (the index's polls and the answers' windows agree with it).
  const offset = Date.now() - now.getTime();
  const app = createApp(result.config, {
    logger: pino({ level: 'warn' }, { write: () => {} }),
    demoTenant: tenant,
    stateStore: new MemoryStateStore(),
    now: () => new Date(Date.now() - offset),
  });
  try {
    const fillStart = performance.now();
    const before = tenant.signInRequests().length;
    await app.signInIndex!.poller.fill();
    const fillSeconds = (performance.now() - fillStart) / 1000;
    const fillReads = tenant.signInRequests().length - before;
    const people = DEMO_PEOPLE.slice(0, 38);
    const alex = DEMO_PEOPLE.find((p) => p.displayName === 'Alex Wilber')!;
    const requester = (id: string, key: string) => ({
      userId: id,
      tenantId: DEMO_TENANT_ID,
      timeZone: 'Europe/Amsterdam',
      locale: 'en-US',
      conversationKey: key,
      conversationType: 'personal',
    });

    const phase = async (
      name: string,
      ask: (person: (typeof people)[number], i: number) => Promise<{ ms: number; incomplete: boolean; ok: boolean }>,
    ) => {
      const readsBefore = tenant.signInRequests().length;
      const t = performance.now();
      const runs = await Promise.all(people.map((p, i) => ask(p, i)));
      const seconds = (performance.now() - t) / 1000;
      const requests = tenant
        .signInRequests()
        .slice(readsBefore)
        .map((r) => r.at)
        .sort((a, b) => a - b);
      const times = runs.map((r) => r.ms).sort((a, b) => a - b);
      return {
        name,
        askers: runs.length,
        answered: runs.filter((r) => r.ok).length,
        p50Ms: pct(times, 50),
        p95Ms: pct(times, 95),
        maxMs: times[times.length - 1],
        firstCardP95Ms: Math.min(pct(times, 95), TURN_BUDGET_MS),
        incomplete: runs.filter((r) => r.incomplete).length,
        reads: requests.length,
        seconds,
        maxReadsPer10s: maxIn10s(requests),
        readsPer10s: requests.length / Math.max(seconds / 10, 1e-9),
      };
    };
    const timed = async (work: () => ReturnType<typeof app.troubleshooter.ask>) => {
      const t = performance.now();
      const reply = await work();
      const a = reply.answer;
      return {
        ms: performance.now() - t,
        ok: a.kind === 'summary' || a.kind === 'count',
        incomplete: (a.kind === 'summary' || a.kind === 'count') && Boolean(a.coverage),
      };
    };
    const done: StrictBenchResult['phases'] = [];
    const label = `SIGNIN_INDEX_HOURS=${indexHours}`;
    if (phases.includes('inside'))
      done.push(
        await phase(`A. "why can't I sign in?" (last 24 h, in the index; ${label})`, (p, i) =>
          timed(() => app.troubleshooter.ask(requester(p.id, `strict-a-${i}`), "why can't I sign in?")),
        ),
      );
    if (phases.includes('week'))
      done.push(
        await phase(
          `${indexHours >= 168 ? 'C' : 'B'}. a person's last 7 days (${indexHours >= 168 ? 'in the index' : 'direct reads'}; ${label})`,
          (p, i) =>
            timed(() =>
              app.troubleshooter.ask(
                requester(alex.id, `strict-b-${i}`),
                `why did ${p.displayName} fail to sign in in the last 7 days?`,
              ),
            ),
        ),
      );
    return { signIns: tenant.signIns.length, fillSeconds, fillReads, phases: done };
  } finally {
    await app.close();
  }
}

export async function benchStrict(): Promise<StrictBenchResult> {
  const day = await run(24, ['inside', 'week']);
  const week = await run(168, ['week']);
  return {
    ...day,
    weekFillSeconds: week.fillSeconds,
    weekFillReads: week.fillReads,
    phases: [...day.phases, ...week.phases],
  };
}
