/**
 * Abuse limits: a per-person rate limit with a friendly answer and no Graph request; oversized
 * messages get a clear reply; oversized, malformed or mistyped bodies get 413/400, never a crash.
 */
import { messageCard, wording } from '../../src/cards/render';
import { cardToText } from '../../src/cards/text';
import { MAX_CHARACTERS } from '../../src/understanding';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';
import { auditsIn, parseLogLine } from '../support/logLines';

const MEGAN: AskerInfo = {
  aadObjectId: '00000000-0000-0000-0000-0000000000021',
  name: 'Megan Bowen',
  conversationId: 'a:megan-abuse',
};
const ALEX: AskerInfo = {
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
  conversationId: 'a:alex-abuse',
};
const PATTI: AskerInfo = {
  aadObjectId: '00000000-0000-0000-0000-0000000000024',
  name: 'Patti Fernandez',
  conversationId: 'a:patti-abuse',
};
const LYNNE: AskerInfo = {
  aadObjectId: '00000000-0000-0000-0000-0000000000025',
  name: 'Lynne Robbins',
  conversationId: 'a:lynne-abuse',
};
const s = wording('en');
const RATE_LIMITED = messageCard('en', s.rateLimitedTitle, [s.rateLimitedText]).content;
const RATE_LIMITED_NL = messageCard('nl', wording('nl').rateLimitedTitle, [wording('nl').rateLimitedText]).content;
const RATE_LIMITED_CLICK = messageCard('en', s.rateLimitedTitle, [s.rateLimitedClickText]).content;

let running: RunningApp;
beforeAll(async () => {
  running = await startApp({ RATE_LIMIT_PER_MINUTE: '3', GRAPH_REPORTS_MAX_REQUESTS: '1000' });
});
afterAll(() => running.stop());

const audits = (from: number) => auditsIn(running.logLines.slice(from));

