/**
 * A fix about a sign-in with an open ticket is appended to the ticket (issue 21), over the real HTTP
 * server against the demo tenant with the graph-mail ticket sink: a follow-up mail naming the ticket's
 * reference, the fix, its outcome, who and when; none when no ticket is open; never a Temporary Access Pass.
 */
import { executeActions } from '../../src/cards/text';
import { referenceFor, ticketKey } from '../../src/tickets';
import { startApp, type RunningApp } from '../support/app';
import { askCard, asker, click, idOf, type El } from '../support/fixClicks';

describe('a fix noted on the open ticket', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.stop());

  const mails = () => running.tenant.sentMail.map((m) => JSON.stringify(m.message));
  const megan = idOf('Megan Bowen');

  async function fixAndConfirm(who: string, fix: string, signInId: string): Promise<El> {
    const data = { fix, userId: megan, signInId, language: 'en' };
    const clicker = asker(who);
    await click(running, clicker, 'fix', data);
    const answer = (await click(running, clicker, 'fixConfirm', data)).value;
    // The follow-up goes after the click's answer.
    await running.app.tickets!.idle();
    return answer;
  }

  it('appends revoke (done), a refused TAP and a TAP (without the pass) to Megan’s ticket; nothing without a ticket', async () => {
    // Megan opens a ticket on her lockout.
    const meganAsks = asker('Megan Bowen');
    const card = await askCard(running, meganAsks, 'why can’t I sign in?');
    const open = executeActions(card).find((a) => a.verb === 'openTicket' && !a.data.notMe);
    expect(open).toBeDefined();
    const signInId = String(open!.data.signInId);
    const before = mails().length;
    await click(running, meganAsks, 'openTicket', open!.data);
    expect(mails()).toHaveLength(before + 1);
    const reference = referenceFor(ticketKey(signInId, megan));
    expect(mails()[before]).toContain(reference);

    // Nestor (Helpdesk Administrator) revokes her sessions: a follow-up on the ticket.
    await fixAndConfirm('Nestor Wilke', 'revokeSessions', signInId);
    expect(running.tenant.delegated.actions.map((a) => a.action)).toEqual(['revokeSessions']);
    expect(mails()).toHaveLength(before + 2);
    const revoked = mails()[before + 1];
    expect(revoked).toContain(reference);
    expect(revoked).toContain('revokeSessions');
    expect(revoked).toMatch(/Outcome: done/);
    expect(revoked).toContain('Nestor Wilke');
    expect(revoked).toContain(idOf('Nestor Wilke'));

    // A Temporary Access Pass is not his to make: Entra refuses, and the ticket says so.
    await fixAndConfirm('Nestor Wilke', 'temporaryAccessPass', signInId);
    expect(mails()).toHaveLength(before + 3);
    expect(mails()[before + 2]).toMatch(/temporaryAccessPass.*refused/);

    // Henrietta (Authentication Administrator) makes one: the ticket hears of it, never the pass.
    const made = await fixAndConfirm('Henrietta Mueller', 'temporaryAccessPass', signInId);
    const pass = (JSON.parse(/\{"type":"TextRun"[^}]*\}/.exec(JSON.stringify(made.body))?.[0] ?? '{}') as El).text;
    expect(String(pass)).toMatch(/\S{8,}/);
    expect(mails()).toHaveLength(before + 4);
    expect(mails()[before + 3]).toMatch(/temporaryAccessPass.*Outcome: done/);
    expect(mails().some((m) => m.includes(String(pass)))).toBe(false);

    // A fix about a sign-in without a ticket: no mail.
    await fixAndConfirm('Nestor Wilke', 'requirePasswordChange', '00000000-0000-4000-8000-00000000abcd');
    expect(running.tenant.delegated.actions.map((a) => a.action)).toContain('requirePasswordChange');
    expect(mails()).toHaveLength(before + 4);
  });
});
