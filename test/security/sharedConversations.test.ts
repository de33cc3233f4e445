/**
 * Other people's sign-ins appear only in an explicit personal chat. Every
 * card verb and every question by a sign-in reader (Alex) about someone else (Megan) is checked in a
 * channel, a group chat, and conversations whose type is missing or unknown — which count as shared.
 * No card shown there carries anything of Megan's sign-ins, no ticket is opened, and the same
 * activities in a personal chat do show them (so each check can fail).
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { cardToText } from '../../src/cards/text';
import { requesterOf } from '../../src/bot/requester';
import { DEMO_TENANT_ID } from '../../src/demo/wiring';
import { cardsIn, postActivity, teamsCardAction, teamsMessage } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';

const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
const MEGAN_ID = '00000000-0000-0000-0000-0000000000021';
const PRIVATELY = 'Ask me in a personal chat';

let running: RunningApp;
let megansFailure: SignIn;
let alexsFailure: SignIn;
beforeAll(async () => {
  running = await startApp({ TICKET_SINK: 'graph-mail', RATE_LIMIT_PER_MINUTE: '100000' });
  megansFailure = running.tenant.signIns.find((r) => r.userId === MEGAN_ID && r.status!.errorCode === 50053)!;
  alexsFailure = running.tenant.signIns.find((r) => r.userId === ALEX.aadObjectId && r.status!.errorCode !== 0)!;
});
afterAll(() => running.stop());

let n = 0;
/** Conversations that are not an explicit personal chat. */
const SHARED: [string, (id: string) => Record<string, unknown>][] = [
  [
    'a channel',
    (id) => ({ conversationType: 'channel', isGroup: true, id: `19:${id}@thread.tacv2`, tenantId: DEMO_TENANT_ID }),
  ],
  [
    'a group chat',
    (id) => ({ conversationType: 'groupChat', isGroup: true, id: `19:${id}@thread.v2`, tenantId: DEMO_TENANT_ID }),
  ],
  [
    'no conversationType, isGroup and a thread id',
    (id) => ({ isGroup: true, id: `19:${id}@thread.tacv2`, tenantId: DEMO_TENANT_ID }),
  ],
  ['no conversationType at all', (id) => ({ id: `a:${id}`, tenantId: DEMO_TENANT_ID })],
  [
    'an unknown conversationType',
    (id) => ({ conversationType: 'meeting', id: `19:meeting_${id}@thread.v2`, tenantId: DEMO_TENANT_ID }),
  ],
  [
    '"Personal" in another letter case',
    (id) => ({ conversationType: 'Personal', id: `a:${id}`, tenantId: DEMO_TENANT_ID }),
  ],
];
const PERSONAL = (id: string) => ({ conversationType: 'personal', id: `a:${id}`, tenantId: DEMO_TENANT_ID });

const ASKS: [string, () => Record<string, unknown>][] = [
  [
    "openTicket on Megan's sign-in",
    () => teamsCardAction('openTicket', { signInId: megansFailure.id, userId: MEGAN_ID, commentId: 'c' }, ALEX),
  ],
  [
    "openTicket on Megan's sign-in, no userId on the button",
    () => teamsCardAction('openTicket', { signInId: megansFailure.id }, ALEX),
  ],
  [
    "openTicket on Megan's sign-in, the button forged to name Alex",
    () => teamsCardAction('openTicket', { signInId: megansFailure.id, userId: ALEX.aadObjectId }, ALEX),
  ],
  [
    'showMore about Megan',
    () => teamsCardAction('showMore', { intent: 'failures', userId: MEGAN_ID, offset: 0 }, ALEX),
  ],
  ['choosePerson Megan', () => teamsCardAction('choosePerson', { intent: 'failures', userId: MEGAN_ID }, ALEX)],
  ['retry about Megan', () => teamsCardAction('retry', { intent: 'signins', userId: MEGAN_ID }, ALEX)],
  ['retry, tenant-wide', () => teamsCardAction('retry', { intent: 'failures', userId: null }, ALEX)],
  ['a message about Megan by name', () => teamsMessage('why did Megan Bowen fail to sign in?', ALEX)],
  ['a message about Megan by UPN', () => teamsMessage('show sign-ins of meganb@example.com this week', ALEX)],
  ['a message about Megan by object id', () => teamsMessage(`failures of ${MEGAN_ID}`, ALEX)],
  ['a tenant-wide message', () => teamsMessage('who failed to sign in yesterday?', ALEX)],
  [
    "a message with Megan's correlation id",
    () => teamsMessage(`what happened with correlation id ${'correlationId'}`, ALEX),
  ],
];

