/** Card verbs and their data: what a genuine card sends is accepted, anything forged or damaged is rejected. */
import {
  cardLanguage,
  isVerb,
  parseCardAction,
  parseVerbData,
  readInvoke,
  ticketComment,
  VERB_SCHEMAS,
} from '../../src/answers/verbs';

const ALEX = '00000000-0000-0000-0000-0000000000020';
const CORRELATION = '4C3B2A19-0000-4000-8000-00000000ABCD';
const GOOD_ASK = {
  intent: 'failures',
  userId: ALEX,
  from: '2026-11-25T23:00:00.000Z',
  to: '2026-11-26T23:00:00Z',
  app: 'Salesforce',
  errorCode: 50126,
  correlationId: CORRELATION,
  offset: 10,
  language: 'nl',
};
const ASK_VERBS = ['showMore', 'choosePerson', 'retry'] as const;

describe('the verbs a card may send', () => {
  it('are showMore, choosePerson, retry, details and openTicket, each with a schema', () => {
    expect(Object.keys(VERB_SCHEMAS).sort()).toEqual([
      'choosePerson',
      'details',
      'fix',
      'fixConfirm',
      'incidentPeople',
      'incidentTicket',
      'openTicket',
      'retry',
      'showMore',
    ]);
    expect(['openTicket', 'retry'].every(isVerb)).toBe(true);
    expect(['', 'toString', '__proto__', 'constructor', 'OpenTicket', 5, null].some(isVerb)).toBe(false);
  });

  it('takes a fix only with a known fix and a well-formed person id (issue 21)', () => {
    const ok = parseCardAction('fixConfirm', { fix: 'revokeSessions', userId: 'ABC-123', signInId: null });
    expect(ok).toEqual({
      ok: true,
      action: {
        verb: 'fixConfirm',
        data: {
          fix: 'revokeSessions',
          userId: 'abc-123',
          signInId: null,
          appId: null,
          country: null,
          usualCountry: null,
        },
      },
    });
    expect(parseCardAction('fix', { fix: 'deleteUser', userId: 'abc' })).toEqual({
      ok: false,
      reason: 'bad-action-data',
    });
    expect(parseCardAction('fix', { fix: 'revokeSessions', userId: "x' or 1 eq 1" })).toEqual({
      ok: false,
      reason: 'bad-action-data',
    });
  });

  it('rejects a verb that is not one of them', () => {
    expect(parseCardAction('deleteEverything', {})).toEqual({ ok: false, reason: 'unknown-verb' });
    expect(parseCardAction('hasOwnProperty', GOOD_ASK)).toEqual({ ok: false, reason: 'unknown-verb' });
  });
});

describe('a resolved question (showMore, choosePerson, retry)', () => {
  it.each(ASK_VERBS)('%s: accepts what a card sends, normalised, and drops fields it does not know', (verb) => {
    expect(parseCardAction(verb, { ...GOOD_ASK, $where: 'x' })).toEqual({
      ok: true,
      action: {
        verb,
        data: {
          intent: 'failures',
          userId: ALEX,
          from: '2026-11-25T23:00:00.000Z',
          to: '2026-11-26T23:00:00.000Z',
          app: 'Salesforce',
          errorCode: 50126,
          correlationId: CORRELATION.toLowerCase(),
          requestId: null,
          category: null,
          offset: 10,
        },
      },
    });
  });

  it('reads missing and null fields as "not given": everyone, the default window, failures', () => {
    expect(parseVerbData('retry', {})).toEqual({
      intent: 'failures',
      userId: null,
      from: null,
      to: null,
      app: null,
      errorCode: null,
      correlationId: null,
      requestId: null,
      category: null,
      offset: undefined,
    });
    expect(parseVerbData('retry', { intent: 'signins', userId: null, app: null })).toMatchObject({
      intent: 'signins',
      userId: null,
      app: null,
    });
  });

  it('starts from the beginning when the offset is unusable, rather than refusing', () => {
    for (const offset of [-1, 1.5, 'ten', 100_000, null, '', {}])
      expect(parseVerbData('showMore', { offset })?.offset).toBeUndefined();
    expect(parseVerbData('showMore', { offset: '20' })?.offset).toBe(20);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a UPN as userId', { userId: 'alexw@example.com' }],
    ['an OData injection as userId', { userId: "x' or '1' eq '1" }],
    ['a number as userId', { userId: 42 }],
    ['an object as userId', { userId: { $ne: null } }],
    ['an over-long userId', { userId: 'a'.repeat(65) }],
    ['an injection as correlation id', { correlationId: "x' or '1' eq '1" }],
    ['a correlation id that is not a GUID', { correlationId: '1234' }],
    ['a request id that is not a GUID', { requestId: "x' or '1' eq '1" }],
    ['a category with odd characters', { category: 'Lockout; drop' }],
    ['an app with a quote', { app: "Sales'force" }],
    ['an over-long app', { app: 'a'.repeat(81) }],
    ['a date without a zone', { from: '2026-11-25T23:00:00' }],
    ['a date that does not exist', { from: '2026-13-45T99:00:00Z' }],
    ['a date as a number', { from: 1764111600000 }],
    ['from after to', { from: '2026-11-26T23:00:00Z', to: '2026-11-25T23:00:00Z' }],
    ['from equal to to', { from: '2026-11-26T23:00:00Z', to: '2026-11-26T23:00:00Z' }],
    ['a negative error code', { errorCode: -1 }],
    ['a fractional error code', { errorCode: 1.5 }],
    ['an error code as a string', { errorCode: '50126' }],
    ['an unknown intent', { intent: 'delete' }],
  ])('rejects forged data: %s', (_label, patch) => {
    for (const verb of ASK_VERBS)
      expect(parseCardAction(verb, { ...GOOD_ASK, ...patch })).toEqual({ ok: false, reason: 'bad-action-data' });
  });

  it.each([null, undefined, 'retry', 42, [GOOD_ASK]])('rejects data that is not an object: %p', (data) => {
    expect(parseCardAction('retry', data)).toEqual({ ok: false, reason: 'bad-action-data' });
  });
});

