/**
 * The probe's classes for the last items of issue 24 (ids 26–28), run by scripts/probe.ts after
 * scripts/probeHardening.ts's: a lost alert record posts the alert again (26), a connector that
 * never answers holds a turn (27), a non-reader's late answer takes a reader's Graph capacity (28).
 * Each needs to speak as demo people (no Bot Framework token): n/a in production settings.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { wording } from '../src/cards/wording';
import { subscriptionId } from '../src/incidents/subscriptions';
import { teamsMessage } from '../src/tools/activities';
import type { ProbeKit } from './probeHardening';

type Outcome = 'pass' | 'fail' | 'n/a';

/** Everyday people of the demo tenant (no reader role or group); class 31 (scripts/probe.ts) asks as them too. */
export const NON_READERS = [
  '00000000-0000-0000-0000-0000000000021',
  '00000000-0000-0000-0000-0000000000022',
  '00000000-0000-0000-0000-0000000000023',
  '00000000-0000-0000-0000-0000000000024',
  '00000000-0000-0000-0000-0000000000025',
  '5e1f0000-0000-4000-8000-000000000001',
  '5e1f0000-0000-4000-8000-000000000002',
  '5e1f0000-0000-4000-8000-000000000003',
  '5e1f0000-0000-4000-8000-00000000000a',
  '5e1f0000-0000-4000-8000-00000000000b',
];
/** Sign-in readers asked as by no class but these (Grady: class 4 asks one question as him). */
const GRADY = '5e1f0000-0000-4000-8000-000000000005';
const HENRIETTA = '5e1f0000-0000-4000-8000-000000000007';
/** Not a reader; class 21 clicks a few times as him. */
const DIEGO = '5e1f0000-0000-4000-8000-000000000004';

interface Call {
  method: string;
  path: string;
}

