import { diagnose, groupAttempts, thresholdsWith, type DiagnoseContext } from '../../src/diagnosis/diagnose';
import { ALICE, LISBON, minutesAfter, signIn } from '../fixtures/signIns';

const T0 = '2026-11-26T09:00:00Z';
const context = (overrides: Partial<DiagnoseContext> = {}): DiagnoseContext => ({
  language: 'en', audience: 'helpdesk', timeZone: 'Europe/Amsterdam', subjectName: 'Alice Nguyen', tenantWide: false,
  window: { from: new Date('2026-11-25T23:00:00Z'), to: new Date('2026-11-26T23:00:00Z') }, retentionDays: 30, ...overrides,
});
const people = Array.from({ length: 6 }, (_, i) => ({ id: `user-${i}`, name: `Person ${i}`, upn: `p${i}@contoso.com` }));

describe('attempts, not rows', () => {
  it('treats an MFA prompt followed by success in the same attempt as prompted-then-succeeded, not a failure', () => {
    const prompt = signIn(T0, 50076);
    const success = signIn(minutesAfter(T0, 1), 0, { correlationId: prompt.correlationId });
    const d = diagnose([success, prompt], context());
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0].outcome).toBe('promptedThenSucceeded');
    expect(d.failures).toEqual([]);
    expect(d.promptedThenSucceeded).toBe(1);
    expect(d.headline).toMatch(/No failed sign-ins/);
    expect(d.notes.join(' ')).toMatch(/1 sign-ins asked for something extra/);
  });

  it.each([50058, 50140, 50074, 50125, 50097])('does not count a lone interrupt %p as a failure', (code) => {
    const d = diagnose([signIn(T0, code)], context());
    expect(d.attempts[0].outcome).toBe('interrupted');
    expect(d.failures).toHaveLength(0);
  });

  it('lets the last row of an attempt decide: a prompt that ends in a real failure is a failure', () => {
    const prompt = signIn(T0, 50074);
    const denied = signIn(minutesAfter(T0, 1), 500121, { correlationId: prompt.correlationId });
    const [attempt] = groupAttempts([prompt, denied]);
    expect(attempt.outcome).toBe('failed');
    expect(attempt.final.id).toBe(denied.id);
  });
});

describe('reading the record', () => {
  it('names the one failing Conditional Access policy and its unmet control among several', () => {
    const record = signIn(T0, 53003, {
      ...LISBON, conditionalAccessStatus: 'failure',
      appliedConditionalAccessPolicies: [
        { id: 'p1', displayName: 'Require MFA for all users', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: 'success' },
        { id: 'p2', displayName: 'Block access from outside allowed countries', enforcedGrantControls: ['Block'], enforcedSessionControls: [], result: 'failure' },
        { id: 'p3', displayName: 'Require compliant device', enforcedGrantControls: ['CompliantDevice'], enforcedSessionControls: [], result: 'notApplied' },
      ],
    });
    const d = diagnose([record], context());
    expect(d.failures[0].failedPolicies).toEqual([{ name: 'Block access from outside allowed countries', controls: ['Block'] }]);
    expect(d.failures[0].explanation.known).toBe(true);
    expect(d.headline).toBe('The Conditional Access policy "Block access from outside allowed countries" blocked a sign-in outright at Thu 26 Nov, 10:00 in Office 365 Exchange Online from Lisbon, PT.');
  });

  it('says what Entra knew of the device when a device control was not met', () => {
    const record = signIn(T0, 53000, {
      deviceDetail: { deviceId: 'd-1', displayName: 'ALICE-LT01', operatingSystem: 'Windows10', browser: 'Edge', isCompliant: false, isManaged: true, trustType: 'Azure AD joined' },
      appliedConditionalAccessPolicies: [{ id: 'p', displayName: 'Require compliant device', enforcedGrantControls: ['CompliantDevice'], enforcedSessionControls: [], result: 'failure' }],
    });
    expect(diagnose([record], context()).headline).toMatch(/requires a compliant device, at .*\. The device \(ALICE-LT01, Windows10\) was not compliant and managed, Azure AD joined\.$/);
    const unknown = signIn(T0, 53000, { appliedConditionalAccessPolicies: record.appliedConditionalAccessPolicies });
    expect(diagnose([unknown], context()).headline).toMatch(/The device \(Windows10, Edge 131\.0\.0\) was not known to Entra ID and not managed by Intune\.$/);
  });

  it('flags legacy protocols from clientAppUsed', () => {
    const d = diagnose([signIn(T0, 50126, { clientAppUsed: 'IMAP4' }), signIn(minutesAfter(T0, 5), 50126, { clientAppUsed: 'Authenticated SMTP' })], context());
    expect(d.failures.map((f) => f.legacyClient)).toEqual(['Authenticated SMTP', 'IMAP4']);
    expect(d.patterns.find((p) => p.kind === 'legacyProtocol')?.headline).toMatch(/2 failed attempts used legacy authentication \((Authenticated SMTP, IMAP4|IMAP4, Authenticated SMTP)\)/);
  });
});

