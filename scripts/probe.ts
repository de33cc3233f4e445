/**
 * `npm run probe -- --port N [--host H]`: replays hostile requests (docs/security.md) against a running
 * bot and prints pass, fail or n/a per class (n/a: the class needs the other mode, or a token).
 * Exit code 1 when any class fails. Demo mode is detected from /healthz; the probe then speaks as
 * the demo tenant's people. Run it only against a bot you operate.
 */
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { cardToText, executeActions } from '../src/cards/text';
import { cardsIn, teamsCardAction, teamsMessage, type AskerInfo } from '../src/tools/activities';
import { hardeningClasses } from './probeHardening';
import { deliveryClasses, NON_READERS } from './probeDelivery';

export type Outcome = 'pass' | 'fail' | 'n/a';
export interface ProbeResult {
  id: number;
  name: string;
  outcome: Outcome;
  detail: string;
}
interface Answer {
  status: number;
  body: string;
  json: unknown;
}
interface Target {
  url: string;
  demo: boolean;
  tenantId: string;
}

const MEGAN = '00000000-0000-0000-0000-0000000000021';
/** Sign-in readers of the demo tenant; each class speaks as another, so no class meets another's rate limit. */
const READERS = {
  henrietta: '5e1f0000-0000-4000-8000-000000000007',
  grady: '5e1f0000-0000-4000-8000-000000000005',
  lee: '5e1f0000-0000-4000-8000-000000000008',
  alex: '00000000-0000-0000-0000-0000000000020',
};

function request(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<Answer> {
  const url = new URL(base);
  const body = typeof options.body === 'string' ? Buffer.from(options.body) : (options.body ?? Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'POST',
        agent: false,
        headers: { 'content-length': String(body.length), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, body: text, json });
        });
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error('no answer within 15 s')));
    req.on('error', reject);
    req.end(body);
  });
}