describe('openTicket', () => {
  it('accepts the sign-in id and the comment input a card sends', () => {
    expect(
      parseCardAction('openTicket', {
        signInId: 'b7a1c2d3-0000-4000-8000-000000000001',
        userId: ALEX,
        commentId: 'comment3',
        comment3: 'please',
      }),
    ).toEqual({
      ok: true,
      action: {
        verb: 'openTicket',
        data: { signInId: 'b7a1c2d3-0000-4000-8000-000000000001', userId: ALEX, commentId: 'comment3' },
      },
    });
    expect(parseVerbData('openTicket', { signInId: 'b7a1c2d3-0000-4000-8000-000000000001' })).toEqual({
      signInId: 'b7a1c2d3-0000-4000-8000-000000000001',
      userId: null,
      commentId: 'comment',
    });
  });

  it('refuses a sign-in id that is not a GUID before anything is read (Graph sign-in ids are GUIDs)', () => {
    for (const signInId of [
      'abc',
      'b7a1c2d3-0000-4000-8000-0000000000011',
      '../users',
      'b7a1c2d3-0000-4000-8000-00000000000g',
    ]) {
      expect(parseVerbData('openTicket', { signInId })).toBeNull();
    }
  });

  it.each<[string, Record<string, unknown>]>([
    ['no sign-in id', {}],
    ['an empty sign-in id', { signInId: '' }],
    ['an injection as sign-in id', { signInId: "x' or '1' eq '1" }],
    ['an operator object as sign-in id', { signInId: { $gt: '' } }],
    ['a path as sign-in id', { signInId: '../users/alexw' }],
    ['an over-long sign-in id', { signInId: 'a'.repeat(65) }],
    ['__proto__ as comment input', { signInId: 'abc', commentId: '__proto__' }],
    ['a comment input that is not a name', { signInId: 'abc', commentId: 'comment 1' }],
  ])('rejects forged data: %s', (_label, data) => {
    expect(parseCardAction('openTicket', data)).toEqual({ ok: false, reason: 'bad-action-data' });
  });

  it('reads the comment from the named input only, trimmed and at most 1000 characters', () => {
    expect(ticketComment({ comment2: '  locked out again  ' }, 'comment2')).toBe('locked out again');
    expect(ticketComment({ comment2: 'x'.repeat(5000) }, 'comment2')).toHaveLength(1000);
    expect(ticketComment({ comment: 'other input' }, 'comment2')).toBe('');
    expect(ticketComment({ comment2: { text: 'x' } }, 'comment2')).toBe('');
    expect(ticketComment({}, 'toString')).toBe('');
  });
});

describe('the rest of an invoke', () => {
  it("takes the card's language only when it is one we speak", () => {
    expect(cardLanguage({ language: 'nl' })).toBe('nl');
    expect(cardLanguage({ language: 'en' })).toBe('en');
    for (const data of [{ language: 'de' }, { language: ['nl'] }, {}, null, 'nl'])
      expect(cardLanguage(data)).toBeUndefined();
  });

  it('reads verb and data from any invoke value, and never throws', () => {
    expect(readInvoke({ action: { type: 'Action.Execute', verb: 'retry', data: { userId: ALEX } } })).toEqual({
      verb: 'retry',
      data: { userId: ALEX },
    });
    for (const value of [
      null,
      undefined,
      {},
      'retry',
      { action: null },
      { action: { verb: 5, data: [1] } },
      { action: { verb: 'retry', data: 'x' } },
    ]) {
      const read = readInvoke(value);
      expect(read.data).toEqual({});
      expect(['', 'retry']).toContain(read.verb);
    }
  });
});

describe('incident alert buttons', () => {
  it('carry an incident id and nothing else is trusted', () => {
    expect(parseCardAction('incidentTicket', { incidentId: 'inc-0123456789abcdef', language: 'en' })).toEqual({
      ok: true,
      action: { verb: 'incidentTicket', data: { incidentId: 'inc-0123456789abcdef' } },
    });
    expect(parseCardAction('incidentPeople', { incidentId: "inc-0123' or 1=1" })).toEqual({
      ok: false,
      reason: 'bad-action-data',
    });
    expect(parseCardAction('incidentPeople', {})).toEqual({ ok: false, reason: 'bad-action-data' });
  });
});