describe('patterns', () => {
  it('spots a lockout: wrong passwords then 50053, with count, time, IP and a new country', () => {
    const home = signIn('2026-11-26T07:00:00Z', 0);
    const wrong = Array.from({ length: 11 }, (_, i) => signIn(minutesAfter(T0, i), 50126, LISBON));
    const locked = signIn(minutesAfter(T0, 12), 50053, LISBON);
    const d = diagnose([home, ...wrong, locked], context());
    const lockout = d.patterns.find((p) => p.kind === 'lockout');
    expect(lockout?.headline).toBe("Alice Nguyen was locked out at Thu 26 Nov, 10:12 after 11 wrong passwords from 203.0.113.24 (Lisbon, PT), a country not seen in their other sign-ins of this period.");
    expect(d.headline).toBe(lockout?.headline);
  });

  it('does not call two wrong passwords and a lockout code a lockout story', () => {
    const d = diagnose([signIn(T0, 50126), signIn(minutesAfter(T0, 1), 50126), signIn(minutesAfter(T0, 2), 50053)], context());
    expect(d.patterns.some((p) => p.kind === 'lockout')).toBe(false);
  });

  it('spots MFA fatigue at 5 denied requests in 10 minutes, not at 4', () => {
    const burst = (count: number) => Array.from({ length: count }, (_, i) => signIn(minutesAfter(T0, i * 2), 500121, LISBON));
    expect(diagnose(burst(5), context()).patterns.map((p) => p.kind)).toContain('mfaFatigue');
    expect(diagnose(burst(4), context()).patterns.map((p) => p.kind)).not.toContain('mfaFatigue');
    const spread = Array.from({ length: 5 }, (_, i) => signIn(minutesAfter(T0, i * 4), 500121));
    expect(diagnose(spread, context()).patterns.map((p) => p.kind)).not.toContain('mfaFatigue');
  });

  it('uses a tenant\'s own thresholds when given', () => {
    const three = Array.from({ length: 3 }, (_, i) => signIn(minutesAfter(T0, i * 2), 500121, LISBON));
    expect(diagnose(three, context()).patterns.map((p) => p.kind)).not.toContain('mfaFatigue');
    expect(diagnose(three, context({ thresholds: thresholdsWith({ mfaFatigue: { minDenied: 3 } }) })).patterns.map((p) => p.kind)).toContain('mfaFatigue');
  });

  it('spots a password spray tenant-wide only: one IP, 5 people, 20 minutes', () => {
    const spray = people.slice(0, 5).map((user, i) => signIn(minutesAfter(T0, i * 3), 50126, { user, ipAddress: '198.51.100.77' }));
    const tenant = diagnose(spray, context({ tenantWide: true }));
    expect(tenant.patterns.find((p) => p.kind === 'passwordSpray')?.headline).toMatch(/198\.51\.100\.77 .* 5 different people within 20 minutes/);
    expect(diagnose(spray, context()).patterns.map((p) => p.kind)).not.toContain('passwordSpray');
    const four = diagnose(spray.slice(0, 4), context({ tenantWide: true }));
    expect(four.patterns.map((p) => p.kind)).not.toContain('passwordSpray');
  });

  it('spots an unusual country against the person\'s other sign-ins', () => {
    const d = diagnose([signIn('2026-11-26T06:00:00Z', 0), signIn(T0, 50126, LISBON)], context());
    expect(d.patterns.find((p) => p.kind === 'unusualLocation')?.headline).toMatch(/Lisbon, PT/);
    const sameCountry = diagnose([signIn('2026-11-26T06:00:00Z', 0), signIn(T0, 50126)], context());
    expect(sameCountry.patterns).toEqual([]);
  });

  it('spots a disabled account that keeps being tried', () => {
    const d = diagnose([0, 5, 10].map((m) => signIn(minutesAfter(T0, m), 50057)), context());
    expect(d.patterns.find((p) => p.kind === 'accountLoop')?.headline).toMatch(/^3 attempts since .* failed with the same account problem/);
  });

  it('spots one app failing for many people with the same code', () => {
    const d = diagnose(people.slice(0, 3).map((user, i) => signIn(minutesAfter(T0, i * 30), 65001, { user, appDisplayName: 'Contoso Expenses' })), context({ tenantWide: true }));
    expect(d.patterns.find((p) => p.kind === 'appFailingForMany')?.headline).toMatch(/^Contoso Expenses failed for 3 different people with error 65001/);
  });
});

