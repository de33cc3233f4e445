import type { SignIn } from '@microsoft/microsoft-graph-types';
import { diagnose } from '../../src/diagnosis/diagnose';
import {
  chooserCard, explainCodeCard, failureSummaryCard, helpCard, messageCard, serviceProblemCard, ticketOpenedCard, unknownCard, ROWS_PER_CARD, type Card,
} from '../../src/cards/render';
import { cardToText, executeActions } from '../../src/cards/text';
import { catalog } from '../../src/diagnosis/catalog';
import { LISBON, minutesAfter, signIn } from '../fixtures/signIns';
import { bytes, cardProblems } from './validateCard';

const T0 = '2026-11-26T09:00:00Z';
const window = { from: new Date('2026-11-19T10:00:00Z'), to: new Date('2026-11-26T10:00:00Z') };
const longReason = 'A very long failure reason that goes on and on to test wrapping and size limits, with ${template} syntax and [markdown](https://example.com) inside. '.repeat(4);
const manyPolicies: NonNullable<SignIn['appliedConditionalAccessPolicies']> = Array.from({ length: 12 }, (_, i) => ({
  id: `policy-${i}`, displayName: `Conditional Access policy number ${i} with a rather long descriptive name for testing`,
  enforcedGrantControls: i % 3 === 0 ? ['Block'] : ['Mfa', 'CompliantDevice'], enforcedSessionControls: [], result: i % 4 === 0 ? 'failure' : 'notApplied',
}));
const codes = [...catalog().keys()].filter((c) => c !== 0);
const worstCase = Array.from({ length: 50 }, (_, i) => signIn(minutesAfter(T0, -i * 7), codes[i * 7 % codes.length], {
  ...LISBON, appDisplayName: 'An application with a very long display name indeed', appliedConditionalAccessPolicies: manyPolicies,
  status: { errorCode: codes[i * 7 % codes.length], failureReason: longReason, additionalDetails: longReason },
}));

function everyCard(language: 'en' | 'nl'): [string, Card][] {
  const d = diagnose(worstCase, { language, audience: 'helpdesk', timeZone: 'America/New_York', subjectName: 'Megan Bowen', tenantWide: false, window, retentionDays: 30, truncated: true });
  const tenant = diagnose(worstCase, { language, audience: 'helpdesk', timeZone: 'UTC', subjectName: '', tenantWide: true, window, retentionDays: 30 });
  const empty = diagnose([], { language, audience: 'user', timeZone: 'Europe/Amsterdam', subjectName: 'You', tenantWide: false, window, retentionDays: 7 });
  return [
    ['failure summary (50 attempts)', failureSummaryCard({ diagnosis: d, language, audience: 'helpdesk', timeZone: 'America/New_York', subjectName: 'Megan Bowen', tenantWide: false, window, defaultWindowDays: 7 })],
    ['failure summary, page 5', failureSummaryCard({ diagnosis: d, language, audience: 'helpdesk', timeZone: 'America/New_York', subjectName: 'Megan Bowen', tenantWide: false, window, defaultWindowDays: null, offset: 40 })],
    ['tenant-wide summary', failureSummaryCard({ diagnosis: tenant, language, audience: 'helpdesk', timeZone: 'UTC', subjectName: null, tenantWide: true, window, defaultWindowDays: null })],
    ['no failures', failureSummaryCard({ diagnosis: empty, language, audience: 'user', timeZone: 'Europe/Amsterdam', subjectName: null, tenantWide: false, window, defaultWindowDays: 7 })],
    ['explain code', explainCodeCard(50126, language, 'user')],
    ['explain unknown code', explainCodeCard(4242424, language, 'helpdesk')],
    ['help', helpCard(language, true, ['why did Megan fail to sign in yesterday?', 'what does 50126 mean?', 'why can\'t I sign in?'])],
    ['unknown', unknownCard(language, ['a', 'b', 'c'])],
    ['which person', chooserCard(language, 'alex', Array.from({ length: 10 }, (_, i) => ({ id: `id-${i}`, displayName: `Alex Person ${i}`, userPrincipalName: `alex${i}@example.com`, department: 'Engineering' })), { intent: 'failures', from: null, to: null })],
    ['not allowed', messageCard(language, 'Not allowed', ['You can only look up your own sign-ins.'])],
    ...(['notLicensed', 'missingPermission', 'authentication', 'throttled', 'unavailable', 'notFound', 'badRequest'] as const).map((k): [string, Card] => [`service problem ${k}`, serviceProblemCard(language, k, { intent: 'failures', userId: 'x' }, 7)]),
    ['ticket opened', ticketOpenedCard(language, { reference: 'SIT-1A2B3C4D', where: 'helpdesk@example.com', duplicate: false }, worstCase[0], 'Europe/Amsterdam')],
  ];
}

