/**
 * Who × where × fix (issue 21), over HTTP against the demo tenant: a helpdesk administrator who is a
 * reader (Nestor), a reader without an admin role (Alex, Reports Reader), an end user (Megan), and a
 * stranger (another tenant), each in a personal chat, a group chat and a channel, clicking each fix's
 * acting button. Only a reader in a personal chat reaches Graph, with their own token; Entra decides
 * the rest (Alex: refused with the role named). Concurrent confirmations do the change once.
 */
import { FIX_IDS, fixDefinition } from '../../src/fixes/catalog';
import { cardProblems } from '../cards/validateCard';
import { startApp, type RunningApp } from '../support/app';
import { actionsOf, asker, audits, click, idOf, type Where, type Who } from '../support/fixClicks';

const WHERE: Where[] = ['personal', 'groupChat', 'channel'];
const TARGET = 'Lynne Robbins';

describe('who × where × fix', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.stop());

  const who: Record<string, (where: Where) => Who> = {
    'helpdesk admin (Nestor)': (w) => asker('Nestor Wilke', w),
    'reader (Alex)': (w) => asker('Alex Wilber', w),
    'end user (Megan)': (w) => asker('Megan Bowen', w),
    stranger: (w) => ({ ...asker('Patti Fernandez', w), tenantId: '99999999-0000-0000-0000-000000000000' }),
  };
  const cases = Object.keys(who).flatMap((name) =>
    WHERE.flatMap((where) => FIX_IDS.map((fix) => [name, where, fix] as const)),
  );

  it.each(cases)('%s in a %s chat: %s', async (name, where, fix) => {
    const clicker = who[name](where);
    const before = running.tenant.delegated.actions.length;
    const logged = running.logLines.length;
    const verb = fixDefinition(fix).changes ? 'fixConfirm' : 'fix';
    const answer = await click(running, clicker, verb, {
      fix,
      userId: idOf(TARGET),
      signInId: `${where}-${name.length}-0000`.replace(/[^0-9a-z-]/gi, ''),
      language: 'en',
    });
    expect(answer.statusCode).toBe(200);
    expect(cardProblems(answer.value)).toEqual([]);
    const done = running.tenant.delegated.actions.slice(before);
    const [event] = audits(running, logged);
    const reader = name.startsWith('helpdesk') || name.startsWith('reader');
    if (!reader || where !== 'personal') {
      // Refused before any Graph call: by the access policy, never by Entra.
      expect(done).toEqual([]);
      expect(event.decision).toBe('refused');
      expect(event.reason).toBe(
        name === 'stranger' ? 'other-tenant' : !reader ? 'not-a-reader' : 'shared-conversation',
      );
      expect(actionsOf(answer.value).some((a) => a.verb === 'fixConfirm')).toBe(false);
      return;
    }
    // A reader in a personal chat: Entra decides with the clicker's own rights.
    expect(['done', 'forbidden']).toContain(event.fix?.outcome);
    if (event.fix?.outcome === 'done')
      expect(done).toEqual([
        expect.objectContaining({ action: fix, target: idOf(TARGET), caller: clicker.aadObjectId }),
      ]);
    else expect(done).toEqual([]);
    // Alex (Reports Reader) may read the sign-ins but change nothing.
    if (name.startsWith('reader') && fixDefinition(fix).changes) expect(event.fix?.outcome).toBe('forbidden');
  });

  it('never calls a fix endpoint with the bot’s own application token', () => {
    expect(running.tenant.delegated.counters().appOnlyFixCalls).toBe(0);
    expect(running.tenant.delegated.counters().delegatedFixCalls).toBeGreaterThan(0);
  });
});

describe('once', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.stop());

  it('ten concurrent confirmations by two agents require the new password once', async () => {
    const data = {
      fix: 'requirePasswordChange',
      userId: idOf('Megan Bowen'),
      signInId: 'concurrent-1',
      language: 'en',
    };
    const clickers = Array.from({ length: 10 }, (_, i) => asker(i % 2 ? 'Nestor Wilke' : 'Nestor Wilke'));
    const answers = await Promise.all(clickers.map((c) => click(running, c, 'fixConfirm', data)));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(
      running.tenant.delegated.actions.filter(
        (a) => a.action === 'requirePasswordChange' && a.target === idOf('Megan Bowen'),
      ),
    ).toHaveLength(1);
    const outcomes = audits(running)
      .filter((e) => e.fix?.id === 'requirePasswordChange')
      .map((e) => e.fix!.outcome);
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'done').every((o) => o === 'done-before' || o === 'in-progress')).toBe(true);
  });
});

describe('Entra decides: a 403 in plain words with the role', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.stop());

  it.each([
    ['en', /Revoking sessions needs Helpdesk Administrator or higher.*PIM/],
    ['nl', /Sessies intrekken vraagt Helpdesk Administrator of hoger.*PIM/],
  ])('Alex clicking Revoke sessions (%s)', async (language, words) => {
    const answer = await click(running, asker('Alex Wilber'), 'fixConfirm', {
      fix: 'revokeSessions',
      userId: idOf('Megan Bowen'),
      signInId: `403-${language}`,
      language,
    });
    expect(JSON.stringify(answer.value.body)).toMatch(words);
    expect(running.tenant.delegated.actions).toEqual([]);
  });
});
