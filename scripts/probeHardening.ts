/**
 * The probe's classes for the second red team (issue 24, items 4, 5, 6, 7, 8 and 10), ids 20–25;
 * scripts/probe.ts runs them after its own. Each is judged from what a caller sees (status, card
 * text); the store checks of class 23 need the bot's state folder on this machine (--state-dir).
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { executeActions } from '../src/cards/text';
import { wording } from '../src/cards/wording';
import { ticketKey } from '../src/tickets/reference';
import { cardsIn, teamsCardAction, teamsMessage, type AskerInfo } from '../src/tools/activities';

type Outcome = 'pass' | 'fail' | 'n/a';
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

/** What the classes need from the probe (scripts/probe.ts). */
export interface ProbeKit {
  t: Target;
  post(activity: unknown, headers?: Record<string, string>): Promise<Answer>;
  postRaw(body: string, headers?: Record<string, string>): Promise<Answer>;
  healthy(): Promise<boolean>;
  cardTexts(answer: Answer): string[];
  asker(id: string, conversationId: string): AskerInfo;
  /** The bot's STATE_DIR (file store), when the probe may damage it (demo only). */
  stateDir?: string;
}

const MEGAN = '00000000-0000-0000-0000-0000000000021';
/** Not a reader, with failures of her own; Megan may be rate-limited by class 5 already. */
const ADELE = '00000000-0000-0000-0000-0000000000022';
/** Not sign-in readers, and asked as by no other class. */
const JOHANNA = '5e1f0000-0000-4000-8000-000000000002';
const DIEGO = '5e1f0000-0000-4000-8000-000000000004';
const ALEX = '00000000-0000-0000-0000-0000000000020';
const NESTOR = '5e1f0000-0000-4000-8000-000000000006';
const MARKERS = {
  authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJwcm9iZSI6MX0.cHJvYmUtbWFya2Vy',
  cookie: 'sid=PROBE-COOKIE-MARKER',
};
const deepJson = (depth: number) => `${'{"x":'.repeat(depth)}{}${'}'.repeat(depth)}`;

async function secretsInLogs(k: ProbeKit): Promise<[Outcome, string]> {
  const message = JSON.stringify(teamsMessage('help', k.asker(MEGAN, `a:probe-${randomUUID()}`)));
  const deep = await k.postRaw(message.replace(/}$/, `,"value":${deepJson(5_000)}}`), MARKERS);
  const huge = await k.postRaw(message.replace(/}$/, `,"padding":"${'x'.repeat(300 * 1024)}"}`), MARKERS);
  // Production: the token is not Bot Framework's, so 401 whatever the body (503 while its keys cannot be loaded).
  const ok = k.t.demo
    ? deep.status === 400 && huge.status === 413
    : [deep, huge].every((a) => a.status === 401 || a.status === 503);
  if (!ok)
    return [
      'fail',
      `5,000 levels deep: HTTP ${deep.status}, 300 KB: HTTP ${huge.status} (expected ${k.t.demo ? '400 and 413' : '401'})`,
    ];
  if ([deep, huge].some((a) => a.body.includes('PROBE-COOKIE') || a.body.includes('cHJvYmUtbWFya2Vy')))
    return ['fail', 'an answer echoed the Authorization or Cookie header'];
  if (!(await k.healthy())) return ['fail', '/healthz stopped answering'];
  return [
    'pass',
    `deep and huge bodies with Authorization and Cookie: HTTP ${deep.status} and ${huge.status} before any parse (the logs are checked by test/security/hardeningTwo.test.ts)`,
  ];
}

