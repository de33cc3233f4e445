/**
 * A person who is not a sign-in reader (the demo tenant's Megan Bowen) tries, in every way we could
 * think of, to see someone else's sign-ins — over HTTP, against the real server and the demo tenant.
 *
 * For every attempt:
 * - the answer is exactly the refusal card (the same card whoever was named, existing or not), or
 *   the stranger card for tenant / identity problems;
 * - the demo tenant's request log shows no sign-in request that names anyone but Megan, no sign-in
 *   read by id, and no directory request about anyone but Megan (no /users search at all);
 * - exactly one audit event is written, with decision "refused".
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { messageCard, wording } from '../../src/cards/render';
import { cardToText, executeActions } from '../../src/cards/text';
import { DEMO_TICKET_MAILBOX } from '../../src/demo/wiring';
import type { LoggedRequest } from '../../src/demo/tenant';
import { cardsIn, postActivity, teamsCardAction, teamsMessage, type AskerInfo } from '../../src/tools/activities';
import type { Language } from '../../src/shared/types';
import { understanding } from '../../src/understanding';
import { NOW, startApp, type RunningApp } from '../support/app';
import { auditsIn } from '../support/logLines';
import type { AuditEvent } from '../../src/shared/logger';

const MEGAN_ID = '00000000-0000-0000-0000-0000000000021';
const ALEX_ID = '00000000-0000-0000-0000-0000000000020';
const PATTI_ID = '00000000-0000-0000-0000-0000000000024';
const GRADY_ID = '5e1f0000-0000-4000-8000-000000000005';
const HENRIETTA_ID = '5e1f0000-0000-4000-8000-000000000007';
const ENRICO_ID = '5e1f0000-0000-4000-8000-00000000000d';
const NOBODY_ID = '5e1f0000-0000-4000-8000-0000deadbeef';
const OTHER_TENANT = 'f0f0f0f0-1111-2222-3333-444444444444';

let running: RunningApp;
let conversation = 0;

/** Megan, in a conversation of her own (each attempt starts with no memory unless it says so). */
function megan(extra: Partial<AskerInfo> = {}): AskerInfo {
  conversation += 1;
  return { aadObjectId: MEGAN_ID, name: 'Megan Bowen', conversationId: `a:megan-${conversation}`, ...extra };
}

const refusal = (language: Language) =>
  messageCard(language, wording(language).notAllowedTitle, [wording(language).notAllowedText]).content;
const stranger = (language: Language) =>
  messageCard(language, wording(language).refusedTitle, [wording(language).refusedText]).content;

interface Outcome {
  status: number;
  cards: Record<string, unknown>[];
  requests: LoggedRequest[];
  audits: AuditEvent[];
}

async function send(activity: unknown): Promise<Outcome> {
  const before = running.tenant.requestLog.length;
  const logBefore = running.logLines.length;
  const result = await postActivity(running.url, activity);
  return {
    status: result.status,
    cards: cardsIn(result),
    requests: running.tenant.requestLog.slice(before),
    audits: auditsIn(running.logLines.slice(logBefore)),
  };
}

