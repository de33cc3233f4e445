/**
 * Helpdesk fixes over the real HTTP server, the real CloudAdapter and the real UserTokenClient
 * against the demo tenant (issue 21): the fix buttons on a reader's card, the confirmation, the
 * change done once with the clicker's own delegated token (the demo's stats name the caller), the
 * 403 worded with the role, and the SSO answers (401 loginRequest, 412 on a failed exchange).
 */
import { bytes, cardProblems } from '../cards/validateCard';
import { startApp, type RunningApp } from '../support/app';
import { defaultDemoSettings } from '../../src/demo/settings';
import { actionsOf as actions, askCard, asker, click, idOf, type El } from '../support/fixClicks';
import en from '../../src/cards/wording/en.json';

const cardText = (card: El) => JSON.stringify(card.body);
const fixButtons = (card: El) => actions(card).filter((a) => a.type === 'Action.Execute' && a.verb === 'fix');

async function ask(app: RunningApp, who: ReturnType<typeof asker>, text: string): Promise<El> {
  const card = await askCard(app, who, text);
  expect(cardProblems(card)).toEqual([]);
  // With its fix buttons the card stays under Teams' old message limit.
  expect(bytes(card)).toBeLessThanOrEqual(28 * 1024);
  return card;
}

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

describe('where fix buttons are', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.stop());

  it('never on a person’s answer about themselves', async () => {
    const card = await ask(running, asker('Megan Bowen'), "why can't I sign in?");
    expect(fixButtons(card)).toEqual([]);
  });

  it('on a reader’s answer about someone else, each naming that person', async () => {
    const card = await ask(running, asker('Alex Wilber'), 'why did megan bowen fail to sign in yesterday?');
    expect(fixButtons(card).length).toBeGreaterThan(0);
    expect(fixButtons(card).every((a) => (a.data as El).userId === idOf('Megan Bowen'))).toBe(true);
  });
});

describe('Teams SSO for a fix click', () => {
  let running: RunningApp;
  beforeAll(async () => {
    // As in Teams: no stand-in for the silent sign-in (DEMO_SILENT_SSO=off).
    running = await startApp({}, { demoSettings: { ...defaultDemoSettings(), silentSso: false } });
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
    const login = answer.value as { connectionName?: unknown; tokenExchangeResource?: { id?: unknown; uri?: unknown } };
    expect(login.connectionName).toBe('graph-delegated');
    expect(typeof login.tokenExchangeResource?.id).toBe('string');
    expect(login.tokenExchangeResource?.uri).toMatch(/^api:\/\//);
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

describe('What If for a Conditional Access block', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.stop());

  it('evaluates Adele’s block as it was, from a compliant device, from her usual country and with MFA (said as not modelled)', async () => {
    const henrietta = asker('Henrietta Mueller');
    const card = await ask(running, henrietta, 'why was Adele Vance blocked this week?');
    const button = fixButtons(card).find((a) => (a.data as El).fix === 'whatIf');
    expect(button).toBeDefined();
    const data = button!.data as El;
    expect(data.usualCountry).toMatch(/^[A-Z]{2}$/);
    expect(data.usualCountry).not.toBe(data.country);

    const done = await click(running, henrietta, 'fix', data);
    expect(done.statusCode).toBe(200);
    expect(cardProblems(done.value)).toEqual([]);
    const evaluations = running.tenant.delegated.actions.filter((a) => a.action === 'whatIf');
    expect(evaluations).toHaveLength(3);
    const text = cardText(done.value);
    const { fixes: w } = en;
    // As it was: blocked by the country policy; from her usual country that policy no longer applies.
    const [asIs, compliant, usual, mfa] = [w.whatIfAsIs, w.whatIfCompliant, w.whatIfUsualCountry, w.whatIfWithMfa].map(
      (h) => text.indexOf(h.replace('{country}', String(data.usualCountry))),
    );
    expect([asIs, compliant, usual, mfa].every((i) => i >= 0)).toBe(true);
    expect(asIs < compliant && compliant < usual && usual < mfa).toBe(true);
    const blockPolicy = 'Block access from outside allowed countries';
    expect(text.slice(asIs, compliant)).toContain(blockPolicy);
    expect(text.slice(usual, mfa)).not.toContain(blockPolicy);
    expect(text.slice(usual, mfa)).toContain('Require MFA for all users');
    expect(text.slice(mfa)).toContain(w.whatIfMfaNotModelled);
    expect(text.slice(mfa)).toContain(blockPolicy);
  });
});
