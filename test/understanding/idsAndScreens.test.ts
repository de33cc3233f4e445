/**
 * GUIDs are what the words around them say (request, correlation, user); a GUID alone is a sign-in
 * first (the parser marks it, the answer tries it as a user second). Pasted error screens in the
 * forms Microsoft's sign-in pages show, with their lines kept or joined, English and Dutch, with or
 * without "Sorry", are never read as a name.
 */
import { parse } from '../../src/understanding/parse';

const ctx = { now: new Date('2026-12-06T20:00:00Z'), timeZone: 'Europe/Amsterdam', locale: 'en-US' };
const REQ = '8f2c1d3e-5b6a-4c7d-9e8f-0a1b2c3d4e5f';
const COR = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';

describe('what a GUID is', () => {
  it.each<[string, Record<string, unknown>]>([
    [REQ, { requestId: REQ, idUnlabelled: true, correlationId: null }],
    [`${REQ}?`, { requestId: REQ, idUnlabelled: true }],
    [`here's the request id from the error screen: ${REQ}`, { requestId: REQ, idUnlabelled: false }],
    [`why did request ${REQ} fail`, { requestId: REQ, idUnlabelled: false }],
    [`trace ${REQ}`, { requestId: REQ, idUnlabelled: false }],
    [`correlation ${REQ}`, { correlationId: REQ, requestId: null }],
    [`${REQ} is the correlation id`, { correlationId: REQ, requestId: null }],
    [`what happened with correlation id ${COR} and request id ${REQ}`, { correlationId: COR, requestId: REQ }],
    [`user ${REQ} cant sign in`, { subject: { kind: 'objectId', value: REQ }, requestId: null }],
    [`sign-ins of ${REQ} yesterday`, { subject: { kind: 'objectId', value: REQ }, requestId: null }],
    [`aanmeldingen van ${REQ}`, { subject: { kind: 'objectId', value: REQ }, requestId: null }],
    [`waarom mislukte aanvraag ${REQ}`, { requestId: REQ, idUnlabelled: false }],
    [`tenant id ${REQ}`, { requestId: null, correlationId: null }],
  ])('%s', (text, expected) => {
    expect(parse(text, ctx)).toMatchObject(expected);
  });

  it('a GUID alone asks about failures and names no person', () => {
    const q = parse(REQ, ctx);
    expect(q.intent).toBe('failures');
    expect(q.subject?.kind).not.toBe('person');
    expect(q.subject?.kind).not.toBe('objectId');
  });
});

const EN_LINES = [
  'Sign in',
  "Sorry, but we're having trouble signing you in.",
  '',
  "AADSTS50053: Your account is locked because you've tried to sign in too many times.",
  '',
  'Troubleshooting details',
  'If you contact your administrator, send this info to them.',
  'Copy info to clipboard',
  `Request Id: ${REQ}`,
  `Correlation Id: ${COR}`,
  'Timestamp: 2026-12-06T16:39:30Z',
  'Message: AADSTS50053: locked.',
];
const NL_LINES = [
  'Aanmelden',
  'Sorry, er is een probleem opgetreden bij het aanmelden.',
  '',
  'AADSTS50053: Uw account is vergrendeld.',
  '',
  'Details voor probleemoplossing',
  'Als u contact opneemt met uw beheerder, stuurt u deze gegevens naar hem of haar.',
  'Gegevens naar klembord kopiëren',
  `Aanvraag-id: ${REQ}`,
  `Correlatie-id: ${COR}`,
  'Tijdstempel: 2026-12-06T16:39:30Z',
];
const CA_LINES = [
  'You cannot access this right now',
  'Your sign-in was successful but does not meet the criteria to access this resource.',
  'More details',
  'Error Code: 53003',
  `Request Id: ${REQ}`,
  `Correlation Id: ${COR}`,
  'Timestamp: 12/6/2026 4:39:30 PM',
  'App name: Contoso Portal',
  'App id: 00000003-0000-0ff1-ce00-000000000000',
  'IP address: 203.0.113.7',
  'Device identifier: Not available',
  'Device platform: Windows 10',
  'Device state: Unregistered',
];
const OAUTH = `AADSTS50126: Error validating credentials due to invalid username or password. Trace ID: ${REQ} Correlation ID: ${COR} Timestamp: 2026-12-06 16:39:30Z`;

describe('pasted screens', () => {
  const cases: Array<[string, string, number]> = [];
  for (const [name, lines, code] of [
    ['English', EN_LINES, 50053],
    ['Dutch', NL_LINES, 50053],
    ['Conditional Access', CA_LINES, 53003],
  ] as const) {
    cases.push([`${name}, lines kept`, lines.join('\n'), code]);
    cases.push([`${name}, joined into one line`, lines.filter((l) => l).join(' '), code]);
    cases.push([`${name}, without "Sorry"`, lines.filter((l) => !l.startsWith('Sorry')).join(' '), code]);
    cases.push([`${name}, after the asker's words`, `megan got this: ${lines.join(' ')}`, code]);
  }
  cases.push(['OAuth short form', OAUTH, 50126]);

  it.each(cases)('%s', (_, text, code) => {
    const q = parse(text, ctx);
    expect(q.errorCode).toBe(code);
    expect(q.requestId).toBe(REQ);
    expect(q.correlationId).toBe(COR);
    expect(q.from).not.toBeNull();
    expect(q.intent).toBe('failures');
    if (text.startsWith('megan')) expect(q.subject).toEqual({ kind: 'person', text: 'megan' });
    else expect(q.subject?.kind).not.toBe('person');
  });

  it.each([
    ['Sorry, er is een probleem bij het aanmelden. AADSTS50126: Fout bij het valideren van referenties.', 50126],
    ["Sorry, but we're having trouble signing you in. AADSTS50057: The user account is disabled.", 50057],
  ])('a screen with only its code is still a screen, and "Sorry" no name: %s', (text, code) => {
    const q = parse(text, { ...ctx, locale: undefined });
    expect(q.errorCode).toBe(code);
    expect(q.subject?.kind).not.toBe('person');
  });

  it('a question that quotes a code line is a question about the code', () => {
    expect(parse('AADSTS50126: what does this mean?', ctx)).toMatchObject({ intent: 'explain', errorCode: 50126 });
  });
});

describe('words of issue 22 that are not names', () => {
  it.each<[string, Record<string, unknown>]>([
    ['welke apps geven de meeste fouten', { subject: { kind: 'anyone' }, tenantAsk: 'top-apps' }],
    [
      'Foutmelding AADSTS700016 bij het openen van de Contoso portal',
      { subject: { kind: 'self' }, errorCode: 700016, app: 'Contoso portal' },
    ],
    [
      'is het account van Patti geblokkeerd?',
      { subject: { kind: 'person', text: 'Patti' }, category: 'lockout', form: { yesNo: true } },
    ],
    ['Sorry, er is een probleem opgetreden bij het aanmelden', { subject: null }],
  ])('%s', (text, expected) => {
    expect(parse(text, { ...ctx, locale: undefined })).toMatchObject(expected);
  });
});
