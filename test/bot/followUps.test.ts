import { cardToText, executeActions } from '../../src/cards/text';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';

const MEGAN = '00000000-0000-0000-0000-0000000000021';
let running: RunningApp;
let n = 0;

beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.stop());

/** A fresh conversation with Alex Wilber (a reader) for each test. */
function alex(): AskerInfo {
  n += 1;
  return {
    aadObjectId: '00000000-0000-0000-0000-0000000000020',
    name: 'Alex Wilber',
    conversationId: `a:follow-ups-${n}`,
  };
}

async function ask(asker: AskerInfo, text: string) {
  const [card] = cardsIn(await postActivity(running.url, teamsMessage(text, asker)));
  return { card, text: cardToText(card), rows: attemptChoices(card) };
}

/** The attempts a card lists: the values of its attempt picker (one "Show details" button for all). */
function attemptChoices(card: Record<string, unknown>): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const el = node as Record<string, unknown>;
      if (el.type === 'Input.ChoiceSet' && el.id === 'attempt')
        found.push(...(el.choices as { value: string }[]).map((c) => c.value));
      Object.values(el).forEach(walk);
    }
  };
  walk(card.body);
  return found;
}

describe('follow-ups in one conversation', () => {
  it('"and the day before?" keeps the person and moves the day, without looking the person up again', async () => {
    const asker = alex();
    await ask(asker, 'why did megan bowen fail to sign in yesterday');
    const before = running.tenant.requestLog.length;
    const next = await ask(asker, 'and the day before?');
    expect(next.text).toContain('for Megan Bowen between');
    const made = running.tenant.requestLog.slice(before);
    expect(made.filter((r) => r.path === '/users')).toEqual([]);
    expect(made.filter((r) => r.path === '/auditLogs/signIns').map((r) => r.filter)).toEqual([
      `userId eq '${MEGAN}' and createdDateTime ge 2026-11-24T23:00:00Z and createdDateTime le 2026-11-25T23:00:00Z`,
      `userId eq '${MEGAN}' and createdDateTime ge 2026-11-24T23:00:00Z and createdDateTime le 2026-11-25T23:00:00Z and signInEventTypes/any(t: t eq 'nonInteractiveUser')`,
    ]);
  });

  it('"show more" continues after the rows already shown, and the button does the same', async () => {
    const asker = alex();
    const first = await ask(asker, 'why did megan bowen fail to sign in this week');
    expect(first.rows).toHaveLength(5);
    const more = await ask(asker, 'show more');
    expect(more.rows.length).toBeGreaterThan(0);
    expect(more.rows.some((id) => first.rows.includes(id))).toBe(false);
    const button = executeActions(first.card).find((a) => a.verb === 'showMore')!;
    const clicked = cardsIn(await postActivity(running.url, teamsCardAction('showMore', button.data, asker)))[0];
    expect(attemptChoices(clicked)).toEqual(more.rows);
  });

  it('"details of the second one" shows only the second attempt', async () => {
    const asker = alex();
    const first = await ask(asker, 'why did megan bowen fail to sign in yesterday');
    const details = await ask(asker, 'details of the second one');
    expect(details.rows).toEqual([first.rows[1]]);
  });

  it('"what about Adele?" asks the same about someone else', async () => {
    const asker = alex();
    await ask(asker, 'why did megan bowen fail to sign in yesterday');
    const other = await ask(asker, 'what about adele vance?');
    expect(other.text).toContain('for Adele Vance between');
    expect(other.text).toContain('between Thu 26 Nov, 00:00 and Fri 27 Nov, 00:00 (Europe/Amsterdam)');
  });

  it('answers a Dutch follow-up in Dutch', async () => {
    const asker = { ...alex(), locale: 'nl-NL' };
    await ask(asker, 'waarom kon megan bowen vandaag niet inloggen?');
    const next = await ask(asker, 'en gisteren?');
    expect(next.text).toContain('van Megan Bowen tussen');
    expect(next.text).toContain('tussen do 26 nov, 00:00 en vr 27 nov, 00:00 (Europe/Amsterdam)');
  });
});
