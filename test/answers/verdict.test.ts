/** answers/verdict.ts decides what a sign-in answer leads with; the cards only word it. */
import { chooseVerdict } from '../../src/answers/verdict';
import type { AnswerSubject, ResolvedQuery } from '../../src/answers/types';
import { diagnose, thresholdsWith } from '../../src/diagnosis/diagnose';
import { LISBON, minutesAfter, signIn } from '../fixtures/signIns';
import { query, story } from '../fixtures/cards';

const T0 = '2026-11-26T09:00:00Z';
const MEGAN: AnswerSubject = { kind: 'person', id: '3c9a1f2e-7b4d-4e8a-9c1b-2d5e6f7a8b9c', name: 'Megan Bowen' };
const TENANT: AnswerSubject = { kind: 'tenant' };
const people = Array.from({ length: 6 }, (_, i) => ({
  id: `user-${i}`,
  name: `Person ${i}`,
  upn: `p${i}@contoso.com`,
}));

function verdictFor(
  records: Parameters<typeof diagnose>[0],
  subject: AnswerSubject,
  q: Partial<ResolvedQuery> = {},
  thresholds = thresholdsWith({}),
) {
  const resolved = query({ userId: subject.kind === 'person' ? subject.id : null, ...q });
  return chooseVerdict(
    resolved,
    subject,
    diagnose(records, { tenantWide: subject.kind === 'tenant', intent: resolved.intent, thresholds }),
  );
}

describe('the verdict an answer carries', () => {
  it('a lead finding: its variant, its step id with the finding as facts, the ticket on its sign-in', () => {
    const d = diagnose(story, { tenantWide: false, intent: 'failures' });
    const v = chooseVerdict(query(), MEGAN, d);
    expect(v.kind).toBe('finding');
    if (v.kind !== 'finding') return;
    expect(v.finding).toBe(d.leadFinding);
    expect(v.steps).toMatchObject({ from: 'finding', finding: d.leadFinding });
    expect(v.ticket).toEqual({ signInId: d.leadFinding!.signInId, userId: MEGAN.kind === 'person' ? MEGAN.id : null });
    expect(v.lookupCode).toBe(d.failures.find((f) => f.record.id === d.leadFinding!.signInId)!.code);
  });

  it('sign-ins: the newest one the person made, not a newer background refresh (those are folded below the list)', () => {
    const own = signIn(T0, 0, { appDisplayName: 'Microsoft Teams' });
    const refresh = signIn(minutesAfter(T0, 30), 0, { appDisplayName: 'Microsoft Outlook', isInteractive: false });
    const v = verdictFor([refresh, own], MEGAN, { intent: 'signins' });
    expect(v).toMatchObject({ kind: 'signins', succeeded: 2, newest: { at: new Date(T0), app: 'Microsoft Teams' } });
  });

  it("an outage caused by one Conditional Access policy: named, and its steps are the policy's, not the app's", () => {
    const policy = {
      id: 'p1',
      displayName: 'Block unmanaged devices',
      enforcedGrantControls: ['Block'],
      enforcedSessionControls: [],
      result: 'failure' as const,
    };
    const blocked = people.map((user, i) =>
      signIn(minutesAfter(T0, i * 10), 53003, {
        user,
        appDisplayName: 'Contoso Expenses',
        appliedConditionalAccessPolicies: [policy],
      }),
    );
    const v = verdictFor(blocked, TENANT, { yesNo: true });
    expect(v).toMatchObject({
      kind: 'outage',
      yes: true,
      variant: 'outagePolicy',
      steps: { id: 'appFailingForManyPolicy' },
    });
    const hidden = verdictFor(
      blocked.map((r) => ({ ...r, appliedConditionalAccessPolicies: [] })),
      TENANT,
      { yesNo: true },
    );
    expect(hidden).toMatchObject({ variant: 'outageYes', steps: { id: 'appFailingForManyConditionalAccess' } });
    const app = verdictFor(
      people.map((user, i) => signIn(minutesAfter(T0, i * 10), 700016, { user, appDisplayName: 'Contoso Expenses' })),
      TENANT,
      { yesNo: true },
    );
    expect(app).toMatchObject({ variant: 'outageYes', steps: { id: 'appFailingForMany' } });
  });

  it('no finding: the latest failure, with the catalog steps of its code', () => {
    const v = verdictFor([signIn(T0, 50057, { user: { id: 'id', name: 'A', upn: 'a@x' } })], MEGAN);
    expect(v).toMatchObject({ kind: 'failure', steps: { from: 'catalog', code: 50057 }, lookupCode: 50057 });
    expect(v.ticket?.signInId).toBeTruthy();
  });

  it('nothing found: no steps, no ticket, nothing to look up', () => {
    expect(verdictFor([], MEGAN)).toEqual({ kind: 'none', steps: null, ticket: null, lookupCode: null });
  });

  it('"is there an outage?": yes with the tenant-wide finding and its own code, or no', () => {
    // A spray of code 50053 (configured as a spray code here): the lookup is that code, not a fixed one.
    const spray = people
      .slice(0, 5)
      .map((user, i) => signIn(minutesAfter(T0, i * 3), 50053, { user, ipAddress: '198.51.100.77' }));
    const thresholds = thresholdsWith({ passwordSpray: { codes: [50053] } });
    const yes = verdictFor(spray, TENANT, { yesNo: true }, thresholds);
    expect(yes).toMatchObject({
      kind: 'outage',
      yes: true,
      finding: { kind: 'passwordSpray' },
      steps: { from: 'finding', id: 'passwordSpray' },
      lookupCode: 50053,
    });
    expect(verdictFor([signIn(T0, 0, { ...LISBON })], TENANT, { yesNo: true })).toMatchObject({
      kind: 'outage',
      yes: false,
      ticket: null,
    });
  });

  it('sign-ins of one person: how many succeeded and the newest, never a ticket', () => {
    const ok = [
      signIn(minutesAfter(T0, 5), 0, { appDisplayName: 'Teams' }),
      signIn(T0, 0, { appDisplayName: 'Outlook' }),
    ];
    const v = verdictFor(ok, MEGAN, { intent: 'signins' });
    expect(v).toMatchObject({ kind: 'signins', succeeded: 2, newest: { app: 'Teams' }, ticket: null });
  });
});
