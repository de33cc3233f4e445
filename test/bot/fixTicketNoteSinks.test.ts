/**
 * Issue 21: a fix done or refused about a sign-in with an open ticket is followed up on every sink
 * that takes follow-ups — the webhook (a signed `ticketUpdate` message) and ServiceNow (a work note,
 * PATCH of the incident) as well as mail — over the real HTTP server against the demo tenant. The
 * follow-up does not hold the click (a receiver that has not answered yet does not delay the card),
 * goes with the sink's retry, and one the sink refused is kept and sent with the next; never a pass.
 */
import { createHmac } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { executeActions } from '../../src/cards/text';
import { startApp, type RunningApp } from '../support/app';
import { askCard, asker, click, idOf, type El } from '../support/fixClicks';
import { sendJson, startLoopback, type Loopback, type Received } from '../tickets/support/loopback';
import { startFakeServiceNow, type FakeServiceNow } from '../tickets/support/fakeServiceNow';
import { unsentNotes } from '../tickets/support/notes';

const SECRET = 'whsec_fix-notes-0123456789';
const megan = idOf('Megan Bowen');

async function fixAndConfirm(running: RunningApp, who: string, fix: string, signInId: string): Promise<El> {
  const data = { fix, userId: megan, signInId, language: 'en' };
  const clicker = asker(who);
  await click(running, clicker, 'fix', data);
  return (await click(running, clicker, 'fixConfirm', data)).value;
}

/** Megan opens a ticket on her lockout; the sign-in's id. */
async function meganOpensTicket(running: RunningApp): Promise<string> {
  const meganAsks = asker('Megan Bowen');
  const card = await askCard(running, meganAsks, 'why can’t I sign in?');
  const open = executeActions(card).find((a) => a.verb === 'openTicket' && !a.data.notMe);
  expect(open).toBeDefined();
  await click(running, meganAsks, 'openTicket', open!.data);
  return String(open!.data.signInId);
}

const passIn = (card: El) =>
  String((JSON.parse(/\{"type":"TextRun"[^}]*\}/.exec(JSON.stringify(card.body))?.[0] ?? '{}') as El).text);