describe.each(['en', 'nl'] as const)('every card in %s', (language) => {
  it.each(everyCard(language))('%s parses with the Adaptive Cards library without errors or warnings and stays under 28 KB', (_name, card) => {
    expect(cardProblems(card.content)).toEqual([]);
    expect(bytes(card.content)).toBeLessThan(28 * 1024);
    expect(card.summary.length).toBeGreaterThan(5);
    expect(JSON.stringify(card.content)).not.toMatch(/\$\{|\$when|\$data/);
  });
});

describe('failure summary card', () => {
  const typical = Array.from({ length: 50 }, (_, i) => signIn(minutesAfter(T0, -i * 7), [50126, 53003, 500121, 50053][i % 4], { ...LISBON, appliedConditionalAccessPolicies: manyPolicies.slice(0, 3) }));
  const d = diagnose(typical, { language: 'en', audience: 'helpdesk', timeZone: 'America/New_York', subjectName: 'Megan Bowen', tenantWide: false, window, retentionDays: 30 });
  const card = failureSummaryCard({ diagnosis: d, language: 'en', audience: 'helpdesk', timeZone: 'America/New_York', subjectName: 'Megan Bowen', tenantWide: false, window, defaultWindowDays: 7 });
  const text = cardToText(card.content);

  it('shows the newest 10 attempts, then offers "show more"', () => {
    const tickets = executeActions(card.content).filter((a) => a.verb === 'openTicket');
    expect(tickets).toHaveLength(ROWS_PER_CARD);
    expect(tickets[0].data.signInId).toBe(typical[0].id);
    expect(executeActions(card.content).find((a) => a.verb === 'showMore')?.data).toEqual({ offset: 10 });
    expect(text).toContain('40 more failed attempts are not shown.');
  });

  it('puts only ids in the ticket action data', () => {
    const [first] = executeActions(card.content).filter((a) => a.verb === 'openTicket');
    expect(Object.keys(first.data).sort()).toEqual(['commentId', 'signInId', 'userId']);
  });

  it('shows local time with the zone named, UTC, request and correlation ids, IP, location, device and the failing policy', () => {
    expect(text).toContain('Time (America/New_York): Thu 26 Nov, 04:00 (2026-11-26 09:00:00 UTC)');
    expect(text).toContain(`Request ID: ${typical[0].id}`);
    expect(text).toContain(`Correlation ID: ${typical[0].correlationId}`);
    expect(text).toContain('IP address: 203.0.113.24');
    expect(text).toContain('Location: Lisbon, Lisboa, PT');
    expect(text).toMatch(/Conditional Access: Conditional Access policy number 0 .*: Block not met/);
  });

  it('keeps Graph text from acting as template or markdown syntax', () => {
    const worst = diagnose(worstCase, { language: 'en', audience: 'helpdesk', timeZone: 'UTC', subjectName: 'Megan Bowen', tenantWide: false, window, retentionDays: 30 });
    const json = JSON.stringify(failureSummaryCard({ diagnosis: worst, language: 'en', audience: 'helpdesk', timeZone: 'UTC', subjectName: 'Megan Bowen', tenantWide: false, window, defaultWindowDays: 7 }).content);
    expect(json).not.toContain('${template}');
    expect(json).toContain('\\\\[markdown\\\\]');
  });

  it('shows fewer rows when texts are unusually long, and "show more" continues where it stopped', () => {
    const worst = diagnose(worstCase, { language: 'en', audience: 'helpdesk', timeZone: 'UTC', subjectName: 'Megan Bowen', tenantWide: false, window, retentionDays: 30 });
    const big = failureSummaryCard({ diagnosis: worst, language: 'en', audience: 'helpdesk', timeZone: 'UTC', subjectName: 'Megan Bowen', tenantWide: false, window, defaultWindowDays: 7 }).content;
    const shown = executeActions(big).filter((a) => a.verb === 'openTicket').length;
    expect(shown).toBeGreaterThanOrEqual(5);
    expect(shown).toBeLessThanOrEqual(ROWS_PER_CARD);
    expect(executeActions(big).find((a) => a.verb === 'showMore')?.data).toEqual({ offset: shown });
  });
});
