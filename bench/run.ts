/**
 * `npm run bench`: figures, not pass/fail. Prints a table and writes it to bench/results.md with a
 * description of the machine. Everything runs on the loopback.
 *
 *   1. turns/s and p50/p99 latency for "why did Megan Bowen fail to sign in yesterday" through
 *      POST /api/messages (expectReplies) on the demo tenant, next to a plain botbuilder echo bot on
 *      the same server stack in the same run;
 *   2. Graph requests per question for self, @mention, object id and a name (warm caches);
 *   3. latency and bytes read per question on a tenant of 1,000 and of 1,000,000 sign-ins;
 *   4. 50 simultaneous askers about the same person → Graph sign-in requests;
 *   5. parse throughput;
 *   6. the question-turn ratio to an echo bot, measured with autocannon;
 *   7. the state store's cost per turn: memory vs file vs Azure Blob (Azurite).
 * `npm run bench -- ratio` runs only section 6 (and does not write results.md).
 */
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { benchQuestionTurnRatio, benchRequestsPerQuestion, benchSimultaneous, benchTenantSize, benchTurns, QUESTION, type QuestionTurnRatio } from './graphBench';
import { benchStateStores } from './stateBench';

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');

function table(headers: string[], rows: (string | number)[][]): string {
  const all = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map((r) => line(r.map(String)))].join('\n');
}

function machine(): string {
  const cpus = os.cpus();
  return table(['', ''], [
    ['OS', `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`],
    ['CPU', `${cpus[0]?.model ?? 'unknown'}`],
    ['Cores', String(cpus.length)],
    ['Memory', `${fmt(os.totalmem() / 1024 ** 3)} GiB`],
    ['Node.js', process.version],
    ['Date', new Date().toISOString()],
  ]);
}

/** The repository root, found upwards from here (this file runs from bench/ and from dist/bench/). */
function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'tsconfig.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

async function parseThroughput(): Promise<string> {
  try {
    const parse = (await import('./parse')) as { benchParse?: () => { utterancesPerSecond: number; count: number } };
    if (typeof parse.benchParse !== 'function') return 'n/a';
    const { utterancesPerSecond, count } = parse.benchParse();
    return `${int(utterancesPerSecond)} utterances/s (${int(count)} parsed, one core)`;
  } catch {
    return 'n/a';
  }
}

function ratioTable(r: QuestionTurnRatio): string {
  const row = (name: string, x: QuestionTurnRatio['echo']) => [
    name, fmt(x.requestsPerSecond, 0), fmt(x.p50Ms, 0), fmt(x.p99Ms, 0), int(x.bytesPerResponse), fmt(x.requestsPerSecond / r.echo.requestsPerSecond, 2), String(x.non2xx + x.errors + x.timeouts),
  ];
  return table(['bot', 'turns/s', 'p50 ms', 'p99 ms', 'bytes per response', 'ratio to echo', 'failed'], [
    row('echo bot', r.echo), row('troubleshooter, answers kept (default)', r.cached), row('troubleshooter, SIGNIN_CACHE_SECONDS=0', r.uncached),
  ]);
}

async function ratioSection(say: (text: string) => void): Promise<void> {
  const ratio = await benchQuestionTurnRatio();
  say(`## 6. Question-turn ratio (autocannon)\n`);
  say(`"${QUESTION}" asked by a helpdesk reader, POST /api/messages with \`deliveryMode: expectReplies\`, autocannon ${ratio.connections} connections for ${ratio.seconds} s (after a 1 s warm-up) from a process of its own, against a plain botbuilder echo bot on the same server stack in the same run.\n`);
  say(ratioTable(ratio) + '\n');
}