/** A Teams connector on this machine: answers every post with a new id, or (`hang`) never answers. */
async function connector(hang: boolean): Promise<{ url: string; calls: Call[]; close(): Promise<void> }> {
  const calls: Call[] = [];
  const sockets = new Set<Socket>();
  let n = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    calls.push({ method: req.method ?? '', path: decodeURIComponent(req.url ?? '') });
    if (hang) return;
    req.on('end', () => {
      const id =
        req.method === 'PUT'
          ? (decodeURIComponent(req.url ?? '')
              .split('/')
              .pop() ?? '')
          : `probe-${++n}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readRecord(file: string): Promise<string | null> {
  const text = await fs.readFile(file, 'utf8').catch(() => null);
  if (!text) return null;
  try {
    const id = (JSON.parse(text) as { value?: { activityId?: unknown } }).value?.activityId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** Class 26: an alert record deleted or damaged in the store must not make the alert post again. */
async function lostAlertRecord(k: ProbeKit, waitMs: number): Promise<[Outcome, string]> {
  if (!k.t.demo) return ['n/a', 'needs a Bot Framework token (run against demo mode)'];
  if (!k.stateDir) return ['n/a', "needs the bot's state folder on this machine (--state-dir)"];
  const teams = await connector(false);
  const id = `19:probe-${randomUUID()}@thread.tacv2`;
  const say = (text: string) =>
    k.post({
      ...teamsMessage(text, k.asker(GRADY, id)),
      serviceUrl: teams.url,
      conversation: { id, conversationType: 'channel', isGroup: true, tenantId: k.t.tenantId },
    });
  try {
    const on = k.cardTexts(await say('notify this channel about sign-in incidents'))[0] ?? '';
    if (!on.startsWith('Incident alerts switched on'))
      return ['n/a', `incident alerts are off here (${on.split('\n')[0]})`];
    const posts = () => teams.calls.filter((c) => c.method === 'POST' && c.path.includes(id)).length;
    const folder = path.join(k.stateDir, 'incident-alerts');
    const ours = async () =>
      (await fs.readdir(folder).catch(() => [] as string[])).filter((f) => f.endsWith(`.${subscriptionId(id)}.json`));
    // The first round after subscribing posts every ongoing incident's card and records it.
    const deadline = Date.now() + waitMs;
    let records: { file: string; activityId: string }[] = [];
    while (Date.now() < deadline) {
      records = [];
      for (const name of await ours()) {
        const activityId = await readRecord(path.join(folder, name));
        if (activityId) records.push({ file: path.join(folder, name), activityId });
      }
      if (records.length > 0 && records.length === posts()) break;
      await sleep(250);
    }
    if (records.length === 0) return ['n/a', `no ongoing incident was alerted within ${waitMs / 1000} s`];
    const posted = posts();
    // One record deleted, another (when there is one) damaged: neither may look like "never posted".
    await fs.rm(records[0].file);
    if (records[1]) await fs.writeFile(records[1].file, '{"value":', { mode: 0o600 });
    const lost = records.slice(0, 2);
    while (Date.now() < deadline + waitMs) {
      if (posts() > posted)
        return [
          'fail',
          `after its alert record was ${records[1] ? 'deleted and damaged' : 'deleted'}, the alert was posted again`,
        ];
      const restored = await Promise.all(lost.map(async (r) => (await readRecord(r.file)) === r.activityId));
      if (restored.every(Boolean))
        return [
          'pass',
          `${lost.length === 2 ? 'a deleted and a damaged' : 'a deleted'} alert record restored to the card already posted (${lost.map((r) => r.activityId).join(', ')}); no second post`,
        ];
      await sleep(250);
    }
    return ['fail', `the lost alert record was not restored within ${waitMs / 1000} s`];
  } finally {
    await say('stop notifying').catch(() => undefined);
    await teams.close();
  }
}

/** Class 27: a turn whose replies go to a connector that accepts and never answers must end. */
async function hungConnector(k: ProbeKit): Promise<[Outcome, string]> {
  if (!k.t.demo) return ['n/a', 'needs a Bot Framework token (run against demo mode)'];
  const teams = await connector(true);
  try {
    const started = Date.now();
    const answer = await k
      .post({
        ...teamsMessage('help', k.asker(DIEGO, `a:probe-${randomUUID()}`)),
        serviceUrl: teams.url,
        deliveryMode: 'normal',
      })
      .catch((e: Error) => e);
    const took = Date.now() - started;
    if (answer instanceof Error)
      return ['fail', `a turn replying to a connector that never answers: ${answer.message} (after ${took} ms)`];
    if (teams.calls.length === 0) return ['fail', `the turn made no call to the connector (HTTP ${answer.status})`];
    if (!(await k.healthy())) return ['fail', '/healthz stopped answering'];
    return [
      'pass',
      `a turn replying to a connector that never answers ended after ${took} ms (HTTP ${answer.status}), after ${teams.calls.length} call`,
    ];
  } finally {
    await teams.close();
  }
}

/** Class 28: non-readers' answers that outlive their turns keep to their lane; a reader's question is answered at once. */
async function lateLanes(k: ProbeKit, withinMs: number): Promise<[Outcome, string]> {
  if (!k.t.demo) return ['n/a', 'needs a Bot Framework token (run against demo mode)'];
  const windows = ['in the last 6 days', 'in the last 4 days', 'in the last 2 days'];
  const still = wording('en').stillLookingTitle;
  const answers = await Promise.all(
    NON_READERS.flatMap((who) =>
      windows.map((w) =>
        k
          .post(teamsMessage(`why did my sign-in fail ${w}?`, k.asker(who, `a:probe-${randomUUID()}`)))
          .then((a) => k.cardTexts(a)[0] ?? '')
          .catch(() => ''),
      ),
    ),
  );
  const late = answers.filter((t) => t.startsWith(still)).length;
  if (late === 0) return ['n/a', `none of ${answers.length} non-readers' answers came late (the sign-in log kept up)`];
  // Their turns have ended; their answers are still being read. A reader asks now.
  const started = Date.now();
  const text =
    k.cardTexts(
      await k.post(
        teamsMessage(
          'why did Adele Vance fail to sign in in the last 5 days?',
          k.asker(HENRIETTA, `a:probe-${randomUUID()}`),
        ),
      ),
    )[0] ?? '';
  const took = Date.now() - started;
  if (took > withinMs || !/Adele Vance/.test(text))
    return [
      'fail',
      `with ${late} non-readers' answers still being read after their turns, a reader's question took ${took} ms (${text.split('\n')[0]})`,
    ];
  return [
    'pass',
    `with ${late} non-readers' answers still being read after their turns, a reader's question was answered in ${took} ms`,
  ];
}

/** The classes, by id, with the names scripts/probe.ts prints. */
export function deliveryClasses(
  k: ProbeKit,
  options: { answerWithinMs?: number; alertWaitMs?: number } = {},
): [number, string, () => Promise<[Outcome, string]>][] {
  return [
    [
      26,
      'a deleted or damaged alert record posts the alert again',
      () => lostAlertRecord(k, options.alertWaitMs ?? 90_000),
    ],
    [27, 'a connector that never answers holds a turn', () => hungConnector(k)],
    [
      28,
      "non-readers' late answers take a reader's sign-in log capacity",
      () => lateLanes(k, options.answerWithinMs ?? 2000),
    ],
  ];
}
