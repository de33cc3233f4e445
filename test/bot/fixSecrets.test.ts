/**
 * Secrets and the confirmations that need a read first (issue 21): a Temporary Access Pass is shown
 * once, in the clicker's personal chat only, and is in no log line, notification text or later card;
 * enabling an account first shows who disabled it (the directory audit log, read as the clicker);
 * fixes asked in words lead to the same confirmation, and "unlock" says what exists instead.
 */
import { cardProblems } from '../cards/validateCard';
import { startApp, type RunningApp } from '../support/app';
import { actionsOf, askCard, asker, audits, click, idOf } from '../support/fixClicks';

describe('a Temporary Access Pass', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.stop());

  it('is shown once to the Authentication Administrator who made it, and never logged', async () => {
    const henrietta = asker('Henrietta Mueller');
    const data = { fix: 'temporaryAccessPass', userId: idOf('Lynne Robbins'), signInId: 'tap-1', language: 'en' };
    const confirmation = await click(running, henrietta, 'fix', data);
    expect(actionsOf(confirmation.value).map((a) => a.verb)).toEqual(['fixConfirm']);
    const made = await click(running, henrietta, 'fixConfirm', data);
    expect(cardProblems(made.value)).toEqual([]);
    expect(running.tenant.delegated.actions).toEqual([
      expect.objectContaining({ action: 'temporaryAccessPass', caller: idOf('Henrietta Mueller') }),
    ]);
    // The pass: the one monospace text run on the card, as Graph made it.
    const body = JSON.stringify(made.value.body);
    const pass = (JSON.parse(/\{"type":"TextRun"[^}]*\}/.exec(body)?.[0] ?? '{}') as { text?: string }).text;
    expect(pass).toMatch(/\S{8,}/);
    // Not in the notification or spoken text, not in any log line.
    expect(String(made.value.fallbackText)).not.toContain(pass);
    expect(String(made.value.speak)).not.toContain(pass);
    expect(running.logLines.some((l) => l.includes(pass!))).toBe(false);
    // A second click says it was done, without the pass.
    const again = await click(running, henrietta, 'fixConfirm', data);
    expect(JSON.stringify(again.value)).not.toContain(pass);
    expect(
      audits(running)
        .filter((e) => e.fix?.id === 'temporaryAccessPass')
        .map((e) => e.fix!.outcome),
    ).toEqual(['confirm', 'done', 'done-before']);
  });

  it.each(['groupChat', 'channel'] as const)('is never made in a %s', async (where) => {
    const before = running.tenant.delegated.actions.length;
    const answer = await click(running, asker('Henrietta Mueller', where), 'fixConfirm', {
      fix: 'temporaryAccessPass',
      userId: idOf('Lynne Robbins'),
      signInId: `tap-${where}`,
      language: 'en',
    });
    expect(running.tenant.delegated.actions).toHaveLength(before);
    expect(JSON.stringify(answer.value)).not.toMatch(/Monospace/);
  });
});

describe('enabling an account', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.stop());

  it('shows who disabled Miriam’s account and when before the confirmation acts', async () => {
    const henrietta = asker('Henrietta Mueller');
    const data = { fix: 'enableAccount', userId: idOf('Miriam Graham'), signInId: 'enable-1', language: 'en' };
    const confirmation = await click(running, henrietta, 'fix', data);
    expect(JSON.stringify(confirmation.value.body)).toMatch(/disabled by Henrietta Mueller on/);
    expect(running.tenant.delegated.actions.filter((a) => a.action === 'enableAccount')).toEqual([]);
    await click(running, henrietta, 'fixConfirm', data);
    const event = audits(running)
      .filter((e) => e.fix?.id === 'enableAccount')
      .at(-1);
    expect(['done', 'forbidden']).toContain(event?.fix?.outcome);
  });
});

describe('fixes asked in words', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.stop());

  it.each([
    ["revoke Patti's sessions", 'revokeSessions', 'Patti Fernandez'],
    ['reset MFA for Lynne', 'temporaryAccessPass', 'Lynne Robbins'],
    ['kun je de sessies van Patti intrekken?', 'revokeSessions', 'Patti Fernandez'],
  ])('"%s" leads to the confirmation of %s for %s', async (text, fix, name) => {
    const card = await askCard(running, asker('Nestor Wilke'), text);
    expect(cardProblems(card)).toEqual([]);
    const confirm = actionsOf(card).find((a) => a.verb === 'fixConfirm');
    expect(confirm?.data).toMatchObject({ fix, userId: idOf(name) });
    expect(running.tenant.delegated.actions).toEqual([]);
  });

  it('"enable Miriam\'s account" first offers to show who disabled it', async () => {
    const card = await askCard(running, asker('Henrietta Mueller'), "please enable Miriam Graham's account");
    expect(actionsOf(card).map((a) => [a.verb, (a.data as { fix?: string }).fix])).toEqual([['fix', 'enableAccount']]);
  });

  it.each(["can you unlock Megan's account?", 'ontgrendel Megan'])(
    '"%s": no unlock in Entra; revoke, new password and password reset offered',
    async (text) => {
      const card = await askCard(running, asker('Nestor Wilke'), text);
      const offered = actionsOf(card);
      expect(offered.filter((a) => a.verb === 'fix').map((a) => (a.data as { fix: string }).fix)).toEqual([
        'revokeSessions',
        'requirePasswordChange',
      ]);
      expect(offered.some((a) => a.type === 'Action.OpenUrl' && a.url === 'https://aka.ms/sspr')).toBe(true);
    },
  );

  it('an end user asking to unlock their own account gets password reset, no fix', async () => {
    const card = await askCard(running, asker('Megan Bowen'), 'unlock my account');
    const offered = actionsOf(card);
    expect(offered.filter((a) => a.type === 'Action.Execute')).toEqual([]);
    expect(offered.map((a) => a.url)).toEqual(['https://aka.ms/sspr']);
  });

  it('an end user asking to revoke someone else’s sessions is refused like any question about others', async () => {
    const logged = running.logLines.length;
    await askCard(running, asker('Megan Bowen'), "revoke Patti's sessions");
    expect(audits(running, logged)[0]).toMatchObject({ decision: 'refused', reason: 'not-a-reader' });
  });
});