async function main(): Promise<void> {
  if (process.argv.includes('ratio')) {
    await ratioSection(console.log);
    return;
  }
  const sections: string[] = [];
  const say = (text: string) => {
    console.log(text);
    sections.push(text);
  };
  say('# Benchmark results\n');
  say('Figures, not pass/fail. Produced by `npm run bench` (bench/run.ts); everything on the loopback.\n');
  say('## Machine\n');
  say(machine() + '\n');

  console.error('1/7 turns per second …');
  const turns = await benchTurns();
  say(`## 1. Turns per second: "${QUESTION}"\n`);
  say(`POST /api/messages with \`deliveryMode: expectReplies\` (restify + CloudAdapter), demo tenant behind the real Graph client chain. Closed loop, ${turns.concurrency} concurrent clients (and 1 client for latency without queueing), the load generator in a process of its own (bench/loadClient.ts), as wrk would be. "Cached" = default settings (a sign-in answer is kept 60 s, so repeated questions reuse it); "uncached" = SIGNIN_CACHE_SECONDS 0, every turn reads the sign-in log, diagnoses it and renders a new card — and the demo tenant answering Graph runs in the bot's own process, so its work (filtering, writing ~75 KB of JSON per answer) is counted against the bot too. Per-person rate limit and reports limiter raised out of the way.\n`);
  const row = (name: string, r: { turns: number; turnsPerSecond: number; p50Ms: number; p99Ms: number; bad: number }, ratioTo: number) => [
    name, int(r.turns), fmt(r.turnsPerSecond, 0), fmt(r.p50Ms, 2), fmt(r.p99Ms, 2), fmt(r.turnsPerSecond / ratioTo, 2), String(r.bad),
  ];
  say(table(['bot', 'turns', 'turns/s', 'p50 ms', 'p99 ms', 'ratio to echo', 'wrong answers'], [
    row(`echo bot, ${turns.concurrency} clients`, turns.echo, turns.echo.turnsPerSecond),
    row(`troubleshooter cached, ${turns.concurrency} clients`, turns.botCached, turns.echo.turnsPerSecond),
    row(`troubleshooter uncached, ${turns.concurrency} clients`, turns.botUncached, turns.echo.turnsPerSecond),
    row('echo bot, 1 client', turns.single.echo, turns.single.echo.turnsPerSecond),
    row('troubleshooter cached, 1 client', turns.single.botCached, turns.single.echo.turnsPerSecond),
    row('troubleshooter uncached, 1 client', turns.single.botUncached, turns.single.echo.turnsPerSecond),
  ]) + '\n');

  console.error('2/7 Graph requests per question …');
  const perQuestion = await benchRequestsPerQuestion();
  say('## 2. Graph requests per question\n');
  say('Demo tenant, reader decisions already cached (warm), no sign-in answer kept. "users" = user look-ups (/users, /users/{id}).\n');
  say(table(['subject', 'question', 'sign-in requests', 'user requests', 'other', 'total', 'answer'], perQuestion.map((r) => [r.subject, r.question, r.signIns, r.users, r.other, r.total, r.answer])) + '\n');

  console.error('3/7 tenant size (building a tenant of 1,000,000 sign-ins takes a while) …');
  const small = await benchTenantSize(1_000);
  const large = await benchTenantSize(1_000_000);
  say('## 3. Cost per question as the tenant grows\n');
  say(`"${QUESTION}", Graph is the HTTPS test server in a process of its own (TLS on loopback), so the tenant's memory does not weigh on the bot; nothing kept, ${small.questions} questions each after 50 warm-up questions, one at a time. Bytes = sign-in log response bodies read from Graph. The tenants: Megan's demo sign-ins plus copies of the others spread over 10,000 synthetic people.\n`);
  say(table(['tenant sign-ins', 'p50 ms', 'p99 ms', 'of which Graph answering, p50 ms', 'bytes read per question', 'Graph sign-in requests per question', 'tenant built in s'], [small, large].map((r) => [
    int(r.signIns), fmt(r.p50Ms, 2), fmt(r.p99Ms, 2), fmt(r.graphP50Ms, 2), int(r.bytesPerQuestion), fmt(r.graphRequestsPerQuestion, 2), fmt(r.buildSeconds, 1),
  ])) + '\n');

  console.error('4/7 simultaneous askers …');
  const simultaneous = await benchSimultaneous(50);
  say('## 4. Simultaneous askers about the same person\n');
  say(`${simultaneous.askers} helpdesk askers (six readers, separate conversations) ask "${QUESTION}" at the same moment; default settings; Graph on the HTTPS test server.\n`);
  say(table(['askers', 'answered with a card', 'Graph sign-in requests', 'all answered within ms'], [[simultaneous.askers, simultaneous.answered, simultaneous.signInRequests, fmt(simultaneous.slowestMs, 0)]]) + '\n');

  console.error('5/7 parse throughput …');
  say('## 5. Parse throughput\n');
  say((await parseThroughput()) + '\n');

  console.error('6/7 question-turn ratio (autocannon) …');
  await ratioSection(say);

  console.error('7/7 state stores …');
  const state = await benchStateStores();
  say('## 7. State store cost per turn\n');
  say(`"${QUESTION}" with default settings (the sign-in answer cached, so the store's share shows), one bot in this process, the load generator in its own; every turn recalls and remembers the conversation's follow-up memory and counts the asker's rate (one counter per person and minute, compare-and-swap). Azure Blob = Azurite on loopback, so real Azure adds its network round trips (a few ms each within a region). The ${state.concurrency} concurrent clients all ask as one person, the worst case for the rate counter (conflicting writes are retried). Added = p50/p99 minus the memory store's.\n`);
  const base = state.rows[0];
  say(table(['store', '1 client turns/s', 'p50 ms', 'p99 ms', 'added p50 ms', 'added p99 ms', `${state.concurrency} clients turns/s`, `${state.concurrency} clients p50 ms`, `${state.concurrency} clients p99 ms`, 'wrong answers'], state.rows.map((r) => [
    r.store, fmt(r.single.turnsPerSecond, 0), fmt(r.single.p50Ms, 2), fmt(r.single.p99Ms, 2), fmt(r.single.p50Ms - base.single.p50Ms, 2), fmt(r.single.p99Ms - base.single.p99Ms, 2),
    fmt(r.concurrent.turnsPerSecond, 0), fmt(r.concurrent.p50Ms, 2), fmt(r.concurrent.p99Ms, 2), String(r.single.bad + r.concurrent.bad),
  ])) + '\n');

  const file = join(repoRoot(), 'bench', 'results.md');
  writeFileSync(file, sections.join('\n'));
  console.error(`written to ${file}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
