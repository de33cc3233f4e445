import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardToText, executeActions } from '../../src/cards/text';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';
import { wording } from '../../src/cards/wording';

const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };
let running: RunningApp;
let webhook: Server;
let failing = true;
const created: { comment: string | null; key: string }[] = [];

beforeAll(async () => {
  // A ticket webhook that fails until told otherwise.
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failing) {
        res.writeHead(500);
        res.end('{"error":"down"}');
        return;
      }
      const ticket = JSON.parse(body) as { key: string; comment: string | null };
      if (!created.some((t) => t.key === ticket.key)) created.push({ comment: ticket.comment, key: ticket.key });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ reference: 'HD-1001' }));
    });
  });
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/tickets`;
  running = await startApp({
    TICKET_SINK: 'webhook',
    TICKET_WEBHOOK_URL: url,
    TICKET_WEBHOOK_SECRET: 'test-signing-key',
  });
});

afterAll(async () => {
  await running.stop();
  await new Promise((r) => webhook.close(r));
});

it('keeps the card, the error and the comment when the ticket system fails, and opens one ticket on retry', async () => {
  const asked = cardsIn(await postActivity(running.url, teamsMessage("why can't I sign in?", MEGAN)))[0];
  const [button] = executeActions(asked).filter((a) => a.verb === 'openTicket' && !a.data.notMe);
  const commentId = String(button.data.commentId);
  const failed = cardsIn(
    await postActivity(
      running.url,
      teamsCardAction('openTicket', { ...button.data, [commentId]: 'I was abroad' }, MEGAN),
    ),
  )[0];
  expect(cardToText(failed)).toContain(wording('en').ticketFailedTitle);
  // In words for her (an end user): nothing was sent, the comment is kept; the sink's own error stays in the log.
  expect(cardToText(failed)).toContain('nothing was sent');
  expect(cardToText(failed)).toContain('your comment is kept');
  expect(cardToText(failed)).not.toMatch(/HTTP|500|down|webhook/i);
  expect(created).toHaveLength(0);
  const retry = executeActions(failed).find((a) => a.title === 'Try again')!;
  expect(retry.data[commentId]).toBe('I was abroad');

  failing = false;
  const opened = cardsIn(await postActivity(running.url, teamsCardAction(retry.verb, retry.data, MEGAN)))[0];
  // The retry brings the investigation back, with the ticket and the comment on it.
  expect(cardToText(opened)).toContain('Ticket HD-1001 opened');
  expect(cardToText(opened)).toMatch(/^Your account was locked/);
  expect(cardToText(opened)).toContain('Your comment: "I was abroad"');
  expect(created).toEqual([expect.objectContaining({ comment: 'I was abroad' })]);
});