function withConversation(activity: Record<string, unknown>, conversation: Record<string, unknown>) {
  return { ...activity, conversation };
}

function fillCorrelation(activity: Record<string, unknown>): Record<string, unknown> {
  return typeof activity.text === 'string'
    ? { ...activity, text: activity.text.replace('correlationId', String(megansFailure.correlationId)) }
    : activity;
}

/** Anything that would identify Megan's sign-in on a card. */
function megansDetails(): string[] {
  return [
    megansFailure.userPrincipalName!,
    megansFailure.id!,
    megansFailure.correlationId!,
    megansFailure.ipAddress!,
    'Megan Bowen',
  ];
}

describe.each(SHARED)('in %s', (_label, conversation) => {
  it.each(ASKS)("%s: asks for a personal chat and shows nothing of Megan's sign-ins", async (_ask, build) => {
    const mail = running.tenant.sentMail.length;
    n += 1;
    const result = await postActivity(
      running.url,
      fillCorrelation(withConversation(build(), conversation(`shared-${n}`))),
    );
    expect(result.status).toBe(200);
    const cards = cardsIn(result);
    expect(cards).toHaveLength(1);
    const text = cardToText(cards[0]);
    const raw = JSON.stringify(cards[0]);
    expect(text).toContain(PRIVATELY);
    for (const detail of megansDetails()) expect(raw).not.toContain(detail);
    expect(running.tenant.sentMail.length).toBe(mail);
  });

  it('still lets Alex open a ticket for his own sign-in there', async () => {
    n += 1;
    const result = await postActivity(
      running.url,
      withConversation(
        teamsCardAction('openTicket', { signInId: alexsFailure.id, userId: ALEX.aadObjectId }, ALEX),
        conversation(`own-${n}`),
      ),
    );
    expect(cardToText(cardsIn(result)[0])).toMatch(/Ticket .* opened/);
  });

  it('answers an unknown verb with the "did not understand" card, nothing else', async () => {
    n += 1;
    const result = await postActivity(
      running.url,
      withConversation(teamsCardAction('exportAll', { userId: MEGAN_ID }, ALEX), conversation(`unknown-${n}`)),
    );
    const raw = JSON.stringify(cardsIn(result));
    expect(cardToText(cardsIn(result)[0])).toContain("I didn't understand that");
    // (Its example questions name Megan Bowen: only her sign-in's own details are checked.)
    for (const detail of megansDetails().slice(0, 4)) expect(raw).not.toContain(detail);
  });
});

describe('the same activities in a personal chat (the control)', () => {
  it.each(ASKS.filter(([label]) => !/tenant-wide/.test(label)))("%s: shows Megan's sign-ins", async (_ask, build) => {
    n += 1;
    const result = await postActivity(
      running.url,
      fillCorrelation(withConversation(build(), PERSONAL(`personal-${n}`))),
    );
    const raw = JSON.stringify(cardsIn(result));
    expect(cardToText(cardsIn(result)[0])).not.toContain(PRIVATELY);
    // A ticket on Megan's sign-in that an earlier test opened is answered from the ledger: the ticket,
    // and beside it only an investigation that holds that sign-in (never the clicker's own, whatever the button says).
    if (/^openTicket/.test(_ask) && !/Megan Bowen|meganb@example\.com/.test(raw))
      expect(raw).toMatch(/SIT-[0-9A-F]{8}/);
    else expect(raw).toMatch(/Megan Bowen|meganb@example\.com/);
    expect(raw).not.toContain(ALEX.aadObjectId);
  });
});

describe('requesterOf: only an explicit personal chat is personal', () => {
  it.each([
    [{ conversationType: 'personal', id: 'a:1' }, 'personal'],
    [{ conversationType: 'channel', id: '19:x@thread.tacv2' }, 'shared'],
    [{ conversationType: 'groupChat', id: '19:x@thread.v2' }, 'shared'],
    [{ isGroup: true, id: '19:x@thread.tacv2' }, 'shared'],
    [{ id: 'a:1' }, 'shared'],
    [undefined, 'shared'],
    [{ conversationType: 'PERSONAL', id: 'a:1' }, 'shared'],
  ])('%j → %s', (conversation, expected) => {
    expect(
      requesterOf(
        { conversation: conversation as never, from: { id: '29:x', name: 'x', aadObjectId: ALEX.aadObjectId } },
        'UTC',
      ).conversationType,
    ).toBe(expected);
  });
});