const post = (t: Target, activity: unknown, headers: Record<string, string> = {}) =>
  request(t.url, '/api/messages', {
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
const cardTexts = (a: Answer) => cardsIn({ status: a.status, body: a.json }).map((c) => cardToText(c));
const asker = (t: Target, id: string, conversationId: string): AskerInfo => ({
  aadObjectId: id,
  name: 'Probe',
  tenantId: t.tenantId,
  conversationId,
});
const healthy = async (t: Target) =>
  (await request(t.url, '/healthz', { method: 'GET' }).catch(() => null))?.status === 200;

async function crash(t: Target): Promise<[Outcome, string]> {
  let sent = 0;
  for (const encoding of ['gzip', 'deflate']) {
    for (const auth of [{}, { authorization: 'Bearer x' }] as Record<string, string>[]) {
      const answer = await request(t.url, '/api/messages', {
        headers: { 'content-type': 'application/json', 'content-encoding': encoding, ...auth },
        body: '{"type":"message"}',
      }).catch((e: Error) => e);
      sent++;
      if (answer instanceof Error || ![400, 401, 413, 415].includes(answer.status))
        return [
          'fail',
          `Content-Encoding ${encoding}: ${answer instanceof Error ? answer.message : `HTTP ${answer.status}`}`,
        ];
      if (!(await healthy(t))) return ['fail', `/healthz stopped answering after Content-Encoding ${encoding}`];
    }
  }
  return ['pass', `${sent} bodies with a lying Content-Encoding answered; /healthz still answers`];
}

async function routes(t: Target): Promise<[Outcome, string]> {
  if (t.demo) return ['n/a', 'demo mode has no token check'];
  for (const path of [
    '/api/messages',
    '/api/%6Dessages',
    '/api/messages;x',
    '/api/messages/',
    '/api/Messages',
    '/API/MESSAGES',
    '/%61pi/messages',
  ]) {
    const answer = await request(t.url, path, { headers: { 'content-type': 'application/json' }, body: '{"type":' });
    if (![401, 404, 405].includes(answer.status) || /json/i.test(answer.body))
      return ['fail', `${path} without a token: HTTP ${answer.status} ${answer.body.slice(0, 80)}`];
  }
  return ['pass', '7 spellings of the messages route: 401 without a token, body never read'];
}

async function shared(
  t: Target,
  conversations: [string, Record<string, unknown>][],
  reader: string,
): Promise<[Outcome, string]> {
  if (!t.demo) return ['n/a', 'needs a Bot Framework token (run against demo mode)'];
  const seen = await post(
    t,
    teamsMessage('why did Megan Bowen fail to sign in this week?', asker(t, reader, `a:probe-${randomUUID()}`)),
  );
  const card = cardsIn({ status: seen.status, body: seen.json })[0];
  const ticket = card && executeActions(card).find((a) => a.verb === 'openTicket');
  if (!ticket) return ['fail', 'could not get a ticket button for Megan Bowen in a personal chat'];
  const signInId = String(ticket.data.signInId);
  let checked = 0;
  for (const [label, conversation] of conversations) {
    const id = `19:probe-${randomUUID()}@thread.v2`;
    const who = asker(t, reader, id);
    const asks = [
      teamsCardAction('openTicket', { ...ticket.data }, who),
      teamsCardAction('openTicket', { signInId }, who),
      teamsCardAction('showMore', { intent: 'failures', userId: MEGAN, offset: 0 }, who),
      teamsCardAction('choosePerson', { intent: 'failures', userId: MEGAN }, who),
      teamsCardAction('retry', { intent: 'failures', userId: MEGAN }, who),
      teamsMessage('why did Megan Bowen fail to sign in?', who),
    ];
    for (const activity of asks) {
      const answer = await post(t, { ...activity, conversation: { ...conversation, id, tenantId: t.tenantId } });
      const text = cardTexts(answer).join('\n');
      checked++;
      if (!/personal chat/i.test(text) || text.includes('meganb@example.com') || answer.body.includes(signInId)) {
        return [
          'fail',
          `${label}: ${String((activity as { value?: { action?: { verb?: string } } }).value?.action?.verb ?? 'message')} showed ${text.split('\n')[0] || `HTTP ${answer.status}`}`,
        ];
      }
    }
  }
  return ['pass', `${checked} clicks and messages about Megan: "ask me in a personal chat", nothing of hers shown`];
}

async function budget(t: Target, withinMs: number): Promise<[Outcome, string]> {
  if (!t.demo) return ['n/a', 'needs a Bot Framework token (run against demo mode)'];
  const megan = asker(t, MEGAN, `a:probe-${randomUUID()}`);
  const burst = Promise.all(
    Array.from({ length: 20 }, () =>
      post(t, teamsCardAction('openTicket', { signInId: randomUUID(), userId: MEGAN }, megan)),
    ),
  );
  await new Promise((r) => setTimeout(r, 50));
  const started = Date.now();
  const answer = await post(
    t,
    teamsMessage('why did Adele Vance fail to sign in yesterday?', asker(t, READERS.lee, `a:probe-${randomUUID()}`)),
  );
  const took = Date.now() - started;
  await burst;
  const text = cardTexts(answer)[0] ?? '';
  if (took > withinMs || !/Adele Vance/.test(text))
    return [
      'fail',
      `a reader's question took ${took} ms (goal: ${withinMs} ms) during 20 forged ticket clicks (${text.split('\n')[0]})`,
    ];
  return ['pass', `a reader's question answered in ${took} ms during 20 forged ticket clicks`];
}

async function token(t: Target): Promise<[Outcome, string]> {
  if (t.demo) return ['n/a', 'demo mode has no token check'];
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = `${enc({ alg: 'RS256', typ: 'JWT', kid: `probe-${randomUUID()}` })}.${enc({ iss: 'https://api.botframework.com', aud: randomUUID(), nbf: now - 60, exp: now + 600 })}`;
  const jwt = `${head}.${sign('sha256', Buffer.from(head), privateKey).toString('base64url')}`;
  const answers = await Promise.all(
    Array.from({ length: 5 }, () =>
      post(t, teamsMessage('hi', asker(t, MEGAN, 'a:probe')), { authorization: `Bearer ${jwt}` }),
    ),
  );
  for (const a of answers) {
    if (![401, 503].includes(a.status) || /https?:|ENOTFOUND|getaddrinfo|ECONNREFUSED|login\./i.test(a.body))
      return ['fail', `a forged RS256 token: HTTP ${a.status} ${a.body.slice(0, 100)}`];
  }
  return ['pass', `5 forged RS256 tokens: HTTP ${[...new Set(answers.map((a) => a.status))].join('/')}, generic body`];
}

async function malformed(t: Target): Promise<[Outcome, string]> {
  if (!t.demo) return ['n/a', 'needs a Bot Framework token (run against demo mode)'];
  const who = asker(t, READERS.alex, `a:probe-${randomUUID()}`);
  const invoke = () => teamsCardAction('retry', {}, who) as Record<string, unknown>;
  const update = { ...teamsMessage('', who), type: 'conversationUpdate', text: undefined };
  const cases: [string, unknown][] = [
    ['value {}', { ...invoke(), value: {} }],
    ['action null', { ...invoke(), value: { action: null } }],
    ['membersAdded an object', { ...update, membersAdded: { id: 'x' } }],
    ['membersAdded [null]', { ...update, membersAdded: [null] }],
    ['no recipient', { ...invoke(), recipient: undefined }],
  ];
  for (const [label, activity] of cases) {
    const answer = await post(t, activity);
    if (answer.status !== 400)
      return ['fail', `${label}: HTTP ${answer.status} ${cardTexts(answer)[0]?.split('\n')[0] ?? ''}`];
  }
  return ['pass', `${cases.length} malformed invokes and updates: 400 with a reason`];
}

async function healthz(t: Target): Promise<[Outcome, string]> {
  const body = (await request(t.url, '/healthz', { method: 'GET' })).json as Record<string, unknown> | null;
  const keys = Object.keys(body ?? {}).sort();
  if (t.demo) return body?.status === 'ok' ? ['pass', `demo: ${keys.join(', ')}`] : ['fail', 'no status'];
  return keys.every((k) => k === 'status' || k === 'version')
    ? ['pass', `production: ${keys.join(', ')} only`]
    : ['fail', `production /healthz tells ${keys.join(', ')}`];
}

async function demoGuards(t: Target): Promise<[Outcome, string]> {
  if (!t.demo) return ['n/a', 'production mode'];
  const stranger = await post(t, teamsMessage("why can't I sign in?", asker(t, randomUUID(), 'a:probe-stranger')));
  if (stranger.status !== 400) return ['fail', `an asker who is nobody in the demo tenant: HTTP ${stranger.status}`];
  const outward = await post(t, {
    ...teamsMessage("why can't I sign in?", asker(t, MEGAN, 'a:probe-outward')),
    deliveryMode: 'normal',
    serviceUrl: 'http://169.254.169.254/',
  });
  if (outward.status !== 400) return ['fail', `a reply to serviceUrl http://169.254.169.254/: HTTP ${outward.status}`];
  return ['pass', 'unknown asker and non-loopback serviceUrl refused (400)'];
}

// ---- Issue 24, items 1–3 (classes 31–33): fair Graph budget, alert subscriptions, demo proactive messages ----

/** A reader of the demo tenant used only by classes 31–33 (a member of the helpdesk group); Lee (class 5, one question) helps. */
const READERS_24 = { daan: '5e1f0000-0000-4000-8000-000000000013' };
const ISSUE_24_FAIR_QUESTIONS = ['last week', 'in the last 5 days', 'in the last 3 days'];

async function fairBudget(t: Target, withinMs: number): Promise<[Outcome, string]> {
  if (!t.demo) return ['n/a', 'needs a Bot Framework token (run against demo mode)'];
  // Ten non-readers ask about their own past days (each a sign-in log read), three questions each at once.
  const flood = NON_READERS.flatMap((id) =>
    ISSUE_24_FAIR_QUESTIONS.map((w) => {
      const started = Date.now();
      return post(t, teamsMessage(`why did my sign-in fail ${w}?`, asker(t, id, `a:probe-${randomUUID()}`))).then(
        (a) => ({ ms: Date.now() - started, status: a.status }),
        () => ({ ms: Infinity, status: 0 }),
      );
    }),
  );
  await new Promise((r) => setTimeout(r, 100));
  const started = Date.now();
  const answer = await post(
    t,
    teamsMessage(
      'why did Adele Vance fail to sign in in the last 4 days?',
      asker(t, READERS_24.daan, `a:probe-${randomUUID()}`),
    ),
  );
  const took = Date.now() - started;
  const text = cardTexts(answer)[0] ?? '';
  const others = await Promise.all(flood);
  const slowest = Math.max(...others.map((o) => o.ms));
  if (took > withinMs || !/Adele Vance/.test(text))
    return [
      'fail',
      `a reader's question took ${took} ms (goal: ${withinMs} ms) while 10 non-readers asked 30 questions (${text.split('\n')[0]})`,
    ];
  // Every non-reader's turn ends within the turn budget (10 s by default) with an answer, "busy" or "still looking".
  if (others.some((o) => o.status !== 200) || slowest > 15_000)
    return [
      'fail',
      `a non-reader's question: HTTP ${others.find((o) => o.status !== 200)?.status ?? 200}, slowest ${slowest} ms`,
    ];
  return [
    'pass',
    `a reader's question answered in ${took} ms while 10 non-readers asked 30 questions (theirs all answered within ${slowest} ms)`,
  ];
}

async function subscriptionCap(t: Target): Promise<[Outcome, string]> {
  if (!t.demo) return ['n/a', 'needs a Bot Framework token (run against demo mode)'];
  // A port nothing listens on: the alerts would fail at once, and the subscriptions are removed below.
  const nowhere = 'http://127.0.0.1:9/';
  const channels = Array.from({ length: 12 }, () => `19:probe-${randomUUID()}@thread.tacv2`);
  const at = (id: string, who: string, text: string) =>
    post(t, {
      ...teamsMessage(text, asker(t, who, id)),
      serviceUrl: nowhere,
      conversation: { id, conversationType: 'channel', isGroup: true, tenantId: t.tenantId },
    });
  const answers: string[] = [];
  for (const id of channels)
    answers.push(cardTexts(await at(id, READERS_24.daan, 'notify this channel about sign-in incidents'))[0] ?? '');
  const switchedOn = channels.filter((_, i) => answers[i].startsWith('Incident alerts switched on'));
  for (const id of switchedOn) await at(id, READERS.lee, 'stop notifying');
  if (answers.every((a) => !a.startsWith('Incident alerts') && !a.startsWith('Too many')))
    return ['n/a', 'incident alerts are off here (SIGNIN_INDEX_HOURS=0)'];
  const capped = answers.findIndex((a) => a.startsWith('Too many conversations get alerts'));
  if (capped < 0) return ['fail', `one person subscribed ${switchedOn.length} of ${channels.length} channels; no cap`];
  return [
    'pass',
    `one person's subscription number ${capped + 1} refused ("too many conversations"); the ${switchedOn.length} made were removed`,
  ];
}

async function demoProactive(t: Target): Promise<[Outcome, string]> {
  if (!t.demo) return ['n/a', 'production mode'];
  const id = `19:probe-${randomUUID()}@thread.tacv2`;
  const answer = await post(t, {
    ...teamsMessage('notify this channel about sign-in incidents', asker(t, READERS.lee, id)),
    serviceUrl: 'http://192.0.2.2:8080/',
    conversation: { id, conversationType: 'channel', isGroup: true, tenantId: t.tenantId },
  });
  const text = cardTexts(answer)[0] ?? '';
  if (answer.status === 400) return ['pass', 'a subscription from another machine: 400'];
  if (text.startsWith('Incident alerts switched on'))
    return ['fail', 'a channel at serviceUrl http://192.0.2.2:8080/ was subscribed to incident alerts'];
  if (
    !text.startsWith("Alerts can't be sent here") &&
    !text.startsWith('Incident alerts') &&
    !text.startsWith('Only for helpdesk')
  )
    return ['n/a', 'incident alerts are off here (SIGNIN_INDEX_HOURS=0)'];
  return text.startsWith("Alerts can't be sent here")
    ? ['pass', 'a subscription at serviceUrl http://192.0.2.2:8080/ refused; not stored']
    : ['fail', `unexpected answer: ${text.split('\n')[0] || `HTTP ${answer.status}`}`];
}

// ---- end of issue 24, items 1–3 ----

/**
 * `answerWithinMs`: how soon a reader's question must be answered during a burst (class 5; default 2 s).
 * `stateDir`: the bot's file store on this machine, which classes 23 and 26 may damage (demo mode only).
 * `alertWaitMs`: how long class 26 waits for an alert round (default 90 s: the live index polls every 30 s).
 */
export async function runProbe(
  url: string,
  options: { answerWithinMs?: number; stateDir?: string; alertWaitMs?: number } = {},
): Promise<ProbeResult[]> {
  const health = (await request(url, '/healthz', { method: 'GET' })).json as {
    mode?: string;
    tenantId?: string;
  } | null;
  const t: Target = {
    url,
    demo: health?.mode === 'demo',
    tenantId: health?.tenantId ?? '00000000-0000-0000-0000-000000000000',
  };
  const classes: [string, () => Promise<[Outcome, string]>][] = [
    ['one request ends the process (lying Content-Encoding)', () => crash(t)],
    ['token check decided on the path spelling', () => routes(t)],
    [
      "another's sign-in in a channel or group chat",
      () =>
        shared(
          t,
          [
            ['channel', { conversationType: 'channel', isGroup: true }],
            ['group chat', { conversationType: 'groupChat', isGroup: true }],
          ],
          READERS.henrietta,
        ),
    ],
    [
      'a conversation without conversationType counts as personal',
      () =>
        shared(
          t,
          [
            ['no conversationType', { isGroup: true }],
            ['no hints at all', {}],
          ],
          READERS.grady,
        ),
    ],
    ["one person spends the tenant's sign-in log budget", () => budget(t, options.answerWithinMs ?? 2000)],
    ['an unverifiable token gives 500 with detail', () => token(t)],
    ['malformed invokes give a Graph error card', () => malformed(t)],
    ['/healthz tells the tenant id in production', () => healthz(t)],
    ['demo mode trusts any asker and posts anywhere', () => demoGuards(t)],
  ];
  // Issue 24, items 1–3: classes 31–33.
  const issue24: [number, string, () => Promise<[Outcome, string]>][] = [
    [
      31,
      "non-readers' questions delay a reader's (fair Graph budget)",
      () => fairBudget(t, options.answerWithinMs ?? 2000),
    ],
    [32, 'one person subscribes any number of conversations to alerts', () => subscriptionCap(t)],
    [33, 'demo mode keeps and uses proactive addresses of other machines', () => demoProactive(t)],
  ];
  // The budget class runs first, while the tenant's sign-in read window is still empty.
  const order = [4, 0, 1, 2, 3, 5, 6, 7, 8];
  const results: ProbeResult[] = [];
  for (const i of order) {
    const [name, run] = classes[i];
    const [outcome, detail] = await run().catch((e: Error): [Outcome, string] => ['fail', `probe error: ${e.message}`]);
    results.push({ id: i + 1, name, outcome, detail });
  }
  // ---- Issue 24, items 4–8 and 10 (ids 20–25): scripts/probeHardening.ts ----
  const kit = {
    t,
    post: (activity: unknown, headers?: Record<string, string>) => post(t, activity, headers),
    postRaw: (body: string, headers: Record<string, string> = {}) =>
      request(t.url, '/api/messages', { headers: { 'content-type': 'application/json', ...headers }, body }),
    healthy: () => healthy(t),
    cardTexts,
    asker: (id: string, conversationId: string) => asker(t, id, conversationId),
    stateDir: t.demo ? options.stateDir : undefined,
  };
  for (const [id, name, run] of hardeningClasses(kit)) {
    const [outcome, detail] = await run().catch((e: Error): [Outcome, string] => ['fail', `probe error: ${e.message}`]);
    results.push({ id, name, outcome, detail });
  }
  // ---- end of issue 24, items 4–8 and 10 ----
  // Issue 24, items 1–3 last: their load (30 non-readers' questions) must not colour the classes above.
  // Issue 24's last items (ids 26–28, scripts/probeDelivery.ts) after them: class 28's load too.
  const more = deliveryClasses(kit, { answerWithinMs: options.answerWithinMs, alertWaitMs: options.alertWaitMs });
  for (const [id, name, run] of [...issue24, ...more]) {
    const [outcome, detail] = await run().catch((e: Error): [Outcome, string] => ['fail', `probe error: ${e.message}`]);
    results.push({ id, name, outcome, detail });
  }
  return results.sort((a, b) => a.id - b.id);
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'state-dir': { type: 'string' },
    },
  });
  if (!values.port || !/^\d+$/.test(values.port)) {
    console.error(
      "Usage: npm run probe -- --port <port of a running bot> [--host 127.0.0.1] [--state-dir <the demo bot's STATE_DIR>]",
    );
    return 2;
  }
  const url = `http://${values.host}:${values.port}`;
  const results = await runProbe(url, { stateDir: values['state-dir'] });
  console.log(`Adversarial probe of ${url}`);
  for (const r of results) console.log(`${r.outcome.toUpperCase().padEnd(4)}  ${r.id}. ${r.name}: ${r.detail}`);
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  console.log(`${count('pass')} pass, ${count('fail')} fail, ${count('n/a')} n/a`);
  return count('fail') > 0 ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      console.error(error.message);
      process.exitCode = 2;
    },
  );
}
