/**
 * `npm run bench -- incident`: a bad morning. The demo tenant scaled up to `people` people, Graph's
 * limit of 5 sign-in log reads per 10 s on, a Conditional Access block hitting `incidentPeople` of
 * them with new failures arriving (some late) while the bot runs; `askers` different people ask "why
 * can't I sign in?" and `readers` helpdesk readers ask about others, all within `spreadMs`, over HTTP
 * with expectReplies and a turn budget large enough that every answer is the final card.
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { DemoTenant, GRAPH_REPORTS_LIMIT } from '../src/demo/tenant';
import { DEMO_PEOPLE, ROLE_TEMPLATE, type DemoPerson } from '../src/demo/people';
import { DEMO_APPS, generateSignIns, newestFirst, prng } from '../src/demo/signInGenerator';
import { postActivity, teamsMessage } from '../src/tools/activities';
import { percentile } from './graphBench';
import type { LoadOutcome, LoadPlan } from './incidentLoad';

export interface IncidentOptions {
  people: number;
  incidentPeople: number;
  askers: number;
  readers: number;
  spreadMs: number;
  indexOn: boolean;
  /** Unanswered requests are given up this long after the first was sent. */
  deadlineMs: number;
}

export interface IncidentResult {
  options: IncidentOptions;
  signIns: number;
  fillSeconds: number | null;
  fillReads: number;
  asked: number;
  answered: number;
  finalCards: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  readerP95Ms: number;
  reads: number;
  throttled: number;
  runSeconds: number;
  readsPer10s: number;
  maxLagMs: number | null;
  maxRssMb: number;
  indexRecords: number | null;
  /** Questions answered from the index and questions that read Graph themselves. */
  fromIndex: number | null;
  fallbacks: number | null;
  unanswered: { atMs: number }[];
}

const HOUR = 3_600_000;
const syntheticId = (n: number) => `5ca1e000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export function scaledPeople(count: number, readers: number): DemoPerson[] {
  const people: DemoPerson[] = [...DEMO_PEOPLE];
  for (let n = 0; people.length < count; n++) {
    people.push({
      id: syntheticId(n),
      givenName: 'Person',
      surname: String(n),
      displayName: `Person ${n}`,
      userPrincipalName: `person${n}@example.com`,
      mail: `person${n}@example.com`,
      jobTitle: 'Clerk',
      department: n % 5 === 0 ? 'Finance' : 'Operations',
      officeLocation: 'Amsterdam',
      accountEnabled: true,
      roles: n < readers ? [ROLE_TEMPLATE.reportsReader] : [],
      groups: [],
      country: 'NL',
      city: 'Amsterdam',
      stories: ['quiet'],
    });
  }
  return people;
}

function stamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A day of sign-ins for everyone, plus the incident: 53003 on Contoso Expenses for the first `incidentPeople` synthetic people. */
function scenario(now: number, people: DemoPerson[], incidentPeople: number) {
  const base = generateSignIns({ now: new Date(now), people: DEMO_PEOPLE, days: 2 });
  const success = base.find((r) => r.status?.errorCode === 0)!;
  const block = base.find((r) => r.status?.errorCode === 53003)!;
  const random = prng(11);
  const apps = Object.values(DEMO_APPS);
  let counter = 0;
  const recordFor = (
    template: SignIn,
    person: DemoPerson,
    at: number,
    app = apps[Math.floor(random() * apps.length)],
  ): SignIn => {
    counter++;
    const id = `e1e00000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
    return {
      ...template,
      id,
      correlationId: id.replace('e1e0', 'c0c0'),
      createdDateTime: stamp(at),
      userId: person.id,
      userDisplayName: person.displayName,
      userPrincipalName: person.userPrincipalName,
      appId: app.appId,
      appDisplayName: app.appDisplayName,
      resourceDisplayName: app.resourceDisplayName,
      resourceId: app.resourceId,
    };
  };
  const synthetic = people.slice(DEMO_PEOPLE.length);
  const victims = synthetic.slice(0, incidentPeople);
  const records: SignIn[] = [...base];
  for (const person of synthetic) {
    for (let i = 0; i < 20; i++) records.push(recordFor(success, person, now - random() * 24 * HOUR));
  }
  for (const person of victims) {
    for (let i = 0; i < 3; i++)
      records.push(recordFor(block, person, now - random() * 40 * 60_000, DEMO_APPS.expenses));
  }
  records.sort(newestFirst);
  /** New failures of the incident, written to the log up to 90 s late. */
  const arriving = (at: number) =>
    recordFor(block, victims[Math.floor(random() * victims.length)], at - random() * 90_000, DEMO_APPS.expenses);
  return { records, victims, synthetic, arriving };
}

