/**
 * The bot over HTTP with its state in Azure Blob Storage (a real Azurite) that goes away and comes
 * back: questions are still answered, tickets are refused with a card that says why, one log line
 * names the outage, and everything works again without a restart.
 */
import { cardToText, executeActions } from '../../src/cards/text';
import { BlobStateStore } from '../../src/state/blobStore';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { startAzurite, type Azurite } from '../../src/tools/azurite';
import { startApp, type RunningApp } from '../support/app';
import { sendJson, startLoopback, type Loopback } from '../tickets/support/loopback';
import { parseLogLine } from '../support/logLines';
import { wording } from '../../src/cards/wording';

const ALEX = {
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
  conversationId: 'a:store-down',
};
let azurite: Azurite;
let webhook: Loopback;
let running: RunningApp;

beforeAll(async () => {
  azurite = await startAzurite();
  webhook = await startLoopback((request, res) => sendJson(res, 201, { reference: `HD-${webhook.received.length}` }));
  running = await startApp(
    { TICKET_SINK: 'webhook', TICKET_WEBHOOK_URL: `${webhook.url}/tickets`, TICKET_WEBHOOK_SECRET: 'test-signing-key' },
    {
      stateStore: new BlobStateStore({
        container: 'store-down',
        connectionString: azurite.connectionString,
        timeoutMs: 400,
      }),
    },
  );
});
afterAll(async () => {
  await running?.stop();
  await webhook?.close();
  await azurite?.dispose();
});

const ask = async (text: string) => cardToText(cardsIn(await postActivity(running.url, teamsMessage(text, ALEX)))[0]);
const click = async (data: Record<string, unknown>) =>
  cardToText(cardsIn(await postActivity(running.url, teamsCardAction('openTicket', data, ALEX)))[0]);

test('store down: answers without follow-up memory, tickets refused with a clear card, one log line; back up: all works again', async () => {
  const first = cardsIn(
    await postActivity(running.url, teamsMessage('why did megan bowen fail to sign in yesterday', ALEX)),
  )[0];
  const [button] = executeActions(first).filter((a) => a.verb === 'openTicket');
  expect(await ask('and the day before?')).toContain('for Megan Bowen between'); // memory works

  await azurite.stop();
  try {
    expect(await ask('why did adele vance fail to sign in yesterday')).toContain('Adele Vance');
    // The follow-up has no memory to go on: it is answered as a question of its own, not refused or crashed.
    expect(await ask('and the day before?')).not.toContain('Adele Vance');
    const refused = await click(button.data);
    expect(refused).toContain(wording('en').ticketStateUnavailable);
    expect(webhook.received).toHaveLength(0);
    const outage = running.logLines
      .map((l) => parseLogLine(l).msg ?? '')
      .filter((m) => m.startsWith('state store unreachable'));
    expect([...new Set(outage)].sort()).toEqual([
      'state store unreachable: answering without follow-up memory',
      'state store unreachable: rate limits counted per instance',
      'state store unreachable: ticket refused',
    ]);
    // One line per consequence, not one per message (rate counts are written in the background, so a
    // write begun before the outage may still succeed after its first warning and start the count anew).
    expect(outage.filter((m) => m.endsWith('follow-up memory'))).toHaveLength(1);
    expect(outage.filter((m) => m.endsWith('ticket refused'))).toHaveLength(1);
  } finally {
    await azurite.start();
  }

  // Back without a restart of the bot.
  await ask('why did adele vance fail to sign in yesterday');
  expect(await ask('and the day before?')).toContain('Adele Vance');
  expect(running.logLines.some((l) => l.includes('state store reachable again'))).toBe(true);
  const opened = await click(button.data);
  expect(opened).toMatch(/The helpdesk has every detail|opened; it went to/);
  expect(await click(button.data)).toContain('already opened earlier');
  expect(webhook.received).toHaveLength(1);
});