async function oracles(k: ProbeKit): Promise<[Outcome, string]> {
  if (!k.t.demo) return ['n/a', 'needs a Bot Framework token (run against demo mode)'];
  const seen = await k.post(
    teamsMessage('why did Adele Vance fail to sign in this week?', k.asker(ALEX, `a:probe-${randomUUID()}`)),
  );
  const button = cardsIn({ status: seen.status, body: seen.json })
    .flatMap((c) => executeActions(c))
    .find((a) => a.verb === 'openTicket');
  if (!button) return ['fail', "could not get a ticket button for someone else's sign-in"];
  const forged = async (signInId: string) => {
    const started = Date.now();
    const answer = await k.post(teamsCardAction('openTicket', { signInId }, k.asker(DIEGO, `a:probe-${randomUUID()}`)));
    return { text: k.cardTexts(answer).join('\n'), ms: Date.now() - started };
  };
  // "Still looking" and "busy" speak of the sign-in log's load, not of the id: such a pair proves
  // nothing either way, so it is tried again once the reads waiting have had a window to finish.
  const load = [wording('en').stillLookingTitle, wording('en').serviceTitle_busy];
  const aboutLoad = (text: string) => load.some((title) => text.startsWith(title));
  let pair: [{ text: string; ms: number }, { text: string; ms: number }] | null = null;
  for (let attempt = 0; attempt < 4 && !pair; attempt++) {
    const tried = [await forged(String(button.data.signInId)), await forged(randomUUID())] as const;
    if (!aboutLoad(tried[0].text) && !aboutLoad(tried[1].text)) pair = [tried[0], tried[1]];
    else await new Promise((resolve) => setTimeout(resolve, 11_000));
  }
  if (!pair) return ['fail', 'the sign-in log stayed busy: no pair of answers to compare'];
  const [existing, unknown] = pair;
  if (existing.text !== unknown.text)
    return [
      'fail',
      `a non-reader's ticket click answers differently for an existing sign-in id (${existing.text.split('\n')[0]}) and an unknown one (${unknown.text.split('\n')[0]})`,
    ];
  const gone = [wording('en').incidentGone, wording('nl').incidentGone];
  for (const verb of ['incidentPeople', 'incidentTicket']) {
    const text = k
      .cardTexts(
        await k.post(
          teamsCardAction(
            verb,
            { incidentId: 'inc-0123456789abcdef', language: 'en' },
            k.asker(DIEGO, `a:probe-${randomUUID()}`),
          ),
        ),
      )
      .join('\n');
    if (gone.some((g) => text.includes(g)))
      return ['fail', `${verb} from a non-reader: an unknown incident id is said to be gone (existence before access)`];
  }
  return [
    'pass',
    `a non-reader's forged ticket click: the same answer for an existing and an unknown sign-in id (${existing.ms} ms / ${unknown.ms} ms); alert buttons refused before the incident is looked up`,
  ];
}

async function shapes(k: ProbeKit): Promise<[Outcome, string]> {
  if (!k.t.demo) return ['n/a', 'needs a Bot Framework token (run against demo mode)'];
  const base = () => teamsMessage('why did Megan Bowen fail to sign in?', k.asker(ALEX, `a:probe-${randomUUID()}`));
  const bot = { id: '28:signin-troubleshooter', name: 'Sign-in Troubleshooter' };
  const cases: [string, unknown][] = [
    ['an entity without type', { text: 'x' }],
    ['type ""', { type: '' }],
    ['a mention without mentioned', { type: 'mention', text: '<at>x</at>' }],
    ['mentioned null', { type: 'mention', text: '<at>x</at>', mentioned: null }],
    ['a recipient mention without text', { type: 'mention', mentioned: bot }],
  ];
  for (const [label, entity] of cases) {
    const answer = await k.post({ ...base(), entities: [entity] });
    if (answer.status !== 400)
      return ['fail', `${label}: HTTP ${answer.status} ${k.cardTexts(answer)[0]?.split('\n')[0] ?? ''}`];
  }
  return ['pass', `${cases.length} malformed entities and mentions: 400 with a reason`];
}

async function storedState(k: ProbeKit): Promise<[Outcome, string]> {
  if (!k.t.demo) return ['n/a', 'needs a Bot Framework token (run against demo mode)'];
  const who = k.asker(ADELE, `a:probe-${randomUUID()}`);
  const own = cardsIn({ status: 200, body: (await k.post(teamsMessage("why can't I sign in this week?", who))).json });
  const button = own.flatMap((c) => executeActions(c)).find((a) => a.verb === 'openTicket');
  if (!button) return ['fail', "could not get a ticket button for Adele's own sign-in"];
  let damaged = '';
  if (k.stateDir) {
    // A ledger entry "sent" without its ticket: the answer must name a real ticket, and send none.
    const file = path.join(k.stateDir, 'tickets', `${ticketKey(String(button.data.signInId), ADELE)}.json`);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(
      file,
      JSON.stringify({ value: { state: 'sent' }, etag: '"probe"', expiresAt: Date.now() + 3_600_000 }),
      { mode: 0o600 },
    );
    damaged = ' over a damaged ledger entry';
  }
  const texts: string[] = [];
  for (let i = 0; i < 2; i++)
    texts.push(k.cardTexts(await k.post(teamsCardAction('openTicket', button.data, who))).join('\n'));
  const references = texts.map((text) => /SIT-[0-9A-F]{8}|[A-Z]+\d{4,}/.exec(text)?.[0]);
  if (!damaged && references.every((r) => !r) && !texts.some((text) => text.includes('undefined')))
    return ['n/a', 'tickets are not configured on this bot (TICKET_SINK)'];
  if (texts.some((text) => text.includes('undefined')) || references.some((r) => !r) || references[0] !== references[1])
    return ['fail', `ticket clicks${damaged}: ${texts.map((x) => x.split('\n')[0]).join(' / ')}`];
  if (!k.stateDir)
    return [
      'pass',
      `a ticket clicked twice: one reference (${references[0]}), no "undefined" (give --state-dir to damage the store and check its file modes)`,
    ];
  const modes: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const stat = await fs.stat(dir);
    if ((stat.mode & 0o077) !== 0)
      modes.push(`${path.relative(k.stateDir!, dir) || '.'} ${(stat.mode & 0o777).toString(8)}`);
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.json') && ((await fs.stat(full)).mode & 0o077) !== 0)
        modes.push(`${path.relative(k.stateDir!, full)} ${((await fs.stat(full)).mode & 0o777).toString(8)}`);
    }
  };
  await walk(k.stateDir);
  if (modes.length > 0) return ['fail', `readable by others: ${modes.slice(0, 3).join(', ')}`];
  return [
    'pass',
    `a damaged ledger entry answered as ticket ${references[0]}, unconfirmed, no second ticket, no "undefined"; state files 0600, folders 0700`,
  ];
}

