/**
 * Issue 24 (second red team), items 4, 5, 6, 8 and 10, over the real server with the live index and
 * the demo tenant's live incident:
 * - 4: no secret in any log line; a deep or huge body is refused before anything parses or logs it;
 * - 5: no oracles: a non-reader's forged ticket click costs the same read for someone else's sign-in
 *   id as for an unknown one; alert buttons are checked for access before the incident is looked up;
 * - 6: entities and mentions are part of the activity schema (400 with the reason, never a stack);
 * - 8: one person in three letter cases is one person;
 * - 10: a ticket click with `userId: null` keeps no unrelated tenant-wide investigation.
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { createLogger, restifyLogger } from '../../src/shared/logger';
import { DemoTenant } from '../../src/demo/tenant';
import { withLiveIncident } from '../../src/demo/liveIncident';
import { wording } from '../../src/cards/wording';
import { cardToText, executeActions } from '../../src/cards/text';
import { requesterOf } from '../../src/bot/requester';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { NOW, startApp, type RunningApp } from '../support/app';
import { parseLogLine } from '../support/logLines';

const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber', conversationId: 'a:alex-h2' };
/** Helpdesk Administrator: not a sign-in reader. Their id has letters, so it has other spellings. */
const DIEGO = {
  aadObjectId: '5e1f0000-0000-4000-8000-000000000004',
  name: 'Diego Siciliani',
  conversationId: 'a:diego-h2',
};
const MARKERS = {
  token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYXJrZXIifQ.c2lnbmF0dXJlLW1hcmtlcg',
  cookie: 'sid=COOKIE-MARKER-7d1e',
  basic: 'QmFzaWMtTWFya2VyLTRhOWM=',
};
const HOSTILE_HEADERS = {
  authorization: `Bearer ${MARKERS.token}`,
  cookie: MARKERS.cookie,
  'proxy-authorization': `Basic ${MARKERS.basic}`,
};

let running: RunningApp;
const lines: string[] = [];
let incidentId: string;