/** User ids named in a sign-in filter (`userId eq '…'`, quotes undoubled). */
function userIdsIn(filter: string | null): string[] {
  return [...(filter ?? '').matchAll(/userId eq '((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
}

/** Nothing in these Graph requests is about anyone but Megan. */
function expectOnlyMegan(requests: LoggedRequest[], allowTicketMail = false): void {
  for (const r of requests) {
    if (r.path.startsWith('/auditLogs')) {
      // Never a read by id (GET /auditLogs/signIns/{id}), never unfiltered, always filtered by Megan's id only.
      expect({ path: r.path, userIds: userIdsIn(r.filter) }).toEqual({
        path: '/auditLogs/signIns',
        userIds: [MEGAN_ID],
      });
    } else if (allowTicketMail && r.path === `/users/${DEMO_TICKET_MAILBOX}/sendMail`) {
      continue;
    } else {
      // Her own reader decision (transitiveMemberOf, checkMemberGroups) or her own profile — never /users?$filter=…
      expect(r.path.startsWith(`/users/${MEGAN_ID}`) ? 'own' : r.path).toBe('own');
    }
  }
}

/**
 * Graph requests other than the one a non-reader's question may cause: reading her own directory
 * entry, to tell whether a UPN she typed is her own.
 */
const beyondOwnProfile = (requests: LoggedRequest[]) =>
  requests.filter((r) => !(r.method === 'GET' && r.path === `/users/${MEGAN_ID}` && r.filter === null));

/** The refusal, nothing read about anyone else, one audit event saying "refused". */
function expectRefused(outcome: Outcome, card: Record<string, unknown>): void {
  expect(outcome.status).toBe(200);
  expect(outcome.cards).toEqual([card]);
  expectOnlyMegan(outcome.requests);
  expect(outcome.audits).toHaveLength(1);
  expect(outcome.audits[0]).toMatchObject({ requester: MEGAN_ID, decision: 'refused', records: 0 });
}

function failureOf(userId: string): SignIn {
  const found = running.tenant.signIns.find((r) => r.userId === userId && r.status?.errorCode !== 0);
  if (!found) throw new Error(`no failure for ${userId}`);
  return found;
}

beforeAll(async () => {
  // Generous limits: this suite is about authorization, not about the rate limit.
  running = await startApp({ RATE_LIMIT_PER_MINUTE: '10000', GRAPH_REPORTS_MAX_REQUESTS: '10000' });
  // A helpdesk reader (Alex) asks first, so that the bot's sign-in cache holds other people's
  // sign-ins: a refusal must not be bypassed by a cache hit either.
  const alex = { aadObjectId: ALEX_ID, name: 'Alex Wilber' };
  for (const text of [
    'why did Alex Wilber fail to sign in yesterday?',
    'why did patti fernandez fail to sign in yesterday?',
    'who failed to sign in to Salesforce?',
    `failures of ${GRADY_ID}`,
  ]) {
    const warm = await postActivity(running.url, teamsMessage(text, alex));
    expect(cardToText(cardsIn(warm)[0])).not.toContain('You can only look up');
  }
  const ticket = await postActivity(
    running.url,
    teamsCardAction('openTicket', { signInId: failureOf(ALEX_ID).id, commentId: 'comment' }, alex),
  );
  expect(cardToText(cardsIn(ticket)[0])).toMatch(/Ticket SIT-\w+ opened/);
  // Megan's own reader decision is made (and cached) once here, so that every attempt below is
  // compared on the requests it makes itself.
  const first = await send(teamsMessage('why did Alex Wilber fail to sign in yesterday?', megan()));
  expectRefused(first, refusal('en'));
});
afterAll(() => running.stop());

/** Questions typed by Megan about someone else: [label, text, expected language, mentions]. */
const QUESTIONS: [string, string, Language, { id: string; name: string }[]?][] = [
  // English, by name
  ['full name', 'why did Alex Wilber fail to sign in yesterday?', 'en'],
  ['first name, lower case', 'why did alex fail to sign in?', 'en'],
  ['full name, lower case', "why can't alex wilber sign in", 'en'],
  ['sign-ins (not failures) of a person', 'alex wilber sign-ins today', 'en'],
  ['"show me" phrasing', 'show me the sign-ins of patti fernandez', 'en'],
  ['possessive', "what happened to Adele's sign-in this morning", 'en'],
  ['blocked, first name', 'why was Patti blocked', 'en'],
  ['locked out', 'why is isaiah langer locked out', 'en'],
  ['log in, last week', 'did lynne robbins fail to log in last week', 'en'],
  ['typo in the surname', 'failed sign-ins for Alex Wilbur', 'en'],
  ['typo in the first name', 'failed sign-ins for Alx Wilber', 'en'],
  ['a person who does not exist', 'failed sign-ins for Zacharias Nonexistent', 'en'],
  ['a helpdesk reader', 'why did Henrietta Mueller fail to sign in', 'en'],
  ['a Helpdesk Administrator', 'why did Diego fail to sign in', 'en'],
  // quotes and Unicode in names
  ['apostrophe and accent', "why did Seán O'Brien fail to sign in", 'en'],
  ['apostrophe, accent dropped', "why did Sean O'Brien fail to sign in", 'en'],
  ['typographic apostrophe', 'why did Seán O’Brien fail to sign in', 'en'],
  ['diaeresis', 'why did Zoë Janssen fail to sign in', 'en'],
  ['Turkish letters', 'why did Ömer Yılmaz fail to sign in', 'en'],
  ['name in double quotes', 'why did "Zoë Janssen" fail to sign in', 'en'],
  ['decomposed accent (NFD)', 'why did Zoe\u0308 Janssen fail to sign in', 'en'],
  ['zero-width space inside a name', 'why did Al\u200bex Wilber fail to sign in', 'en'],
  // UPNs
  ['UPN', 'why did alexw@example.com fail to sign in', 'en'],
  ['UPN in capitals', 'sign-ins of ALEXW@EXAMPLE.COM', 'en'],
  ['UPN with a time', 'failures for pattif@example.com yesterday', 'en'],
  ['UPN that does not exist', 'why did nobody@example.com fail to sign in', 'en'],
  ['UPN with an apostrophe', "failures for sean.o'brien@example.com", 'en'],
  // object ids
  ['object id of a reader (Grady)', `failures of ${GRADY_ID}`, 'en'],
  ['object id that does not exist', `failures of ${NOBODY_ID}`, 'en'],
  ['object id in capitals', `sign-ins of ${HENRIETTA_ID.toUpperCase()}`, 'en'],
  ['object id after "user"', `why did user ${ENRICO_ID} fail to sign in`, 'en'],
  // @mentions (in demo mode resolved by display name)
  [
    'mention',
    'why did <at>Alex Wilber</at> fail to sign in yesterday?',
    'en',
    [{ id: '29:alex', name: 'Alex Wilber' }],
  ],
  [
    'mention, Dutch',
    'waarom kon <at>Patti Fernandez</at> niet inloggen',
    'nl',
    [{ id: '29:patti', name: 'Patti Fernandez' }],
  ],
  ['mention of nobody known', '<at>Nobody Here</at> sign-ins', 'en', [{ id: '29:nobody', name: 'Nobody Here' }]],
  [
    "mention carrying Megan's own Teams id but Alex's name",
    'failures for <at>Alex Wilber</at>',
    'en',
    [{ id: `29:${MEGAN_ID}`, name: 'Alex Wilber' }],
  ],
  // injection strings
  ['OData quote injection', "why did x' or '1' eq '1 fail to sign in", 'en'],
  ['UPN with injection tail', "why did alexw@example.com' or userId ne ' fail to sign in", 'en'],
  ['parenthesis injection', "failures for ') or (", 'en'],
  ['percent-encoded quote', 'failures for %27', 'en'],
  ['percent-encoded quote after a name', 'failures for alex%27 or 1 eq 1', 'en'],
  ['SQL-style injection', "why did Robert'); DROP TABLE users;-- fail", 'en'],
  ['startswith injection', "sign-ins of alex' or startswith(userPrincipalName,'a", 'en'],
  ['template injection', 'failures for ${userId} {{userId}}', 'en'],
  // tenant-wide
  ['tenant-wide, by app', 'who failed to sign in to Salesforce?', 'en'],
  ['tenant-wide, yesterday', 'who failed to sign in yesterday?', 'en'],
  ['tenant-wide, "all"', 'show all failed sign-ins in the tenant', 'en'],
  ['tenant-wide, locked out', 'which users were locked out today', 'en'],
  ['tenant-wide, MFA', 'everyone who failed mfa this week', 'en'],
  ['tenant-wide, Dutch', 'wie kon gisteren niet inloggen?', 'nl'],
  ['tenant-wide, Dutch, blocked', 'wie is er vandaag geblokkeerd', 'nl'],
  // Dutch, by name / UPN / id
  ['Dutch, full name', 'waarom kon Alex Wilber gisteren niet inloggen?', 'nl'],
  ['Dutch, first name', 'waarom kan alex niet inloggen', 'nl'],
  ['Dutch, sign-ins today', 'aanmeldingen van Patti Fernandez vandaag', 'nl'],
  ['Dutch, blocked', 'waarom is Sanne Bakker geblokkeerd', 'nl'],
  ['Dutch, lower case', 'mislukte aanmeldingen van daan visser', 'nl'],
  ['Dutch, UPN', 'waarom kon alexw@example.com niet inloggen', 'nl'],
  ['Dutch, Playground id', `aanmeldingen van ${ALEX_ID}`, 'nl'],
];

/** Conversations: a question about someone else, then follow-ups in the same conversation. */
const FOLLOW_UPS: [string, [string, Language][], string?][] = [
  [
    '"and the day before?" after a refusal',
    [
      ['why did Alex Wilber fail to sign in yesterday?', 'en'],
      ['and the day before?', 'en'],
    ],
  ],
  [
    '"what about alex?" after a refusal',
    [
      ['why did Patti fail to sign in yesterday?', 'en'],
      ['what about alex?', 'en'],
    ],
  ],
  [
    '"show more" after a refusal',
    [
      ['who failed to sign in to Salesforce?', 'en'],
      ['show more', 'en'],
    ],
  ],
  [
    '"details of the second one" after a refusal',
    [
      ['why did alexw@example.com fail to sign in', 'en'],
      ['details of the second one', 'en'],
    ],
  ],
  [
    'Dutch follow-ups after a refusal',
    [
      ['waarom kon Alex Wilber gisteren niet inloggen?', 'nl'],
      ['en de dag ervoor?', 'nl'],
      ['toon meer', 'nl'],
    ],
    'nl-NL',
  ],
  [
    '"en alex dan?" after a refusal',
    [
      ['wie kon gisteren niet inloggen?', 'nl'],
      ['en alex dan?', 'nl'],
    ],
    'nl-NL',
  ],
];

/** Asked after a question about herself, in the same conversation (then a showMore click). */
const AFTER_OWN = ['what about alex?', 'and the day before?', 'show more', 'and for patti?'];

const DAY_BEFORE = { from: '2026-11-24T23:00:00.000Z', to: '2026-11-25T23:00:00.000Z' };

/** Forged Action.Execute invokes: [label, verb, data (built when the tenant exists), expected language]. */
const CLICKS: [string, string, () => Record<string, unknown>, Language][] = [
  ['choosePerson naming Alex', 'choosePerson', () => ({ intent: 'failures', userId: ALEX_ID, ...DAY_BEFORE }), 'en'],
  [
    'choosePerson naming Alex in other letter case',
    'choosePerson',
    () => ({ intent: 'failures', userId: ALEX_ID.toUpperCase() }),
    'en',
  ],
  [
    'choosePerson naming an id that does not exist',
    'choosePerson',
    () => ({ intent: 'failures', userId: NOBODY_ID }),
    'en',
  ],
  ['choosePerson naming a UPN', 'choosePerson', () => ({ intent: 'signins', userId: 'alexw@example.com' }), 'en'],
  [
    'choosePerson with userId null (tenant-wide)',
    'choosePerson',
    () => ({ intent: 'failures', userId: null, app: 'Salesforce' }),
    'en',
  ],
  ['choosePerson, Dutch card', 'choosePerson', () => ({ intent: 'failures', userId: PATTI_ID, language: 'nl' }), 'nl'],
  ['retry naming Alex', 'retry', () => ({ intent: 'failures', userId: ALEX_ID }), 'en'],
  ['retry with userId null (tenant-wide)', 'retry', () => ({ intent: 'failures', userId: null }), 'en'],
  ['retry with no userId at all (tenant-wide)', 'retry', () => ({ intent: 'signins' }), 'en'],
  [
    'retry with an injection as correlation id',
    'retry',
    () => ({ intent: 'failures', userId: ALEX_ID, correlationId: "x' or '1' eq '1" }),
    'en',
  ],
  [
    "openTicket: Alex's sign-in, her own userId",
    'openTicket',
    () => ({ signInId: failureOf(ALEX_ID).id, userId: MEGAN_ID, commentId: 'comment', comment: 'please' }),
    'en',
  ],
  [
    "openTicket: Alex's sign-in, Alex's userId",
    'openTicket',
    () => ({ signInId: failureOf(ALEX_ID).id, userId: ALEX_ID, commentId: 'comment' }),
    'en',
  ],
  [
    "openTicket: Patti's sign-in, Dutch",
    'openTicket',
    () => ({ signInId: failureOf(PATTI_ID).id, userId: PATTI_ID, language: 'nl' }),
    'nl',
  ],
  [
    'openTicket: a sign-in id that does not exist',
    'openTicket',
    () => ({ signInId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', userId: MEGAN_ID }),
    'en',
  ],
];

describe("Megan Bowen (not a sign-in reader) cannot see anyone else's sign-ins", () => {
  // Rows padded to a fixed length: jest passes `done` in place of a missing trailing argument.
  it.each(QUESTIONS.map(([label, text, language, mentions]) => [label, text, language, mentions ?? []] as const))(
    'refuses: %s',
    async (_label, text, language, mentions) => {
      const outcome = await send(
        teamsMessage(text, megan(language === 'nl' ? { locale: 'nl-NL' } : {}), [...mentions]),
      );
      expectRefused(outcome, refusal(language));
      // No Graph request about anyone: her reader decision is cached, and nobody else is looked up.
      expect(beyondOwnProfile(outcome.requests)).toEqual([]);
      expect(outcome.audits[0].reason).toBe('not-a-reader');
    },
  );

  it.each(FOLLOW_UPS.map(([label, steps, locale]) => [label, steps, locale ?? 'en-US'] as const))(
    'refuses follow-ups: %s',
    async (_label, steps, locale) => {
      const asker = megan({ locale });
      for (const [text, language] of steps) {
        const outcome = await send(teamsMessage(text, asker));
        expectRefused(outcome, refusal(language));
        expect(beyondOwnProfile(outcome.requests)).toEqual([]);
      }
    },
  );

  it('refuses a question about someone else after answering one about herself, and the follow-ups to it', async () => {
    const asker = megan();
    const own = await send(teamsMessage("why can't I sign in?", asker));
    expect(cardToText(own.cards[0])).toContain('for you between');
    expectOnlyMegan(own.requests);
    for (const text of AFTER_OWN) {
      const outcome = await send(teamsMessage(text, asker));
      expectRefused(outcome, refusal('en'));
      expect(outcome.requests).toEqual([]);
    }
    // A showMore click after the refused question is refused too (it acts on the remembered question).
    const click = await send(teamsCardAction('showMore', { offset: 10, userId: ALEX_ID }, asker));
    expectRefused(click, refusal('en'));
    expect(click.requests).toEqual([]);
  });

  it.each(CLICKS)('refuses a forged invoke: %s', async (_label, verb, data, language) => {
    const outcome = await send(teamsCardAction(verb, data(), megan()));
    expectRefused(outcome, refusal(language));
    if (verb === 'openTicket' && data().userId !== MEGAN_ID) {
      // The button itself names someone else: refused before any read.
      expect(outcome.requests).toEqual([]);
      expect(outcome.audits[0].reason).toBe('not-a-reader');
    } else if (verb === 'openTicket') {
      // One read, filtered by the sign-in id AND her own user id on the server side.
      expect(outcome.requests).toHaveLength(1);
      expect(outcome.requests[0].filter).toBe(
        `id eq '${String(data().signInId)}' and userId eq '${MEGAN_ID}' and signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')`,
      );
      expect(outcome.audits[0].reason).toBe('not-own-sign-in');
    } else {
      expect(outcome.requests).toEqual([]);
      expect(outcome.audits[0].reason).toBe('not-a-reader');
    }
  });

  it('opens no ticket and sends no mail for a forged openTicket', async () => {
    const mail = running.tenant.sentMail.length;
    await send(
      teamsCardAction(
        'openTicket',
        { signInId: failureOf(ALEX_ID).id, userId: ALEX_ID, commentId: 'comment', comment: 'x' },
        megan(),
      ),
    );
    expect(running.tenant.sentMail.length).toBe(mail);
  });
});

/** Activities that do not come from a signed-in person of this tenant: [label, activity]. */
const STRANGERS: [string, () => unknown, Language][] = [
  [
    "Megan's object id from another tenant",
    () => teamsMessage("why can't I sign in?", megan({ tenantId: OTHER_TENANT })),
    'en',
  ],
  [
    "a reader's object id (Alex) from another tenant, about Megan",
    () =>
      teamsMessage('why did Megan Bowen fail to sign in?', {
        aadObjectId: ALEX_ID,
        name: 'Alex Wilber',
        tenantId: OTHER_TENANT,
      }),
    'en',
  ],
  [
    'another tenant in channelData, ours in conversation',
    () => {
      const a = teamsMessage('why did Alex Wilber fail to sign in?', megan());
      return { ...a, channelData: { tenant: { id: OTHER_TENANT } } };
    },
    'en',
  ],
  [
    'no tenant anywhere',
    () => {
      const a = teamsMessage("why can't I sign in?", megan());
      return { ...a, channelData: {}, conversation: { ...a.conversation, tenantId: undefined } };
    },
    'en',
  ],
  [
    'another tenant, Dutch',
    () => teamsMessage('wie kon gisteren niet inloggen?', megan({ tenantId: OTHER_TENANT, locale: 'nl-NL' })),
    'nl',
  ],
  ['no aadObjectId', () => teamsMessage('why did Alex Wilber fail to sign in?', { name: 'Megan Bowen' }), 'en'],
  ['no aadObjectId, asking about "me"', () => teamsMessage("why can't I sign in?", { name: 'Megan Bowen' }), 'en'],
  [
    'empty aadObjectId',
    () => {
      const a = teamsMessage("why can't I sign in?", megan());
      return { ...a, from: { ...a.from, aadObjectId: '' } };
    },
    'en',
  ],
  [
    'a forged openTicket from another tenant',
    () =>
      teamsCardAction(
        'openTicket',
        { signInId: failureOf(ALEX_ID).id, userId: ALEX_ID },
        megan({ tenantId: OTHER_TENANT }),
      ),
    'en',
  ],
  [
    'a forged choosePerson without aadObjectId',
    () => teamsCardAction('choosePerson', { intent: 'failures', userId: ALEX_ID }, { name: 'Megan Bowen' }),
    'en',
  ],
  [
    'a forged retry (tenant-wide) from another tenant',
    () => teamsCardAction('retry', { intent: 'failures', userId: null }, megan({ tenantId: OTHER_TENANT })),
    'en',
  ],
];

describe('activities from another tenant or without an object id', () => {
  it('answers 400 to an activity with no from at all (the sender is part of every activity)', async () => {
    const before = running.tenant.requestLog.length;
    const a = teamsMessage("why can't I sign in?", megan()) as Record<string, unknown>;
    const outcome = await send({ ...a, from: undefined });
    expect(outcome.status).toBe(400);
    expect(outcome.cards).toEqual([]);
    expect(running.tenant.requestLog.length).toBe(before);
  });

  it.each(STRANGERS)('refuses without any Graph request: %s', async (_label, activity, language) => {
    const before = running.tenant.requestLog.length;
    const outcome = await send(activity());
    expect(outcome.status).toBe(200);
    expect(outcome.cards).toEqual([stranger(language)]);
    expect(running.tenant.requestLog.length).toBe(before);
    expect(outcome.audits).toHaveLength(1);
    expect(outcome.audits[0]).toMatchObject({ decision: 'refused', records: 0 });
    expect(['other-tenant', 'no-object-id']).toContain(outcome.audits[0].reason);
  });
});

const PAIRS: [string, string, string][] = [
  [
    'name',
    'why did Alex Wilber fail to sign in yesterday?',
    'why did Zacharias Nonexistent fail to sign in yesterday?',
  ],
  ['first name', 'why did patti fail to sign in?', 'why did qwzx fail to sign in?'],
  ['UPN', 'why did alexw@example.com fail to sign in', 'why did nobody@example.com fail to sign in'],
  ['object id', `failures of ${GRADY_ID}`, `failures of ${NOBODY_ID}`],
  ['mention', 'failures for <at>Alex Wilber</at>', 'failures for <at>Nobody Here</at>'],
  ['Dutch name', 'waarom kon Alex Wilber niet inloggen?', 'waarom kon Niemand Bestaatniet niet inloggen?'],
];

describe('the refusal does not tell whether the person exists', () => {
  it.each(PAIRS)(
    'same card and same requests for an existing and a non-existing %s',
    async (kind, existing, missing) => {
      const mention = (text: string) =>
        kind === 'mention' ? [{ id: '29:x', name: /<at>(.*)<\/at>/.exec(text)![1] }] : [];
      // The comparison means something only if both are read as a question about one named person.
      const subjectKind = (text: string) =>
        understanding.parse(text, { now: NOW, timeZone: 'Europe/Amsterdam', mentions: mention(text) }).subject?.kind;
      expect(subjectKind(missing)).toBe(subjectKind(existing));
      expect(['person', 'upn', 'objectId', 'mention']).toContain(subjectKind(existing));
      const a = await send(teamsMessage(existing, megan(), mention(existing)));
      const b = await send(teamsMessage(missing, megan(), mention(missing)));
      expect(a.cards).toHaveLength(1);
      expect(b.cards).toEqual(a.cards);
      const shape = (o: Outcome) => o.requests.map((r) => [r.method, r.path, r.filter]);
      expect(shape(b)).toEqual(shape(a));
      expect({ ...b.audits[0] }).toEqual({ ...a.audits[0] });
    },
  );

  it("same card for a forged openTicket with someone else's sign-in id and with an id that does not exist", async () => {
    const a = await send(teamsCardAction('openTicket', { signInId: failureOf(PATTI_ID).id }, megan()));
    const b = await send(teamsCardAction('openTicket', { signInId: '00000000-1111-4222-8333-444444444444' }, megan()));
    expect(a.cards).toEqual([refusal('en')]);
    expect(b.cards).toEqual(a.cards);
  });
});

describe('Megan can ask about herself', () => {
  function expectOwnFailures(outcome: Outcome, title = 'for you between'): void {
    expect(outcome.status).toBe(200);
    expect(outcome.cards).toHaveLength(1);
    const text = cardToText(outcome.cards[0]);
    expect(text).toContain(title);
    expect(text).not.toContain('You can only look up');
    const reads = outcome.requests.filter((r) => r.path.startsWith('/auditLogs'));
    // Her own sign-ins, read from Graph (or from the bot's short cache of the same query).
    expectOnlyMegan(outcome.requests);
    expect(outcome.audits).toHaveLength(1);
    expect(outcome.audits[0]).toMatchObject({ requester: MEGAN_ID, subject: 'self', decision: 'allowed' });
    expect(outcome.audits[0].records).toBeGreaterThan(0);
    // Every sign-in offered for a ticket is hers.
    for (const action of executeActions(outcome.cards[0]).filter((x) => x.verb === 'openTicket')) {
      expect(running.tenant.signIns.find((r) => r.id === action.data.signInId)?.userId).toBe(MEGAN_ID);
    }
    void reads;
  }

  it('by "I"', async () => {
    // A time range of its own, so that the answer is read from Graph rather than the bot's short cache.
    const outcome = await send(teamsMessage("why couldn't I sign in in the last 3 days?", megan()));
    expectOwnFailures(outcome);
    // One read per kind of sign-in (interactive, non-interactive), each about her only.
    expect(outcome.requests.filter((r) => r.path === '/auditLogs/signIns').map((r) => userIdsIn(r.filter))).toEqual([
      [MEGAN_ID],
      [MEGAN_ID],
    ]);
  });

  it('by "ik", in Dutch', async () => {
    expectOwnFailures(
      await send(teamsMessage('waarom kon ik niet inloggen?', megan({ locale: 'nl-NL' }))),
      'van jou tussen',
    );
  });

  it('by her own name', async () => {
    expectOwnFailures(await send(teamsMessage('why did Megan Bowen fail to sign in this week?', megan())));
  });

  it('by her own UPN (checked against her own directory entry; nobody else is looked up)', async () => {
    const outcome = await send(teamsMessage('why did meganb@example.com fail to sign in this week?', megan()));
    expectOwnFailures(outcome);
    // Her own entry may already be cached; nobody else's is ever read.
    for (const r of outcome.requests.filter((x) => x.path.startsWith('/users')))
      expect(r).toMatchObject({ method: 'GET', path: `/users/${MEGAN_ID}` });
  });

  it('by her own UPN in capitals', async () => {
    expectOwnFailures(await send(teamsMessage('failures for MEGANB@EXAMPLE.COM this week', megan())));
  });

  it('by her own object id', async () => {
    expectOwnFailures(await send(teamsMessage(`why did ${MEGAN_ID} fail to sign in this week?`, megan())));
  });

  it('by a mention of herself', async () => {
    expectOwnFailures(
      await send(
        teamsMessage('why did <at>Megan Bowen</at> fail to sign in this week?', megan(), [
          { id: `29:${MEGAN_ID}`, name: 'Megan Bowen' },
        ]),
      ),
    );
  });

  it('by a card click carrying her own id (choosePerson / retry)', async () => {
    expectOwnFailures(await send(teamsCardAction('choosePerson', { intent: 'failures', userId: MEGAN_ID }, megan())));
    expectOwnFailures(
      await send(teamsCardAction('retry', { intent: 'failures', userId: MEGAN_ID.toUpperCase() }, megan())),
    );
  });

  it('and follow-ups to her own question stay on her own sign-ins', async () => {
    const asker = megan();
    expectOwnFailures(await send(teamsMessage("why can't I sign in?", asker)));
    const more = await send(teamsMessage('and last week?', asker));
    expectOnlyMegan(more.requests);
    expect(more.audits[0]).toMatchObject({ subject: 'self', decision: 'allowed' });
    // A showMore click carries its question: her own is answered, a forged one naming Alex is refused.
    const own = await send(teamsCardAction('showMore', { intent: 'failures', offset: 1, userId: MEGAN_ID }, asker));
    expectOnlyMegan(own.requests);
    expect(own.audits[0]).toMatchObject({ subject: 'self', decision: 'allowed' });
    const forged = await send(teamsCardAction('showMore', { intent: 'failures', offset: 1, userId: ALEX_ID }, asker));
    expectOnlyMegan(forged.requests);
    expect(forged.cards).toEqual([refusal('en')]);
  });

  it('and can open a ticket for her own failed sign-in', async () => {
    const own = await send(teamsMessage("why can't I sign in?", megan()));
    const [action] = executeActions(own.cards[0]).filter((a) => a.verb === 'openTicket');
    const outcome = await send(teamsCardAction('openTicket', { ...action.data }, megan()));
    expect(cardToText(outcome.cards[0])).toMatch(/Ticket SIT-\w+ opened/);
    expectOnlyMegan(outcome.requests, true);
    expect(outcome.audits[0]).toMatchObject({ event: 'action', subject: 'self', decision: 'allowed', records: 1 });
  });
});

describe('Playground-style ids (13 digits in the last group) are object ids too', () => {
  it("refuses Megan when she names someone else's Playground id, and looks nobody up", async () => {
    for (const text of [`why did ${ALEX_ID} fail to sign in`, `failures of ${PATTI_ID}`]) {
      const outcome = await send(teamsMessage(text, megan()));
      expect(outcome.cards).toEqual([refusal('en')]);
      expect(outcome.requests.filter((r) => r.path.startsWith('/auditLogs'))).toEqual([]);
    }
  });
});

describe('the attempts', () => {
  it('number at least 60', () => {
    const attempts =
      QUESTIONS.length +
      FOLLOW_UPS.reduce((n, [, steps]) => n + steps.length, 0) +
      AFTER_OWN.length +
      1 + // + the showMore click
      CLICKS.length +
      1 + // + the forged openTicket that must send no mail
      STRANGERS.length +
      PAIRS.length * 2 +
      2; // + the two forged openTickets compared
    expect(attempts).toBeGreaterThanOrEqual(60);
    console.info(`non-reader attempts: ${attempts}`);
  });
});
