/**
 * Issue 21: where a helpdesk card carries a fix button, the step that asks for that fix points to the
 * button («Revoke sessions») instead of the portal path; where no button is offered — the person asking
 * about themselves, no SSO connection (answers then decide no buttons), a ticket — the portal path stays.
 * In English and Dutch: over the real HTTP server against the demo tenant, and the same answers drawn
 * again without their buttons. Asserted by meaning: the button's title in the steps, the portal path's
 * landmark ("Entra admin center ›", "Users >") present or absent.
 */
import en from '../../src/cards/wording/en.json';
import nl from '../../src/cards/wording/nl.json';
import { renderAnswer } from '../../src/cards/render';
import { ticketWriter } from '../../src/cards/ticketContent';
import type { Reply } from '../../src/answers/troubleshooter';
import type { SummaryAnswer } from '../../src/answers/types';
import { DEMO_TENANT_ID } from '../../src/demo/settings';
import { startApp, type RunningApp } from '../support/app';
import { actionsOf, askCard, asker, idOf, type El } from '../support/fixClicks';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.stop());

const WORDING = { en, nl } as const;
const LOCALE = { en: 'en-US', nl: 'nl-NL' } as const;
const PORTAL = { en: 'Entra admin center ›', nl: 'Entra-beheercentrum ›' } as const;
const MEGAN = {
  en: 'why did Megan Bowen fail to sign in yesterday?',
  nl: 'waarom kon Megan Bowen gisteren niet inloggen?',
};

/** The card's "What to do now" steps (the numbered list under its heading). */
function stepsOf(card: El, language: 'en' | 'nl'): string {
  const heading = WORDING[language].whatToDoNow;
  let found = '';
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const items = (node as El).items;
    if (Array.isArray(items) && (items[0] as El | undefined)?.text === heading) found = String((items[1] as El).text);
    Object.values(node).forEach(walk);
  };
  walk(card.body);
  return found;
}

/** Nestor's answer as the troubleshooter decides it (his personal chat), to draw again as it would be without buttons. */
async function nestorsReply(text: string, language: 'en' | 'nl'): Promise<Reply & { answer: SummaryAnswer }> {
  const reply = await running.app.troubleshooter.ask(
    {
      userId: idOf('Nestor Wilke'),
      tenantId: DEMO_TENANT_ID,
      name: 'Nestor Wilke',
      locale: LOCALE[language],
      timeZone: 'Europe/Amsterdam',
      conversationKey: `a:steps-${language}-${text.length}`,
      conversationType: 'personal',
    },
    text,
  );
  expect(reply.answer.kind).toBe('summary');
  return reply as Reply & { answer: SummaryAnswer };
}

function withSteps(reply: Reply & { answer: SummaryAnswer }, steps: SummaryAnswer['verdict']['steps']): Reply {
  return { ...reply, answer: { ...reply.answer, verdict: { ...reply.answer.verdict, steps } } };
}

describe.each(['en', 'nl'] as const)('%s', (language) => {
  const titles = WORDING[language].fixes.button;

  it('a helpdesk answer with «Revoke sessions»: the step names the button, not the portal path', async () => {
    const card = await askCard(running, asker('Nestor Wilke', 'personal', LOCALE[language]), MEGAN[language]);
    const buttons = actionsOf(card)
      .filter((a) => a.verb === 'fix')
      .map((a) => (a.data as El).fix);
    expect(buttons).toContain('revokeSessions');
    const steps = stepsOf(card, language);
    expect(steps).toContain(`«${titles.revokeSessions}»`);
    expect(steps).not.toContain(PORTAL[language]);
  });

  it('the same answer without fix buttons (no SSO connection) keeps the portal path', async () => {
    const reply = await nestorsReply(MEGAN[language], language);
    const steps = reply.answer.verdict.steps!;
    expect(steps.buttons).toContain('revokeSessions');
    const card = renderAnswer(withSteps(reply, { ...steps, buttons: undefined }));
    const drawn = stepsOf(card.content, language);
    expect(drawn).toContain(PORTAL[language]);
    expect(drawn).not.toContain('«');
  });

  it('a code’s steps from the error catalog (50057): «Enable the account» with the button, "Users >" without', async () => {
    const reply = await nestorsReply(MEGAN[language], language);
    const catalog = { from: 'catalog' as const, code: 50057, audience: 'helpdesk' as const };
    const withButton = stepsOf(
      renderAnswer(withSteps(reply, { ...catalog, buttons: ['enableAccount'] })).content,
      language,
    );
    expect(withButton).toContain(`«${titles.enableAccount}»`);
    expect(withButton).not.toMatch(/Users >|Gebruikers >/);
    // A button the step does not name is not enough: the portal path stays.
    const otherButton = stepsOf(
      renderAnswer(withSteps(reply, { ...catalog, buttons: ['revokeSessions'] })).content,
      language,
    );
    expect(otherButton).toMatch(/Users >|Gebruikers >/);
    expect(otherButton).not.toContain('«');
  });

  it('a ticket opened from that answer keeps the portal path (a ticket has no buttons)', async () => {
    const reply = await nestorsReply(MEGAN[language], language);
    const record = reply.answer.diagnosis.failures[0].record;
    const ticket = ticketWriter.signIn(
      { userId: idOf('Nestor Wilke'), tenantId: undefined, timeZone: 'Europe/Amsterdam', conversationKey: 'x' },
      record,
      language,
      null,
      { about: reply.answer },
    );
    expect(ticket.steps.join('\n')).toContain(PORTAL[language]);
    expect(ticket.steps.join('\n')).not.toContain('«');
  });
});

it('the person asking about themselves gets no fix button and no reference to one', async () => {
  const card = await askCard(running, asker('Megan Bowen'), 'why can’t I sign in?');
  expect(actionsOf(card).filter((a) => a.verb === 'fix')).toEqual([]);
  expect(stepsOf(card, 'en')).not.toContain('«');
});