beforeAll(async () => {
  const logger = createLogger('trace', {
    write: (line: string) => {
      lines.push(line);
    },
  });
  const tenant = new DemoTenant(withLiveIncident({ now: NOW }));
  running = await startApp(
    { SIGNIN_INDEX_HOURS: '24', RATE_LIMIT_PER_MINUTE: '20' },
    { logger, demoTenant: tenant, signInIndex: { intervalMs: 200 } },
  );
  const deadline = Date.now() + 20_000;
  while (running.app.incidents!.monitor.incidents().length === 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  incidentId = running.app.incidents!.monitor.incidents()[0].id;
});
afterAll(() => running.stop());

const text = (result: { status: number; body: unknown }) =>
  cardsIn(result)
    .map((c) => cardToText(c))
    .join('\n');
/** Reads of the sign-in log naming this id (the live index polls the log meanwhile). */
const signInReads = (from: number, id: string) =>
  running.tenant.requestLog
    .slice(from)
    .filter((r) => r.path.startsWith('/auditLogs/signIns') && (r.filter ?? '').includes(id)).length;

function nested(depth: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let at = root;
  for (let i = 0; i < depth; i++) at = at.x = {};
  return root;
}

describe('item 4: bodies no formatter should see are refused first', () => {
  it('a message nested 5,000 levels deep: 400 naming the depth, not 500', async () => {
    const deep = `${'{"x":'.repeat(5_000)}{}${'}'.repeat(5_000)}`;
    const body = JSON.stringify(teamsMessage('help', DIEGO)).replace(/}$/, `,"value":${deep}}`);
    const response = await fetch(`${running.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...HOSTILE_HEADERS },
      body,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/nests deeper than 64 levels/);
  });

  it('a body over the size cap: 413', async () => {
    const result = await postActivity(
      running.url,
      { ...teamsMessage('help', DIEGO), padding: 'x'.repeat(300 * 1024) },
      HOSTILE_HEADERS,
    );
    expect(result.status).toBe(413);
  });

  it('an activity nested as deep as a real Teams message (an Adaptive Card attachment) is still answered', async () => {
    const result = await postActivity(
      running.url,
      {
        ...teamsMessage('help', DIEGO),
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: nested(30) }],
      },
      HOSTILE_HEADERS,
    );
    expect(result.status).toBe(200);
    expect(cardsIn(result)).toHaveLength(1);
  });

  it("restify's logger and every logger drop headers and token-looking values", () => {
    const captured: string[] = [];
    const logger = createLogger('info', {
      write: (line: string) => {
        captured.push(line);
      },
    });
    const req = {
      method: 'POST',
      url: `/api/messages?code=${MARKERS.basic}`,
      headers: { ...HOSTILE_HEADERS },
      rawHeaders: Object.entries(HOSTILE_HEADERS).flat(),
    };
    restifyLogger(logger).warn(
      { req, err: new Error(`failed for Bearer ${MARKERS.token}`) },
      'error retrieving formatter',
    );
    logger.warn(
      { request: req, note: `token ${MARKERS.token} in text`, nested: { deeper: { cookie: MARKERS.cookie } } },
      `message with Bearer ${MARKERS.token}`,
    );
    const all = captured.join('\n');
    for (const marker of Object.values(MARKERS)) expect(all).not.toContain(marker);
    expect(all).not.toMatch(/COOKIE-MARKER|rawHeaders":\[/);
    expect(captured).toHaveLength(2);
    expect(parseLogLine(captured[0])).toMatchObject({ level: 40, component: 'restify' });
    // And it is the logger the running server's restify writes to.
    expect(
      (running.app.server as unknown as { log: { bindings(): Record<string, unknown> } }).log.bindings(),
    ).toMatchObject({ component: 'restify' });
  });
});

describe('item 6: entities and mentions are part of the activity schema', () => {
  const message = () => teamsMessage('why did Megan Bowen fail to sign in yesterday?', ALEX);
  const withEntity = (entity: unknown) => ({ ...message(), entities: [entity] });
  const bot = { id: '28:signin-troubleshooter', name: 'Sign-in Troubleshooter' };
  it.each([
    ['an entity without a type', withEntity({ text: 'x' }), /non-empty string type/],
    ['an entity whose type is ""', withEntity({ type: '' }), /non-empty string type/],
    ['a mention without mentioned', withEntity({ type: 'mention', text: '<at>Megan</at>' }), /mentioned/],
    [
      'a mention whose mentioned is null',
      withEntity({ type: 'mention', text: '<at>Megan</at>', mentioned: null }),
      /mentioned/,
    ],
    ['a mention of the bot without text', withEntity({ type: 'mention', mentioned: bot }), /text/],
    ['a mention spelled Mention without text', withEntity({ type: 'Mention', mentioned: bot }), /text/],
  ])('%s: 400 with the reason', async (_label, activity, reason) => {
    const before = lines.length;
    const result = await postActivity(running.url, activity);
    expect(result.status).toBe(400);
    expect((result.body as { error: string }).error).toMatch(reason);
    expect(
      lines
        .slice(before)
        .map(parseLogLine)
        .filter((l) => l.level >= 50),
    ).toEqual([]);
  });

  it('entities: null, and a message whose text is only the mention of the bot, are answered without an error', async () => {
    const before = lines.length;
    for (const activity of [
      { ...message(), entities: null },
      {
        ...message(),
        text: '<at>Sign-in Troubleshooter</at>',
        entities: [{ type: 'mention', text: '<at>Sign-in Troubleshooter</at>', mentioned: bot }],
      },
    ]) {
      const result = await postActivity(running.url, activity);
      expect(result.status).toBe(200);
      expect(text(result)).not.toMatch(/went wrong|did not answer/);
    }
    expect(
      lines
        .slice(before)
        .map(parseLogLine)
        .filter((l) => l.level >= 50),
    ).toEqual([]);
  });
});

describe('item 6: whatever shape a field takes, the answer is 400 with a reason or a card, never an error inside the turn', () => {
  // Asked as Henrietta (a reader asked as nowhere else): the runs spend her rate limit, nobody else's.
  const HENRIETTA = {
    aadObjectId: '5e1f0000-0000-4000-8000-000000000007',
    name: 'Henrietta Mueller',
    conversationId: 'a:henrietta-h2',
  };
  const VALUES: unknown[] = [null, '', 0, true, [], {}, 'x', [null], [{}], { id: 5 }];
  const FIELDS = [
    'from',
    'recipient',
    'conversation',
    'channelData',
    'entities',
    'value',
    'text',
    'locale',
    'localTimezone',
    'serviceUrl',
    'attachments',
    'membersAdded',
    'name',
    'replyToId',
  ];
  const set = (activity: Record<string, unknown>, field: string, value: unknown) => ({ ...activity, [field]: value });
  it.each([
    [
      'a message',
      () => teamsMessage('why did Megan Bowen fail to sign in yesterday?', HENRIETTA) as Record<string, unknown>,
    ],
    [
      'a card action',
      () =>
        teamsCardAction('showMore', { intent: 'failures', userId: null, offset: 0 }, HENRIETTA) as Record<
          string,
          unknown
        >,
    ],
    [
      'a conversation update',
      () => ({
        ...teamsMessage('', HENRIETTA),
        type: 'conversationUpdate',
        text: undefined,
        membersAdded: [{ id: '29:alex' }],
      }),
    ],
  ])('%s with each field replaced', async (_label, make) => {
    const before = lines.length;
    const unanswered: string[] = [];
    for (const field of FIELDS) {
      for (const value of VALUES) {
        const result = await postActivity(running.url, set(make(), field, value));
        // 501 is Bot Framework's answer to an invoke it does not implement (another name than adaptiveCard/action).
        const answered =
          result.status === 400 ||
          (result.status === 501 && field === 'name') ||
          (result.status === 200 && !/went wrong/.test(text(result)));
        if (!answered)
          unanswered.push(`${field}=${JSON.stringify(value)}: HTTP ${result.status} ${text(result).split('\n')[0]}`);
      }
    }
    expect(unanswered).toEqual([]);
    expect(
      lines
        .slice(before)
        .map(parseLogLine)
        .filter((l) => l.level >= 50)
        .map((l) => l.msg),
    ).toEqual([]);
  });
});

describe('item 5: no oracles', () => {
  it("a non-reader's forged ticket click: someone else's sign-in id and an unknown id take the same read and get the same answer", async () => {
    const others = running.tenant.signIns.filter(
      (r) => r.userId !== DIEGO.aadObjectId && Date.parse(r.createdDateTime!) > NOW.getTime() - 6 * 3_600_000,
    );
    const existing = others.find((r) => running.app.signInIndex!.index.get(r.id!))!;
    expect(existing).toBeDefined();
    const answers: string[] = [];
    const reads: number[] = [];
    for (const signInId of [existing.id!, randomUUID()]) {
      const before = running.tenant.requestLog.length;
      const result = await postActivity(running.url, teamsCardAction('openTicket', { signInId }, DIEGO));
      reads.push(signInReads(before, signInId));
      answers.push(text(result));
    }
    expect(reads).toEqual([1, 1]);
    expect(answers[0]).toBe(answers[1]);
    expect(answers[0]).not.toContain(existing.userDisplayName!);
  });

  it.each(['incidentPeople', 'incidentTicket'])(
    '%s from a non-reader: the same answer for a live incident id and an unknown one',
    async (verb) => {
      const live = text(await postActivity(running.url, teamsCardAction(verb, { incidentId, language: 'en' }, DIEGO)));
      const unknown = text(
        await postActivity(
          running.url,
          teamsCardAction(verb, { incidentId: 'inc-0123456789abcdef', language: 'en' }, DIEGO),
        ),
      );
      expect(live).toBe(unknown);
      expect(live).toContain('helpdesk staff');
      // A reader still learns that an unknown incident is gone.
      expect(
        text(
          await postActivity(
            running.url,
            teamsCardAction(verb, { incidentId: 'inc-0123456789abcdef', language: 'en' }, ALEX),
          ),
        ),
      ).toContain(wording('en').incidentGone);
    },
  );
});

describe("item 10: a reader's ticket click with userId null", () => {
  it('opens the ticket without an unrelated tenant-wide investigation beside it', async () => {
    const megans = running.tenant.signIns.find(
      (r) => r.userId === '00000000-0000-0000-0000-0000000000021' && r.status?.errorCode,
    )!;
    const activity = teamsCardAction('openTicket', { signInId: megans.id, userId: null, intent: 'failures' }, ALEX);
    const reply = await running.app.troubleshooter.act(
      requesterOf(activity as unknown as Partial<Activity>, 'Europe/Amsterdam'),
      'openTicket',
      activity.value.action.data,
    );
    expect(reply.answer.kind).toBe('ticket-opened');
    expect(reply.answer.kind === 'ticket-opened' && reply.answer.summary).toBeFalsy();
  });

  it("keeps the owner's investigation when the button names the owner (as every ticket button does)", async () => {
    const asked = await postActivity(running.url, teamsMessage('why did Megan Bowen fail to sign in this week?', ALEX));
    const button = executeActions(cardsIn(asked)[0]).find((a) => a.verb === 'openTicket');
    expect(button?.data.userId).toEqual(expect.stringMatching(/^[0-9a-f-]{36,37}$/));
    const activity = teamsCardAction('openTicket', button!.data, ALEX);
    const reply = await running.app.troubleshooter.act(
      requesterOf(activity as unknown as Partial<Activity>, 'Europe/Amsterdam'),
      'openTicket',
      activity.value.action.data,
    );
    expect(reply.answer.kind === 'ticket-opened' && reply.answer.summary?.subject).toEqual({
      kind: 'person',
      id: button!.data.userId,
      name: expect.any(String) as unknown,
    });
  });
});

describe('item 8: one person in three letter cases is one person', () => {
  it('shares one rate limit (20 a minute) across the spellings of their object id', async () => {
    // Johanna Lorenz, not a reader, asks nothing else in this file.
    const id = '5e1f0000-0000-4000-8000-000000000002';
    const spellings = [id, id.toUpperCase(), '5E1f0000-0000-4000-8000-000000000002'];
    // Counted per minute of the real clock: started early in one, so that all 24 land in it.
    while (new Date().getSeconds() > 40) await new Promise((r) => setTimeout(r, 500));
    const answers: string[] = [];
    for (let i = 0; i < 24; i++)
      answers.push(
        text(
          await postActivity(
            running.url,
            teamsMessage('help', {
              aadObjectId: spellings[i % 3],
              name: 'Johanna Lorenz',
              conversationId: `a:johanna-rate-${i}`,
            }),
          ),
        ),
      );
    expect(answers.map((a) => a.includes(wording('en').rateLimitedTitle))).toEqual([
      ...Array<boolean>(20).fill(false),
      true,
      true,
      true,
      true,
    ]);
  });
});

describe('item 4: the logs of the whole hostile run', () => {
  it('hold no token, cookie, header or stack of a refused body', () => {
    const all = lines.join('\n');
    for (const marker of Object.values(MARKERS)) expect(all).not.toContain(marker);
    expect(all).not.toMatch(/rawHeaders|COOKIE-MARKER|"authorization":"Bearer/i);
    expect(lines.map(parseLogLine).filter((l) => l.level >= 50)).toEqual([]);
  });
});
