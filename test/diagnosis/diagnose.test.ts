import {
  diagnose,
  groupAttempts,
  thresholdsWith,
  type DiagnoseContext,
  type Diagnosis,
  type Finding,
} from '../../src/diagnosis/diagnose';
import { LISBON, minutesAfter, signIn } from '../fixtures/signIns';

const T0 = '2026-11-26T09:00:00Z';
const context = (overrides: Partial<DiagnoseContext> = {}): DiagnoseContext => ({ tenantWide: false, ...overrides });
const kinds = (d: Diagnosis) => d.findings.map((f) => f.kind);
const finding = <K extends Finding['kind']>(d: Diagnosis, kind: K) =>
  d.findings.find((f) => f.kind === kind) as Extract<Finding, { kind: K }> | undefined;
const people = Array.from({ length: 6 }, (_, i) => ({
  id: `user-${i}`,
  name: `Person ${i}`,
  upn: `p${i}@contoso.com`,
}));

describe('attempts, not rows', () => {
  it('treats an MFA prompt followed by success in the same attempt as prompted-then-succeeded, not a failure', () => {
    const prompt = signIn(T0, 50076);
    const success = signIn(minutesAfter(T0, 1), 0, { correlationId: prompt.correlationId });
    const d = diagnose([success, prompt], context());
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0].outcome).toBe('promptedThenSucceeded');
    expect(d.failures).toEqual([]);
    expect(d.promptedThenSucceeded).toBe(1);
    expect(d.findings).toEqual([]);
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
      ...LISBON,
      conditionalAccessStatus: 'failure',
      appliedConditionalAccessPolicies: [
        {
          id: 'p1',
          displayName: 'Require MFA for all users',
          enforcedGrantControls: ['Mfa'],
          enforcedSessionControls: [],
          result: 'success',
        },
        {
          id: 'p2',
          displayName: 'Block access from outside allowed countries',
          enforcedGrantControls: ['Block'],
          enforcedSessionControls: [],
          result: 'failure',
        },
        {
          id: 'p3',
          displayName: 'Require compliant device',
          enforcedGrantControls: ['CompliantDevice'],
          enforcedSessionControls: [],
          result: 'notApplied',
        },
      ],
    });
    const d = diagnose([record], context());
    expect(d.failures[0].failedPolicies).toEqual([
      { name: 'Block access from outside allowed countries', controls: ['Block'] },
    ]);
    expect(d.failures[0].category).toBe('conditional_access');
    expect(finding(d, 'conditionalAccess')).toMatchObject({
      policy: 'Block access from outside allowed countries',
      controls: ['Block'],
      block: true,
      count: 1,
      app: 'Office 365 Exchange Online',
      origin: { city: 'Lisbon', country: 'PT' },
      // A block's conditions are not in the log: the device is said as Entra saw it, not guessed at.
      device: { known: false, os: 'Windows10' },
      signInId: record.id,
    });
  });

  it('says what Entra knew of the device when a device control was not met', () => {
    const record = signIn(T0, 53000, {
      deviceDetail: {
        deviceId: 'd-1',
        displayName: 'ALICE-LT01',
        operatingSystem: 'Windows10',
        browser: 'Edge',
        isCompliant: false,
        isManaged: true,
        trustType: 'Azure AD joined',
      },
      appliedConditionalAccessPolicies: [
        {
          id: 'p',
          displayName: 'Require compliant device',
          enforcedGrantControls: ['CompliantDevice'],
          enforcedSessionControls: [],
          result: 'failure',
        },
      ],
    });
    expect(finding(diagnose([record], context()), 'conditionalAccess')).toMatchObject({
      controls: ['CompliantDevice'],
      block: false,
      device: {
        name: 'ALICE-LT01',
        os: 'Windows10',
        known: true,
        compliant: false,
        managed: true,
        trust: 'Azure AD joined',
      },
    });
    const unknown = signIn(T0, 53000, { appliedConditionalAccessPolicies: record.appliedConditionalAccessPolicies });
    expect(finding(diagnose([unknown], context()), 'conditionalAccess')?.device).toMatchObject({
      os: 'Windows10',
      browser: 'Edge 131.0.0',
      known: false,
      compliant: null,
      managed: null,
    });
  });

  it('flags legacy protocols from clientAppUsed', () => {
    const d = diagnose(
      [
        signIn(T0, 50126, { clientAppUsed: 'IMAP4' }),
        signIn(minutesAfter(T0, 5), 50126, { clientAppUsed: 'Authenticated SMTP' }),
      ],
      context(),
    );
    expect(d.failures.map((f) => f.legacyClient)).toEqual(['Authenticated SMTP', 'IMAP4']);
    expect(finding(d, 'legacyProtocol')).toMatchObject({ count: 2 });
    expect(finding(d, 'legacyProtocol')?.clients.sort()).toEqual(['Authenticated SMTP', 'IMAP4']);
  });
});