describe('summary and honest emptiness', () => {
  it('summarizes failures per code with first and last time, and a headline naming the latest', () => {
    const d = diagnose([signIn(T0, 50126), signIn(minutesAfter(T0, 30), 50126), signIn(minutesAfter(T0, 60), 53000, { appDisplayName: 'Salesforce' })], context());
    expect(d.byCode.map((c) => [c.code, c.count])).toEqual([[50126, 2], [53000, 1]]);
    expect(d.byCode[0].first.toISOString()).toBe('2026-11-26T09:00:00.000Z');
    expect(d.byCode[0].last.toISOString()).toBe('2026-11-26T09:30:00.000Z');
    expect(d.headline).toMatch(/^Alice Nguyen had 3 failed sign-in attempts between .*\. Most recent: .* in Salesforce at 11:00\.$/);
    expect(d.apps).toEqual(['Salesforce', 'Office 365 Exchange Online']);
  });

  it('says that nothing was found, that events can lag, and how far back the log reaches', () => {
    const d = diagnose([], context({ retentionDays: 7 }));
    expect(d.headline).toMatch(/^No failed sign-ins for for Alice Nguyen between/);
    expect(d.notes.join(' ')).toMatch(/several minutes.*7 days/);
  });

  it('says when the range was clamped to the retention window and when results were truncated', () => {
    const d = diagnose([signIn(T0, 50126)], context({ clampedFrom: new Date('2026-10-28T10:00:00Z'), truncated: true }));
    expect(d.notes.join(' ')).toMatch(/only reaches back 30 days/);
    expect(d.notes.join(' ')).toMatch(/Only the newest 1 sign-ins/);
  });

  it('words an empty tenant-wide answer without a person', () => {
    expect(diagnose([], context({ tenantWide: true })).headline).toMatch(/^No failed sign-ins for between /);
  });

  it('speaks to the asker as "you" about their own sign-ins', () => {
    const wrong = Array.from({ length: 4 }, (_, i) => signIn(minutesAfter(T0, i), 50126, LISBON));
    const d = diagnose([...wrong, signIn(minutesAfter(T0, 5), 50053, LISBON)], context({ self: true, subjectName: 'You' }));
    expect(d.headline).toMatch(/^Your account was locked at Thu 26 Nov, 10:05 after 4 wrong passwords/);
  });

  it('speaks Dutch to a Dutch asker', () => {
    const d = diagnose([], context({ language: 'nl', subjectName: ALICE.name }));
    expect(d.headline).toMatch(/^Geen mislukte aanmeldingen gevonden voor Alice Nguyen/);
  });
});

describe('attempts inside one correlation id', () => {
  it('counts a wrong password followed by the right one as a failure and a success, not as "prompted"', () => {
    const wrong = signIn(T0, 50126);
    const right = signIn(minutesAfter(T0, 1), 0, { correlationId: wrong.correlationId });
    const d = diagnose([wrong, right], context());
    expect(d.failures.map((f) => f.code)).toEqual([50126]);
    expect(d.promptedThenSucceeded).toBe(0);
    expect(d.succeeded).toBe(1);
  });

  it('finds a lockout that happened inside one sign-in flow', () => {
    const first = signIn(T0, 50126, LISBON);
    const flow = [first, ...[1, 2].map((m) => signIn(minutesAfter(T0, m), 50126, { ...LISBON, correlationId: first.correlationId })), signIn(minutesAfter(T0, 3), 50053, { ...LISBON, correlationId: first.correlationId })];
    expect(diagnose(flow, context()).patterns.map((p) => p.kind)).toContain('lockout');
  });

  it('splits rows of one correlation id that are hours apart', () => {
    const morning = signIn(T0, 0);
    const later = signIn(minutesAfter(T0, 150), 50126, { correlationId: morning.correlationId });
    const attempts = groupAttempts([morning, later]);
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'succeeded']);
    expect(attempts[0].at.toISOString()).toBe('2026-11-26T11:30:00.000Z');
  });
});