async function raw(body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe('per-person rate limit (RATE_LIMIT_PER_MINUTE=3)', () => {
  it('answers the 4th question in a minute with "One moment, please" and makes no Graph request', async () => {
    for (const text of ["why can't I sign in?", 'why did I fail yesterday?', 'what does AADSTS50053 mean?']) {
      const ok = await postActivity(running.url, teamsMessage(text, MEGAN));
      expect(cardsIn(ok)[0]).not.toEqual(RATE_LIMITED);
    }
    const before = running.tenant.requestLog.length;
    const logs = running.logLines.length;
    const fourth = await postActivity(running.url, teamsMessage('why did I fail to sign in this morning?', MEGAN));
    expect(fourth.status).toBe(200);
    expect(cardsIn(fourth)).toEqual([RATE_LIMITED]);
    expect(cardToText(cardsIn(fourth)[0])).toContain('One moment, please');
    expect(running.tenant.requestLog.length).toBe(before);
    expect(audits(logs)).toEqual([
      expect.objectContaining({
        requester: MEGAN.aadObjectId,
        decision: 'refused',
        reason: 'rate-limited',
        records: 0,
      }),
    ]);
  });

  it('limits card clicks by the same person too', async () => {
    const before = running.tenant.requestLog.length;
    const click = await postActivity(
      running.url,
      teamsCardAction('retry', { intent: 'failures', userId: MEGAN.aadObjectId }, MEGAN),
    );
    expect(cardsIn(click)).toEqual([RATE_LIMITED_CLICK]);
    expect(running.tenant.requestLog.length).toBe(before);
  });

  it('counts per person, not per conversation: a new conversation does not reset it', async () => {
    const other = await postActivity(
      running.url,
      teamsMessage("why can't I sign in?", { ...MEGAN, conversationId: 'a:megan-elsewhere' }),
    );
    expect(cardsIn(other)).toEqual([RATE_LIMITED]);
  });

  it('does not limit anyone else', async () => {
    const alex = await postActivity(running.url, teamsMessage('why did Megan Bowen fail to sign in yesterday?', ALEX));
    expect(cardToText(cardsIn(alex)[0])).toContain('for Megan Bowen between');
  });

  it("answers in the asker's language", async () => {
    for (let i = 0; i < 3; i++) await postActivity(running.url, teamsMessage('help', { ...LYNNE, locale: 'nl-NL' }));
    const fourth = await postActivity(
      running.url,
      teamsMessage('waarom kan ik niet inloggen?', { ...LYNNE, locale: 'nl-NL' }),
    );
    expect(cardsIn(fourth)).toEqual([RATE_LIMITED_NL]);
  });
});

describe('oversized messages', () => {
  it(`answers a question over ${MAX_CHARACTERS} characters with a clear reply and no Graph request`, async () => {
    expect(MAX_CHARACTERS).toBe(2000);
    const before = running.tenant.requestLog.length;
    const text = `why can't I sign in? ${'please '.repeat(300)}`;
    expect(text.length).toBeGreaterThan(2000);
    const result = await postActivity(running.url, teamsMessage(text, PATTI));
    expect(result.status).toBe(200);
    expect(cardsIn(result)).toEqual([
      messageCard('en', s.tooLongTitle, ['Please keep your question under 2000 characters.']).content,
    ]);
    expect(running.tenant.requestLog.length).toBe(before);
  });

  it('answers a 200 KB message (under the body limit) the same way, quickly', async () => {
    const started = Date.now();
    const result = await postActivity(
      running.url,
      teamsMessage('x'.repeat(200_000), { ...PATTI, conversationId: 'a:patti-2' }),
    );
    expect(cardToText(cardsIn(result)[0])).toContain('That message is too long');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers 413 to a body over 256 KB', async () => {
    const response = await raw(JSON.stringify(teamsMessage('y'.repeat(300 * 1024), PATTI)));
    expect(response.status).toBe(413);
  });
});

describe('malformed bodies', () => {
  const activity = () =>
    teamsMessage("why can't I sign in?", { ...PATTI, conversationId: 'a:patti-malformed' }) as Record<string, unknown>;

  it.each([
    ['malformed JSON', '{"type":'],
    ['a JSON array', '[1,2,3]'],
    ['an array of activities', JSON.stringify([{ type: 'message', text: 'hi' }])],
    ['a JSON string', '"message"'],
    ['JSON null', 'null'],
    ['an object without a type', JSON.stringify({ text: 'hi' })],
    ['a type that is not a string', JSON.stringify({ type: 5 })],
  ])('answers 400 to %s', async (_label, body) => {
    expect((await raw(body)).status).toBe(400);
  });

  it.each([
    ['text as a number', { text: 12345 }],
    ['text as an object', { text: { html: 'hi' } }],
    ['entities as an object', { entities: { type: 'mention' } }],
    ['a null entity', { entities: [null] }],
    [
      'a mention whose name is an object',
      { entities: [{ type: 'mention', text: '<at>x</at>', mentioned: { id: '29:x', name: { first: 'Alex' } } }] },
    ],
    ['from as a string', { from: '00000000-0000-0000-0000-0000000000021' }],
    ['aadObjectId as a number', { from: { id: '29:x', aadObjectId: 21 } }],
    ['an array as aadObjectId', { from: { id: '29:x', aadObjectId: ['00000000-0000-0000-0000-0000000000021'] } }],
    ['channelData.tenant.id as an object', { channelData: { tenant: { id: { $ne: null } } } }],
    ['locale as an object', { locale: { tag: 'en' } }],
    ['localTimezone as a number', { localTimezone: 1 }],
    [
      'an invoke whose value is a string',
      { type: 'invoke', name: 'adaptiveCard/action', value: 'openTicket', deliveryMode: 'normal' },
    ],
  ])('answers 400 to an activity with %s, and makes no Graph request', async (_label, patch) => {
    const before = running.tenant.requestLog.length;
    const response = await raw(JSON.stringify({ ...activity(), ...patch }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^The activity is malformed: /);
    expect(running.tenant.requestLog.length).toBe(before);
  });

  it('answers an invoke with nonsense card data with a card, not an error', async () => {
    const results = await Promise.all([
      postActivity(
        running.url,
        teamsCardAction('openTicket', { signInId: { $gt: '' } }, { ...ALEX, conversationId: 'a:alex-2' }),
      ),
      postActivity(
        running.url,
        teamsCardAction('choosePerson', { userId: 42 }, { ...ALEX, conversationId: 'a:alex-3' }),
      ),
      postActivity(running.url, teamsCardAction('noSuchVerb', {}, { ...ALEX, conversationId: 'a:alex-4' })),
    ]);
    for (const result of results) {
      expect(result.status).toBe(200);
      expect(cardsIn(result)).toHaveLength(1);
    }
    expect(cardToText(cardsIn(results[0])[0])).toContain(s.ticketFailedTitle);
    expect(cardToText(cardsIn(results[1])[0])).toContain(s.notAllowedTitle);
  });

  it('logs no unhandled error for any of the above, and keeps serving', async () => {
    const errors = running.logLines.map(parseLogLine).filter((l) => l.level >= 50);
    expect(errors).toEqual([]);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const henrietta = { aadObjectId: '5e1f0000-0000-4000-8000-000000000007', name: 'Henrietta Mueller' };
    const again = await postActivity(
      running.url,
      teamsMessage('why did Megan Bowen fail to sign in yesterday?', henrietta),
    );
    expect(cardToText(cardsIn(again)[0])).toContain('for Megan Bowen between');
  });
});
