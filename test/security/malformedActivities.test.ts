/**
 * A malformed invoke or conversation update is bad input, answered 400 with the
 * reason, before any turn runs: never a TypeError inside the turn that the user sees as "Microsoft
 * Graph did not answer". No Graph request is made and nothing is logged as an error.
 */
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';
import { parseLogLine } from '../support/logLines';

const ALEX = {
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
  conversationId: 'a:alex-malformed',
};
let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.stop());

const invoke = () => teamsCardAction('retry', { intent: 'failures', userId: null }, ALEX) as Record<string, unknown>;
const update = () =>
  ({ ...teamsMessage('', ALEX), type: 'conversationUpdate', text: undefined }) as Record<string, unknown>;
const message = () => teamsMessage("why can't I sign in?", ALEX) as Record<string, unknown>;

const MALFORMED: [string, () => Record<string, unknown>, RegExp][] = [
  ['an invoke whose value is {}', () => ({ ...invoke(), value: {} }), /value\.action/],
  ['an invoke whose action is null', () => ({ ...invoke(), value: { action: null } }), /value\.action/],
  ['an invoke whose action is a string', () => ({ ...invoke(), value: { action: 'retry' } }), /value\.action/],
  ['an invoke whose action is an array', () => ({ ...invoke(), value: { action: [] } }), /value\.action/],
  [
    'an invoke whose action has no type',
    () => ({ ...invoke(), value: { action: { verb: 'retry', data: {} } } }),
    /Action\.Execute/,
  ],
  [
    'an invoke whose action is an Action.Submit',
    () => ({ ...invoke(), value: { action: { type: 'Action.Submit', verb: 'retry' } } }),
    /Action\.Execute/,
  ],
  [
    'an invoke whose verb is missing',
    () => ({ ...invoke(), value: { action: { type: 'Action.Execute', data: {} } } }),
    /verb/,
  ],
  [
    'an invoke whose verb is a number',
    () => ({ ...invoke(), value: { action: { type: 'Action.Execute', verb: 7 } } }),
    /verb/,
  ],
  [
    'an invoke whose data is a string',
    () => ({ ...invoke(), value: { action: { type: 'Action.Execute', verb: 'retry', data: 'x' } } }),
    /data/,
  ],
  ['an invoke without a value', () => ({ ...invoke(), value: undefined }), /value\.action/],
  [
    'membersAdded that is an object',
    () => ({ ...update(), membersAdded: { id: '29:x' } }),
    /membersAdded must be an array/,
  ],
  ['membersAdded that is a string', () => ({ ...update(), membersAdded: '29:x' }), /membersAdded must be an array/],
  ['membersAdded holding null', () => ({ ...update(), membersAdded: [null] }), /membersAdded/],
  [
    'membersAdded holding an account without an id',
    () => ({ ...update(), membersAdded: [{ name: 'x' }] }),
    /membersAdded/,
  ],
  ['membersRemoved holding a number', () => ({ ...update(), membersRemoved: [5] }), /membersRemoved/],
  ['a message without a recipient', () => ({ ...message(), recipient: undefined }), /recipient/],
  ['an invoke without a recipient', () => ({ ...invoke(), recipient: undefined }), /recipient/],
  ['a recipient that is null', () => ({ ...message(), recipient: null }), /recipient/],
  ['a recipient without an id', () => ({ ...message(), recipient: { name: 'bot' } }), /recipient\.id/],
  [
    'a conversation without an id',
    () => ({ ...message(), conversation: { conversationType: 'personal' } }),
    /conversation\.id/,
  ],
  ['no conversation', () => ({ ...invoke(), conversation: undefined }), /conversation/],
  [
    'a conversationType that is an object',
    () => ({ ...message(), conversation: { id: 'a:1', conversationType: { personal: true } } }),
    /conversationType/,
  ],
  ['a timestamp that is a number', () => ({ ...message(), timestamp: 5 }), /timestamp/],
  ['a deliveryMode that is an object', () => ({ ...message(), deliveryMode: {} }), /deliveryMode/],
];

describe('malformed activities get 400 and a reason, never a Graph error card', () => {
  it.each(MALFORMED)('%s', async (_label, activity, reason) => {
    const before = running.tenant.requestLog.length;
    const result = await postActivity(running.url, activity());
    expect(result.status).toBe(400);
    expect((result.body as { error: string }).error).toMatch(/^The activity is malformed: /);
    expect((result.body as { error: string }).error).toMatch(reason);
    expect(cardsIn(result)).toEqual([]);
    expect(running.tenant.requestLog.length).toBe(before);
  });

  it('logs no error for any of them, and the well-formed originals are answered', async () => {
    expect(running.logLines.map(parseLogLine).filter((l) => l.level >= 50)).toEqual([]);
    for (const activity of [invoke(), { ...update(), membersAdded: [{ id: '29:alex' }] }]) {
      const result = await postActivity(running.url, activity);
      expect(result.status).toBe(200);
      expect(cardsIn(result).length).toBeGreaterThan(0);
      expect(JSON.stringify(result.body)).not.toContain('did not answer');
    }
  });
});
