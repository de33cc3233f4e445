/**
 * Helpdesk fixes over the real HTTP server, the real CloudAdapter and the real UserTokenClient
 * against the demo tenant (issue 21): the fix buttons on a reader's card, the confirmation, the
 * change done once with the clicker's own delegated token (the demo's stats name the caller), the
 * 403 worded with the role, and the SSO answers (401 loginRequest, 412 on a failed exchange).
 */
import { DEMO_PEOPLE } from '../../src/demo/people';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import { bytes, cardProblems } from '../cards/validateCard';
import { startApp, type RunningApp } from '../support/app';

type El = Record<string, unknown>;
let conversation = 0;

function asker(
  name: string,
  locale = 'en-US',
  conversationType = 'personal',
): AskerInfo & { conversationType: string } {
  conversation += 1;
  const p = DEMO_PEOPLE.find((x) => x.displayName === name)!;
  return {
    aadObjectId: p.id,
    name: p.displayName,
    locale,
    conversationId: `a:fixes-${conversation}`,
    conversationType,
  };
}
const idOf = (name: string) => DEMO_PEOPLE.find((x) => x.displayName === name)!.id;

function actions(card: El): El[] {
  const found: El[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as El;
    if (typeof el.type === 'string' && el.type.startsWith('Action.')) found.push(el);
    for (const [key, value] of Object.entries(el)) if (key !== 'card') walk(value);
  };
  walk(card.body);
  walk(card.actions);
  return found;
}
const cardText = (card: El) => JSON.stringify(card.body);

function where<T extends Record<string, unknown>>(activity: T, who: { conversationType: string }): T {
  if (who.conversationType === 'personal') return activity;
  const conv = activity.conversation as Record<string, unknown>;
  return {
    ...activity,
    conversation: {
      ...conv,
      conversationType: who.conversationType,
      isGroup: true,
      id: `19:${String(conv.id)}@thread.v2`,
    },
  };
}

async function ask(app: RunningApp, who: ReturnType<typeof asker>, text: string): Promise<El> {
  const result = await postActivity(app.url, where(teamsMessage(text, who), who));
  expect(result.status).toBe(200);
  const cards = cardsIn(result);
  expect(cards).toHaveLength(1);
  expect(cardProblems(cards[0])).toEqual([]);
  expect(bytes(cards[0])).toBeLessThanOrEqual(28 * 1024);
  return cards[0];
}

/** An Action.Execute click; `sso`: the token Teams would send after a loginRequest. */
async function click(
  app: RunningApp,
  who: ReturnType<typeof asker>,
  verb: string,
  data: El,
  sso?: string,
): Promise<{ statusCode: number; type: string; value: El }> {
  const base = where(teamsCardAction(verb, data, who), who);
  const activity = sso
    ? { ...base, value: { ...base.value, authentication: { id: 'x1', connectionName: 'graph-delegated', token: sso } } }
    : base;
  const result = await postActivity(app.url, activity);
  const body = result.body as { statusCode: number; type: string; value: El };
  // The adapter answers the invoke with its status code on the HTTP response too.
  expect(result.status).toBe(body.statusCode);
  return body;
}

const fixButtons = (card: El) => actions(card).filter((a) => a.type === 'Action.Execute' && a.verb === 'fix');

function ssoTokenFor(app: RunningApp, oid: string): string {
  const answer = app.tenant.handle({
    method: 'POST',
    url: 'https://demo.invalid/_demo/sso/token',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ oid }),
  });
  return (JSON.parse(answer.body) as { token: string }).token;
}