describe('patterns', () => {
  it('spots a lockout: wrong passwords then 50053, with count, time, IP and a new country', () => {
    const home = signIn('2026-11-26T07:00:00Z', 0);
    const wrong = Array.from({ length: 11 }, (_, i) => signIn(minutesAfter(T0, i), 50126, LISBON));
    const locked = signIn(minutesAfter(T0, 12), 50053, LISBON);
    const d = diagnose([home, ...wrong, locked], context());
    expect(d.findings[0]).toEqual({
      kind: 'lockout',
      signInId: locked.id,
      at: new Date('2026-11-26T09:12:00Z'),
      first: new Date(T0),
      evidence: [locked, ...[...wrong].reverse()].map((r) => r.id),
      userId: locked.userId,
      userName: locked.userDisplayName,
      wrongPasswords: 11,
      times: 1,
      origin: { ip: '203.0.113.24', city: 'Lisbon', country: 'PT', unusualCountry: true },
    });
    // The lockout says where it came from: no separate unusual-location finding.
    expect(kinds(d)).toEqual(['lockout']);
  });

  it('does not call two wrong passwords and a lockout code a lockout story', () => {
    const d = diagnose(
      [signIn(T0, 50126), signIn(minutesAfter(T0, 1), 50126), signIn(minutesAfter(T0, 2), 50053)],
      context(),
    );
    expect(kinds(d)).not.toContain('lockout');
  });

  it('spots MFA fatigue at 5 denied requests in 10 minutes, not at 4', () => {
    const burst = (count: number) =>
      Array.from({ length: count }, (_, i) => signIn(minutesAfter(T0, i * 2), 500121, LISBON));
    expect(diagnose(burst(5), context()).findings.map((f) => f.kind)).toContain('mfaFatigue');
    expect(diagnose(burst(4), context()).findings.map((f) => f.kind)).not.toContain('mfaFatigue');
    const spread = Array.from({ length: 5 }, (_, i) => signIn(minutesAfter(T0, i * 4), 500121));
    expect(diagnose(spread, context()).findings.map((f) => f.kind)).not.toContain('mfaFatigue');
  });

  it("uses a tenant's own thresholds when given", () => {
    const three = Array.from({ length: 3 }, (_, i) => signIn(minutesAfter(T0, i * 2), 500121, LISBON));
    expect(diagnose(three, context()).findings.map((f) => f.kind)).not.toContain('mfaFatigue');
    expect(
      diagnose(three, context({ thresholds: thresholdsWith({ mfaFatigue: { minDenied: 3 } }) })).findings.map(
        (f) => f.kind,
      ),
    ).toContain('mfaFatigue');
  });

  it('spots a password spray tenant-wide only: one IP, 5 people, 20 minutes', () => {
    const spray = people
      .slice(0, 5)
      .map((user, i) => signIn(minutesAfter(T0, i * 3), 50126, { user, ipAddress: '198.51.100.77' }));
    const tenant = diagnose(spray, context({ tenantWide: true }));
    expect(finding(tenant, 'passwordSpray')).toMatchObject({ users: 5, minutes: 20, origin: { ip: '198.51.100.77' } });
    expect(diagnose(spray, context()).findings.map((f) => f.kind)).not.toContain('passwordSpray');
    const four = diagnose(spray.slice(0, 4), context({ tenantWide: true }));
    expect(four.findings.map((f) => f.kind)).not.toContain('passwordSpray');
  });

  it("spots an unusual country against the person's other sign-ins", () => {
    const d = diagnose([signIn('2026-11-26T06:00:00Z', 0), signIn(T0, 50126, LISBON)], context());
    expect(finding(d, 'unusualLocation')).toMatchObject({
      count: 1,
      origin: { city: 'Lisbon', country: 'PT', unusualCountry: true },
    });
    const sameCountry = diagnose([signIn('2026-11-26T06:00:00Z', 0), signIn(T0, 50126)], context());
    expect(sameCountry.findings).toEqual([]);
  });

  it('spots a disabled account that keeps being tried', () => {
    const d = diagnose(
      [0, 5, 10].map((m) => signIn(minutesAfter(T0, m), 50057)),
      context(),
    );
    expect(finding(d, 'accountLoop')).toMatchObject({ code: 50057, count: 3 });
  });

  it('spots one app failing for many people with the same code', () => {
    const d = diagnose(
      people
        .slice(0, 3)
        .map((user, i) => signIn(minutesAfter(T0, i * 30), 65001, { user, appDisplayName: 'Contoso Expenses' })),
      context({ tenantWide: true }),
    );
    expect(finding(d, 'appFailingForMany')).toMatchObject({
      app: 'Contoso Expenses',
      code: 65001,
      users: 3,
      policy: null,
      at: new Date(minutesAfter(T0, 60)),
      first: new Date(T0),
    });
  });

  it('one app failing for many because of one Conditional Access policy: the policy is part of the finding', () => {
    const policy = {
      id: 'p1',
      displayName: 'Block unmanaged devices',
      enforcedGrantControls: ['Block'],
      enforcedSessionControls: [],
      result: 'failure' as const,
    };
    const d = diagnose(
      people.slice(0, 3).map((user, i) =>
        signIn(minutesAfter(T0, i * 30), 53003, {
          user,
          appDisplayName: 'Contoso Expenses',
          appliedConditionalAccessPolicies: [policy],
        }),
      ),
      context({ tenantWide: true }),
    );
    expect(finding(d, 'appFailingForMany')).toMatchObject({ code: 53003, policy: 'Block unmanaged devices' });
  });
});