async function idCase(k: ProbeKit): Promise<[Outcome, string]> {
  if (!k.t.demo) return ['n/a', 'needs a Bot Framework token (run against demo mode)'];
  const spellings = [JOHANNA.toUpperCase(), JOHANNA, '5E1f0000-0000-4000-8000-000000000002'];
  const limited = (a: Answer) => k.cardTexts(a).some((text) => text.includes(wording('en').rateLimitedTitle));
  // Rate limits count per minute: start early in one, so that the whole run lands in it.
  while (new Date().getSeconds() > 30) await new Promise((r) => setTimeout(r, 500));
  let allowed = 0;
  for (; allowed < 100; allowed++)
    if (limited(await k.post(teamsMessage('help', k.asker(spellings[0], `a:probe-${randomUUID()}`))))) break;
  if (allowed === 100) return ['n/a', 'no rate limit met within 100 messages'];
  for (const spelling of spellings.slice(1)) {
    if (!limited(await k.post(teamsMessage('help', k.asker(spelling, `a:probe-${randomUUID()}`)))))
      return [
        'fail',
        `after ${allowed} messages as ${spellings[0]} (rate-limited), ${spelling} was answered as another person`,
      ];
  }
  return [
    'pass',
    `rate-limited after ${allowed} messages in upper case; the lower- and mixed-case spellings of the same id are limited too`,
  ];
}

async function ticketBeside(k: ProbeKit): Promise<[Outcome, string]> {
  if (!k.t.demo) return badToken(k);
  const who = k.asker(NESTOR, `a:probe-${randomUUID()}`);
  const wide =
    k.cardTexts(await k.post(teamsMessage('who failed to sign in this week?', who)))[0]?.split('\n')[0] ?? '';
  const seen = await k.post(teamsMessage('why did Megan Bowen fail to sign in this week?', who));
  const button = cardsIn({ status: seen.status, body: seen.json })
    .flatMap((c) => executeActions(c))
    .find((a) => a.verb === 'openTicket');
  if (!wide || !button) return ['fail', 'could not get a tenant-wide answer and a ticket button for Megan'];
  const text = k
    .cardTexts(
      await k.post(
        teamsCardAction('openTicket', { signInId: button.data.signInId, userId: null, intent: 'failures' }, who),
      ),
    )
    .join('\n');
  if (text.includes(wide))
    return ['fail', `a ticket click with userId null showed the tenant-wide investigation ("${wide}")`];
  return ['pass', "a reader's ticket click with userId null: the ticket without an unrelated investigation"];
}

async function badToken(k: ProbeKit): Promise<[Outcome, string]> {
  const bodies = [
    '[1,2,3]',
    '{"type":',
    '{"type":"message","text":42}',
    JSON.stringify({ ...teamsMessage('hi', k.asker(MEGAN, 'a:probe')), entities: [{ text: 'no type' }] }),
  ];
  for (const body of bodies) {
    const answer = await k.postRaw(body, { authorization: 'Bearer garbage' });
    if (answer.status !== 401)
      return [
        'fail',
        `a garbage bearer token with ${body.slice(0, 30)}: HTTP ${answer.status} ${answer.body.slice(0, 80)}`,
      ];
  }
  return ['pass', `a garbage bearer token: 401 for ${bodies.length} malformed bodies, as without a token`];
}

/** The classes, by id, with the names scripts/probe.ts prints. */
export function hardeningClasses(k: ProbeKit): [number, string, () => Promise<[Outcome, string]>][] {
  return [
    [20, 'a secret reaches a log line (deep or huge bodies with Authorization and Cookie)', () => secretsInLogs(k)],
    [21, "oracles (someone else's sign-in id or incident id answered unlike an unknown one)", () => oracles(k)],
    [22, 'malformed entities and mentions fail inside the turn', () => shapes(k)],
    [23, 'stored state that does not heal (damaged ledger, "Ticket undefined", file modes)', () => storedState(k)],
    [24, 'ids in another letter case count as another person', () => idCase(k)],
    [
      25,
      k.t.demo
        ? 'a ticket click with userId null shows an unrelated investigation'
        : 'a garbage bearer token gets 400 with the reason',
      () => ticketBeside(k),
    ],
  ];
}
