import { TicketSinkError, type TicketContent } from '../../../src/tickets';

/** Worst-case-ish content: markup in a name, a quote, an ampersand, line breaks in the comment. */
export function sampleContent(overrides: Partial<TicketContent> = {}): TicketContent {
  return {
    requester: { id: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber', upn: 'alexw@example.com' },
    subject: {
      id: '00000000-0000-0000-0000-0000000000022',
      name: 'Adele <script>alert(1)</script> Vance',
      upn: 'adelev@example.com',
    },
    occurredAtUtc: '2026-11-27T08:12:31Z',
    occurredAtLocal: '27 Nov 2026, 09:12 (Europe/Amsterdam)',
    app: 'Office 365 Exchange Online',
    resource: 'Microsoft Graph',
    errorCode: 53003,
    failureReason:
      'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    title: 'Blocked by Conditional Access',
    explanation:
      'A Conditional Access policy blocked this sign-in because the device is "unmanaged" & outside the Netherlands.',
    steps: ['Sign in from a company laptop.', 'Ask the helpdesk to check policy "Block outside NL".'],
    requestId: 'b7a4f0f2-53d1-4a0e-9a8c-1f2e3d4c5b6a',
    correlationId: 'c0ffee00-1234-4abc-8def-0123456789ab',
    ipAddress: '203.0.113.7',
    location: 'Lisbon, PT',
    device: 'Windows 11 (not compliant)',
    clientApp: 'Browser',
    conditionalAccess: [
      { name: 'Block outside NL', result: 'failure', controls: ['block'] },
      { name: 'Require MFA for admins', result: 'notApplied', controls: ['mfa', 'compliantDevice'] },
    ],
    lookupUrl: 'https://login.microsoftonline.com/error?code=53003',
    comment: 'Tried twice.\nOn the train & at home.',
    ...overrides,
  };
}

/** Values that must appear in every ticket, whatever the format. */
export function everyValue(c: TicketContent): string[] {
  return [
    c.requester.name,
    c.requester.upn!,
    c.requester.id,
    c.subject.upn,
    c.subject.id,
    c.occurredAtUtc,
    c.occurredAtLocal,
    c.app,
    c.resource!,
    String(c.errorCode),
    c.failureReason,
    c.title,
    c.explanation,
    ...c.steps,
    c.requestId,
    c.correlationId,
    c.ipAddress!,
    c.location!,
    c.device!,
    c.clientApp!,
    ...c.conditionalAccess.flatMap((p) => [p.name, p.result, ...p.controls]),
    c.lookupUrl,
  ];
}

export const FAST = { timeoutMs: 1000, attempts: 3, retryDelayMs: 10, budgetMs: 5000 };

/**
 * A sink error by its facts, not its sentence: which sink, the HTTP status (none for a timeout or an
 * unreachable service), whether it is worth retrying, and what the message must name (a status, the
 * number of tries, a setting or permission).
 */
export function expectSinkError(
  error: unknown,
  facts: { sink: string; status?: number; retryable: boolean; names?: (string | RegExp)[] },
): void {
  expect(error).toBeInstanceOf(TicketSinkError);
  const e = error as TicketSinkError;
  expect({ sink: e.sink, status: e.status, retryable: e.retryable }).toEqual({
    sink: facts.sink,
    status: facts.status,
    retryable: facts.retryable,
  });
  for (const name of facts.names ?? []) expect(e.message).toMatch(name);
}

/** The number of tries as the message says it, as a whole word ("tried 3 times" names 3). */
export const tries = (n: number): RegExp => new RegExp(`\\b${n}\\b`);