describe('helpdesk fixes, end to end', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.stop());

  it('revokes Megan’s sessions as Nestor: button → confirmation → done once, with his own token', async () => {
    const nestor = asker('Nestor Wilke');
    const card = await ask(running, nestor, 'why did megan bowen fail to sign in yesterday?');
    const revoke = fixButtons(card).find((a) => (a.data as El).fix === 'revokeSessions');
    expect(revoke).toBeDefined();
    expect((revoke!.data as El).userId).toBe(idOf('Megan Bowen'));

    const confirmation = await click(running, nestor, 'fix', revoke!.data as El);
    expect(confirmation.statusCode).toBe(200);
    expect(cardProblems(confirmation.value)).toEqual([]);
    expect(cardText(confirmation.value)).toMatch(/Megan Bowen/);
    expect(cardText(confirmation.value)).toMatch(/signed out everywhere/);
    const confirm = actions(confirmation.value).find((a) => a.verb === 'fixConfirm');
    expect(confirm).toBeDefined();
    // Nothing is done before the confirmation.
    expect(running.tenant.delegated.actions).toEqual([]);

    const done = await click(running, nestor, 'fixConfirm', confirm!.data as El);
    expect(done.statusCode).toBe(200);
    expect(cardProblems(done.value)).toEqual([]);
    expect(running.tenant.delegated.actions).toEqual([
      expect.objectContaining({ action: 'revokeSessions', target: idOf('Megan Bowen'), caller: idOf('Nestor Wilke') }),
    ]);
    // Not one fix with the bot's own application permissions.
    expect(running.tenant.delegated.counters().appOnlyFixCalls).toBe(0);

    // Again (a second agent, a retried click): said, not done.
    const again = await click(running, asker('Nestor Wilke'), 'fixConfirm', confirm!.data as El);
    expect(cardText(again.value)).toMatch(/already done/);
    expect(running.tenant.delegated.actions).toHaveLength(1);
    const audit = running.logLines.map((l) => JSON.parse(l) as { audit?: { fix?: { id: string; outcome: string } } });
    expect(audit.filter((l) => l.audit?.fix?.id === 'revokeSessions').map((l) => l.audit!.fix!.outcome)).toEqual(
      expect.arrayContaining(['confirm', 'done', 'done-before']),
    );
  });
});

describe('Teams SSO for a fix click', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ DEMO_SILENT_SSO: 'off' });
  });
  afterAll(() => running.stop());

  const data = () => ({ fix: 'revokeSessions', userId: idOf('Patti Fernandez'), signInId: null, language: 'en' });

  it('asks Teams to sign the person in (401 loginRequest with a token exchange resource) when the click has no token', async () => {
    const nestor = asker('Nestor Wilke');
    const confirmation = await click(running, nestor, 'fix', data());
    // The confirmation itself needs no token: only the change does.
    expect(confirmation.statusCode).toBe(200);
    const answer = await click(running, nestor, 'fixConfirm', data());
    expect(answer.statusCode).toBe(401);
    expect(answer.type).toBe('application/vnd.microsoft.activity.loginRequest');
    expect(answer.value).toMatchObject({
      connectionName: expect.any(String),
      tokenExchangeResource: { id: expect.any(String), uri: expect.any(String) },
    });
    expect(running.tenant.delegated.actions).toEqual([]);
  });

  it('answers 412 when the SSO token cannot be exchanged', async () => {
    const answer = await click(running, asker('Nestor Wilke'), 'fixConfirm', data(), 'not-a-token');
    expect(answer.statusCode).toBe(412);
    expect(answer.type).toBe('application/vnd.microsoft.error.preconditionFailed');
    expect(running.tenant.delegated.actions).toEqual([]);
  });

  it('does the fix when Teams sends the SSO token with the click', async () => {
    const nestor = asker('Nestor Wilke');
    const answer = await click(running, nestor, 'fixConfirm', data(), ssoTokenFor(running, idOf('Nestor Wilke')));
    expect(answer.statusCode).toBe(200);
    expect(running.tenant.delegated.actions).toEqual([
      expect.objectContaining({
        action: 'revokeSessions',
        target: idOf('Patti Fernandez'),
        caller: idOf('Nestor Wilke'),
      }),
    ]);
  });

  it('never asks a non-reader to sign in: the click is refused first', async () => {
    const answer = await click(running, asker('Megan Bowen'), 'fixConfirm', data());
    expect(answer.statusCode).toBe(200);
    expect(running.tenant.delegated.actions.filter((a) => a.caller === idOf('Megan Bowen'))).toEqual([]);
  });
});