describe('summary and honest emptiness', () => {
  it('summarizes failures per code with first and last time, and a headline naming the latest', () => {
    const d = diagnose(
      [
        signIn(T0, 50126),
        signIn(minutesAfter(T0, 30), 50126),
        signIn(minutesAfter(T0, 60), 53000, { appDisplayName: 'Salesforce' }),
      ],
      context(),
    );
    expect(d.byCode.map((c) => [c.code, c.count])).toEqual([
      [50126, 2],
      [53000, 1],
    ]);
    expect(d.byCode[0].first.toISOString()).toBe('2026-11-26T09:00:00.000Z');
    expect(d.byCode[0].last.toISOString()).toBe('2026-11-26T09:30:00.000Z');
    expect(d.failures[0].record.appDisplayName).toBe('Salesforce');
    expect(d.findings).toEqual([]);
    expect(d.apps).toEqual(['Salesforce', 'Office 365 Exchange Online']);
  });

  it('finds nothing in nothing', () => {
    const d = diagnose([], context());
    expect([d.attempts, d.failures, d.rows, d.findings]).toEqual([[], [], [], []]);
    expect(d.recordCount).toBe(0);
  });

  it('finds an expired password as its own finding, not as an account loop', () => {
    const d = diagnose(
      [0, 5, 10].map((m) => signIn(minutesAfter(T0, m), 50055)),
      context(),
    );
    expect(finding(d, 'expiredPassword')).toMatchObject({ code: 50055, count: 3 });
    expect(kinds(d)).not.toContain('accountLoop');
  });

  it('makes one MFA fatigue finding of several bursts of one person, with the latest burst', () => {
    const burst = (start: string) =>
      Array.from({ length: 5 }, (_, i) => signIn(minutesAfter(start, i), 500121, LISBON));
    const d = diagnose([...burst(T0), ...burst('2026-11-26T15:00:00Z')], context());
    expect(d.findings.filter((f) => f.kind === 'mfaFatigue')).toHaveLength(1);
    // "at" is the newest request (the card lists it first), "first" where the first burst began.
    expect(finding(d, 'mfaFatigue')).toMatchObject({
      requests: 5,
      bursts: 2,
      minutes: 10,
      at: new Date('2026-11-26T15:04:00Z'),
      first: new Date(T0),
    });
    expect(finding(d, 'mfaFatigue')?.evidence).toHaveLength(10);
  });

  it('a run of lockouts: "at" is the newest lockout, "first" the first wrong password, the evidence all of it', () => {
    const wrong = Array.from({ length: 11 }, (_, i) => signIn(minutesAfter(T0, i), 50126, LISBON));
    const locked = signIn(minutesAfter(T0, 12), 50053, LISBON);
    const again = signIn(minutesAfter(T0, 14), 50053, LISBON);
    const d = diagnose([...wrong, locked, again], context());
    expect(finding(d, 'lockout')).toMatchObject({ times: 1, at: new Date(minutesAfter(T0, 14)), first: new Date(T0) });
    expect(finding(d, 'lockout')?.signInId).toBe(again.id);
    expect(finding(d, 'lockout')?.evidence).toEqual([again, locked, ...[...wrong].reverse()].map((r) => r.id));
  });

  it('a question about one kind of failure keeps the finding the other failures explain (a lockout and its wrong passwords)', () => {
    const home = signIn('2026-11-26T07:00:00Z', 0);
    const wrong = Array.from({ length: 11 }, (_, i) => signIn(minutesAfter(T0, i), 50126, LISBON));
    const locked = signIn(minutesAfter(T0, 12), 50053, LISBON);
    const d = diagnose([home, ...wrong, locked], { ...context(), category: 'lockout' });
    expect(d.failures.map((f) => f.record.id)).toEqual([locked.id]);
    expect(d.rows.map((f) => f.record.id)).toEqual([locked.id]);
    expect(finding(d, 'lockout')).toMatchObject({ wrongPasswords: 11, origin: { unusualCountry: true } });
    expect(d.leadFinding?.kind).toBe('lockout');
  });

  it('puts the finding that says most about what to do first', () => {
    const wrong = Array.from({ length: 4 }, (_, i) => signIn(minutesAfter(T0, i), 50126, { clientAppUsed: 'IMAP4' }));
    const d = diagnose([...wrong, signIn(minutesAfter(T0, 5), 50053)], context());
    expect(kinds(d)).toEqual(['lockout', 'legacyProtocol']);
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
    const flow = [
      first,
      ...[1, 2].map((m) => signIn(minutesAfter(T0, m), 50126, { ...LISBON, correlationId: first.correlationId })),
      signIn(minutesAfter(T0, 3), 50053, { ...LISBON, correlationId: first.correlationId }),
    ];
    expect(kinds(diagnose(flow, context()))).toContain('lockout');
  });

  it('splits rows of one correlation id that are hours apart', () => {
    const morning = signIn(T0, 0);
    const later = signIn(minutesAfter(T0, 150), 50126, { correlationId: morning.correlationId });
    const attempts = groupAttempts([morning, later]);
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'succeeded']);
    expect(attempts[0].at.toISOString()).toBe('2026-11-26T11:30:00.000Z');
  });
});