describe('webhook sink', () => {
  let receiver: Loopback;
  let running: RunningApp;
  /** Answers a ticketUpdate itself (hold it, refuse it); false: the normal answer. */
  let onUpdate: (request: Received, res: ServerResponse) => boolean;

  beforeEach(async () => {
    onUpdate = () => false;
    receiver = await startLoopback((request, res) => {
      const signature = `sha256=${createHmac('sha256', SECRET).update(request.body, 'utf8').digest('hex')}`;
      if (request.headers['x-signature-sha256'] !== signature) return sendJson(res, 401, { error: 'bad signature' });
      const body = JSON.parse(request.body) as El;
      if (body.type === 'ticketUpdate' && onUpdate(request, res)) return;
      sendJson(res, 200, body.type === 'ticketUpdate' ? {} : { ticketId: 'HD-7' });
    });
    running = await startApp({
      TICKET_SINK: 'webhook',
      TICKET_WEBHOOK_URL: `${receiver.url}/hooks/tickets`,
      TICKET_WEBHOOK_SECRET: SECRET,
    });
  });
  afterEach(async () => {
    await running.stop();
    await receiver.close();
  });

  const updates = () => receiver.received.map((r) => JSON.parse(r.body) as El).filter((b) => b.type === 'ticketUpdate');

  it('sends a signed ticketUpdate for a fix done and one refused, naming the ticket; the ticket’s own body is unchanged', async () => {
    const signInId = await meganOpensTicket(running);
    const ticketBody = JSON.parse(receiver.received[0].body) as El;
    expect(ticketBody).not.toHaveProperty('type');
    expect(ticketBody.subject).toMatchObject({ id: megan });

    await fixAndConfirm(running, 'Nestor Wilke', 'revokeSessions', signInId);
    await fixAndConfirm(running, 'Nestor Wilke', 'temporaryAccessPass', signInId);
    const made = await fixAndConfirm(running, 'Henrietta Mueller', 'temporaryAccessPass', signInId);
    await running.app.tickets!.idle();

    expect(updates().map((u) => [u.reference, u.fix, u.outcome])).toEqual([
      ['HD-7', 'revokeSessions', 'done'],
      ['HD-7', 'temporaryAccessPass', 'refused'],
      ['HD-7', 'temporaryAccessPass', 'done'],
    ]);
    expect(updates()[0]).toMatchObject({ subject: { id: megan }, by: { id: idOf('Nestor Wilke') } });
    const requests = receiver.received.filter((r) => r.body.includes('"ticketUpdate"'));
    // Each follow-up its own Idempotency-Key, not the ticket's.
    expect(new Set(requests.map((r) => r.headers['idempotency-key'])).size).toBe(3);
    expect(requests.map((r) => r.headers['idempotency-key'])).not.toContain(ticketBody.key);
    expect(passIn(made)).toMatch(/\S{8,}/);
    expect(receiver.received.some((r) => r.body.includes(passIn(made)))).toBe(false);
  });

  it('answers the click while the receiver still holds the follow-up', async () => {
    const signInId = await meganOpensTicket(running);
    let release: (() => void) | undefined;
    onUpdate = (_request, res) => {
      release = () => sendJson(res, 200, {});
      return true;
    };
    const done = await fixAndConfirm(running, 'Nestor Wilke', 'revokeSessions', signInId);
    expect(JSON.stringify(done.body)).toMatch(/Megan/);
    // The card came back; the follow-up is still waiting for the receiver.
    await new Promise<void>((resolve) => {
      const wait = () => (release ? resolve() : setImmediate(wait));
      wait();
    });
    expect(updates()).toHaveLength(1);
    release!();
    await running.app.tickets!.idle();
    expect(await unsentNotes(running.app.state)).toBe(0);
  });

  it('keeps a follow-up the receiver refused (after the sink’s retries) and sends it with the next one', async () => {
    const signInId = await meganOpensTicket(running);
    onUpdate = (_request, res) => {
      sendJson(res, 503, { error: 'down' });
      return true;
    };
    await fixAndConfirm(running, 'Nestor Wilke', 'revokeSessions', signInId);
    await running.app.tickets!.idle();
    // Tried with the sink's retry, then kept in the state store.
    expect(updates().length).toBeGreaterThan(1);
    expect(await unsentNotes(running.app.state)).toBe(1);

    onUpdate = () => false;
    await fixAndConfirm(running, 'Nestor Wilke', 'requirePasswordChange', signInId);
    await running.app.tickets!.idle();
    const delivered = receiver.received
      .filter((r) => r.body.includes('"ticketUpdate"'))
      .slice(-2)
      .map((r) => (JSON.parse(r.body) as El).fix)
      .sort();
    expect(delivered).toEqual(['requirePasswordChange', 'revokeSessions']);
    expect(await unsentNotes(running.app.state)).toBe(0);
  });
});

describe('ServiceNow sink', () => {
  let serviceNow: FakeServiceNow;
  let running: RunningApp;
  beforeEach(async () => {
    serviceNow = await startFakeServiceNow('svc-bot', 'pw-fix-notes');
    running = await startApp({
      TICKET_SINK: 'servicenow',
      SERVICENOW_INSTANCE_URL: serviceNow.url,
      SERVICENOW_USERNAME: 'svc-bot',
      SERVICENOW_PASSWORD: 'pw-fix-notes',
    });
  });
  afterEach(async () => {
    await running.stop();
    await serviceNow.close();
  });

  it('adds a work note to the incident (PATCH by sys_id) for a fix done and one refused; never the pass', async () => {
    const signInId = await meganOpensTicket(running);
    expect(serviceNow.incidents).toHaveLength(1);
    const incident = serviceNow.incidents[0];

    await fixAndConfirm(running, 'Nestor Wilke', 'revokeSessions', signInId);
    await fixAndConfirm(running, 'Nestor Wilke', 'temporaryAccessPass', signInId);
    const made = await fixAndConfirm(running, 'Henrietta Mueller', 'temporaryAccessPass', signInId);
    await running.app.tickets!.idle();

    const patches = serviceNow.received.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => new URL(r.url, 'http://x').pathname)).toEqual(
      Array(3).fill(`/api/now/table/incident/${incident.sys_id}`),
    );
    expect(incident.workNotes).toHaveLength(3);
    expect(incident.workNotes![0]).toContain(incident.number);
    expect(incident.workNotes![0]).toMatch(/revokeSessions[\s\S]*Outcome: done/);
    expect(incident.workNotes![0]).toContain(idOf('Nestor Wilke'));
    expect(incident.workNotes![1]).toMatch(/temporaryAccessPass[\s\S]*refused/);
    expect(incident.workNotes!.some((n) => n.includes(passIn(made)))).toBe(false);
    // Only the work note is changed.
    expect(patches.map((r) => Object.keys(JSON.parse(r.body) as El))).toEqual(Array(3).fill(['work_notes']));
  });
});