export async function runIncident(options: IncidentOptions, distDir: string): Promise<IncidentResult> {
  const now = Date.now();
  const people = scaledPeople(options.people, options.readers);
  const { records, victims, synthetic, arriving } = scenario(now, people, options.incidentPeople);
  const tenant = new DemoTenant({ now: new Date(now), people, signIns: records, reportsLimit: GRAPH_REPORTS_LIMIT });
  const loaded = loadConfig({
    DEMO: 'true',
    SIGNIN_INDEX_HOURS: options.indexOn ? '24' : '0',
    // Default DEFAULT_WINDOW_DAYS (7): "why can't I sign in?" is present tense, so its window is the index's 24 h (src/answers/window.ts).
    TURN_BUDGET_MS: '3600000',
    LOG_LEVEL: 'silent',
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const app = createApp(loaded.config, { demoTenant: tenant, logger: pino({ level: 'silent' }) });
  const url = await app.listen(0, '127.0.0.1');

  const fillStart = performance.now();
  while (app.signInIndex?.poller.stats().filling) await new Promise((r) => setTimeout(r, 100));
  // A bot that has been running: one question before the morning starts (templates, catalog, JIT).
  await postActivity(
    url,
    teamsMessage("why can't I sign in?", {
      aadObjectId: DEMO_PEOPLE[1].id,
      name: DEMO_PEOPLE[1].displayName,
      conversationId: 'a:bench-warm-up',
    }),
  );
  const fillSeconds = app.signInIndex ? (performance.now() - fillStart) / 1000 : null;
  const fillReads = tenant.reportsCounters().reads;

  // 1,000 askers: every incident victim, then others; 50 readers ask about a victim by object id.
  const random = prng(5);
  const askers = [...victims, ...synthetic.slice(options.incidentPeople)].slice(0, options.askers);
  const readers = synthetic.slice(0, options.readers);
  const items: LoadPlan['items'] = [
    ...askers.map((p) => ({
      atMs: Math.floor(random() * options.spreadMs),
      kind: 'self',
      activity: teamsMessage("why can't I sign in?", {
        aadObjectId: p.id,
        name: p.displayName,
        conversationId: `a:bench-${p.id}`,
      }),
    })),
    ...readers.map((p, i) => ({
      atMs: Math.floor(random() * options.spreadMs),
      kind: 'reader',
      activity: teamsMessage(`why did ${victims[(i * 7) % victims.length].id} fail to sign in today`, {
        aadObjectId: p.id,
        name: p.displayName,
        conversationId: `a:bench-reader-${p.id}`,
      }),
    })),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'incident-'));
  const planFile = join(dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify({ url, deadlineMs: options.deadlineMs, items } satisfies LoadPlan));

  const before = tenant.reportsCounters();
  let maxLag: number | null = null;
  let maxRss = 0;
  const sampler = setInterval(() => {
    // The incident goes on: three new failures a second, some arriving late.
    tenant.addSignIns([arriving(Date.now()), arriving(Date.now()), arriving(Date.now())]);
    const lag = app.signInIndex?.poller.stats().lagMs ?? null;
    if (lag !== null) maxLag = Math.max(maxLag ?? 0, lag);
    maxRss = Math.max(maxRss, process.memoryUsage().rss);
  }, 1000);
  const started = performance.now();
  const outcomes = await new Promise<LoadOutcome[]>((resolve, reject) => {
    const child = spawn(process.execPath, [join(distDir, 'incidentLoad.js'), planFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out) as LoadOutcome[]);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
  const runSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const after = tenant.reportsCounters();
  const indexRecords = app.signInIndex?.index.stats().records ?? null;
  const sourceStats = app.signInIndex?.source.stats() ?? null;
  await app.signInIndex?.stop();
  app.server.close();

  const answered = outcomes.filter((o) => o.latencyMs !== null);
  const latencies = answered.map((o) => o.latencyMs!).sort((a, b) => a - b);
  const readerLatencies = answered
    .filter((o) => o.kind === 'reader')
    .map((o) => o.latencyMs!)
    .sort((a, b) => a - b);
  const reads = after.reads - before.reads;
  return {
    options,
    signIns: records.length,
    fillSeconds,
    fillReads,
    asked: outcomes.length,
    answered: answered.length,
    finalCards: answered.filter((o) => o.title !== null && !o.title.startsWith('Still looking')).length,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: latencies[latencies.length - 1] ?? NaN,
    readerP95Ms: percentile(readerLatencies, 95),
    reads,
    throttled: after.throttled - before.throttled,
    runSeconds,
    readsPer10s: (reads / runSeconds) * 10,
    maxLagMs: maxLag,
    maxRssMb: maxRss / 1024 ** 2,
    indexRecords,
    fromIndex: sourceStats?.fromIndex ?? null,
    fallbacks: sourceStats?.fallbacks ?? null,
    unanswered: outcomes.filter((o) => o.latencyMs === null).map((o) => ({ atMs: o.atMs })),
  };
}
